from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from saferplan.backup import BackupError, restore

from .backup import megabytes


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from an archive made by `saferplan backup`. "
        "Refused when the database or the upload folder holds anything, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="an archive made by saferplan backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace whatever the database and the upload folder hold",
        )

    def handle(self, *args, file, force, **options):
        try:
            done = restore(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"cannot write the database: {error}".splitlines()[0]) from None
        self.stdout.write(
            f"Restored the {done.vendor} database ({megabytes(done.database_bytes)}) and "
            f"{done.files:,} uploaded files ({megabytes(done.file_bytes)}) from {file}"
        )
