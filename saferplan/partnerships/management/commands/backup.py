from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from saferplan.backup import BackupError, backup


def megabytes(count):
    return f"{count / 1e6:,.1f} MB"


class Command(BaseCommand):
    help = (
        "Back up the database and every uploaded file into one archive (a .tar.gz), consistent "
        "while the site runs. `saferplan restore FILE` puts them back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the archive to write, e.g. site.tar.gz")

    def handle(self, *args, file, **options):
        try:
            done = backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"cannot read the database: {error}".splitlines()[0]) from None
        self.stdout.write(
            f"Backed up the {done.vendor} database ({megabytes(done.database_bytes)}) and "
            f"{done.files:,} uploaded files ({megabytes(done.file_bytes)}) to {file}"
        )
