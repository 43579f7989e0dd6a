"""The Community Safety Plan: priorities, emerging issues, actions and their progress.

A plan runs for one financial year (April to March). Its priorities are the themes the strategic
assessment chose; under each, the emerging issues it found; under each issue, the actions partners
agreed. An action's status is never stored on the action: it is the status of its latest progress
update (none means not started), so the status on any past date can be read back from the
append-only updates. `selectors.py` is where pages, commands and reports read the counts.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from saferplan import financial_years
from saferplan.partnerships.models import Agency, Partnership, Person
from saferplan.storage import atomic_with_files

DEFAULT_STALE_AFTER_DAYS = 90


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    UNDERWAY = "underway", "Underway"
    COMPLETED = "completed", "Completed"


def end_of_day(day):
    """The first moment after `day` in the site's time zone: updates before it count on `day`."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def names_person(lead_officer, name):
    """Does the lead officer text name this person: "Sam Patel" or "Sam Patel, ASB Officer"
    (any case) names Sam Patel; "Sgt Barker" does not name Tom Barker."""
    text, name = " ".join(lead_officer.split()).casefold(), " ".join(name.split()).casefold()
    return bool(name) and (text == name or text.startswith((f"{name},", f"{name} (")))


def lead_officer_person_named(lead_officer, *, agency, people):
    """The one person of `agency` among `people` (access.people_who_update: the partnership's
    officers and coordinators) that the lead officer text names; None if no one or several."""
    named = [
        person
        for person in people
        if agency is not None
        and person.agency_id == agency.pk
        and person.is_active
        and names_person(lead_officer, person.name)
    ]
    return named[0] if len(named) == 1 else None


class PlanSettings(models.Model):
    """How the partnership monitors its plans."""

    partnership = models.OneToOneField(Partnership, models.CASCADE, related_name="plan_settings")
    stale_after_days = models.PositiveSmallIntegerField(
        "An action is stale after this many days without an update",
        default=DEFAULT_STALE_AFTER_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
        help_text="Between 7 and 366 days. Stale actions appear on the chase list.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "plan settings"

    def __str__(self):
        return f"Plan settings of {self.partnership}"

    @classmethod
    def stale_after_days_for(cls, partnership):
        days = cls.objects.filter(partnership=partnership).values_list("stale_after_days")
        return next(iter(days), (DEFAULT_STALE_AFTER_DAYS,))[0]

    @classmethod
    def stale_after_days_of(cls, partnerships):
        """{partnership id: stale_after_days_for it} for many, in one query."""
        chosen = dict(
            cls.objects.filter(partnership__in=partnerships).values_list(
                "partnership", "stale_after_days"
            )
        )
        return {pk: chosen.get(pk, DEFAULT_STALE_AFTER_DAYS) for pk in partnerships}


class CorporateObjective(models.Model):
    """An objective of the council's corporate plan that the partnership's priorities serve."""

    partnership = models.ForeignKey(
        Partnership, models.CASCADE, related_name="corporate_objectives"
    )
    corporate_plan = models.CharField(
        max_length=200, help_text="For example: Thanet District Council Corporate Plan 2012-2016."
    )
    number = models.PositiveSmallIntegerField(help_text="Its number in the corporate plan.")
    title = models.CharField(
        max_length=300, help_text="For example: To make our district a safer place to live."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["corporate_plan", "number"]

    def __str__(self):
        return f"Priority {self.number}: {self.title}"


class Plan(models.Model):
    class Stage(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONSULTATION = "consultation", "Out for consultation"
        ADOPTED = "adopted", "Adopted"

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(
        help_text="The year it starts: 2014 for the plan from April 2014 to March 2015.",
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    title = models.CharField(max_length=200, blank=True)
    introduction = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    consultation_opened = models.DateField(null=True, blank=True)
    # The day of the decision that adopted it (it may be recorded later) and who took it:
    # "adopted by Cabinet on 19 March 2015".
    adopted_on = models.DateField(null=True, blank=True)
    adopted_by = models.CharField(
        "adopted by",
        max_length=200,
        blank=True,
        help_text="The body whose decision adopted it: Cabinet, Council, the partnership board.",
    )
    rolled_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="rolled_into"
    )
    # The plan year closed: its actions are no longer chased, each unfinished one has its
    # final status, and only a coordinator records a late update. Empty: not closed yet.
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_plan_a_year")
        ]

    def __str__(self):
        return self.title or f"Community Safety Plan {self.label}"

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.partnership.slug, self.year])

    @property
    def label(self):
        return financial_years.label(self.year)

    @property
    def starts(self):
        return financial_years.starts(self.year)

    @property
    def ends(self):
        """The default target date of every action."""
        return financial_years.ends(self.year)

    def unanswered_comments(self):
        return self.comments.filter(response="")

    def put_out_for_consultation(self, *, on):
        from .changes import take_version

        if self.status != self.Stage.DRAFT:
            raise ValidationError("Only a draft plan can be put out for consultation.")
        take_version(self, stage=self.Stage.CONSULTATION)
        self.status = self.Stage.CONSULTATION
        self.consultation_opened = on
        self.save(update_fields=["status", "consultation_opened"])

    @property
    def drafted_on(self):
        """The day the plan was set up: it cannot have been adopted before."""
        return timezone.localdate(self.created)

    @transaction.atomic
    def adopt(self, *, on, by):
        """Adopt the plan as the body `by` (Cabinet, say) decided on the day `on`. Two
        coordinators adopting at once: the second is refused, not frozen twice."""
        from .changes import take_version

        locked = Plan.objects.select_for_update().get(pk=self.pk)
        if locked.status != self.Stage.CONSULTATION:
            raise ValidationError("A plan is adopted after its consultation.")
        unanswered = self.unanswered_comments().count()
        if unanswered:
            raise ValidationError(
                f"{unanswered} comment{'s' if unanswered > 1 else ''} still "
                f"need{'' if unanswered > 1 else 's'} an answer before the plan can be adopted."
            )
        take_version(self, stage=self.Stage.ADOPTED)
        self.status = self.Stage.ADOPTED
        self.adopted_on, self.adopted_by = on, by
        self.save(update_fields=["status", "adopted_on", "adopted_by"])


