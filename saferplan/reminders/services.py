"""What to email, and when: the reminders and digests that fall due, and the notices sent when a
comment or a recommendation arrives. Each writes emails into the outbox (outbox.py), which the
worker delivers. Running any of these again writes nothing twice: reminders are claimed per
person, deadline and action, every other email has a unique key.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from saferplan import financial_years
from saferplan.partnerships import access as rules
from saferplan.plans.models import Plan
from saferplan.plans.selectors import chase_list, chases

from .deadlines import (
    deadlines_due,
    fill_actions,
    recipients_of,
    reminder_recipients,
    sending_time,
)
from .models import Deadline, Email, Reminder
from .outbox import Claim, compose, queue_all_once, queue_reminders, wanting


def link(name, *args, anchor=""):
    return settings.SITE_URL + reverse(name, args=args) + anchor


def send_due(now=None):
    """Write every reminder and digest due at `now` that has not been written yet; return how
    many emails of each kind were written. The same few queries whatever there is to write and
    however many partnerships there are, the week's digests included."""
    now = now or timezone.now()
    due = deadlines_due(now)
    reminding = [deadline for deadline in due if deadline.reminders_due(now)]
    digesting = [d for d in due if not d.reminders_due(now) and d.digest_due(now)]
    fill_actions([*reminding, *digesting])
    written = Counter()
    written[Email.Kind.REMINDER] += send_reminders(reminding)
    written[Email.Kind.DEADLINE_DIGEST] += send_deadline_digests(digesting)
    written[Email.Kind.WEEKLY_DIGEST] += send_weekly_digests(now)
    return {str(kind): count for kind, count in written.items() if count}


def deadline_rows(meeting_deadlines):
    """The `Deadline` row of each meeting deadline, in their order, recorded where it was not
    yet: one query when all were, three otherwise."""
    wanted = {(found.meeting.pk, found.deadline) for found in meeting_deadlines}

    def recorded():
        rows = Deadline.objects.filter(meeting__in={meeting for meeting, _ in wanted})
        return {(row.meeting_id, row.date): row for row in rows}

    rows = recorded() if wanted else {}
    if wanted - rows.keys():
        Deadline.objects.bulk_create(
            [Deadline(meeting_id=meeting, date=day) for meeting, day in sorted(wanted)],
            ignore_conflicts=True,
        )
        rows = recorded()
    return [rows[found.meeting.pk, found.deadline] for found in meeting_deadlines]


def send_reminders(meeting_deadlines):
    """One email to each person with actions not updated, per deadline, listing those not yet
    reminded of: the same few queries for any number of deadlines and emails."""
    waiting = [found for found in meeting_deadlines if found.not_updated]
    rows = deadline_rows(waiting)
    due = [
        (found, row, person, actions)
        for found, row in zip(waiting, rows, strict=True)
        for person, actions in found.reminders()
    ]
    willing = {p.pk for p in wanting({person for _, _, person, _ in due}, Email.Kind.REMINDER)}
    # Skips the work for actions reminded of before; the constraint is the guarantee.
    reminded = set(
        Reminder.objects.filter(deadline__in=rows).values_list("deadline", "person", "action")
    )
    writers = {row.pk: ReminderWriter(found) for found, row in zip(waiting, rows, strict=True)}
    claims = []
    for _, row, person, actions in due:
        todo = [a for a in actions if (row.pk, person.pk, a.pk) not in reminded]
        if todo and person.pk in willing:
            write = partial(writers[row.pk], person)
            claims.append(Claim(deadline=row, person=person, actions=todo, write=write))
    return len(queue_reminders(claims))


class ReminderWriter:
    """Writes the reminders of one deadline. Each action's part of them is built once, however
    many people it goes to, from one reverse() for them all."""

    def __init__(self, meeting_deadline):
        self.deadline, self.entries = meeting_deadline, {}
        slug = meeting_deadline.meeting.committee.partnership.slug
        self.head, self.tail = link("plans:action", slug, 0).rsplit("/0/", 1)

    def __call__(self, person, actions):
        return reminder_email(
            self.deadline, person, actions, [self.entry(action, person) for action in actions]
        )

    def entry(self, action, person):
        leading = action.lead_officer_person_id == person.pk
        if (action.pk, leading) not in self.entries:
            url = f"{self.head}/{action.pk}/{self.tail}#record-progress"
            self.entries[action.pk, leading] = reminder_entry(action, url=url, leading=leading)
        return self.entries[action.pk, leading]


