"""A plan year closes (issue 17, item 2): only an adopted plan's actions, during its year and
before it is closed, can be overdue or stale; every page, email and report reads that one rule."""

import datetime

import pytest
import time_machine

from saferplan.plans import selectors
from saferplan.plans.models import Plan
from saferplan.reminders.services import weekly_digests

from .conftest import at

D = datetime.date

BOTH_SELECTORS = pytest.mark.parametrize(
    "progress_of", [selectors.plan_progress, selectors.chase_progress], ids=["whole", "chase"]
)


def flagged(result):
    return {a.title for a in result.overdue} | {a.title for a in result.stale}


@BOTH_SELECTORS
def test_an_as_at_date_inside_the_year_still_shows_what_was_late_then(progress_of, plans):
    assert flagged(progress_of(plans.plan, as_at=D(2015, 3, 31))) == {
        "Designated public place order",
        "Summer sports sessions",
    }


@BOTH_SELECTORS
def test_nothing_is_late_after_the_plan_year_ends(progress_of, plans):
    result = progress_of(plans.plan, as_at=D(2015, 4, 1))
    assert result.overdue == [] and result.stale == []
    assert result.total.as_dict()["underway"] == 1, "the counts do not change"


@BOTH_SELECTORS
def test_nothing_is_late_once_the_coordinator_closed_the_year(progress_of, plans):
    plans.plan.closed_on = D(2015, 3, 10)
    assert flagged(progress_of(plans.plan, as_at=D(2015, 3, 9)))
    assert not flagged(progress_of(plans.plan, as_at=D(2015, 3, 10)))


@pytest.mark.parametrize("stage", [Plan.Stage.DRAFT, Plan.Stage.CONSULTATION])
@BOTH_SELECTORS
def test_draft_and_consultation_plans_are_never_late(progress_of, plans, stage):
    plans.plan.status = stage
    assert not flagged(progress_of(plans.plan, as_at=D(2015, 3, 1)))


@time_machine.travel(at(2015, 6, 1), tick=False)
def test_pages_stop_saying_overdue_after_the_year(client, world, plans):
    client.force_login(world.coordinator)
    for url in [
        "/p/thanet/plan/2014/",
        "/p/thanet/plan/2014/chase/",
        "/p/thanet/plan/2015/",
        f"/p/thanet/plan/actions/{plans.council_action.pk}/",
        f"/p/thanet/plan/actions/{plans.draft_action.pk}/",
    ]:
        page = client.get(url).content.decode()
        assert "Overdue" not in page and "No update for 4" not in page, url
    client.force_login(world.police_officer)
    page = client.get("/p/thanet/plan/mine/").content.decode()
    assert "sp-tag--red" not in page and "sp-tag--yellow" not in page


@time_machine.travel(at(2015, 6, 1), tick=False)
def test_no_weekly_chase_email_for_a_finished_year(world, plans):
    assert weekly_digests(plans.plan, [world.coordinator], key="k", today=D(2015, 6, 1)) == []
    assert weekly_digests(plans.plan, [world.coordinator], key="k", today=D(2015, 3, 1))
