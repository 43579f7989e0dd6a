"""Budget, committed, spent, forecast and unallocated: every figure is the sum of its records."""

from datetime import date
from decimal import Decimal

import time_machine

from saferplan.funding.figures import grant_figures
from saferplan.funding.models import Allocation, FundedProject, Spend


def by_name(rows):
    return {row.name: row for row in rows}


def test_figures_add_up_from_the_records(grant):
    rows, total = grant_figures(grant)
    for row in rows:
        spend = Spend.objects.filter(allocation=row.allocation)
        assert row.spent == sum(s.amount for s in spend)
        live = row.allocation.projects.exclude(status="cancelled")
        unpromised = sum(s.amount for s in spend if s.project_id is None)
        assert row.committed == sum(p.amount_awarded for p in live) + unpromised
        assert row.unallocated == row.budget - row.committed
    assert total.spent == sum(s.amount for s in Spend.objects.filter(allocation__grant=grant))
    assert total.budget == grant.amount
    assert str(total.spent) == "10850.50", "money must keep its pence"


def test_forecast_adds_what_running_projects_still_have_to_draw(grant):
    rows = by_name(grant_figures(grant)[0])
    assert rows["Commissioning"].forecast == Decimal("12000.00")  # 9,000 paid + 3,000 to come
    project = FundedProject.objects.get(title="Advocacy")
    project.status = FundedProject.Status.COMPLETED  # finished under budget: no more to draw
    project.save()
    assert by_name(grant_figures(grant)[0])["Commissioning"].forecast == Decimal("9000.00")


def test_spend_up_to_a_date_counts_only_what_was_paid_by_then(grant):
    rows = by_name(grant_figures(grant, until=date(2014, 6, 30))[0])
    assert rows["Commissioning"].spent == Decimal("3000.00")
    assert rows["Publicity"].spent == 0


def test_spend_beyond_an_allocation_is_flagged(grant):
    publicity = Allocation.objects.get(name="Publicity")
    Spend.objects.create(
        allocation=publicity, date=date(2014, 10, 1), amount=Decimal("4200"), payee="Printer"
    )
    rows = by_name(grant_figures(grant)[0])
    assert rows["Publicity"].flags == ["Overspent by £50.50"]


@time_machine.travel(date(2015, 1, 15))
def test_money_not_committed_in_the_last_quarter_is_an_underspend_risk(grant):
    rows = by_name(grant_figures(grant)[0])
    assert rows["Small grants"].flags == [
        "Underspend risk: £8,317.00 not committed with less than a quarter of the year left"
    ]
    assert rows["Commissioning"].flags == [
        "Underspend risk: £8,000.00 not committed with less than a quarter of the year left"
    ]


@time_machine.travel(date(2014, 12, 31))
def test_no_underspend_risk_before_the_last_quarter(grant):
    assert all(row.flags == [] for row in grant_figures(grant)[0])
