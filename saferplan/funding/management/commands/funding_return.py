from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.funding import returns
from saferplan.funding.models import Grant
from saferplan.partnerships.models import Partnership

WRITERS = {"csv": returns.as_csv, "xlsx": returns.as_xlsx}


class Command(BaseCommand):
    help = "Write a grant's monitoring return for a quarter (1-4) or the whole year."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument(
            "--year", required=True, type=int, help="2014 for April 2014-March 2015"
        )
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], default=0)
        parser.add_argument("--funder", help="needed only when the year has several grants")
        parser.add_argument("--format", required=True, choices=sorted(WRITERS))
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, partnership, year, quarter, funder, **options):
        grants = Grant.objects.filter(partnership__slug=partnership, year=year)
        if not Partnership.objects.filter(slug=partnership).exists():
            raise CommandError(f"partnership: there is no partnership {partnership!r}")
        if funder:
            grants = grants.filter(funder__iexact=funder)
        found = list(grants)
        if not found:
            raise CommandError(
                f"{partnership} has no grant for {year}" + (f" from {funder}" if funder else "")
            )
        if len(found) > 1:
            names = "; ".join(grant.funder for grant in found)
            raise CommandError(
                f"{partnership} has several grants for {year}: choose one with --funder ({names})"
            )
        monitoring = returns.monitoring_return(found[0], quarter)
        options["out"].write_bytes(WRITERS[options["format"]](monitoring))
        self.stdout.write(
            f"Wrote {monitoring.title} to {options['out']}: {len(monitoring.allocations) - 1} "
            f"allocations, {len(monitoring.projects)} projects, spend up to {monitoring.as_at}"
        )
