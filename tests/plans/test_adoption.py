"""Adopting a plan asks first (issue 17, item 4): the coordinator confirms it on its own page
with the decision's date, which may be earlier than today, and the body that took it; the plan,
its consultation, the public meeting pages and its reports then say who adopted it and when."""

import datetime
import re

import pytest
from django.utils import timezone

from saferplan.plans.models import Plan
from saferplan.reports import kinds
from saferplan.reports.models import Report

from .conftest import at


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def ready(world, plans):
    """The 2015-16 draft, set up on 1 February 2015, out for consultation from 3 March, its one
    comment answered."""
    plans.comment.answer(response="noted", note="Thank you.", by=world.coordinator)
    Plan.objects.filter(pk=plans.draft.pk).update(created=at(2015, 2, 1))
    plans.draft.refresh_from_db()
    return plans.draft


def adopt(client, world, **data):
    client.force_login(world.coordinator)
    return client.post("/p/thanet/plan/2015/adopt/", data)


def test_adopting_asks_for_the_decision_and_the_plan_says_who_adopted_it_and_when(
    client, world, ready
):
    client.force_login(world.coordinator)
    plan_page = text(client.get("/p/thanet/plan/2015/"))
    assert 'href="/p/thanet/plan/2015/adopt/">Adopt the plan</a>' in plan_page
    form = text(client.get("/p/thanet/plan/2015/adopt/"))
    assert "Adopting cannot be undone." in form
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in form, "today, until changed"
    ready.refresh_from_db()
    assert ready.status == Plan.Stage.CONSULTATION, "asking adopts nothing"

    response = adopt(client, world, adopted_on="2015-03-19", adopted_by="  Cabinet ")
    assert response.status_code == 302 and response.url == "/p/thanet/plan/2015/"
    ready.refresh_from_db()
    assert (ready.status, ready.adopted_on, ready.adopted_by) == (
        Plan.Stage.ADOPTED,
        datetime.date(2015, 3, 19),
        "Cabinet",
    )
    assert ready.versions.filter(stage=Plan.Stage.ADOPTED).count() == 1

    client.force_login(world.councillor)
    assert "adopted by Cabinet on 19 March 2015" in text(client.get("/p/thanet/plan/2015/"))
    consultation = text(client.get("/p/thanet/plan/2015/consultation/"))
    assert "the plan was adopted by Cabinet on 19 March 2015." in consultation


def test_a_report_on_the_adopted_plan_says_who_adopted_it_as_at_its_day(client, world, ready):
    adopt(client, world, adopted_on="2015-03-19", adopted_by="Cabinet")
    report = Report.objects.create(
        partnership=world.thanet, kind="progress", year=2015, title="Update", author="Alice"
    )

    def introduction(day):
        report.meeting_date = day
        first = kinds.build(report).sections[0]
        return [block.text for block in first.blocks]

    assert "The plan was adopted by Cabinet on 19 March 2015." in introduction(
        datetime.date(2015, 6, 30)
    )
    assert not any("adopted" in line for line in introduction(datetime.date(2015, 3, 18)))


TOMORROW = "tomorrow"


@pytest.mark.parametrize(
    ("adopted_on", "adopted_by", "error"),
    [
        (TOMORROW, "Cabinet", "The date of the decision must be today ("),
        (
            "2015-01-31",
            "Cabinet",
            "The date of the decision cannot be before the plan was drafted, on 1 February 2015.",
        ),
        (
            "2015-03-02",
            "Cabinet",
            "The date of the decision cannot be before the consultation opened, on 3 March 2015.",
        ),
        ("19/13/2015", "Cabinet", "Enter a valid date."),
        ("99999-01-01", "Cabinet", "Enter a valid date."),
        ("", "Cabinet", "This field is required."),
        ("2015-03-19", " \t ", "Enter who adopted the plan, for example Cabinet."),
        ("2015-03-19", "C" * 201, "Ensure this value has at most 200 characters"),
        ("2015-03-19", "Cabinet\x00", "Null characters are not allowed."),
    ],
)
def test_a_wrong_decision_is_a_form_error_and_adopts_nothing(
    client, world, ready, adopted_on, adopted_by, error
):
    if adopted_on == TOMORROW:
        adopted_on = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = adopt(client, world, adopted_on=adopted_on, adopted_by=adopted_by)
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and error in page
    ready.refresh_from_db()
    assert ready.status == Plan.Stage.CONSULTATION and ready.adopted_on is None


def test_a_plan_not_out_for_consultation_is_not_offered_for_adoption(client, world, plans):
    client.force_login(world.coordinator)
    for year in (2014, 2015):  # adopted already; a draft
        if year == 2015:
            Plan.objects.filter(pk=plans.draft.pk).update(status=Plan.Stage.DRAFT)
        response = client.get(f"/p/thanet/plan/{year}/adopt/", follow=True)
        assert "A plan is adopted after its consultation." in text(response)
        assert response.redirect_chain == [(f"/p/thanet/plan/{year}/", 302)]
    assert not Plan.objects.filter(year=2015, status=Plan.Stage.ADOPTED).exists()
