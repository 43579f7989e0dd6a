"""Reminders to partners before each meeting, digests and notices to coordinators, and the log
of every email SaferPlan sends.

An `Email` is written (rendered, with its reason) before it is sent and kept afterwards: it is
both the outbox the worker delivers from, retrying with backoff, and the log coordinators read.
Two constraints keep anything from being sent twice, whatever the number of workers or
restarts: a `Reminder` row per person, deadline and action, and the `key` of every other email.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from saferplan.meetings.models import Committee, Meeting
from saferplan.partnerships.models import Partnership, Person
from saferplan.plans.models import Action

DEFAULT_DEADLINE_DAYS = 14
DEFAULT_REMINDER_DAYS = 7


class ReminderSettings(models.Model):
    partnership = models.OneToOneField(
        Partnership, models.CASCADE, related_name="reminder_settings"
    )
    deadline_days = models.PositiveSmallIntegerField(
        "Update deadline: days before each meeting",
        default=DEFAULT_DEADLINE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Between 1 and 60. Partners update their actions by then, in time for the "
        "papers.",
    )
    reminder_days = models.PositiveSmallIntegerField(
        "Reminder: days before the deadline",
        default=DEFAULT_REMINDER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Between 1 and 30. Lead officers with actions not updated since the last "
        "meeting get one email that day.",
    )
    committees = models.ManyToManyField(
        Committee,
        blank=True,
        related_name="+",
        verbose_name="Committees whose meetings have an update deadline",
        help_text="Choose none for the meetings of every committee.",
    )
    history = HistoricalRecords(m2m_fields=[committees])

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self):
        return f"Reminder settings of {self.partnership}"

    @classmethod
    def of(cls, partnership):
        """The partnership's settings; the defaults (unsaved) when it has never set them."""
        found = cls.objects.filter(partnership=partnership).first()
        return found or cls(partnership=partnership)

    def meetings(self):
        """The meetings that have an update deadline: not cancelled, of the chosen committees."""
        meetings = Meeting.objects.filter(committee__partnership=self.partnership_id).exclude(
            status=Meeting.Status.CANCELLED
        )
        if self.pk and self.committees.exists():
            meetings = meetings.filter(committee__in=self.committees.all())
        return meetings.select_related("committee__partnership").order_by("date", "starts")

    def has_deadline(self, meeting):
        """`meetings()` for one meeting already read; the committees prefetched are read once."""
        chosen = [committee.pk for committee in self.committees.all()] if self.pk else []
        return meeting.status != Meeting.Status.CANCELLED and (
            not chosen or meeting.committee_id in chosen
        )

    def deadline_for(self, meeting):
        return meeting.date - datetime.timedelta(days=self.deadline_days)

    def reminder_day_for(self, meeting):
        return self.deadline_for(meeting) - datetime.timedelta(days=self.reminder_days)


class EmailPreferences(models.Model):
    """Which kinds of email a person wants; every kind is on until they turn it off."""

    person = models.OneToOneField(Person, models.CASCADE, related_name="email_preferences")
    reminder = models.BooleanField(
        "Reminders to update my actions before a meeting's deadline", default=True
    )
    deadline_digest = models.BooleanField(
        "On each deadline, who has updated and who has not (coordinators)", default=True
    )
    weekly_digest = models.BooleanField(
        "Each Monday, the overdue and stale actions (coordinators)", default=True
    )
    new_comment = models.BooleanField(
        "Each new consultation comment on a plan (coordinators)", default=True
    )
    new_recommendation = models.BooleanField(
        "Each new decision or recommendation of a committee (coordinators)", default=True
    )
    comment_answered = models.BooleanField(
        "The answer to each of my consultation comments", default=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "email preferences"

    def __str__(self):
        return f"Email preferences of {self.person}"


class Email(models.Model):
    class Kind(models.TextChoices):
        # Each value is also the EmailPreferences field that turns the kind off, but the last two.
        REMINDER = "reminder", "Update reminder"
        DEADLINE_DIGEST = "deadline_digest", "Deadline digest"
        WEEKLY_DIGEST = "weekly_digest", "Weekly digest"
        NEW_COMMENT = "new_comment", "New comment"
        NEW_RECOMMENDATION = "new_recommendation", "New recommendation"
        COMMENT_ANSWERED = "comment_answered", "Comment answered"
        # Always sent, to no partnership: asked for on the sign-in pages.
        PASSWORD_RESET = "password_reset", "Password reset"
        # Always sent: a coordinator chose to send it, from the plan's chase list.
        CHASE = "chase", "Chase from a coordinator"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        RETRYING = "retrying", "Not sent yet: will try again"
        FAILED = "failed", "Not sent: gave up"

    # None for an email about the person's account (a password reset): no partnership's log.
    partnership = models.ForeignKey(
        Partnership, models.CASCADE, related_name="emails", null=True, blank=True
    )
    person = models.ForeignKey(Person, models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # What makes this email unique (a digest's week, a comment), where its kind has one;
    # reminders are kept unique per action by Reminder instead.
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField()
    reason = models.CharField("why it was sent", max_length=500)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    address = models.CharField("sent to", max_length=254, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_due")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.person}: {self.subject}"

    @property
    def is_problem(self):
        return self.status in (self.Status.RETRYING, self.Status.FAILED)


class Deadline(models.Model):
    """A meeting's update deadline, recorded when its reminders are first due."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="update_deadlines")
    date = models.DateField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "date"], name="one_deadline_per_date")
        ]

    def __str__(self):
        return f"Update deadline {self.date:%-d %B %Y} for {self.meeting}"


class Reminder(models.Model):
    """One action in one reminder email. The constraint, not a check before inserting, is what
    keeps a person from being reminded twice of the same action for the same deadline."""

    deadline = models.ForeignKey(Deadline, models.CASCADE, related_name="reminders")
    person = models.ForeignKey(Person, models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, models.CASCADE, related_name="reminders")
    email = models.ForeignKey(Email, models.CASCADE, related_name="reminders")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "deadline", "action"], name="one_reminder_per_action"
            )
        ]

    def __str__(self):
        return f"{self.person} reminded of {self.action.code} for {self.deadline}"