class PlanVersion(models.Model):
    """The plan's content frozen when it went out for consultation and when it was adopted."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="versions")
    stage = models.CharField(max_length=20, choices=Plan.Stage.choices)
    taken_at = models.DateTimeField(default=timezone.now)
    content = models.JSONField()

    class Meta:
        ordering = ["taken_at"]

    def __str__(self):
        return f"{self.plan} as {self.get_stage_display().lower()}"


def chosen_from(related_name):
    """The strategic assessment's candidate issue a priority or an emerging issue was chosen
    from (assessment.choosing); a deleted issue leaves the reason, not the link."""
    return models.ForeignKey(
        "assessment.CandidateIssue",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        editable=False,
    )


def why_chosen():
    # Worked out from the evidence when it was chosen and kept as it was then: a plan says why
    # its priorities were chosen on what was known, not on figures loaded since.
    return models.TextField("why it was chosen", blank=True, editable=False)


class Priority(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, help_text="For example: Anti-Social Behaviour.")
    description = models.TextField(blank=True)
    objectives = models.ManyToManyField(
        CorporateObjective,
        blank=True,
        related_name="priorities",
        verbose_name="corporate objectives",
        help_text="The council's corporate plan objectives this priority serves.",
    )
    candidate_issue = chosen_from("priorities")
    chosen_because = why_chosen()
    history = HistoricalRecords(m2m_fields=[objectives])

    class Meta:
        ordering = ["number", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return f"Priority {self.number}: {self.title}"


class EmergingIssue(models.Model):
    """A specific problem the strategic assessment found, often in a place."""

    priority = models.ForeignKey(Priority, models.CASCADE, related_name="issues")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(
        max_length=300, help_text="For example: Street drinking in a town centre."
    )
    description = models.TextField(blank=True)
    candidate_issue = chosen_from("emerging_issues")
    chosen_because = why_chosen()
    history = HistoricalRecords()

    class Meta:
        ordering = ["number", "pk"]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self):
        return f"{self.priority.number}.{self.number}"


class FinalStatus(models.TextChoices):
    """What became of an action unfinished when its plan year closed (a completed one is
    simply completed)."""

    CARRIED_OVER = "carried_over", "Carried over to next year's plan"
    NOT_ACHIEVED = "not_achieved", "Not achieved"


class ActionQuerySet(models.QuerySet):
    def of_plan(self, plan):
        return self.filter(issue__priority__plan=plan)

    def for_agency(self, agency):
        """What the agency leads or supports."""
        return self.filter(Q(lead_agency=agency) | Q(supporting_agencies=agency)).distinct()

    def with_status_as_at(self, day):
        """Annotate `status`, `last_update_at` and `last_note` from the latest update made on or
        before `day`."""
        latest = ProgressUpdate.objects.filter(
            action=OuterRef("pk"), recorded_at__lt=end_of_day(day)
        ).order_by("-recorded_at", "-pk")
        return self.annotate(
            status=Coalesce(Subquery(latest.values("status")[:1]), Value(Status.NOT_STARTED)),
            last_update_at=Subquery(latest.values("recorded_at")[:1]),
            last_note=Subquery(latest.values("note")[:1]),
        )


class Action(models.Model):
    issue = models.ForeignKey(EmergingIssue, models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField("action", max_length=500, help_text="What will be done.")
    lead_agency = models.ForeignKey(Agency, models.PROTECT, related_name="led_actions")
    supporting_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="supported_actions"
    )
    lead_officer = models.CharField(
        max_length=150, blank=True, help_text="The person who answers for it, and their post."
    )
    lead_officer_person = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_officer_of",
        verbose_name="lead officer's account",
        help_text="Who is emailed to update it before each meeting. Filled in when the lead "
        "officer's name is that of a person of the lead agency; empty: every officer of the "
        "lead agency.",
    )
    target_date = models.DateField(help_text="Partners normally have until 31 March.")
    success_measure = models.TextField(
        "how success will be measured", blank=True, help_text="For example: fewer reports of ..."
    )
    carried_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
        help_text="The action of last year's plan this one carries on.",
    )
    final_status = models.CharField(
        max_length=20,
        choices=FinalStatus.choices,
        blank=True,
        help_text="Set when the plan closes.",
    )
    final_reason = models.TextField("why it was not achieved", blank=True)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[supporting_agencies])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = [
            "issue__priority__number",
            "issue__priority_id",
            "issue__number",
            "issue_id",
            "number",
            "pk",
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("plans:action", args=[self.issue.priority.plan.partnership.slug, self.pk])

    @property
    def code(self):
        return f"{self.issue.code}.{self.number}"

    @property
    def plan(self):
        return self.issue.priority.plan

    def record_update(self, *, status, note, by, files=(), when=None):
        """Append a progress update; updates are never changed afterwards. The update and its
        files are saved together or not at all (FileNotStored when the upload folder fails)."""
        with atomic_with_files():
            update = ProgressUpdate.objects.create(
                action=self,
                status=status,
                note=note,
                recorded_by=by,
                recorded_at=when or timezone.now(),
            )
            for upload in files:
                Evidence.objects.create(update=update, file=upload, name=upload.name[:200])
        return update


class ProgressUpdate(models.Model):
    """What an agency reported about an action, when and by whom. Append-only: no edits."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField("what was done", blank=True)
    recorded_by = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="progress_updates"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["action", "recorded_at"], name="update_action_time")]

    def __str__(self):
        return f"{self.action.code}: {self.get_status_display()} on {self.recorded_at:%d %b %Y}"


