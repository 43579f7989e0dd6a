"""Terms of reference: the year's agreed text and topics; which are covered and which to come."""

from datetime import date

from saferplan.meetings.models import TermsOfReference, Topic

from .conftest import make_meeting

M = "/p/thanet/meetings"


def states(client, terms):
    response = client.get(f"{M}/terms/{terms.pk}/")
    assert response.status_code == 200
    rows = [*response.context["covered"], *response.context["to_come"]]
    return {row.topic.title: row.state for row in rows}, response


def test_topics_are_covered_planned_missed_or_unplanned(client, world, meetings, time_machine):
    time_machine.move_to(date(2015, 2, 1))
    terms, committee = meetings.terms, meetings.committee
    meetings.meeting.status = "scheduled"
    meetings.meeting.save()
    november = make_meeting(committee, date(2014, 11, 18))
    cancelled = make_meeting(committee, date(2014, 9, 9), status="cancelled")
    Topic.objects.create(terms=terms, title="Road safety", planned_meeting=november)
    Topic.objects.create(terms=terms, title="Reoffending", planned_meeting=cancelled)
    Topic.objects.create(terms=terms, title="Hate crime")
    client.force_login(world.councillor)
    found, response = states(client, terms)
    # The March meeting is still to come on 1 February, so its topic is planned, not covered,
    # even though an item of its agenda already names it.
    assert found == {
        "Draft Community Safety Plan 2015-16": "planned",
        "Road safety": "missed",
        "Reoffending": "unplanned",
        "Hate crime": "unplanned",
    }
    assert "0 of 4</strong> topics covered, 4 still to come" in response.content.decode()


def test_a_topic_is_covered_once_its_meeting_is_held(client, world, meetings, time_machine):
    time_machine.move_to(date(2015, 3, 4))
    client.force_login(world.councillor)
    found, response = states(client, meetings.terms)
    assert found == {"Draft Community Safety Plan 2015-16": "covered"}
    page = response.content.decode()
    assert "1 of 1</strong> topic covered, 0 still to come" in page
    assert "3 March 2015, item 1" in page


def test_a_topic_is_planned_only_for_a_meeting_of_its_committee_and_year(client, world, meetings):
    client.force_login(world.coordinator)
    next_year = make_meeting(meetings.committee, date(2015, 6, 16))
    for meeting in (next_year, meetings.private_meeting):
        data = {"title": "Elsewhere", "planned_meeting": meeting.pk}
        response = client.post(f"{M}/terms/{meetings.terms.pk}/topics/new/", data)
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Topic.objects.filter(title="Elsewhere").exists()


def test_one_terms_of_reference_per_committee_and_year(client, world, meetings):
    client.force_login(world.coordinator)
    data = {"year": "2014", "text": "Again."}
    response = client.post(f"{M}/committees/{meetings.committee.pk}/terms/new/", data)
    assert "already has terms of reference for 2014-15" in response.content.decode()
    assert TermsOfReference.objects.count() == 1