def reminder_entry(action, *, url, leading):
    """An action's part of a reminder, as (text, HTML). Written here, not in a template: a
    county's reminders render thousands, and a template for each was most of the time the run
    took (reminder.txt and .html hold the rest of the words)."""
    lead = f"{action.lead_agency}{' (you are its lead officer)' if leading else ''}"
    if action.last_update_at:
        last = f"{timezone.localtime(action.last_update_at):%-d %B %Y}"
        status = f"{action.status_label}, last updated {last}"
    else:
        status = f"{action.status_label}, never updated"
    text = (
        f"{action.code} {action.title}\n  Lead agency: {lead}\n  Status: {status}\n"
        f"  Update it here (sign in first if asked): {url}\n"
    )
    html = format_html(
        '<li style="margin-bottom: 12px;"><strong>{} {}</strong><br>\nLead agency: {}<br>\n'
        'Status: {}<br>\n<a href="{}" style="color: #1d70b8;">Update action {}</a> (sign in '
        "first if asked)</li>\n",
        action.code,
        action.title,
        lead,
        status,
        url,
        action.code,
    )
    return text, html


def why_told(person, actions):
    """Why `person` hears of `actions`: as their lead officer, or as an officer of the agency
    that leads those with no lead officer's account (`recipients_of`)."""
    leading = [a for a in actions if a.lead_officer_person_id == person.pk]
    agencies = sorted({a.lead_agency.name for a in actions if a not in leading})
    if len(leading) == len(actions):
        return "you are the lead officer of these actions"
    if not leading:
        return (
            f"you are an officer of {', '.join(agencies)}, which leads these actions, and they "
            "have no lead officer with a SaferPlan account"
        )
    return (
        "you are the lead officer of some of these actions, and an officer of "
        f"{', '.join(agencies)}, which leads the others"
    )


def reminder_reason(person, actions, meeting_deadline):
    return (
        f"You are receiving this because {why_told(person, actions)}, and none of them has had "
        f"an update since {meeting_deadline.since_label}."
    )


def reminder_email(meeting_deadline, person, actions, entries):
    """The reminder to `person` of `actions`, whose parts `entries` ((text, html) each) are."""
    meeting = meeting_deadline.meeting
    partnership = meeting.committee.partnership
    count = len(actions)
    return compose(
        partnership=partnership,
        person=person,
        kind=Email.Kind.REMINDER,
        subject=f"Please update {count} action{'s' * (count > 1)} by "
        f"{meeting_deadline.deadline:%-d %B %Y} for the {meeting.committee} on "
        f"{meeting.date:%-d %B}",
        template="reminder",
        # The parts joined here, not looped over in the templates: a county's reminders list
        # thousands of them.
        context={
            "deadline": meeting_deadline,
            "meeting": meeting,
            "count": count,
            "entries_text": "".join(f"\n{text}" for text, _ in entries),
            "entries_html": mark_safe("".join(f"\n{html}" for _, html in entries)),  # escaped
        },
        reason=reminder_reason(person, actions, meeting_deadline),
    )


def not_told(people, *, kind):
    """{key: [person, ...]} less those who do not want `kind` and those who have had the email
    `key`:<their id> already: two queries for them all. The unique key, not this look, is what
    keeps an email from going twice."""
    everyone = {person for found in people.values() for person in found}
    willing = set(wanting(everyone, kind))
    had = set(
        Email.objects.filter(
            key__in=[f"{key}:{person.pk}" for key, found in people.items() for person in found]
        ).values_list("key", flat=True)
    )
    return {
        key: [p for p in found if p in willing and f"{key}:{p.pk}" not in had]
        for key, found in people.items()
    }


def coordinators_to_tell(partnership, *, kind, key, but=None):
    """The partnership's coordinators (but `but`) who want `kind` and have not had the email
    `key`:<their id> yet."""
    coordinators = rules.coordinators_in([partnership.pk]).get(partnership.pk, [])
    return not_told({key: [p for p in coordinators if p != but]}, kind=kind)[key]


def emails_to(people, partnership, *, kind, key, **email):
    """The email (unsaved) to each of `people`, its key `key`:<their id>."""
    return [
        compose(partnership=partnership, person=p, kind=kind, key=f"{key}:{p.pk}", **email)
        for p in people
    ]


def tell(people, partnership, *, kind, key, **email):
    """Write the email to each of `people`; return how many were written."""
    return len(queue_all_once(emails_to(people, partnership, kind=kind, key=key, **email)))


