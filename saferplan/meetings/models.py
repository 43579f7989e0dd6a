"""Committees that oversee the partnership, their terms of reference, meetings and agendas, and the
decisions and recommendations they make, tracked until they are implemented.

What the public may see of a meeting is decided in `partnerships/access.py`; this module only says
what "restricted" means for an agenda item (`AgendaItem.Classification`).
"""

import secrets
import uuid
from datetime import datetime, timedelta
from pathlib import PurePath
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from simple_history.models import HistoricalRecords

from saferplan import financial_years
from saferplan.partnerships.models import Agency, Partnership, Person
from saferplan.plans.models import Comment, Plan
from saferplan.reports.models import IssuedReport

# A meeting with no end time shows in calendars as this long.
DEFAULT_MEETING_LENGTH = timedelta(hours=2)


class Committee(models.Model):
    """A body that oversees or runs the partnership: a Working Party, a scrutiny panel, a board."""

    class Kind(models.TextChoices):
        WORKING_PARTY = "working_party", "Working party"
        SCRUTINY = "scrutiny", "Overview and scrutiny"
        BOARD = "board", "Partnership board"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="committees")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    purpose = models.TextField(blank=True)
    meets_in_public = models.BooleanField(
        default=True,
        help_text="Its published agendas appear on the public meeting pages, without their "
        "restricted items.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_committee_name")
        ]

    def __str__(self):
        return self.name

    @property
    def chair(self):
        return next((member for member in self.members.all() if member.is_chair), None)

    @transaction.atomic
    def set_chair(self, member):
        """Make `member` the chair; the committee has one chair, so any other stops being it."""
        self.members.filter(is_chair=True).exclude(pk=member.pk).update(is_chair=False)
        member.is_chair = True
        member.save(update_fields=["is_chair"])


class CommitteeMember(models.Model):
    class Capacity(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        OFFICER = "officer", "Officer"

    committee = models.ForeignKey(Committee, models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, models.PROTECT, related_name="committee_seats")
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    is_chair = models.BooleanField("chair", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_chair", "capacity", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="unique_committee_member"),
            models.UniqueConstraint(
                fields=["committee"], condition=Q(is_chair=True), name="one_chair_per_committee"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_capacity_display().lower()})"


class TermsOfReference(models.Model):
    """The year's agreed terms: what the committee is for and the topics it will discuss."""

    committee = models.ForeignKey(Committee, models.CASCADE, related_name="terms")
    year = models.PositiveSmallIntegerField(
        help_text="The financial year it covers, by its first year: 2014 for April 2014 to "
        "March 2015."
    )
    agreed_on = models.DateField(null=True, blank=True)
    text = models.TextField("agreed text")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name_plural = "terms of reference"
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_terms_per_year")
        ]

    def __str__(self):
        return f"{self.committee}: terms of reference {self.year_label}"

    @property
    def year_label(self):
        return financial_years.label(self.year)

    def meetings(self):
        """The committee's meetings in the year these terms cover."""
        return Meeting.objects.filter(committee=self.committee).in_year(self.year)


