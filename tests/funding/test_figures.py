"""Budget, committed, spent, forecast and unallocated: every figure is the sum of its records."""

import re
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


@time_machine.travel(date(2015, 4, 15))
def test_money_not_committed_when_the_grants_year_has_ended_is_flagged(grant):
    rows, total = grant_figures(grant)
    rows = by_name(rows)
    assert rows["Small grants"].flags == [
        "Uncommitted: £8,317.00 was not committed by the end of the grant's year, 31 March 2015"
    ]
    assert rows["Publicity"].flags == [
        "Uncommitted: £4,149.50 was not committed by the end of the grant's year, 31 March 2015"
    ]
    assert total.flags == [
        "Uncommitted: £20,466.50 was not committed by the end of the grant's year, 31 March 2015"
    ]


@time_machine.travel(date(2015, 4, 15))
def test_the_grant_page_flags_uncommitted_money_and_its_chart_reads_in_pounds(client, world, grant):
    client.force_login(world.councillor)
    page = client.get(f"/p/thanet/funding/grants/{grant.pk}/").content.decode()
    assert (
        '<strong class="sp-tag sp-tag--red">Uncommitted: £8,317.00 was not committed by the end '
        "of the grant&#x27;s year, 31 March 2015</strong>"
    ) in page
    overview = client.get("/p/thanet/funding/").content.decode()
    assert "Uncommitted: £20,466.50 was not committed" in overview
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", page)
    ticks = [text for text in texts if text.startswith("£")]
    assert ticks[:3] == ["£0", "£2,500", "£5,000"] and "£20,000" in ticks
    assert not [text for text in texts if text.isdigit()], "no money without £ and commas"
