from django.core.management.base import BaseCommand, CommandError

from saferplan.crime.areas import import_population
from saferplan.crime.files import BadFile


class Command(BaseCommand):
    help = "Set the population of each LSOA from a CSV file with columns lsoacd and population."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        try:
            result = import_population(file)
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except BadFile as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.name}: {result.read:,} LSOAs read, {result.updated:,} populations set, "
            f"{result.left_out:,} left out (LSOA not among the areas loaded)"
        )