def send_deadline_digests(meeting_deadlines):
    """On the deadline, each coordinator hears who has updated and who has not."""
    planned = [found for found in meeting_deadlines if found.plan is not None]
    keys = [f"deadline-digest:{row.pk}" for row in deadline_rows(planned)]
    coordinators = rules.coordinators_in({d.meeting.committee.partnership_id for d in planned})
    to_tell = not_told(
        {
            key: coordinators.get(found.meeting.committee.partnership_id, [])
            for found, key in zip(planned, keys, strict=True)
        },
        kind=Email.Kind.DEADLINE_DIGEST,
    )
    emails = [
        email
        for found, key in zip(planned, keys, strict=True)
        for email in deadline_digests(found, to_tell[key], key=key)
    ]
    return len(queue_all_once(emails))


def deadline_digests(meeting_deadline, people, *, key):
    meeting = meeting_deadline.meeting
    partnership = meeting.committee.partnership
    updated, total = len(meeting_deadline.updated), len(meeting_deadline.actions)
    return emails_to(
        people,
        partnership,
        kind=Email.Kind.DEADLINE_DIGEST,
        key=key,
        subject=f"Update deadline for the {meeting.committee} on {meeting.date:%-d %B}: "
        f"{updated} of {total} actions updated",
        template="deadline_digest",
        context={
            "deadline": meeting_deadline,
            "meeting": meeting,
            "agencies": meeting_deadline.by_agency(),
            "page": link("reminders:deadline", partnership.slug, meeting.pk),
        },
        reason=f"You are receiving this because you are a coordinator of {partnership} and "
        f"today is the update deadline for the {meeting.committee} on "
        f"{meeting.date:%-d %B %Y}.",
    )


def send_weekly_digests(now):
    """From Monday 08:00, once a week, each coordinator gets the chase list of the year's plan,
    when there is something on it. Who has had this week's already is read for every
    partnership at once."""
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    if now < sending_time(monday):
        return 0
    year, week, _ = monday.isocalendar()
    plans = Plan.objects.filter(
        year=financial_years.of(today), status=Plan.Stage.ADOPTED
    ).select_related("partnership")
    keys = {
        plan.partnership_id: f"weekly:{plan.partnership_id}:{year}-W{week:02d}" for plan in plans
    }
    coordinators = rules.coordinators_in(keys)
    to_tell = not_told(
        {key: coordinators.get(partnership, []) for partnership, key in keys.items()},
        kind=Email.Kind.WEEKLY_DIGEST,
    )
    telling = [plan for plan in plans if to_tell[keys[plan.partnership_id]]]
    found = chases(telling, as_at=today)
    emails = []
    for plan in telling:
        key = keys[plan.partnership_id]
        emails += weekly_digests(found[plan.pk], to_tell[key], key=key)
    return len(queue_all_once(emails))


def weekly_digests(chase, people, *, key):
    """The week's chase list (a `Chase`) to `people`, when there is something on it."""
    plan = chase.plan
    partnership = plan.partnership
    groups = chase_list(chase)
    if not groups:
        return []
    return emails_to(
        people,
        partnership,
        kind=Email.Kind.WEEKLY_DIGEST,
        key=key,
        subject=f"{len(chase.overdue)} overdue and {len(chase.stale)} stale actions in {plan}",
        template="weekly_digest",
        context={
            "chase": chase,
            "groups": groups,
            "page": link("plans:chase", partnership.slug, plan.year),
        },
        reason=f"You are receiving this because you are a coordinator of {partnership}: "
        "each Monday, the actions that are overdue or have had no update for "
        f"{chase.stale_after_days} days.",
    )


def notify_comment(comment):
    """Tell the partnership's coordinators (but its author) of a new consultation comment."""
    plan = comment.plan
    partnership = plan.partnership
    kind, key = Email.Kind.NEW_COMMENT, f"comment:{comment.pk}"
    return tell(
        coordinators_to_tell(partnership, kind=kind, key=key, but=comment.author),
        partnership,
        kind=kind,
        key=key,
        subject=f"New comment on {plan} from {comment.author}",
        template="new_comment",
        context={
            "comment": comment,
            "plan": plan,
            "answer": link("plans:comment_answer", partnership.slug, comment.pk),
        },
        reason=f"You are receiving this because you are a coordinator of {partnership}, "
        "who answers the comments on its draft plan.",
    )


