"""Each meeting's update deadline and what it asks for: the one place that decides which actions
need an update, who is reminded of each, and who has updated.

Before a meeting, every action of the adopted plan for the meeting's year needs an update unless
it was already completed before the committee's previous meeting. An action is updated when it
has a progress update recorded since that previous meeting began (since the start of the plan's
year for a committee's first meeting). The reminders, the coordinator's digest and the pages all
read `MeetingDeadline`, so none of them can disagree.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from saferplan import financial_years
from saferplan.meetings.models import Meeting
from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Role
from saferplan.plans.models import Action, Plan, ProgressUpdate, Status, end_of_day

from .models import ReminderSettings

# Reminders and digests go out from this time on their day, not at midnight.
SEND_FROM = datetime.time(8)


def sending_time(day):
    return timezone.make_aware(datetime.datetime.combine(day, SEND_FROM))


@dataclass
class MeetingDeadline:
    meeting: Meeting
    deadline: datetime.date
    reminder_day: datetime.date
    previous: Meeting | None
    since: datetime.datetime
    plan: Plan | None = None
    # The actions that need an update, each with `updated`, `status_label`, `last_update_at`,
    # `last_update_by` and `recipients` (the people reminded of it) set.
    actions: list = field(default_factory=list)

    @property
    def since_label(self):
        if self.previous:
            return f"the last meeting, on {self.previous.date:%-d %B %Y}"
        return f"the start of the year, on {self.since:%-d %B %Y}"

    @property
    def updated(self):
        return [action for action in self.actions if action.updated]

    @property
    def not_updated(self):
        return [action for action in self.actions if not action.updated]

    def by_agency(self):
        """[(agency, updated actions, not updated actions), ...] by the lead agency's name."""
        ordered = sorted(self.actions, key=lambda a: (a.lead_agency.name, a.code))
        grouped = []
        for agency, group in groupby(ordered, key=lambda a: a.lead_agency):
            group = list(group)
            grouped.append(
                (agency, [a for a in group if a.updated], [a for a in group if not a.updated])
            )
        return grouped

    def reminders(self):
        """[(person, [action, ...]), ...] by name: whom to remind of which actions not updated."""
        due = {}
        for action in self.not_updated:
            for person in action.recipients:
                due.setdefault(person, []).append(action)
        return sorted(due.items(), key=lambda item: item[0].name)

    def unreachable(self):
        """Actions not updated that nobody can be reminded of: no officer of the lead agency."""
        return [action for action in self.not_updated if not action.recipients]

    def reminders_due(self, now):
        return sending_time(self.reminder_day) <= now < sending_time(self.deadline)

    def digest_due(self, now):
        return sending_time(self.deadline) <= now and timezone.localdate(now) < self.meeting.date


def previous_meeting(meeting):
    return (
        Meeting.objects.filter(committee=meeting.committee_id, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-starts")
        .first()
    )


def deadline_of(settings, meeting):
    """The meeting's deadline and reminder day, and since when an update counts."""
    previous = previous_meeting(meeting)
    if previous is not None:
        since = previous.start_datetime
    else:
        start = financial_years.starts(financial_years.of(meeting.date))
        since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    return MeetingDeadline(
        meeting=meeting,
        deadline=settings.deadline_for(meeting),
        reminder_day=settings.reminder_day_for(meeting),
        previous=previous,
        since=since,
    )


def upcoming_deadlines(settings, today):
    """The deadlines of the meetings from `today` on, soonest first (without their actions)."""
    return [deadline_of(settings, m) for m in settings.meetings().filter(date__gte=today)]


def deadlines_due(now):
    """The deadlines, in every partnership, whose reminders or digest may be due at `now`: from
    the reminder day until the day of the meeting. Three queries for the whole site, so that
    the run every 15 minutes costs the same for one partnership or a county."""
    chosen = {s.partnership_id: s for s in ReminderSettings.objects.prefetch_related("committees")}
    today = timezone.localdate(now)
    due = []
    # From the day of the meeting on, neither reminders nor the digest are due.
    upcoming = Meeting.objects.filter(date__gt=today).select_related("committee__partnership")
    for meeting in upcoming.order_by("date", "starts"):
        partnership = meeting.committee.partnership
        settings = chosen.get(partnership.pk) or ReminderSettings(partnership=partnership)
        if (
            settings.has_deadline(meeting)
            and sending_time(settings.reminder_day_for(meeting)) <= now
        ):
            due.append(deadline_of(settings, meeting))
    return due


def with_actions(deadline):
    """Fill in the plan and the actions that need an update, with who is reminded of each."""
    meeting = deadline.meeting
    partnership = meeting.committee.partnership
    deadline.plan = (
        rules.plans_of(partnership)
        .filter(year=financial_years.of(meeting.date), status=Plan.Stage.ADOPTED)
        .first()
    )
    if deadline.plan is None:
        return deadline
    # A past meeting's deadline shows what was known by the meeting, not what came later.
    as_at = min(timezone.localdate(), meeting.date)
    latest = ProgressUpdate.objects.filter(
        action=OuterRef("pk"), recorded_at__lt=end_of_day(as_at)
    ).order_by("-recorded_at", "-pk")
    actions = (
        Action.objects.of_plan(deadline.plan)
        .with_status_as_at(as_at)
        .annotate(last_update_by=Subquery(latest.values("recorded_by__name")[:1]))
        .select_related("issue__priority", "lead_agency", "lead_officer_person")
    )
    reachable = reminder_recipients(partnership)
    deadline.actions = []
    for action in actions:
        updated = action.last_update_at is not None and action.last_update_at >= deadline.since
        if action.status == Status.COMPLETED and not updated:
            continue  # completed before the last meeting: nothing more to report
        action.updated = updated
        action.status_label = Status(action.status).label
        action.recipients = recipients_of(action, reachable)
        deadline.actions.append(action)
    return deadline


@dataclass
class Reachable:
    people: dict  # person id -> person: the partnership's active officers and coordinators
    officers: dict  # agency id -> [person, ...]: its active officers


def reminder_recipients(partnership):
    people = {p.pk: p for p in rules.people_who_update(partnership).filter(is_active=True)}
    officers = {}
    for role in rules.roles_in(partnership).filter(kind=Role.Kind.OFFICER, person__is_active=True):
        officers.setdefault(role.person.agency_id, []).append(people[role.person_id])
    return Reachable(people=people, officers=officers)


def recipients_of(action, reachable):
    """Who is reminded of an action: its lead officer's account when it has one and that
    person still works in the partnership; otherwise every officer of its lead agency."""
    person = reachable.people.get(action.lead_officer_person_id)
    if person is not None:
        return [person]
    return reachable.officers.get(action.lead_agency_id, [])
