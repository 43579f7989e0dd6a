"""The iCalendar (.ics) feed of a partnership's meetings, built with the icalendar library.

The feed holds the meetings its owner may read on the site when the calendar app asks (no role in
the partnership any more, no feed). Calendar apps copy it to their own servers, so an event carries
only the committee, time, place and status, and the titles of the items the public can read (the
unrestricted items of a published agenda of a committee that meets in public); the link to the
meeting's page gives everything else, after signing in.

Times are written in UTC ("20150616T173000Z"), which every calendar app reads and shows in its own
time zone. A TZID with a VTIMEZONE would keep "Europe/London" visible, but the VTIMEZONE that
icalendar generates lists each change as an RDATE, which Outlook is known to misread (an hour out
in summer); for single, non-repeating meetings UTC loses nothing.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from saferplan.partnerships import access as rules

from .models import Meeting

PRODID = "-//SaferPlan//Meetings//EN"


def meetings_calendar(partnership, meetings):
    """The feed of `meetings` of `partnership` as bytes of text/calendar."""
    from icalendar import Calendar  # imported when used, not with the pages

    meetings = list(meetings.select_related("committee"))
    items = rules.public_items_of(rules.public_meetings_of(partnership)).order_by("position")
    titles = {}
    for item in items:
        titles.setdefault(item.meeting_id, []).append(str(item))
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=f"{partnership} meetings",
        description=f"Meetings of the committees of {partnership}, from SaferPlan.",
    )
    # Outlook and phones refresh a subscribed calendar at about this interval, when they honour it.
    calendar.add("X-PUBLISHED-TTL", "PT6H")
    now = timezone.now()
    host = urlsplit(settings.SITE_URL).hostname
    for meeting in meetings:
        event = meeting_event(meeting, titles.get(meeting.pk, []), partnership.slug, now, host)
        calendar.add_component(event)
    return calendar.to_ical()


def meeting_event(meeting, item_titles, slug, now, host):
    from icalendar import Event

    url = settings.SITE_URL + reverse("meetings:meeting", args=[slug, meeting.pk])
    agenda = "\n".join(item_titles) if item_titles else "No public agenda items."
    cancelled = meeting.status == Meeting.Status.CANCELLED
    return Event.new(
        uid=f"saferplan-meeting-{meeting.pk}@{host}",
        summary=f"{meeting.committee}{' (cancelled)' if cancelled else ''}",
        start=meeting.start_datetime.astimezone(UTC),
        end=meeting.end_datetime.astimezone(UTC),
        location=meeting.place,
        description=f"Agenda:\n{agenda}\n\nPapers and restricted items: {url}",
        url=url,
        status="CANCELLED" if cancelled else "CONFIRMED",
        stamp=now,
        last_modified=meeting.updated,
    )
