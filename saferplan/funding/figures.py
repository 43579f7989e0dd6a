"""The money figures every funding page, return and report shows, added up from the records.

committed   what has been promised: each live project's award, plus spend on nothing promised
spent       what has been paid (up to a date, for a return)
forecast    what will have been paid by 31 March: spend, plus what running projects have still
            to draw
unallocated budget - committed
variance    budget - forecast (above zero: money likely to be left; below zero: an overspend)
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from .models import PENNY, FundedProject, Spend

ZERO = Decimal("0.00")
STILL_DRAWING = {FundedProject.Status.PLANNED, FundedProject.Status.RUNNING}


@dataclass
class Figures:
    name: str
    budget: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    forecast: Decimal = ZERO
    flags: list = field(default_factory=list)
    allocation: object = None

    @property
    def unallocated(self):
        return self.budget - self.committed

    @property
    def variance(self):
        return self.budget - self.forecast

    @property
    def spent_share(self):
        """Spent as a share of budget, 0-100, for progress bars."""
        return min(100, round(100 * self.spent / self.budget)) if self.budget else 0


@dataclass
class ProjectFigures:
    project: FundedProject
    spent: Decimal

    @property
    def still_to_draw(self):
        if self.project.status not in STILL_DRAWING:
            return ZERO
        return max(self.project.amount_awarded - self.spent, ZERO)


def quarter_end(year, quarter):
    """The last day of a quarter of the financial year starting in April of `year` (0: the year)."""
    return {
        1: date(year, 6, 30),
        2: date(year, 9, 30),
        3: date(year, 12, 31),
        4: date(year + 1, 3, 31),
        0: date(year + 1, 3, 31),
    }[quarter]


def spend_totals(grant, until=None):
    """{(allocation id, project id or None): total spend}, up to `until`: one query that every
    figure of the grant is added up from (three queries were a fifth of the report's funding)."""
    spend = Spend.objects.filter(allocation__grant=grant)
    if until:
        spend = spend.filter(date__lte=until)
    rows = spend.values_list("allocation", "project").annotate(total=Sum("amount")).order_by()
    # SQLite's sums lose the trailing zeros; money always shows its pence.
    return {(allocation, project): total.quantize(PENNY) for allocation, project, total in rows}


def by_allocation(totals, *, no_project=False):
    """{allocation id: total} of `spend_totals`; only the spend on no project if `no_project`."""
    summed = defaultdict(lambda: ZERO)
    for (allocation, project), total in totals.items():
        if project is None or not no_project:
            summed[allocation] += total
    return summed


def by_project(totals):
    """{project id: total} of `spend_totals`."""
    summed = defaultdict(lambda: ZERO)
    for (_, project), total in totals.items():
        if project is not None:
            summed[project] += total
    return summed


def project_figures(grant, until=None, *, totals=None):
    """`totals`: the grant's `spend_totals` up to `until`, when the caller has them already."""
    spent = by_project(spend_totals(grant, until) if totals is None else totals)
    projects = (
        FundedProject.objects.filter(allocation__grant=grant)
        .select_related("allocation", "priority", "case_study")
        .order_by("allocation", "organisation", "title")
    )
    return [ProjectFigures(project, spent[project.pk]) for project in projects]


def grant_figures(grant, *, until=None, today=None, projects=None, totals=None):
    """Figures per allocation and in total, with spend counted up to `until` (default: all).
    `projects` and `totals`: the grant's `project_figures` and `spend_totals` with all spend,
    when the caller has them already.

    The forecast is always today's best estimate of the outturn, from all spend so far, so that a
    return for an earlier quarter shows what is known now.
    """
    today = today or timezone.localdate()
    totals = spend_totals(grant) if totals is None else totals
    projects = project_figures(grant, totals=totals) if projects is None else projects
    spent_so_far = by_allocation(totals)
    spent = spent_so_far if until is None else by_allocation(spend_totals(grant, until))
    spent_on_no_project = by_allocation(totals, no_project=True)
    rows = []
    for allocation in grant.allocations.all():
        own = [p for p in projects if p.project.allocation_id == allocation.pk]
        live = [p for p in own if p.project.status != FundedProject.Status.CANCELLED]
        row = Figures(
            name=allocation.name,
            allocation=allocation,
            budget=allocation.budget,
            committed=sum((p.project.amount_awarded for p in live), ZERO)
            + spent_on_no_project[allocation.pk],
            spent=spent[allocation.pk],
            forecast=spent_so_far[allocation.pk] + sum((p.still_to_draw for p in own), ZERO),
        )
        row.flags = warnings(row, grant, today)
        rows.append(row)
    total = Figures(
        name="Total",
        budget=grant.amount,
        committed=sum((r.committed for r in rows), ZERO),
        spent=sum((r.spent for r in rows), ZERO),
        forecast=sum((r.forecast for r in rows), ZERO),
    )
    total.flags = warnings(total, grant, today)
    return rows, total


def warnings(row, grant, today):
    flags = []
    if row.spent > row.budget:
        flags.append(f"Overspent by £{row.spent - row.budget:,.2f}")
    elif row.forecast > row.budget:
        flags.append(f"Forecast to overspend by £{row.forecast - row.budget:,.2f}")
    elif row.committed > row.budget:
        flags.append(f"Committed £{row.committed - row.budget:,.2f} beyond the budget")
    final_quarter = date(grant.year + 1, 1, 1)
    if final_quarter <= today <= grant.ends and row.unallocated > 0:
        flags.append(
            f"Underspend risk: £{row.unallocated:,.2f} not committed with less than a quarter "
            "of the year left"
        )
    elif today > grant.ends and row.unallocated > 0:
        flags.append(
            f"Uncommitted: £{row.unallocated:,.2f} was not committed by the end of the "
            f"grant's year, {grant.ends:%-d %B %Y}"
        )
    return flags
