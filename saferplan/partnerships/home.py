"""A person's home: what needs them now in each partnership they hold a role in, by their role
there (access.HOME_SECTIONS). Everything is read for all their partnerships at once, so the page
costs the same few queries for one partnership or ten; each part is read by the selectors its
own page reads (the reminders' deadlines, the chase list, the register), never worked out again.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from saferplan import financial_years
from saferplan.jobs.models import Job
from saferplan.meetings.models import Meeting
from saferplan.plans.models import Plan
from saferplan.plans.selectors import add_urls, chases, is_chased
from saferplan.reminders.deadlines import fill_actions, next_deadlines

from . import access as rules

# Returns and recommendations are shown from this many days before they fall due.
DUE_SOON_DAYS = 30
# A failed import is shown for this many days after it started.
FAILED_SHOWN_DAYS = 30
# At most this many unanswered comments of a partnership; the rest are on its consultation page.
COMMENTS_SHOWN = 10


@dataclass
class PartnershipHome:
    access: rules.Access
    # The next meeting's update deadline (a MeetingDeadline with its actions), for those who
    # update or chase; None when no meeting with a deadline is coming.
    deadline: object = None
    to_update: list = field(default_factory=list)  # the actions the person is reminded of
    not_updated: list = field(default_factory=list)  # [(agency, [action, ...]), ...]
    comments: list = field(default_factory=list)  # unanswered, oldest first
    chases: list = field(default_factory=list)  # a Chase of each plan whose year runs
    returns: list = field(default_factory=list)  # grants' return dates falling due
    recommendations: list = field(default_factory=list)  # outstanding, falling due
    failed_jobs: list = field(default_factory=list)
    next_meeting: Meeting | None = None
    papers: list = field(default_factory=list)  # of the next meeting

    @property
    def comments_shown(self):
        return self.comments[:COMMENTS_SHOWN]

    @property
    def comments_left(self):
        return max(0, len(self.comments) - COMMENTS_SHOWN)

    @property
    def partnership(self):
        return self.access.partnership

    @property
    def sections(self):
        return self.access.home_sections

    @property
    def coordinating(self):
        return "coordinating" in self.sections

    @property
    def updating(self):
        return "to_update" in self.sections

    @property
    def meetings(self):
        return "meetings" in self.sections


def homes_of(person, today=None):
    """[PartnershipHome, ...] of each partnership the person holds a role in, by name."""
    today = today or timezone.localdate()
    homes = [PartnershipHome(access) for access in rules.accesses_of(person)]
    add_deadlines([h for h in homes if h.updating or h.coordinating], person, today)
    coordinating = {h.partnership.pk: h for h in homes if h.coordinating}
    add_comments(coordinating)
    add_chases(coordinating, today)
    add_returns(coordinating, today)
    add_failed_jobs(coordinating, today)
    add_recommendations({h.partnership.pk: h for h in homes if h.coordinating or h.meetings}, today)
    add_next_meetings({h.partnership.pk: h for h in homes if h.meetings}, today)
    return homes


def add_deadlines(homes, person, today):
    deadlines = next_deadlines([home.partnership.pk for home in homes], today)
    coordinating = {home.partnership.pk for home in homes if home.coordinating}
    fill_actions([d for pk, d in deadlines.items() if pk in coordinating])
    # An officer is reminded only of what their agency leads (deadlines.recipients_of): a long
    # plan's other actions are not built for them.
    if person.agency_id is not None:
        updating = [d for pk, d in deadlines.items() if pk not in coordinating]
        fill_actions(updating, lead_agency=person.agency_id)
    for home in homes:
        home.deadline = deadlines.get(home.partnership.pk)
        if home.deadline is None:
            continue
        add_urls(home.deadline.actions, home.partnership.slug)
        if home.updating:
            home.to_update = dict(home.deadline.reminders()).get(person, [])
        if home.coordinating:
            home.not_updated = [
                (agency, waiting) for agency, _, waiting in home.deadline.by_agency() if waiting
            ]


def add_comments(homes):
    comments = rules.unanswered_comments_in(list(homes)).select_related("plan", "author")
    for comment in comments.order_by("created", "pk"):
        homes[comment.plan.partnership_id].comments.append(comment)


def add_chases(homes, today):
    """The chase list's counts of each adopted plan whose year runs (`is_chased`)."""
    plans = rules.plans_in(list(homes)).filter(
        status=Plan.Stage.ADOPTED, year__gte=financial_years.of(today)
    )
    for chase in chases(list(plans.order_by("year")), as_at=today).values():
        if is_chased(chase.plan, today):
            homes[chase.plan.partnership_id].chases.append(chase)


def add_returns(homes, today):
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    for found in rules.return_dates_in(list(homes)).filter(due__range=(today, soon)):
        homes[found.grant.partnership_id].returns.append(found)


def add_recommendations(homes, today):
    """Outstanding recommendations overdue or due within DUE_SOON_DAYS, soonest first."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    found = (
        rules.recommendations_in(list(homes))
        .outstanding()
        .filter(due__lte=soon)
        .select_related("item__meeting__committee", "to_committee", "to_agency")
        .order_by("due", "pk")
    )
    for recommendation in found:
        recommendation.overdue = recommendation.is_overdue(today)
        homes[recommendation.item.meeting.committee.partnership_id].recommendations.append(
            recommendation
        )


def add_failed_jobs(homes, today):
    first_day = today - datetime.timedelta(days=FAILED_SHOWN_DAYS)
    since = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time()))
    failed = rules.jobs_in(list(homes)).filter(status=Job.Status.FAILED, created__gte=since)
    for job in failed.order_by("-created"):
        homes[job.partnership_id].failed_jobs.append(job)


def add_next_meetings(homes, today):
    """Each partnership's next meeting that is not cancelled, with its papers."""
    upcoming = (
        rules.meetings_in(list(homes)).upcoming(today).exclude(status=Meeting.Status.CANCELLED)
    )
    for meeting in upcoming:
        home = homes[meeting.committee.partnership_id]
        home.next_meeting = home.next_meeting or meeting
    by_meeting = {home.next_meeting.pk: home for home in homes.values() if home.next_meeting}
    papers = (
        rules.papers_in(list(homes))
        .filter(items__meeting__in=list(by_meeting))
        .annotate(meeting_id=F("items__meeting"))
        .order_by("title", "pk")
        .distinct()
    )
    for paper in papers if by_meeting else []:
        by_meeting[paper.meeting_id].papers.append(paper)
