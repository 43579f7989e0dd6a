from django.core.management.base import BaseCommand, CommandError

from saferplan.crime.areas import import_boundaries
from saferplan.crime.files import BadFile


class Command(BaseCommand):
    help = (
        "Load ward or LSOA polygons from an ONS GeoJSON file (the kind is told by its WDyyCD or "
        "LSOAyyCD property). Loading a file again updates the polygons in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.geojson")

    def handle(self, *args, file, **options):
        try:
            result = import_boundaries(file)
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except BadFile as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.name}: {result.read:,} {result.what} read, {result.created:,} added, "
            f"{result.updated:,} updated"
        )
