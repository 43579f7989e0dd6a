"""A plan year closes (issue 17, item 2): only an adopted plan's actions, during its year and
before it is closed, can be overdue or stale; every page, email and report reads that one rule."""

import datetime

import pytest
import time_machine

from saferplan.plans import selectors
from saferplan.plans.models import Action, FinalStatus, Plan, Priority, ProgressUpdate
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
    page = client.get("/p/thanet/plan/mine/?show=all").content.decode()
    assert "sp-tag--red" not in page and "sp-tag--yellow" not in page


@time_machine.travel(at(2015, 6, 1), tick=False)
def test_no_weekly_chase_email_for_a_finished_year(world, plans):
    def digests(day):
        chase = selectors.chases([plans.plan], as_at=day)[plans.plan.pk]
        return weekly_digests(chase, [world.coordinator], key="k")

    assert digests(D(2015, 6, 1)) == []
    assert digests(D(2015, 3, 1))


def close_2014(client, data):
    return client.post("/p/thanet/plan/2014/close/", data)


def outcomes(plans, **extra):
    return {
        f"final_{plans.council_action.pk}": "carried_over",
        f"final_{plans.county_action.pk}": "not_achieved",
        f"reason_{plans.county_action.pk}": "The sports centre closed.",
        "confirm": "on",
        **extra,
    }


@time_machine.travel(at(2015, 4, 2), tick=False)
def test_the_coordinator_closes_the_year_with_a_final_status_for_each_unfinished_action(
    client, world, plans
):
    client.force_login(world.coordinator)
    page = client.get("/p/thanet/plan/2014/").content.decode()
    assert "The plan year ended on 31 March 2015: close it" in page
    page = client.get("/p/thanet/plan/2014/close/").content.decode()
    assert "1.1.2 Designated public place order" in page and "Joint patrols" not in page
    assert "runs until" not in page, "closing after the end needs no warning"
    assert close_2014(client, outcomes(plans)).status_code == 302
    plans.plan.refresh_from_db()
    assert plans.plan.closed_on == D(2015, 4, 2) and plans.plan.closed_by == world.coordinator
    council, county = (
        Action.objects.get(pk=a.pk) for a in [plans.council_action, plans.county_action]
    )
    assert council.final_status == FinalStatus.CARRIED_OVER and council.final_reason == ""
    assert (county.final_status, county.final_reason) == (
        FinalStatus.NOT_ACHIEVED,
        "The sports centre closed.",
    )
    assert Action.objects.get(pk=plans.police_action.pk).final_status == "", "completed"
    page = client.get("/p/thanet/plan/2014/").content.decode()
    assert "Closed on 2 April 2015" in page and "Close the plan year" not in page
    assert "close it to give" not in page
    page = client.get(f"/p/thanet/plan/actions/{county.pk}/").content.decode()
    assert "Not achieved: The sports centre closed." in page
    # Closing again is refused.
    close_2014(client, outcomes(plans))
    assert Plan.objects.get(pk=plans.plan.pk).closed_on == D(2015, 4, 2)


@time_machine.travel(at(2015, 3, 10), tick=False)
def test_closing_early_warns_and_stops_the_chasing_from_that_day(client, world, plans):
    client.force_login(world.coordinator)
    page = client.get("/p/thanet/plan/2014/close/").content.decode()
    assert "The plan year runs until 31 March 2015" in page
    assert selectors.chase_progress(plans.plan).overdue
    close_2014(client, outcomes(plans))
    plans.plan.refresh_from_db()
    assert not flagged(selectors.chase_progress(plans.plan))
    assert flagged(selectors.chase_progress(plans.plan, as_at=D(2015, 3, 9)))


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"confirm": ""}, "Tick the box to confirm"),
        ({"reason_{county}": ""}, "Say why action 1.2.1 was not achieved."),
        ({"final_{county}": "lost"}, "Select a valid choice"),
        ({"final_{county}": ""}, "Choose what became of action 1.2.1."),
        ({"reason_{county}": "x" * 2001}, "Ensure this value has at most 2000 characters"),
    ],
)
@time_machine.travel(at(2015, 4, 2), tick=False)
def test_an_incomplete_close_is_refused_with_the_error_and_nothing_saved(
    client, world, plans, change, error
):
    client.force_login(world.coordinator)
    change = {key.format(county=plans.county_action.pk): v for key, v in change.items()}
    response = close_2014(client, outcomes(plans, **change))
    assert response.status_code == 200 and error in response.content.decode()
    assert Plan.objects.get(pk=plans.plan.pk).closed_on is None
    assert not Action.objects.exclude(final_status="").exists()


