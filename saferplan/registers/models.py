"""The partnership's statutory case review registers.

ASB Case Reviews (Anti-social Behaviour, Crime and Policing Act 2014, s.104): each application, the
threshold the partnership set, the review and its recommendations. Domestic Abuse Related Death
Reviews (formerly Domestic Homicide Reviews): each notified death, the decision to review, the
milestones against the statutory guidance's timescales, the Home Office quality assurance and
publication. Who sees a case (and its applicant's personal details) is decided in
`partnerships/access.py`: coordinators and the people named on the case.
"""

import calendar
import datetime
import itertools
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from saferplan.meetings.models import Recommendation
from saferplan.partnerships.models import Agency, Partnership, Person
from saferplan.plans.models import Action

# The statutory guidance's timescales for a death review (Multi-agency Statutory Guidance for the
# Conduct of Domestic Homicide Reviews, 2016, section 5): the partnership decides whether to hold
# a review within one month of being notified, and the review is completed (its report sent to
# the Home Office quality assurance panel) within six months of that decision.
MONTHS_TO_DECIDE = 1
MONTHS_TO_COMPLETE = 6


def add_months(day, months):
    """The same day `months` later, or the month's last day where it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class AsbCaseReview(models.Model):
    class HowMade(models.TextChoices):
        ONLINE = "online", "Online form"
        PHONE = "phone", "Telephone"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"
        ON_BEHALF = "on_behalf", "By someone on the victim's behalf"

    class Threshold(models.TextChoices):
        UNDECIDED = "undecided", "Not decided yet"
        MET = "met", "Met"
        NOT_MET = "not_met", "Not met"

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="asb_case_reviews")
    reference = models.CharField(
        max_length=40, help_text="The partnership's own, e.g. ASB-2014-03."
    )
    received = models.DateField("date received")
    how_made = models.CharField("how it was made", max_length=20, choices=HowMade.choices)
    # The applicant's personal details: only coordinators and the people named on the case.
    applicant_name = models.CharField("applicant's name", max_length=200, blank=True)
    applicant_contact = models.TextField(
        "applicant's contact details", blank=True, help_text="Address, phone or email."
    )
    threshold = models.CharField(
        "threshold set by the partnership",
        max_length=300,
        help_text="For example: three complaints about anti-social behaviour in six months.",
    )
    threshold_decision = models.CharField(
        "was the threshold met",
        max_length=20,
        choices=Threshold.choices,
        default=Threshold.UNDECIDED,
    )
    why_not_met = models.TextField("why it was not met", blank=True)
    review_meeting = models.DateField(
        "date of the review meeting",
        null=True,
        blank=True,
        help_text="The review counts as carried out from this date.",
    )
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="asb_case_reviews", verbose_name="agencies taking part"
    )
    outcome = models.TextField("outcome of the review", blank=True)
    told_decision = models.DateField(
        "applicant told of the threshold decision", null=True, blank=True
    )
    told_outcome = models.DateField("applicant told of the outcome", null=True, blank=True)
    appeal_received = models.DateField("appeal received", null=True, blank=True)
    appeal_outcome = models.TextField("outcome of the appeal", blank=True)
    shared_with = models.ManyToManyField(
        Person,
        blank=True,
        related_name="asb_case_reviews",
        verbose_name="people the case is shared with",
        help_text="They see the case and the applicant's details; coordinators always do.",
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[agencies, shared_with])

    class Meta:
        ordering = ["-received", "-pk"]
        verbose_name = "ASB case review"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="unique_asb_case_review_reference"
            )
        ]

    def __str__(self):
        return f"ASB case review {self.reference}"

    @property
    def threshold_met(self):
        return self.threshold_decision == self.Threshold.MET

    def clean(self):
        errors = {}
        if self.threshold_decision == self.Threshold.NOT_MET and not self.why_not_met.strip():
            errors["why_not_met"] = "Say why the threshold was not met: the applicant is told."
        if self.review_meeting and not self.threshold_met:
            errors["review_meeting"] = "A review is held only where the threshold was met."
        for name in ["review_meeting", "told_decision", "told_outcome", "appeal_received"]:
            day = getattr(self, name)
            if day and self.received and day < self.received:
                errors.setdefault(name, "This date cannot be before the application was received.")
        if self.appeal_outcome.strip() and not self.appeal_received:
            errors["appeal_received"] = "Give the date the appeal was received."
        if errors:
            raise ValidationError(errors)


class ReviewRecommendation(models.Model):
    """A recommendation of a review, with its owner and date; it can become an action of the
    current plan and (for an ASB case review) an entry in the recommendations register."""

    text = models.TextField("recommendation")
    owner = models.ForeignKey(Agency, models.PROTECT, related_name="+", verbose_name="owner agency")
    due = models.DateField("target date")
    action = models.OneToOneField(
        Action, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return self.text


class AsbRecommendation(ReviewRecommendation):
    review = models.ForeignKey(AsbCaseReview, models.CASCADE, related_name="recommendations")
    register_entry = models.OneToOneField(
        Recommendation, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    history = HistoricalRecords()


@dataclass(frozen=True)
class Milestone:
    name: str
    due: datetime.date | None
    done: datetime.date | None
    late: bool


class DeathReview(models.Model):
    """A Domestic Abuse Related Death Review: restricted until its report is published."""

    class Decision(models.TextChoices):
        UNDECIDED = "undecided", "Not decided yet"
        REVIEW = "review", "Review to be held"
        NO_REVIEW = "no_review", "No review"

    class QualityAssurance(models.TextChoices):
        AWAITED = "awaited", "Awaited"
        APPROVED = "approved", "Approved for publication"
        RESUBMIT = "resubmit", "To be revised and resubmitted"

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="death_reviews")
    title = models.CharField(
        max_length=200,
        help_text="As it will be published, with a pseudonym, e.g. Review into the death of "
        "'Adult A'.",
    )
    notified = models.DateField("date the partnership was notified")
    decision = models.CharField(
        "decision to review", max_length=20, choices=Decision.choices, default=Decision.UNDECIDED
    )
    decided = models.DateField("date of the decision", null=True, blank=True)
    chair = models.CharField("independent chair", max_length=200, blank=True)
    panel_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="death_reviews", verbose_name="panel agencies"
    )
    submitted = models.DateField(
        "report sent to the Home Office quality assurance panel", null=True, blank=True
    )
    quality_assurance = models.CharField(
        "quality assurance outcome",
        max_length=20,
        choices=QualityAssurance.choices,
        default=QualityAssurance.AWAITED,
    )
    quality_assured = models.DateField("date of the panel's outcome", null=True, blank=True)
    published = models.DateField("publication date", null=True, blank=True)
    report_url = models.URLField("published report's address", blank=True)
    shared_with = models.ManyToManyField(
        Person,
        blank=True,
        related_name="death_reviews",
        verbose_name="people the review is shared with",
        help_text="They see the review; coordinators always do.",
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[panel_agencies, shared_with])

    class Meta:
        ordering = ["-notified", "-pk"]
        verbose_name = "domestic abuse related death review"

    def __str__(self):
        return self.title

    @property
    def decision_due(self):
        return add_months(self.notified, MONTHS_TO_DECIDE)

    @property
    def completion_due(self):
        if self.decision != self.Decision.REVIEW or self.decided is None:
            return None
        return add_months(self.decided, MONTHS_TO_COMPLETE)

    def milestones(self, today):
        """Each milestone, its due date under the statutory guidance (if it has one), the date
        it was done and whether it is late: done after it was due, or not done and overdue."""

        def late(due, done):
            return due is not None and (done or today) > due

        steps = [("Decision whether to review", self.decision_due, self.decided)]
        if self.decision == self.Decision.REVIEW:
            steps += [
                ("Report sent to the Home Office", self.completion_due, self.submitted),
                ("Quality assurance outcome", None, self.quality_assured),
                ("Published", None, self.published),
            ]
        return [Milestone(name, due, done, late(due, done)) for name, due, done in steps]

    def is_late(self, today):
        return any(milestone.late for milestone in self.milestones(today))

    def clean(self):
        errors = {}
        if self.decision != self.Decision.UNDECIDED and self.decided is None:
            errors["decided"] = "Give the date of the decision."
        if self.decision == self.Decision.UNDECIDED and self.decided is not None:
            errors["decision"] = "Say what was decided on that date."
        if self.decision != self.Decision.REVIEW:
            for name in ["submitted", "quality_assured", "published"]:
                if getattr(self, name):
                    errors[name] = "Only a review that is held has this step."
        order = ["notified", "decided", "submitted", "quality_assured", "published"]
        # Each is a step taken, so never after today: a mistyped year 9999 has no deadline
        # after it (a date cannot hold year 10000), and a publication date still to come would
        # put the review on the public page before its report is out.
        today = timezone.localdate()
        for name in order:
            day = getattr(self, name)
            if day and day > today:
                errors.setdefault(name, "This date is in the future: record it once it is done.")
        days = [(name, getattr(self, name)) for name in order if getattr(self, name)]
        for (before, first), (after, then) in itertools.pairwise(days):
            if then < first and after not in errors:
                label = self._meta.get_field(before).verbose_name
                errors[after] = f"This date cannot be before the {label}."
        if self.quality_assurance != self.QualityAssurance.AWAITED and not self.quality_assured:
            errors["quality_assured"] = "Give the date of the panel's outcome."
        if self.published and self.quality_assurance != self.QualityAssurance.APPROVED:
            errors["published"] = "A report is published once the panel has approved it."
        if self.published and not self.report_url:
            errors["report_url"] = "Give the address of the published report."
        if errors:
            raise ValidationError(errors)


class DeathReviewRecommendation(ReviewRecommendation):
    review = models.ForeignKey(DeathReview, models.CASCADE, related_name="recommendations")
    history = HistoricalRecords()
