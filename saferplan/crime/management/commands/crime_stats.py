import datetime

from django.core.management.base import BaseCommand, CommandError

from saferplan import safe_cells
from saferplan.crime import selectors
from saferplan.partnerships.models import Partnership

GROUPINGS = {
    "month,category": ["month", "category", "count"],
    "month,category,ward": ["month", "category", "ward_code", "ward_name", "count"],
}


def month_arg(option, text):
    try:
        return datetime.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise CommandError(f"{option}: {text!r} is not a month in the form YYYY-MM") from None


class Command(BaseCommand):
    help = (
        "Print the police.uk counts of a partnership's districts, one row per month and crime "
        "type (and ward): the numbers the Crime and ASB page and reports are made from. ASB is "
        "the type 'Anti-social behaviour'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--by", default="month,category", help=" or ".join(GROUPINGS))
        parser.add_argument("--from", dest="first", metavar="YYYY-MM", help="the first month")
        parser.add_argument("--to", dest="last", metavar="YYYY-MM", help="the last month")
        parser.add_argument("--format", choices=["csv"], default="csv")

    def handle(self, *args, partnership, by, first, last, format, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"--partnership: no partnership has the slug {partnership!r}")
        by = by.replace(" ", "")
        if by not in GROUPINGS:
            raise CommandError(f"--by: {by!r} is not one of {' or '.join(GROUPINGS)}")
        first = month_arg("--from", first) if first else None
        last = month_arg("--to", last) if last else None
        if first and last and first > last:
            raise CommandError(f"--from {first:%Y-%m} is after --to {last:%Y-%m}")
        rows = selectors.counts_by(found, by_ward=by.endswith("ward"), first=first, last=last)
        writer = safe_cells.csv_writer(self.stdout)
        writer.writerow(GROUPINGS[by])
        for month, *rest in rows:
            writer.writerow([f"{month:%Y-%m}", *rest])
