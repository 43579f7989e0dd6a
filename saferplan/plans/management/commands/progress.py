import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from saferplan import safe_cells
from saferplan.plans import selectors
from saferplan.plans.commands import plan_arg


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-at: {text!r} is not a date in the form YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Print how many of a plan's actions are completed, underway and not started, by "
        "priority, emerging issue or lead agency, today or as at a past date: the same numbers "
        "the pages and reports show."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--year", required=True, type=int, help="2014 for 2014-15")
        parser.add_argument("--by", choices=list(selectors.GROUPINGS), default="priority")
        parser.add_argument("--as-at", metavar="YYYY-MM-DD", help="default: today")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, partnership, year, by, as_at, format, **options):
        plan = plan_arg(partnership, year)
        result = selectors.plan_progress(plan, by=by, as_at=iso_date(as_at) if as_at else None)
        if format == "json":
            self.stdout.write(json.dumps(as_json(result), indent=2))
            return
        writer = safe_cells.csv_writer(self.stdout)
        writer.writerow([by, "completed", "underway", "not_started", "total"])
        for counts in [*result.groups, result.total]:
            writer.writerow([counts.label, *counts.as_dict().values()])


def as_json(result):
    return {
        "partnership": result.plan.partnership.slug,
        "plan": result.plan.label,
        "as_at": result.as_at.isoformat(),
        "by": result.by,
        "groups": [{"name": g.label, **g.as_dict()} for g in result.groups],
        "total": result.total.as_dict(),
        "overdue": [a.code for a in result.overdue],
        "stale": [a.code for a in result.stale],
        "stale_after_days": result.stale_after_days,
    }
