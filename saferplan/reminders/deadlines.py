"""Each meeting's update deadline and what it asks for: the one place that decides which actions
need an update, who is reminded of each, and who has updated.

Before a meeting, every action of the adopted plan for the meeting's year needs an update unless
it was already completed before the committee's previous meeting. An action is updated when it
has a progress update recorded since that previous meeting began (since the start of the plan's
year for a committee's first meeting). The reminders, the coordinator's digest and the pages all
read `MeetingDeadline`, so none of them can disagree.
"""

import copy
import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from saferplan import financial_years
from saferplan.meetings.models import Meeting
from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Agency, Role
from saferplan.plans.models import (
    Action,
    EmergingIssue,
    Plan,
    ProgressUpdate,
    Status,
    end_of_day,
)

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


def earlier_meetings(committee, date):
    """The committee's meetings before `date` that were not cancelled, latest first."""
    return (
        Meeting.objects.filter(committee=committee, date__lt=date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-starts")
    )


def previous_meeting(meeting):
    return earlier_meetings(meeting.committee_id, meeting.date).first()


def deadline_of(settings, meeting):
    """The meeting's deadline and reminder day, and since when an update counts."""
    return deadline_after(settings, meeting, previous_meeting(meeting))


def deadline_after(settings, meeting, previous):
    """The meeting's deadline, where `previous` is its committee's meeting before it (or None)."""
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
    return deadlines_of(settings, with_previous(settings.meetings().filter(date__gte=today)))


def deadlines_of(settings, meetings):
    """The deadlines of `meetings` (`with_previous`) of the settings' partnership: two queries
    however many meetings, not one more per meeting for the one before it."""
    return deadlines_of_meetings([(settings, meeting) for meeting in meetings])


def with_previous(meetings):
    """The meetings, each with `previous_id`: its committee's meeting before it (or None)."""
    before = earlier_meetings(OuterRef("committee"), OuterRef("date")).values("pk")[:1]
    return meetings.annotate(previous_id=Subquery(before))


def deadlines_due(now):
    """The deadlines, in every partnership, whose reminders or digest may be due at `now`: from
    the reminder day until the day of the meeting. Three queries for the whole site (four when
    some is due), so that the run every 15 minutes costs the same for one partnership or a
    county."""
    today = timezone.localdate(now)
    due = [
        (settings, meeting)
        for settings, meeting in meetings_with_deadlines(ReminderSettings.objects.all(), today)
        if sending_time(settings.reminder_day_for(meeting)) <= now
    ]
    return deadlines_of_meetings(due)


def next_deadlines(partnerships, today):
    """{partnership id: MeetingDeadline} of the next meeting after `today` with an update
    deadline, in each of the partnerships (ids) given, without their actions: what a person's
    home page asks them to update. Four queries however many partnerships."""
    chosen = ReminderSettings.objects.filter(partnership__in=partnerships)
    found = {}
    for settings, meeting in meetings_with_deadlines(chosen, today, partnerships=partnerships):
        found.setdefault(settings.partnership_id, (settings, meeting))
    deadlines = deadlines_of_meetings(list(found.values()))
    return {deadline.meeting.committee.partnership_id: deadline for deadline in deadlines}


def meetings_with_deadlines(reminder_settings, today, *, partnerships=None):
    """[(settings, meeting), ...] of the meetings after `today` that have an update deadline
    (of the partnerships given, or all), soonest first, each with `previous_id`: its
    committee's meeting before it. `reminder_settings` are the partnerships' ReminderSettings (a
    partnership without any has the defaults). From the day of the meeting on, neither
    reminders nor the digest are due."""
    chosen = {
        found.partnership_id: found for found in reminder_settings.prefetch_related("committees")
    }
    upcoming = Meeting.objects.filter(date__gt=today).select_related("committee__partnership")
    if partnerships is not None:
        upcoming = upcoming.filter(committee__partnership__in=partnerships)
    found = []
    for meeting in with_previous(upcoming).order_by("date", "starts"):
        partnership = meeting.committee.partnership
        settings = chosen.get(partnership.pk) or ReminderSettings(partnership=partnership)
        if settings.has_deadline(meeting):
            found.append((settings, meeting))
    return found


def deadlines_of_meetings(due):
    """The MeetingDeadline of each (settings, meeting) of `meetings_with_deadlines`."""
    previous = Meeting.objects.in_bulk({meeting.previous_id for _, meeting in due} - {None})
    return [
        deadline_after(settings, meeting, previous.get(meeting.previous_id))
        for settings, meeting in due
    ]


def needs_update(action, since):
    """Whether an action (annotated by `with_status_as_at`) needs an update since `since`, and
    whether it has one. `agency_counts` says the same in SQL: change both or neither."""
    updated = action.last_update_at is not None and action.last_update_at >= since
    # Completed before the last meeting: nothing more to report.
    return updated or action.status != Status.COMPLETED, updated


def adopted_plans(deadlines):
    """The adopted plans of the deadlines' partnerships for their meetings' years."""
    wanted = Q()
    for deadline in deadlines:
        meeting = deadline.meeting
        wanted |= Q(partnership=meeting.committee.partnership_id, year=meeting.year)
    if not wanted:
        return Plan.objects.none()
    return Plan.objects.filter(wanted, status=Plan.Stage.ADOPTED)


def as_at(deadline):
    """A past meeting's deadline shows what was known by the meeting, not what came later."""
    return min(timezone.localdate(), deadline.meeting.date)


def with_actions(deadline, *, lead_agency=None):
    """Fill in the deadline's plan and the actions that need an update (only those `lead_agency`
    leads, when given), with who is reminded of each."""
    fill_actions([deadline], lead_agency=lead_agency)
    return deadline


def fill_actions(deadlines, *, lead_agency=None):
    """`with_actions` for many deadlines at once: five queries however many there are, and
    however many partnerships they are in (three more for each other `as_at` day)."""
    plans = {(plan.partnership_id, plan.year): plan for plan in adopted_plans(deadlines)}
    for deadline in deadlines:
        meeting = deadline.meeting
        deadline.plan = plans.get((meeting.committee.partnership_id, meeting.year))
        deadline.actions = []
    planned = [deadline for deadline in deadlines if deadline.plan is not None]
    reachable = reminder_recipients({d.meeting.committee.partnership_id for d in planned})
    for day in sorted({as_at(deadline) for deadline in planned}):
        on_day = [deadline for deadline in planned if as_at(deadline) == day]
        latest = ProgressUpdate.objects.filter(
            action=OuterRef("pk"), recorded_at__lt=end_of_day(day)
        ).order_by("-recorded_at", "-pk")
        actions = (
            Action.objects.with_status_as_at(day)
            .filter(issue__priority__plan__in=[deadline.plan for deadline in on_day])
            .annotate(last_update_by=Subquery(latest.values("recorded_by__name")[:1]))
            # Each issue, priority and agency built once, not once per action: building
            # those was most of a county's run.
            .prefetch_related(
                Prefetch("issue", EmergingIssue.objects.select_related("priority")), "lead_agency"
            )
        )
        if lead_agency is not None:
            actions = actions.filter(lead_agency=lead_agency)
        of_plan = {}
        for action in actions:
            of_plan.setdefault(action.issue.priority.plan_id, []).append(action)
        taken = set()
        for deadline in on_day:
            partnership = deadline.meeting.committee.partnership_id
            for action in of_plan.get(deadline.plan.pk, []):
                # Two committees' deadlines of one plan each need their own copy.
                action = copy.copy(action) if deadline.plan.pk in taken else action
                needed, action.updated = needs_update(action, deadline.since)
                if needed:
                    action.status_label = Status(action.status).label
                    action.recipients = recipients_of(action, reachable[partnership])
                    deadline.actions.append(action)
            taken.add(deadline.plan.pk)
    return deadlines


@dataclass
class AgencyCount:
    agency: Agency
    updated: int
    not_updated: int


def agency_counts(deadline):
    """[AgencyCount, ...] by name: how many of the actions each agency leads need an update for
    the deadline, and how many have one, counted in SQL, so that the page of a long plan builds
    only the actions it shows."""
    updated = Q(last_update_at__gte=deadline.since)
    needs_update = updated | ~Q(status=Status.COMPLETED)  # as `needs_update` says in Python
    counted = (
        Action.objects.with_status_as_at(as_at(deadline))
        .filter(needs_update, issue__priority__plan__in=adopted_plans([deadline]))
        .values("lead_agency")
        .annotate(updated=Count("pk", filter=updated), needing=Count("pk"))
        .order_by()
    )
    rows = {row["lead_agency"]: row for row in counted}
    agencies = Agency.objects.in_bulk(rows)
    return [
        AgencyCount(
            agency=agency,
            updated=rows[agency.pk]["updated"],
            not_updated=rows[agency.pk]["needing"] - rows[agency.pk]["updated"],
        )
        for agency in sorted(agencies.values(), key=lambda agency: (agency.name, agency.pk))
    ]


@dataclass
class Reachable:
    people: dict  # person id -> person: the partnership's active officers and coordinators
    officers: dict  # agency id -> [person, ...]: its active officers


def reminder_recipients(partnerships):
    """{partnership id: Reachable} for the partnerships (ids) given, in one query."""
    reachable = {partnership: Reachable(people={}, officers={}) for partnership in partnerships}
    for role in rules.people_who_update_in(partnerships):
        found = reachable[role.partnership_id]
        person = found.people.setdefault(role.person_id, role.person)
        if role.kind == Role.Kind.OFFICER:
            found.officers.setdefault(person.agency_id, []).append(person)
    return reachable


def recipients_of(action, reachable):
    """Who is reminded of an action: its lead officer's account when it has one and that
    person still works in the partnership; otherwise every officer of its lead agency."""
    person = reachable.people.get(action.lead_officer_person_id)
    if person is not None:
        return [person]
    return reachable.officers.get(action.lead_agency_id, [])
