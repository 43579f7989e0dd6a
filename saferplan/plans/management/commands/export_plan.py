from pathlib import Path

from django.core.management.base import BaseCommand

from saferplan.plans import spreadsheet
from saferplan.plans.commands import plan_arg
from saferplan.plans.models import Action


class Command(BaseCommand):
    help = "Export a year's plan as a spreadsheet, one row per action with its latest update."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--year", required=True, type=int, help="2014 for 2014-15")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
        parser.add_argument("--out", required=True, metavar="FILE")

    def handle(self, *args, partnership, year, format, out, **options):
        plan = plan_arg(partnership, year)
        path = Path(out)
        if format == "xlsx":
            path.write_bytes(spreadsheet.xlsx_bytes(plan))
        else:
            with path.open("w", newline="", encoding="utf-8-sig") as handle:
                spreadsheet.write_csv(plan, handle)
        count = Action.objects.of_plan(plan).count()
        self.stdout.write(f"Exported {plan} of {plan.partnership}: {count} actions to {path}")
