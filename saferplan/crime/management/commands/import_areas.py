from django.core.management.base import BaseCommand, CommandError

from saferplan.crime.areas import import_areas
from saferplan.crime.files import BadFile


class Command(BaseCommand):
    help = (
        "Load ONS lookups of LSOA → ward → local authority district (2011 or 2021 LSOAs, any "
        "vintage of ward and district columns) and the LSOA 2011 → 2021 bridge. Loading a file "
        "again updates the areas in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        try:
            results = import_areas(files)
        except FileNotFoundError as error:
            raise CommandError(f"{error.filename}: no such file") from None
        except BadFile as error:
            raise CommandError(str(error)) from None
        for result in results:
            self.stdout.write(
                f"{result.name} ({result.what}): {result.read:,} rows read, "
                f"{result.created:,} areas added, {result.updated:,} updated"
            )
