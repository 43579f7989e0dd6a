"""The iCalendar feed: a secret address per person, parsed back with icalendar; it holds the
partnership's meetings at the right local times with a time zone Outlook accepts."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from saferplan.meetings.models import AgendaItem, CalendarFeed, Meeting
from saferplan.partnerships.models import Role

from .conftest import make_meeting

LONDON = ZoneInfo("Europe/London")


def feed_url(client, person, slug="thanet"):
    client.force_login(person)
    response = client.post(f"/p/{slug}/meetings/calendar/address/")
    assert response.status_code == 302
    url = client.get(f"/p/{slug}/meetings/calendar/").context["feed_url"]
    client.logout()
    return url.removeprefix("http://testserver")


def fetch(client, url, raw=False):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content if raw else Calendar.from_ical(response.content)


@pytest.fixture
def summer(meetings):
    """A meeting in British Summer Time, one cancelled, and one of a committee in private."""
    return [
        make_meeting(meetings.committee, date(2015, 6, 16), starts=time(18, 30), ends=None),
        make_meeting(meetings.committee, date(2015, 9, 8), status=Meeting.Status.CANCELLED),
    ]


def test_the_feed_holds_the_partnerships_meetings(client, world, meetings, summer):
    calendar = fetch(client, feed_url(client, world.councillor))
    events = {event["UID"]: event for event in calendar.walk("VEVENT")}
    thanet = Meeting.objects.filter(committee__partnership=world.thanet)
    assert set(events) == {f"saferplan-meeting-{m.pk}@127.0.0.1" for m in thanet}
    june = events[f"saferplan-meeting-{summer[0].pk}@127.0.0.1"]
    # 6.30 pm in London in summer (5.30 pm UTC), two hours long when no end is given.
    assert june.decoded("DTSTART") == datetime(2015, 6, 16, 18, 30, tzinfo=LONDON)
    assert june.decoded("DTEND") == datetime(2015, 6, 16, 20, 30, tzinfo=LONDON)
    assert str(june["SUMMARY"]) == "Community Safety Working Party"
    assert str(june["LOCATION"]) == "Council Chamber, Margate"
    cancelled = events[f"saferplan-meeting-{summer[1].pk}@127.0.0.1"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_times_are_utc_so_outlook_needs_no_time_zone_definition(client, world, meetings, summer):
    raw = fetch(client, feed_url(client, world.councillor), raw=True).decode()
    assert "DTSTART:20150616T173000Z" in raw  # British Summer Time
    assert "DTSTART:20150303T190000Z" in raw  # Greenwich Mean Time
    assert "TZID" not in raw and "VTIMEZONE" not in raw
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))


def test_events_name_only_unrestricted_items(client, world, meetings):
    calendar = fetch(client, feed_url(client, world.coordinator))
    march = next(
        e for e in calendar.walk("VEVENT") if e.decoded("DTSTART").date() == date(2015, 3, 3)
    )
    description = str(march["DESCRIPTION"])
    assert meetings.item.title in description
    assert meetings.restricted_item.title not in description
    assert str(march["URL"]).endswith(f"/p/thanet/meetings/{meetings.meeting.pk}/")


def test_a_feed_for_a_partnership_the_person_cannot_see_is_404(client, world, meetings):
    url = feed_url(client, world.councillor)
    assert client.get(url.replace("/p/thanet/", "/p/canterbury/")).status_code == 404
    # The outsider's own feed lists Canterbury's meetings only.
    outsider = fetch(client, feed_url(client, world.outsider, "canterbury"))
    assert [str(e["SUMMARY"]) for e in outsider.walk("VEVENT")] == ["Canterbury Working Party"]


def test_losing_the_role_or_the_account_closes_the_feed(client, world, meetings):
    url = feed_url(client, world.councillor)
    Role.objects.filter(person=world.councillor).delete()
    assert client.get(url).status_code == 404
    Role.objects.create(person=world.councillor, partnership=world.thanet, kind="member")
    assert client.get(url).status_code == 200
    world.councillor.is_active = False
    world.councillor.save()
    assert client.get(url).status_code == 404


def test_a_new_address_stops_the_old_one(client, world, meetings):
    old = feed_url(client, world.councillor)
    new = feed_url(client, world.councillor)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(person=world.councillor).count() == 1


def test_the_calendar_page_offers_an_address_only_when_asked(client, world, meetings):
    client.force_login(world.councillor)
    page = client.get("/p/thanet/meetings/calendar/")
    assert page.context["feed_url"] is None
    assert "Create my calendar address" in page.content.decode()
    assert not CalendarFeed.objects.exists()


def agenda_of(calendar, meeting):
    events = {event["UID"]: event for event in calendar.walk("VEVENT")}
    return str(events[f"saferplan-meeting-{meeting.pk}@127.0.0.1"]["DESCRIPTION"])


def test_the_feed_names_only_the_items_the_public_can_read(client, world, meetings):
    """Calendar apps keep a copy on their servers: no title of an unpublished agenda, of a
    committee meeting in private or of a restricted item."""
    private_item = AgendaItem.objects.create(
        meeting=meetings.private_meeting, position=1, title="Board budget", purpose="decision"
    )
    draft = make_meeting(meetings.committee, date(2015, 6, 16))
    draft.agenda_status = Meeting.AgendaStatus.DRAFT
    draft.save()
    draft_item = AgendaItem.objects.create(
        meeting=draft, position=1, title="Proposed closure of the night bus", purpose="decision"
    )
    calendar = fetch(client, feed_url(client, world.councillor))
    published = agenda_of(calendar, meetings.meeting)
    assert "Draft Community Safety Plan 2015-16" in published
    assert meetings.restricted_item.title not in published
    for meeting, item in [(meetings.private_meeting, private_item), (draft, draft_item)]:
        agenda = agenda_of(calendar, meeting)
        assert item.title not in agenda
        assert "No public agenda items." in agenda
    assert "Board budget" not in calendar.to_ical().decode()
    assert "night bus" not in calendar.to_ical().decode()


def test_a_feed_stops_when_its_owner_leaves_the_partnership(client, world, meetings):
    url = feed_url(client, world.councillor)
    assert client.get(url).status_code == 200
    Role.objects.filter(person=world.councillor, partnership=world.thanet).delete()
    assert client.get(url).status_code == 404
