"""Decisions and recommendations: made at a meeting, tracked open -> accepted / declined ->
implemented across later meetings, and listed in the register with filters."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from saferplan.meetings.models import Recommendation, RecommendationUpdate

from .conftest import make_meeting

M = "/p/thanet/meetings"


def respond(client, recommendation, **data):
    return client.post(f"{M}/recommendations/{recommendation.pk}/", data)


def fresh(recommendation):
    return Recommendation.objects.get(pk=recommendation.pk)


def test_status_moves_are_tracked_across_later_meetings(client, world, meetings):
    later = make_meeting(meetings.committee, date(2015, 6, 16))
    client.force_login(world.coordinator)
    rec = meetings.recommendation
    response = respond(client, rec, status="accepted", reported_at=meetings.meeting.pk)
    assert response.status_code == 302
    response = respond(
        client, rec, status="implemented", response="Adopted by Cabinet.", reported_at=later.pk
    )
    assert response.status_code == 302
    rec = fresh(rec)
    assert (rec.status, rec.response) == ("implemented", "Adopted by Cabinet.")
    updates = list(rec.updates.values_list("status", "reported_at", "recorded_by"))
    coordinator = world.coordinator.pk
    assert updates == [
        ("accepted", meetings.meeting.pk, coordinator),
        ("implemented", later.pk, coordinator),
    ]
    # The later meeting's page lists what was reported to it.
    page = client.get(f"{M}/{later.pk}/").content.decode()
    assert "Recommendations followed up" in page and "Adopted by Cabinet." in page


def test_implemented_without_a_response_is_refused_and_nothing_is_saved(client, world, meetings):
    rec = meetings.recommendation
    rec.record_response(status="accepted", response="")
    client.force_login(world.coordinator)
    response = respond(client, rec, status="implemented", response="   ")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "a recommendation marked implemented needs one" in page
    assert fresh(rec).status == "accepted"
    assert rec.updates.count() == 1


def test_declined_needs_its_reason(world, meetings):
    rec = meetings.recommendation
    with pytest.raises(ValidationError) as error:
        rec.record_response(status="declined", response="")
    assert "declined needs one" in str(error.value)
    assert fresh(rec).status == "open" and not rec.updates.exists()


@pytest.mark.parametrize(
    ("start", "move"),
    [("open", "implemented"), ("declined", "accepted"), ("implemented", "accepted")],
)
def test_status_cannot_skip_or_go_back(world, meetings, start, move):
    rec = meetings.recommendation
    Recommendation.objects.filter(pk=rec.pk).update(status=start)
    rec = fresh(rec)
    with pytest.raises(ValidationError, match="cannot become"):
        rec.record_response(status=move, response="Done.")
    assert fresh(rec).status == start and not RecommendationUpdate.objects.exists()


def test_the_form_offers_only_the_next_statuses(client, world, meetings):
    client.force_login(world.coordinator)
    response = respond(client, meetings.recommendation, status="implemented", response="Done.")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert fresh(meetings.recommendation).status == "open"


def test_a_response_cannot_be_reported_to_an_earlier_or_foreign_meeting(world, meetings):
    rec = meetings.recommendation
    earlier = make_meeting(meetings.committee, date(2014, 11, 18))
    with pytest.raises(ValidationError, match="on or after"):
        rec.record_response(status="accepted", response="", reported_at=earlier)
    with pytest.raises(ValidationError, match="of this partnership"):
        rec.record_response(status="accepted", response="", reported_at=meetings.canterbury_meeting)
    assert not rec.updates.exists()


def test_a_settled_recommendation_has_no_form_and_refuses_posts(client, world, meetings):
    rec = meetings.recommendation
    rec.record_response(status="declined", response="Not in the plan's scope.")
    client.force_login(world.coordinator)
    page = client.get(f"{M}/recommendations/{rec.pk}/").content.decode()
    assert "Record a response" not in page
    assert "its status does not change any more" in page
    response = respond(client, rec, status="accepted", response="")
    assert response.status_code == 302
    assert fresh(rec).status == "declined" and rec.updates.count() == 1


def add(client, item, **data):
    return client.post(f"{M}/items/{item.pk}/recommendations/new/", data)


def test_a_recommendation_says_to_whom_and_a_decision_to_nobody(client, world, meetings):
    client.force_login(world.coordinator)
    item = meetings.item
    response = add(client, item, kind="recommendation", text="To report to scrutiny.")
    assert "Say to whom the recommendation is made." in response.content.decode()
    response = add(client, item, kind="decision", text="To note.", made_to="agency")
    assert "A decision of the committee is not made to anyone." in response.content.decode()
    response = add(
        client,
        item,
        kind="recommendation",
        text="To report to scrutiny.",
        made_to="committee",
        to_committee=meetings.scrutiny.pk,
        to_agency=world.police.pk,
        due="2015-04-30",
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(text="To report to scrutiny.")
    # Only the addressee `made_to` names is kept.
    assert (rec.to_committee, rec.to_agency) == (meetings.scrutiny, None)
    assert rec.addressee == "Overview and Scrutiny Panel"


def test_a_committee_or_agency_outside_the_partnership_is_refused(client, world, meetings):
    client.force_login(world.coordinator)
    canterbury_committee = meetings.canterbury_meeting.committee
    before = Recommendation.objects.count()
    response = add(
        client,
        meetings.item,
        kind="recommendation",
        text="To Canterbury.",
        made_to="committee",
        to_committee=canterbury_committee.pk,
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    response = add(
        client,
        meetings.item,
        kind="recommendation",
        text="To Canterbury.",
        made_to="agency",
        to_agency=world.canterbury_council.pk,
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    # What was typed is kept.
    assert "To Canterbury." in response.content.decode()
    assert Recommendation.objects.count() == before


def register_texts(client, query=""):
    response = client.get(f"{M}/recommendations/?{query}")
    assert response.status_code == 200
    return {rec.text for rec in response.context["recommendations"]}, response


@pytest.fixture
def register(world, meetings):
    """Four recommendations over two years and committees, in every state."""
    later = make_meeting(meetings.scrutiny, date(2015, 6, 16))
    item = later.items.create(position=1, title="Summary", purpose="information")
    accepted = Recommendation.objects.create(
        item=item,
        kind="recommendation",
        text="Accepted, due later.",
        made_to="agency",
        to_agency=world.police,
        due=date(2015, 9, 30),
    )
    accepted.record_response(status="accepted", response="")
    declined = Recommendation.objects.create(
        item=item, kind="recommendation", text="Declined.", made_to="partnership"
    )
    declined.record_response(status="declined", response="Out of scope.")
    return meetings


def test_register_lists_everything_and_filters(client, world, register, time_machine):
    time_machine.move_to(date(2015, 7, 1))
    client.force_login(world.councillor)
    everything = {
        "To recommend adoption of the 2015-16 plan.",
        "To hold a case conference on the named victim.",
        "Accepted, due later.",
        "Declined.",
    }
    assert register_texts(client)[0] == everything
    assert register_texts(client, "status=declined")[0] == {"Declined."}
    assert register_texts(client, "status=outstanding")[0] == everything - {"Declined."}
    assert register_texts(client, f"committee={register.scrutiny.pk}")[0] == {
        "Accepted, due later.",
        "Declined.",
    }
    assert register_texts(client, "made_to=agency")[0] == {
        "Accepted, due later.",
        "To hold a case conference on the named victim.",
    }
    assert register_texts(client, "year=2015")[0] == {"Accepted, due later.", "Declined."}
    # Only the plan recommendation has passed its due date (31 March 2015) unsettled.
    texts, response = register_texts(client, "overdue=on")
    assert texts == {"To recommend adoption of the 2015-16 plan."}
    assert "Overdue" in response.content.decode()


def test_a_bad_filter_shows_the_error_summary_not_a_wrong_register(client, world, register):
    client.force_login(world.councillor)
    texts, response = register_texts(client, "status=lost&year=1066")
    assert texts == set()
    page = response.content.decode()
    assert "There is a problem" in page and "Select a valid choice" in page


def test_a_meeting_lists_what_is_still_outstanding_from_earlier_ones(client, world, meetings):
    later = make_meeting(meetings.committee, date(2015, 6, 16))
    client.force_login(world.councillor)
    page = client.get(f"{M}/{later.pk}/").content.decode()
    assert "Still outstanding from earlier meetings" in page
    assert meetings.recommendation.text in page
