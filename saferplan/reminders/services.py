"""What to email, and when: the reminders and digests that fall due, and the notices sent when a
comment or a recommendation arrives. Each writes emails into the outbox (outbox.py), which the
worker delivers. Running any of these again writes nothing twice: reminders are claimed per
person, deadline and action, every other email has a unique key.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from saferplan import financial_years
from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Role
from saferplan.plans.models import Plan
from saferplan.plans.selectors import chase_list, chase_progress

from .deadlines import deadlines_due, sending_time, with_actions
from .models import Deadline, Email, EmailPreferences, Reminder
from .outbox import compose, queue_once, queue_reminder, wants


def link(name, *args, anchor=""):
    return settings.SITE_URL + reverse(name, args=args) + anchor


def coordinators_of(partnership):
    return [
        role.person
        for role in rules.roles_in(partnership).filter(
            kind=Role.Kind.COORDINATOR, person__is_active=True
        )
    ]


def send_due(now=None):
    """Write every reminder and digest due at `now` that has not been written yet; return how
    many emails of each kind were written. What is not due costs the same few queries however
    many partnerships there are."""
    now = now or timezone.now()
    written = Counter()
    for deadline in deadlines_due(now):
        if deadline.reminders_due(now):
            written[Email.Kind.REMINDER] += send_reminders(deadline)
        elif deadline.digest_due(now):
            written[Email.Kind.DEADLINE_DIGEST] += send_deadline_digest(deadline)
    written[Email.Kind.WEEKLY_DIGEST] += send_weekly_digests(now)
    return {str(kind): count for kind, count in written.items() if count}


def deadline_row(meeting_deadline):
    return Deadline.objects.get_or_create(
        meeting=meeting_deadline.meeting, date=meeting_deadline.deadline
    )[0]


def send_reminders(meeting_deadline):
    """One email to each person with actions not updated, listing those not yet reminded of."""
    with_actions(meeting_deadline)
    if not meeting_deadline.not_updated:
        return 0
    row = deadline_row(meeting_deadline)
    due = meeting_deadline.reminders()
    refused = set(
        EmailPreferences.objects.filter(
            person__in=[person for person, _ in due], reminder=False
        ).values_list("person_id", flat=True)
    )
    # Skips the work for actions reminded of before; the constraint is the guarantee.
    reminded = set(Reminder.objects.filter(deadline=row).values_list("person_id", "action_id"))
    written = 0
    for person, actions in due:
        if person.pk in refused:
            continue
        todo = [action for action in actions if (person.pk, action.pk) not in reminded]
        if todo and queue_reminder(
            deadline=row,
            person=person,
            actions=todo,
            write=lambda chosen, person=person: reminder_email(meeting_deadline, person, chosen),
        ):
            written += 1
    return written


def reminder_reason(person, actions, meeting_deadline):
    leading = [a for a in actions if a.lead_officer_person_id == person.pk]
    agencies = sorted({a.lead_agency.name for a in actions if a not in leading})
    if len(leading) == len(actions):
        why = "you are the lead officer of these actions"
    elif not leading:
        why = (
            f"you are an officer of {', '.join(agencies)}, which leads these actions, and they "
            "have no lead officer with a SaferPlan account"
        )
    else:
        why = (
            "you are the lead officer of some of these actions, and an officer of "
            f"{', '.join(agencies)}, which leads the others"
        )
    return (
        f"You are receiving this because {why}, and none of them has had an update since "
        f"{meeting_deadline.since_label}."
    )


def reminder_email(meeting_deadline, person, actions):
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
        context={
            "deadline": meeting_deadline,
            "meeting": meeting,
            "actions": [
                (a, link("plans:action", partnership.slug, a.pk, anchor="#record-progress"))
                for a in actions
            ],
            "leading": {a.pk for a in actions if a.lead_officer_person_id == person.pk},
        },
        reason=reminder_reason(person, actions, meeting_deadline),
    )


def coordinators_to_tell(partnership, *, kind, key, but=None):
    """The partnership's coordinators (but `but`) who want `kind` and have not had the email
    `key`:<their id> yet. The unique key, not this look, is what keeps it from going twice."""
    return [
        person
        for person in coordinators_of(partnership)
        if person != but
        and wants(person, kind)
        and not Email.objects.filter(key=f"{key}:{person.pk}").exists()
    ]


def tell(people, partnership, *, kind, key, **email):
    """Write the email to each of `people`; return how many were written."""
    written = [
        queue_once(
            compose(
                partnership=partnership, person=person, kind=kind, key=f"{key}:{person.pk}", **email
            )
        )
        for person in people
    ]
    return sum(email is not None for email in written)


def send_deadline_digest(meeting_deadline):
    """On the deadline, each coordinator hears who has updated and who has not."""
    with_actions(meeting_deadline)
    if meeting_deadline.plan is None:
        return 0
    row = deadline_row(meeting_deadline)
    meeting = meeting_deadline.meeting
    partnership = meeting.committee.partnership
    kind, key = Email.Kind.DEADLINE_DIGEST, f"deadline-digest:{row.pk}"
    updated, total = len(meeting_deadline.updated), len(meeting_deadline.actions)
    return tell(
        coordinators_to_tell(partnership, kind=kind, key=key),
        partnership,
        kind=kind,
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
    people = [person for found in coordinators.values() for person in found]
    had = set(
        Email.objects.filter(
            key__in=[
                f"{keys[p]}:{person.pk}" for p, found in coordinators.items() for person in found
            ]
        ).values_list("key", flat=True)
    )
    refused = set(
        EmailPreferences.objects.filter(person__in=people, weekly_digest=False).values_list(
            "person_id", flat=True
        )
    )
    written = 0
    for plan in plans:
        key = keys[plan.partnership_id]
        to_tell = [
            person
            for person in coordinators.get(plan.partnership_id, [])
            if f"{key}:{person.pk}" not in had and person.pk not in refused
        ]
        if to_tell:
            written += send_weekly_digest(plan, to_tell, key=key, today=today)
    return written


def send_weekly_digest(plan, people, *, key, today):
    """The week's chase list of `plan` to `people`, when there is something on it."""
    partnership = plan.partnership
    progress = chase_progress(plan, as_at=today)
    groups = chase_list(progress)
    if not groups:
        return 0
    return tell(
        people,
        partnership,
        kind=Email.Kind.WEEKLY_DIGEST,
        key=key,
        subject=f"{len(progress.overdue)} overdue and {len(progress.stale)} stale actions "
        f"in {plan}",
        template="weekly_digest",
        context={
            "progress": progress,
            "groups": groups,
            "page": link("plans:chase", partnership.slug, plan.year),
        },
        reason=f"You are receiving this because you are a coordinator of {partnership}: "
        "each Monday, the actions that are overdue or have had no update for "
        f"{progress.stale_after_days} days.",
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
