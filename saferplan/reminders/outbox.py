"""Emails written into the outbox, then delivered by the worker with retries.

Every email is rendered (plain text and HTML, with the reason it is sent) and saved before any
attempt to send it; the worker claims each with a conditional UPDATE, so two workers never send
the same row. A failure (an address that is not one, a server that refuses or cannot be reached)
is logged on the row and tried again later, waiting longer each time, and stops nothing else.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from saferplan.partnerships.models import Person

from .models import Deadline, Email, EmailPreferences, Reminder

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_WAIT = datetime.timedelta(minutes=5)
LONGEST_WAIT = datetime.timedelta(hours=6)
# A claim older than this belonged to a worker that stopped while sending: try again.
SENDING_TIMEOUT = datetime.timedelta(minutes=15)


def wanting(people, kind):
    """Those of `people` who want emails of `kind`, in one query: every kind is on until the
    person turns it off."""
    refused = set(
        EmailPreferences.objects.filter(person__in=people, **{kind: False}).values_list(
            "person", flat=True
        )
    )
    return [person for person in people if person.pk not in refused]


def compose(*, partnership, person, kind, subject, template, context, reason, key=None):
    """An unsaved Email, rendered from reminders/email/<template>.txt and .html."""
    now = timezone.now()
    context = {
        **context,
        "person": person,
        "partnership": partnership,
        "reason": reason,
        "site_url": settings.SITE_URL,
        "preferences_url": settings.SITE_URL + reverse("email_preferences"),
    }
    return Email(
        partnership=partnership,
        person=person,
        kind=kind,
        key=key,
        subject=subject,
        text=render_to_string(f"reminders/email/{template}.txt", context),
        html=render_to_string(f"reminders/email/{template}.html", context),
        reason=reason[:500],
        created=now,
        next_attempt_at=now,
    )


def queue_once(email):
    """Save an email whose key no other has; None (and nothing saved) if one already does."""
    try:
        with transaction.atomic():
            email.save()
    except IntegrityError:
        return None
    return email


def queue_all_once(emails):
    """`queue_once` for many: one insert for them all; one at a time when some key is taken
    already (another run wrote that email first). Returns the emails saved."""
    if not emails:
        return []
    try:
        with transaction.atomic():
            return Email.objects.bulk_create(emails)
    except IntegrityError:
        return [email for email in emails if queue_once(email)]


@dataclass
class Claim:
    """A person to remind of actions for a deadline; `write(actions)` composes the email."""

    deadline: Deadline
    person: Person
    actions: list
    write: Callable


def queue_reminders(claims):
    """Claim (person, deadline, action) for each action of each claim, then keep one email per
    claim of the actions it claimed; return the emails kept. Concurrent callers cannot both
    claim a row: the unique constraint lets the insert of one through and makes the other's do
    nothing (ON CONFLICT DO NOTHING / INSERT OR IGNORE), so each action is in at most one email.
    The emails are composed first, outside the transaction (SQLite's takes the write lock);
    then a few queries write them all."""
    emails = [claim.write(claim.actions) for claim in claims]
    if not emails:
        return []
    with transaction.atomic():
        Email.objects.bulk_create(emails)
        insert_claims(
            (claim.deadline.pk, claim.person.pk, action.pk, email.pk)
            for claim, email in zip(claims, emails, strict=True)
            for action in claim.actions
        )
        claimed = {}
        for email, action in Reminder.objects.filter(email__in=emails).values_list(
            "email", "action"
        ):
            claimed.setdefault(email, set()).add(action)
        kept = []
        for claim, email in zip(claims, emails, strict=True):
            mine = claimed.get(email.pk, set())
            if mine and len(mine) < len(claim.actions):
                rewrite(email, claim.write([a for a in claim.actions if a.pk in mine]))
            if mine:
                kept.append(email)
        if len(kept) < len(emails):
            Email.objects.filter(pk__in=[e.pk for e in emails if e.pk not in claimed]).delete()
    return kept


def insert_claims(rows):
    """Insert (deadline id, person id, action id, email id) reminder rows, but those claimed
    already, in one statement whatever their number: Django's bulk insert is one on PostgreSQL
    (UNNEST), but one per 249 rows on SQLite, whose executemany is one and as fast."""
    if connection.vendor == "postgresql":
        Reminder.objects.bulk_create(
            [
                Reminder(deadline_id=deadline, person_id=person, action_id=action, email_id=email)
                for deadline, person, action, email in rows
            ],
            ignore_conflicts=True,
        )
        return
    columns = ", ".join(
        Reminder._meta.get_field(name).column for name in ["deadline", "person", "action", "email"]
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Reminder._meta.db_table} ({columns}) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            list(rows),
        )


def rewrite(email, fresh):
    """Give `email` the words of `fresh`: it lists fewer actions than it was written for."""
    for name in ["subject", "text", "html", "reason"]:
        setattr(email, name, getattr(fresh, name))
    email.save(update_fields=["subject", "text", "html", "reason"])


def queue_password_reset(*, person, link):
    """Always sent, whatever the person's choices, and in no partnership's log."""
    email = compose(
        partnership=None,
        person=person,
        kind=Email.Kind.PASSWORD_RESET,
        subject="Reset your SaferPlan password",
        template="password_reset",
        context={"link": link, "days": settings.INVITATION_DAYS},
        reason="Someone, probably you, asked on the sign-in page to reset your password.",
    )
    email.save()
    return email


def due_emails(now):
    return Email.objects.filter(
        Q(status__in=[Email.Status.QUEUED, Email.Status.RETRYING], next_attempt_at__lte=now)
        | Q(status=Email.Status.SENDING, next_attempt_at__lte=now - SENDING_TIMEOUT)
    )


def claim(pk, now):
    """Mark the email as being sent by this worker; False if another got there first."""
    return bool(
        due_emails(now).filter(pk=pk).update(status=Email.Status.SENDING, next_attempt_at=now)
    )


def deliver_due(now=None, limit=200):
    """Send the emails that are due; return (sent, failed)."""
    now = now or timezone.now()
    sent = failed = 0
    for pk in list(
        due_emails(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    ):
        if not claim(pk, now):
            continue
        email = Email.objects.select_related("person").get(pk=pk)
        try:
            send(email)
        except Exception as error:  # any failure is the row's to record, never the batch's
            record_failure(email, error, now)
            failed += 1
        else:
            Email.objects.filter(pk=pk).update(
                status=Email.Status.SENT,
                address=email.address,
                attempts=email.attempts + 1,
                sent_at=timezone.now(),
                next_attempt_at=None,
                last_error="",
            )
            sent += 1
    return sent, failed


def send(email):
    # The person's address as it is now: a coordinator may have corrected it since.
    email.address = email.person.email
    try:
        validate_email(email.address)
    except ValidationError:
        raise ValueError(f"{email.address!r} is not a valid email address") from None
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        to=[email.address],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(email.html, "text/html")
    message.send()


def wait_before(attempt):
    """5 minutes after the first failure, three times longer each time, at most 6 hours."""
    return min(FIRST_WAIT * 3 ** (attempt - 1), LONGEST_WAIT)


def record_failure(email, error, now):
    attempts = email.attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS
    reason = f"{type(error).__name__}: {error}"[:2000]
    Email.objects.filter(pk=email.pk).update(
        status=Email.Status.FAILED if gave_up else Email.Status.RETRYING,
        address=email.address,
        attempts=attempts,
        next_attempt_at=None if gave_up else now + wait_before(attempts),
        last_error=reason,
    )
    logger.warning(
        "Email %s (%s) to %s not sent, attempt %s of %s%s: %s",
        email.pk,
        email.kind,
        email.address,
        attempts,
        MAX_ATTEMPTS,
        ", giving up" if gave_up else "",
        reason,
    )


def try_again(email):
    """A coordinator asks for one more attempt now."""
    return Email.objects.filter(
        pk=email.pk, status__in=[Email.Status.RETRYING, Email.Status.FAILED]
    ).update(status=Email.Status.RETRYING, next_attempt_at=timezone.now())
