import datetime

from django.core.management.base import BaseCommand, CommandError

from saferplan import safe_cells
from saferplan.crime import selectors
from saferplan.crime.areas import DISTRICT_CODE
from saferplan.partnerships import access as rules
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
        "Print the police.uk counts of a partnership's districts, or of any one district in the "
        "files loaded, one row per month and crime type (and ward): the numbers the Crime and "
        "ASB page and reports are made from. ASB is the type 'Anti-social behaviour'."
    )

    def add_arguments(self, parser):
        whose = parser.add_mutually_exclusive_group(required=True)
        whose.add_argument("--partnership", metavar="SLUG")
        whose.add_argument("--district", metavar="LADCODE", help="an ONS code, e.g. E07000114")
        parser.add_argument("--by", default="month,category", help=" or ".join(GROUPINGS))
        parser.add_argument("--from", dest="first", metavar="YYYY-MM", help="the first month")
        parser.add_argument("--to", dest="last", metavar="YYYY-MM", help="the last month")
        parser.add_argument("--format", choices=["csv"], default="csv")

    def handle(self, *args, partnership, district, by, first, last, format, **options):
        by = by.replace(" ", "")
        if by not in GROUPINGS:
            raise CommandError(f"--by: {by!r} is not one of {' or '.join(GROUPINGS)}")
        first = month_arg("--from", first) if first else None
        last = month_arg("--to", last) if last else None
        if first and last and first > last:
            raise CommandError(f"--from {first:%Y-%m} is after --to {last:%Y-%m}")
        options = {"by_ward": by.endswith("ward"), "first": first, "last": last}
        if district:
            rows = selectors.counts_by_district(checked_district(district), **options)
        else:
            found = Partnership.objects.filter(slug=partnership).first()
            if found is None:
                raise CommandError(f"--partnership: no partnership has the slug {partnership!r}")
            rows = selectors.counts_by(found, **options)
        writer = safe_cells.csv_writer(self.stdout)
        writer.writerow(GROUPINGS[by])
        for month, *rest in rows:
            writer.writerow([f"{month:%Y-%m}", *rest])


def checked_district(text):
    """The district code given, if the files loaded have rows of it."""
    code = text.strip().upper()
    if not DISTRICT_CODE.fullmatch(code):
        raise CommandError(f"--district: {text!r} is not a district code (such as E07000114)")
    if not rules.areas_of_districts([code]).exists():
        raise CommandError(f"--district: {code} is in no area lookup loaded")
    if not rules.counts_of_districts([code]).exists():
        raise CommandError(f"--district: the police.uk files loaded have no rows in {code}")
    return code