class Evidence(models.Model):
    """A file attached to a progress update: minutes, a photo, a leaflet, a spreadsheet."""

    update = models.ForeignKey(ProgressUpdate, models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="plans/evidence/%Y/%m/")
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.name


class Comment(models.Model):
    """A consultation comment on the plan, one of its priorities or one of its actions."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted and the plan amended"
        DECLINED = "declined", "Declined, with the reason"
        NOTED = "noted", "Noted"

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="comments")
    priority = models.ForeignKey(
        Priority, models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    action = models.ForeignKey(
        Action, models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    # What it was about, in words, so that it still reads right after the plan is amended.
    about = models.CharField(max_length=600)
    author = models.ForeignKey(Person, models.SET_NULL, null=True, related_name="plan_comments")
    body = models.TextField("comment")
    created = models.DateTimeField(default=timezone.now)
    response = models.CharField(max_length=20, choices=Response.choices, blank=True)
    response_note = models.TextField("answer", blank=True)
    responded_by = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"Comment by {self.author} on {self.about}"

    @transaction.atomic
    def answer(self, *, response, note, by):
        """Answer the comment. A comment that is a committee's recommendation (meetings app)
        passes the answer on as the recommendation's response; where the recommendation
        refuses it (ValidationError), the answer is not saved either."""
        self.response = response
        self.response_note = note
        self.responded_by = by
        self.responded_at = timezone.now()
        self.save(update_fields=["response", "response_note", "responded_by", "responded_at"])
        recommendation = getattr(self, "recommendation", None)
        if recommendation is not None:
            recommendation.follow_answer_on_plan(by=by)


class CaseStudy(models.Model):
    """A successful project written up as evidence, with the OSARA problem-solving fields."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="case_studies")
    plan = models.ForeignKey(
        Plan, models.SET_NULL, null=True, blank=True, related_name="case_studies"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="The story in a few plain sentences, for members.")
    objective = models.TextField(blank=True, help_text="What the project set out to achieve.")
    scanning = models.TextField(blank=True, help_text="How the problem came to light.")
    analysis = models.TextField(blank=True, help_text="What the data and partners showed.")
    response = models.TextField(blank=True, help_text="What partners did.")
    assessment = models.TextField(blank=True, help_text="How well it worked, and how we know.")
    outcome = models.TextField(help_text="What changed for residents.")
    publishable = models.BooleanField(
        "can be published", default=False, help_text="Cleared to quote in public reports."
    )
    actions = models.ManyToManyField(Action, blank=True, related_name="case_studies")
    agencies = models.ManyToManyField(Agency, blank=True, related_name="case_studies")
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[actions, agencies])

    class Meta:
        ordering = ["-updated", "pk"]
        verbose_name_plural = "case studies"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:case_study", args=[self.partnership.slug, self.pk])
