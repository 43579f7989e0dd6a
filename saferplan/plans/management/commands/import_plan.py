from django.core.management.base import BaseCommand, CommandError

from saferplan.plans import spreadsheet
from saferplan.plans.commands import partnership_arg
from saferplan.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Import a year's plan from a spreadsheet (.csv or .xlsx), one row per action. Every row "
        "is checked first; a bad row is named and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument(
            "--year", required=True, type=int, help="the year it starts: 2014 for 2014-15"
        )
        parser.add_argument(
            "--status",
            choices=Plan.Stage.values,
            default=Plan.Stage.ADOPTED,
            help="the plan's stage (default: adopted)",
        )

    def handle(self, *args, file, partnership, year, status, **options):
        partnership = partnership_arg(partnership)
        try:
            rows = spreadsheet.read_plan(file, partnership)
            plan = spreadsheet.save_plan(
                partnership=partnership, year=year, rows=rows, status=status
            )
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except spreadsheet.BadSpreadsheet as error:
            if error.count > 1:
                for line in error.lines():
                    self.stderr.write(line)
            raise CommandError(error.summary(file)) from None
        priorities = plan.priorities.count()
        issues = sum(p.issues.count() for p in plan.priorities.all())
        self.stdout.write(
            f"Imported {plan} for {partnership}: {len(rows)} actions read and saved, under "
            f"{issues} emerging issues and {priorities} priorities"
        )
        for line in spreadsheet.target_date_warnings(rows, year):
            self.stdout.write(f"Check {line}")