def notify_answer(comment, *, by, changed):
    """Tell the author of a consultation comment of its answer (`changed`: of its new answer),
    unless they answered it themselves or are no longer in the partnership. A committee's
    recommendation is answered in the register and reported to the committee instead."""
    plan = comment.plan
    partnership = plan.partnership
    author = comment.author
    if (
        author is None
        or author == by
        or not author.is_active
        or getattr(comment, "recommendation", None) is not None
        or partnership not in {access.partnership for access in rules.accesses_of(author)}
    ):
        return 0
    kind = Email.Kind.COMMENT_ANSWERED
    # Each answer is told once; a changed answer is a new one.
    key = f"answer:{comment.pk}:{comment.responded_at:%Y%m%d%H%M%S%f}"
    return tell(
        not_told({key: [author]}, kind=kind)[key],
        partnership,
        kind=kind,
        key=key,
        subject=f"{'The answer to your comment' if changed else 'Your comment'} on {plan} "
        f"{'has changed' if changed else 'has been answered'}",
        template="comment_answered",
        context={
            "comment": comment,
            "plan": plan,
            "by": by,
            "changed": changed,
            "page": link(
                "plans:consultation", partnership.slug, plan.year, anchor=f"#comment-{comment.pk}"
            ),
        },
        reason=f"You are receiving this because you commented on {plan} while it was out for "
        "consultation.",
    )


def notify_recommendation(recommendation, *, by):
    """Tell the partnership's coordinators (but whoever recorded it) of a new decision or
    recommendation."""
    meeting = recommendation.item.meeting
    partnership = meeting.committee.partnership
    kind, key = Email.Kind.NEW_RECOMMENDATION, f"recommendation:{recommendation.pk}"
    return tell(
        coordinators_to_tell(partnership, kind=kind, key=key, but=by),
        partnership,
        kind=kind,
        key=key,
        subject=f"New {recommendation.get_kind_display().lower()} of the "
        f"{meeting.committee}, {meeting.date:%-d %B %Y}",
        template="new_recommendation",
        context={
            "recommendation": recommendation,
            "meeting": meeting,
            "by": by,
            "page": link("meetings:recommendation", partnership.slug, recommendation.pk),
        },
        reason=f"You are receiving this because you are a coordinator of {partnership}, "
        "who follows its committees' decisions and recommendations until they are settled.",
    )


# A person chased from the chase list within this time is not chased again unless the
# coordinator, told so, chooses to.
CHASE_AGAIN_AFTER = datetime.timedelta(days=7)


@dataclass
class ChaseRecipient:
    person: object
    actions: list
    last_chased: datetime.datetime | None  # their latest chase email of this plan

    @property
    def chased_recently(self):
        return self.last_chased is not None and (
            timezone.now() - self.last_chased < CHASE_AGAIN_AFTER
        )


def chase_key(plan):
    """The start of the key of every chase email of `plan`."""
    return f"chase:{plan.pk}:"


def chase_recipients(plan, actions):
    """([ChaseRecipient, ...] by name, [action nobody can be emailed about, ...]): whom a chase
    of the chase list's `actions` goes to, as reminders do (`recipients_of`)."""
    reachable = reminder_recipients({plan.partnership_id})[plan.partnership_id]
    due, nobody = {}, []
    for action in actions:
        people = recipients_of(action, reachable)
        if not people:
            nobody.append(action)
        for person in people:
            due.setdefault(person, []).append(action)
    last = dict(
        chase_emails(plan)
        .filter(person__in=due)
        .values("person")
        .annotate(last=Max("created"))
        .values_list("person", "last")
    )
    recipients = [
        ChaseRecipient(person, found, last.get(person.pk)) for person, found in due.items()
    ]
    return sorted(recipients, key=lambda r: (r.person.name, r.person.pk)), nobody


def chase_emails(plan):
    return Email.objects.filter(
        partnership=plan.partnership_id,
        kind=Email.Kind.CHASE,
        key__startswith=chase_key(plan),
    )


def send_chase(*, plan, recipients, sender, message, batch):
    """Write the chase email of `plan` to each ChaseRecipient; return the emails written. The
    emails of one `batch` (one confirmation page) are each written once, however often it is
    sent: the unique key, not a look first, makes sure."""
    partnership = plan.partnership
    emails = []
    for recipient in recipients:
        for action in recipient.actions:
            action.email_url = link(
                "plans:action", partnership.slug, action.pk, anchor="#record-progress"
            )
        count = len(recipient.actions)
        emails.append(
            compose(
                partnership=partnership,
                person=recipient.person,
                kind=Email.Kind.CHASE,
                key=f"{chase_key(plan)}{batch}:{recipient.person.pk}",
                subject=f"Please update {count} action{'s' * (count > 1)} of {plan}",
                template="chase",
                context={
                    "plan": plan,
                    "actions": recipient.actions,
                    "sender": sender,
                    "message": message,
                },
                reason=f"You are receiving this because {sender}, a coordinator of "
                f"{partnership}, sent its chase list of overdue and stale actions, and "
                f"{why_told(recipient.person, recipient.actions)}.",
            )
        )
    return queue_all_once(emails)