class Topic(models.Model):
    """A topic for discussion directed by the terms of reference, planned for a meeting."""

    terms = models.ForeignKey(TermsOfReference, models.CASCADE, related_name="topics")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    planned_meeting = models.ForeignKey(
        "Meeting", models.SET_NULL, null=True, blank=True, related_name="planned_topics"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["planned_meeting__date", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        meeting = self.planned_meeting
        if meeting and (
            meeting.committee_id != self.terms.committee_id
            or financial_years.of(meeting.date) != self.terms.year
        ):
            raise ValidationError(
                {"planned_meeting": "Choose a meeting of this committee in the same year."}
            )


class MeetingQuerySet(models.QuerySet):
    def in_year(self, year):
        return self.filter(date__gte=f"{year}-04-01", date__lte=f"{year + 1}-03-31")

    def upcoming(self, today):
        return self.filter(date__gte=today).order_by("date", "starts")

    def past(self, today):
        return self.filter(date__lt=today).order_by("-date", "-starts")

    def upcoming_and_past(self, today):
        """The lists of `upcoming` and `past`, in their orders, from one query."""
        meetings = list(self)
        upcoming = [m for m in meetings if m.date >= today]
        past = [m for m in meetings if m.date < today]
        upcoming.sort(key=lambda m: (m.date, m.starts))
        past.sort(key=lambda m: (m.date, m.starts), reverse=True)
        return upcoming, past


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    class AgendaStatus(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    committee = models.ForeignKey(Committee, models.CASCADE, related_name="meetings")
    date = models.DateField()
    starts = models.TimeField("start time")
    ends = models.TimeField("end time", null=True, blank=True)
    place = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    agenda_status = models.CharField(
        max_length=20,
        choices=AgendaStatus.choices,
        default=AgendaStatus.DRAFT,
        help_text="A published agenda of a committee that meets in public appears on the public "
        "meeting pages.",
    )
    # Calendar apps use it to see that a meeting has changed.
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated"])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "starts"]

    def __str__(self):
        return f"{self.committee}, {self.date.day} {self.date:%B %Y}"

    def clean(self):
        if self.ends and self.starts and self.ends <= self.starts:
            raise ValidationError({"ends": "The end time must be after the start time."})

    @property
    def partnership(self):
        return self.committee.partnership

    @property
    def year(self):
        return financial_years.of(self.date)

    @property
    def start_datetime(self):
        return datetime.combine(self.date, self.starts, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end_datetime(self):
        if self.ends is None:
            return self.start_datetime + DEFAULT_MEETING_LENGTH
        return datetime.combine(self.date, self.ends, tzinfo=ZoneInfo(settings.TIME_ZONE))

    def topics(self):
        """The topics of the terms of reference this meeting can take up."""
        return Topic.objects.filter(terms__committee=self.committee, terms__year=self.year)


def paper_path(paper, filename):
    # A random folder per upload, so that a paper's address cannot be guessed from another's.
    return f"papers/{paper.partnership.slug}/{uuid.uuid4().hex}/{PurePath(filename).name}"


class Paper(models.Model):
    """A paper for an agenda: an uploaded file, a plan of the partnership or one of its issued
    reports; exactly one of the three. One paper can sit on the agendas of several meetings."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", "Presentation"
        REPORT = "report", "Report"
        PLAN = "plan", "Plan"
        OTHER = "other", "Other paper"

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=paper_path, max_length=300, blank=True)
    plan = models.ForeignKey(Plan, models.PROTECT, null=True, blank=True, related_name="papers")
    issued_report = models.ForeignKey(
        IssuedReport,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
        verbose_name="issued report",
    )
    uploaded_by = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True)
    uploaded = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (~Q(file="") & Q(plan=None) & Q(issued_report=None))
                    | (Q(file="") & ~Q(plan=None) & Q(issued_report=None))
                    | (Q(file="") & Q(plan=None) & ~Q(issued_report=None))
                ),
                name="paper_is_a_file_a_plan_or_an_issued_report",
                violation_error_message="A paper is one thing: an uploaded file, a plan or an "
                "issued report.",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def filename(self):
        return PurePath(self.file.name).name

    def clean(self):
        if not self.is_of(self.partnership_id):
            field = "plan" if self.plan_id else "issued_report"
            raise ValidationError({field: PAPER_OF_ANOTHER_PARTNERSHIP[field]})

    def is_of(self, partnership_id):
        """Is the paper, and the plan or report it is, of the partnership `partnership_id`."""
        owners = {self.partnership_id}
        if self.plan_id:
            owners.add(self.plan.partnership_id)
        if self.issued_report_id:
            owners.add(self.issued_report.report.partnership_id)
        return owners == {partnership_id}


PAPER_OF_ANOTHER_PARTNERSHIP = {
    "plan": "Choose a plan of this partnership.",
    "issued_report": "Choose a report issued by this partnership.",
}


class AgendaItem(models.Model):
    class Purpose(models.TextChoices):
        INFORMATION = "information", "For information"
        DECISION = "decision", "For decision"

    class Classification(models.TextChoices):
        # As on council papers: an unrestricted item is public; a restricted one holds exempt
        # information (Local Government Act 1972, Schedule 12A) and is taken in private.
        UNRESTRICTED = "unrestricted", "Unrestricted"
        RESTRICTED = "restricted", "Restricted"

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(help_text="Its number on the agenda.")
    title = models.CharField(max_length=200)
    presenter = models.CharField(
        max_length=200, blank=True, help_text="Who presents it, e.g. a name and job title."
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    classification = models.CharField(
        max_length=20,
        choices=Classification.choices,
        default=Classification.UNRESTRICTED,
        help_text="Restricted items hold exempt information and are taken in private: the public "
        "pages and calendar feeds never show them, their papers or what was decided on them.",
    )
    restriction_reason = models.CharField(
        "why it is restricted",
        max_length=300,
        blank=True,
        help_text="The exempt category, e.g. Schedule 12A paragraph 1: information about a "
        "particular person.",
    )
    topic = models.ForeignKey(Topic, models.SET_NULL, null=True, blank=True, related_name="items")
    papers = models.ManyToManyField(Paper, blank=True, related_name="items")
    notes = models.TextField("notes of the discussion", blank=True)
    history = HistoricalRecords(m2m_fields=[papers])

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="unique_item_position")
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def is_restricted(self):
        return self.classification == self.Classification.RESTRICTED

    def clean(self):
        if self.is_restricted and not self.restriction_reason.strip():
            raise ValidationError(
                {"restriction_reason": "Say why the item is restricted: the public are excluded."}
            )
        if self.topic_id and not self.meeting.topics().filter(pk=self.topic_id).exists():
            raise ValidationError(
                {"topic": "Choose a topic of this committee's terms of reference for the year."}
            )

    def link_papers(self, papers):
        """Put exactly `papers` on this item; each must be a paper of the item's partnership."""
        partnership_id = self.meeting.committee.partnership_id
        foreign = [paper for paper in papers if not paper.is_of(partnership_id)]
        if foreign:
            names = ", ".join(str(paper) for paper in foreign)
            raise ValidationError(f"{names}: not a paper of this partnership.")
        self.papers.set(papers)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance")
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class RecommendationQuerySet(models.QuerySet):
    def outstanding(self):
        """Not yet settled: still open, or accepted and not yet implemented."""
        return self.filter(status__in=[Recommendation.Status.OPEN, Recommendation.Status.ACCEPTED])

    def overdue(self, today):
        return self.outstanding().filter(due__lt=today)

    def outstanding_counts(self, today):
        """How many are `outstanding` and how many `overdue`, counted in one query."""
        overdue = Count("pk", filter=Q(due__lt=today))
        return self.outstanding().aggregate(outstanding=Count("pk"), overdue=overdue)

    def in_year(self, year):
        return self.filter(
            item__meeting__date__gte=f"{year}-04-01", item__meeting__date__lte=f"{year + 1}-03-31"
        )

    def for_register(self):
        return self.select_related(
            "item__meeting__committee__partnership", "to_committee", "to_agency"
        ).order_by("-item__meeting__date", "item__position", "number", "pk")


class Recommendation(models.Model):
    """A decision or recommendation of a meeting, tracked until it is settled.

    Its status moves open -> accepted or declined, and accepted -> implemented; each move is a
    RecommendationUpdate with the response and the later meeting it was reported to.
    """

    class Kind(models.TextChoices):
        DECISION = "decision", "Decision of the committee"
        RECOMMENDATION = "recommendation", "Recommendation"
        # Adopt or amend a draft plan: it becomes a consultation comment on the plan.
        PLAN = "plan", "Recommendation on the draft plan"

    class MadeTo(models.TextChoices):
        COMMITTEE = "committee", "A committee"
        PARTNERSHIP = "partnership", "The partnership"
        AGENCY = "agency", "An agency"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        IMPLEMENTED = "implemented", "Implemented"

    NEXT_STATUS = {
        Status.OPEN: [Status.ACCEPTED, Status.DECLINED],
        Status.ACCEPTED: [Status.IMPLEMENTED],
        Status.DECLINED: [],
        Status.IMPLEMENTED: [],
    }
    # A response must say why it was declined and what was done.
    NEEDS_RESPONSE = {Status.DECLINED, Status.IMPLEMENTED}
    # A recommendation on a plan can still change it only before the plan is adopted.
    PLAN_STAGES = [Plan.Stage.DRAFT, Plan.Stage.CONSULTATION]
    # The coordinator's answer to the consultation comment, as the recommendation's response.
    # "Noted" says neither yes nor no, so the recommendation stays open for the committee to
    # hear its response at a later meeting.
    STATUS_OF_ANSWER = {
        Comment.Response.ACCEPTED: Status.ACCEPTED,
        Comment.Response.DECLINED: Status.DECLINED,
    }

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="recommendations")
    number = models.CharField(max_length=20, blank=True, help_text="As in the papers, e.g. 5.2.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    made_to = models.CharField("made to", max_length=20, choices=MadeTo.choices, blank=True)
    to_committee = models.ForeignKey(
        Committee,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="received_recommendations",
        verbose_name="committee it is made to",
    )
    to_agency = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="agency it is made to",
    )
    due = models.DateField("due date", null=True, blank=True)
    plan = models.ForeignKey(
        Plan,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="draft plan",
    )
    # The consultation comment a recommendation on the draft plan became.
    comment = models.OneToOneField(
        Comment,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="recommendation",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    response = models.TextField("latest response", blank=True)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["item__meeting__date", "item__position", "number", "pk"]

    def __str__(self):
        return f"{self.number} {self.text}".strip()

    @property
    def meeting(self):
        return self.item.meeting

    @property
    def reference(self):
        """Which recommendation of which meeting, in words: "Recommendation 5.3 of the
        Community Safety Working Party, 3 March 2015"."""
        meeting = self.item.meeting
        number = f" {self.number}" if self.number else ""
        return f"Recommendation{number} of the {meeting.committee}, {meeting.date:%-d %B %Y}"

    @property
    def addressee(self):
        """To whom it is made, in words."""
        if self.made_to == self.MadeTo.COMMITTEE:
            return str(self.to_committee)
        if self.made_to == self.MadeTo.AGENCY:
            return str(self.to_agency)
        if self.made_to == self.MadeTo.PARTNERSHIP:
            return str(self.item.meeting.committee.partnership)
        return ""

    def is_overdue(self, today):
        outstanding = self.status in (self.Status.OPEN, self.Status.ACCEPTED)
        return outstanding and self.due is not None and self.due < today

    def next_statuses(self):
        return self.NEXT_STATUS[self.Status(self.status)]

    def clean(self):
        errors = {}
        if self.kind == self.Kind.DECISION:
            if self.made_to:
                errors["made_to"] = "A decision of the committee is not made to anyone."
        elif not self.made_to:
            errors["made_to"] = "Say to whom the recommendation is made."
        partnership = self.item.meeting.committee.partnership
        if self.made_to == self.MadeTo.COMMITTEE:
            if self.to_committee is None:
                errors["to_committee"] = "Choose the committee it is made to."
            elif self.to_committee.partnership_id != partnership.pk:
                errors["to_committee"] = "Choose a committee of this partnership."
        if self.made_to == self.MadeTo.AGENCY:
            if self.to_agency is None:
                errors["to_agency"] = "Choose the agency it is made to."
            elif not partnership.agencies.filter(pk=self.to_agency.pk).exists():
                errors["to_agency"] = "Choose an agency of this partnership."
        if self.kind == self.Kind.PLAN:
            if self.plan is None:
                errors["plan"] = "Choose the draft plan the recommendation is on."
            elif self.plan.partnership_id != partnership.pk:
                errors["plan"] = "Choose a plan of this partnership."
            elif self.plan.status not in self.PLAN_STAGES:
                errors["plan"] = (
                    f"{self.plan} is already {self.plan.get_status_display().lower()}: choose a "
                    "draft plan or one out for consultation."
                )
        if errors:
            raise ValidationError(errors)
        # Keep only the addressee that `made_to` names, and a plan only on the draft plan.
        if self.made_to != self.MadeTo.COMMITTEE:
            self.to_committee = None
        if self.made_to != self.MadeTo.AGENCY:
            self.to_agency = None
        if self.kind != self.Kind.PLAN:
            self.plan = None

    @property
    def awaits_answer_on_plan(self):
        """Its consultation comment is not answered yet: the answer there is its response."""
        return self.comment is not None and not self.comment.response

    @transaction.atomic
    def record_response(self, *, status, response, reported_at=None, by=None):
        """Move to `status` with `response`, as reported at the meeting `reported_at`.

        Raises ValidationError, changing nothing, for a move the status cannot make, a missing
        response where one is needed, or a meeting of another partnership or before this one.
        """
        response = response.strip()
        if self.awaits_answer_on_plan:
            raise ValidationError(ANSWER_ON_PLAN_FIRST)
        if status not in self.next_statuses():
            raise ValidationError(
                {
                    "status": f"A recommendation that is {self.get_status_display().lower()} "
                    f"cannot become {self.Status(status).label.lower()}."
                }
            )
        if status in self.NEEDS_RESPONSE and not response:
            raise ValidationError(
                {
                    "response": f"Give the response: a recommendation marked "
                    f"{self.Status(status).label.lower()} needs one."
                }
            )
        if reported_at is not None:
            own = self.item.meeting
            if reported_at.committee.partnership_id != own.committee.partnership_id:
                raise ValidationError({"reported_at": "Choose a meeting of this partnership."})
            if reported_at.date < own.date:
                raise ValidationError(
                    {"reported_at": "Choose a meeting on or after the one that made it."}
                )
        update = self.updates.create(
            status=status, response=response, reported_at=reported_at, recorded_by=by
        )
        self.status = status
        self.response = response or self.response
        self.save(update_fields=["status", "response"])
        return update

    def follow_answer_on_plan(self, *, by):
        """Record the answer just given to its consultation comment as its response, so that
        the register and the consultation never disagree.

        An open recommendation moves to the matching status (none for "noted"); one already
        settled the same way stays as it is; a different answer is refused with a
        ValidationError, and the caller's transaction saves neither.
        """
        status = self.STATUS_OF_ANSWER.get(self.comment.response)
        if status is None:
            return None
        if self.status == self.Status.OPEN:
            return self.record_response(status=status, response=self.comment.response_note, by=by)
        if self.status == status or (
            status == self.Status.ACCEPTED and self.status == self.Status.IMPLEMENTED
        ):
            return None
        raise ValidationError(
            f"{self.reference} is already {self.get_status_display().lower()} in the "
            f"recommendations register: answer its comment the same way, or as noted."
        )


ANSWER_ON_PLAN_FIRST = (
    "This recommendation is a comment on the draft plan: answer the comment on the plan's "
    "consultation page, and the answer is recorded here as its response."
)


class RecommendationUpdate(models.Model):
    """One move of a recommendation's status; append-only, so it keeps no history of its own."""

    recommendation = models.ForeignKey(Recommendation, models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=Recommendation.Status.choices)
    response = models.TextField(blank=True)
    reported_at = models.ForeignKey(
        Meeting, models.SET_NULL, null=True, blank=True, related_name="recommendation_updates"
    )
    recorded_by = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True)
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded", "pk"]

    def __str__(self):
        return f"{self.recommendation}: {self.get_status_display()}"


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address: calendar apps cannot sign in, so the address is the key.

    One per person; it lists the meetings of a partnership only while the person has a role there.
    Getting a new address replaces the token, and the old address stops working at once.
    """

    person = models.OneToOneField(Person, models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed of {self.person}"

    def renew(self):
        self.token = new_feed_token()
        self.save(update_fields=["token", "created"])