@time_machine.travel(at(2015, 4, 2), tick=False)
def test_carried_over_actions_are_copied_into_next_years_draft(client, world, plans):
    Plan.objects.filter(pk=plans.draft.pk).update(status=Plan.Stage.DRAFT)
    asb = Priority.objects.create(plan=plans.draft, number=2, title="Anti-Social Behaviour")
    client.force_login(world.coordinator)
    council, county = plans.council_action.pk, plans.county_action.pk
    page = client.get("/p/thanet/plan/2014/close/").content.decode()
    assert f'<option value="{asb.pk}" selected>' in page, "the priority of the same title"
    data = outcomes(plans, **{f"priority_{council}": ""})
    response = close_2014(client, data)
    assert "Choose the priority of" in response.content.decode()
    other_plans = plans.plan.priorities.get(number=1).pk  # not a priority of the draft
    for bad in [str(other_plans), "abc", "-1"]:
        response = close_2014(client, data | {f"priority_{council}": bad})
        assert "Select a valid choice" in response.content.decode(), bad
    assert Plan.objects.get(pk=plans.plan.pk).closed_on is None
    data |= {f"priority_{council}": str(asb.pk), f"final_{county}": "carried_over"}
    data[f"priority_{county}"] = str(plans.draft.priorities.get(number=1).pk)
    assert close_2014(client, data).status_code == 302
    copy = Action.objects.get(carried_from=council)
    assert copy.plan == plans.draft and copy.issue.priority == asb
    assert (copy.issue.title, copy.target_date) == ("Street drinking", D(2016, 3, 31))
    assert Action.objects.get(carried_from=county).issue.priority.title == "Reducing reoffending"
    assert not copy.updates.exists()


@time_machine.travel(at(2015, 4, 2), tick=False)
def test_after_closing_only_the_coordinator_records_a_late_update(client, world, plans):
    client.force_login(world.coordinator)
    close_2014(client, outcomes(plans))
    url = f"/p/thanet/plan/actions/{plans.council_action.pk}/"
    client.force_login(world.council_officer)
    page = client.get(url).content.decode()
    assert "Ask a coordinator to record a late update" in page and "Record the update" not in page
    response = client.post(url, {"status": "completed", "note": "Order made"})
    assert response.status_code == 403
    assert "closed on 2 April 2015" in response.content.decode()
    assert not ProgressUpdate.objects.filter(note="Order made").exists()
    client.force_login(world.police_officer)  # the police support the county's action
    page = client.get(f"/p/thanet/plan/actions/{plans.county_action.pk}/").content.decode()
    assert "Ask a coordinator to record a late update" in page
    client.force_login(world.coordinator)
    assert "this is a late update" in client.get(url).content.decode()
    assert client.post(url, {"status": "completed", "note": "Order made"}).status_code == 302
    assert ProgressUpdate.objects.filter(note="Order made", recorded_by=world.coordinator).exists()


@pytest.mark.parametrize("stage", [Plan.Stage.DRAFT, Plan.Stage.CONSULTATION])
def test_only_an_adopted_plan_closes(client, world, plans, stage):
    Plan.objects.filter(pk=plans.plan.pk).update(status=stage)
    client.force_login(world.coordinator)
    response = client.post("/p/thanet/plan/2014/close/", outcomes(plans))
    assert response.status_code == 302
    assert Plan.objects.get(pk=plans.plan.pk).closed_on is None
