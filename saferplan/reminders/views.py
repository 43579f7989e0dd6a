from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Person
from saferplan.plans.selectors import add_urls

from . import outbox
from .deadlines import (
    agency_counts,
    deadline_of,
    deadlines_of,
    upcoming_deadlines,
    with_actions,
    with_previous,
)
from .forms import EmailPreferencesForm, ReminderSettingsForm
from .models import Email, EmailPreferences, Reminder, ReminderSettings

PAST_SHOWN = 3
# Beyond this many actions the deadline page shows one lead agency's actions at a time.
LONG_DEADLINE = 300


@login_required
def overview(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_reminders")
    chosen = ReminderSettings.of(access.partnership)
    today = timezone.localdate()
    past = with_previous(chosen.meetings().filter(date__lt=today)).reverse()[:PAST_SHOWN]
    emails = rules.emails_of(access.partnership)
    return render(
        request,
        "reminders/overview.html",
        {
            "access": access,
            "settings": chosen,
            "committees": list(chosen.committees.all()) if chosen.pk else [],
            "upcoming": upcoming_deadlines(chosen, today),
            "past": deadlines_of(chosen, past),
            "problems": emails.filter(status__in=[Email.Status.RETRYING, Email.Status.FAILED]),
            "waiting": emails.filter(status=Email.Status.QUEUED).count(),
        },
    )


@login_required
def reminder_settings(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_reminders")
    current = ReminderSettings.of(access.partnership)
    form = ReminderSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The reminder settings are saved.")
        return redirect("reminders:overview", slug)
    return render(request, "reminders/settings.html", {"access": access, "form": form})


@login_required
def deadline(request, slug, meeting_id):
    """Who has updated for a meeting's deadline and who has not, and who was reminded."""
    access = rules.access_for(request, slug)
    access.require("manage_reminders")
    meeting = get_object_or_404(rules.meetings_of(access.partnership), pk=meeting_id)
    found = deadline_of(ReminderSettings.of(access.partnership), meeting)
    counts = agency_counts(found)
    needing = sum(row.updated + row.not_updated for row in counts)
    long_list = needing > LONG_DEADLINE
    chosen = shown_agency(request, counts) if long_list else None
    shown = with_actions(found, lead_agency=chosen).by_agency()
    reminded = reminders_sent(found, slug)
    for action in add_urls(found.actions, slug):
        action.reminded = reminded.get(action.pk, [])
    updated = sum(row.updated for row in counts)
    return render(
        request,
        "reminders/deadline.html",
        {
            "access": access,
            "deadline": found,
            "meeting": meeting,
            "counts": counts,
            "needing": needing,
            "updated": updated,
            "not_updated": needing - updated,
            "shown": shown,
            "long_list": long_list,
            "chosen": chosen,
            "today": timezone.localdate(),
        },
    )


@dataclass
class Sent:
    person: Person
    url: str  # the email's page
    status: str


def reminders_sent(found, slug):
    """{action id: [Sent, ...]}: who was emailed of each of the deadline's actions (those built)
    and how that went; rows, not models, and one reverse() for them all: per reminder, they were
    a third of a long deadline's page."""
    rows = Reminder.objects.filter(
        deadline__meeting=found.meeting, deadline__date=found.deadline, action__in=found.actions
    ).values_list("action", "person", "email", "email__status")
    rows = list(rows.order_by("pk"))
    people = Person.objects.in_bulk({person for _, person, _, _ in rows})
    head, tail = reverse("reminders:email", args=[slug, 0]).rsplit("/0/", 1)
    reminded = {}
    for action, person, email, status in rows:
        reminded.setdefault(action, []).append(
            Sent(people[person], f"{head}/{email}/{tail}", Email.Status(status).label.lower())
        )
    return reminded


def shown_agency(request, counts):
    """The lead agency whose actions a long deadline page shows: ?agency=<id>, or the first."""
    chosen = request.GET.get("agency")
    if chosen is None:
        return counts[0].agency
    for row in counts:
        if str(row.agency.pk) == chosen:
            return row.agency
    raise Http404("No action of this deadline is led by that agency.")


@login_required
def emails(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_reminders")
    found = rules.emails_of(access.partnership)
    problems_only = request.GET.get("show") == "problems"
    if problems_only:
        found = found.filter(status__in=[Email.Status.RETRYING, Email.Status.FAILED])
    page = Paginator(found.defer("text", "html"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/emails.html",
        {"access": access, "page": page, "problems_only": problems_only},
    )


@login_required
def email(request, slug, email_id):
    access = rules.access_for(request, slug)
    access.require("manage_reminders")
    found = rules.email_for(access, email_id)
    return render(request, "reminders/email.html", {"access": access, "email": found})


@login_required
@require_POST
def retry(request, slug, email_id):
    access = rules.access_for(request, slug)
    access.require("manage_reminders")
    found = rules.email_for(access, email_id)
    if outbox.try_again(found):
        messages.success(
            request, f"The email to {found.person} will be sent again within a minute."
        )
    else:
        messages.error(request, "This email is not waiting for another try.")
    return redirect("reminders:email", slug, found.pk)


@login_required
def preferences(request):
    """A person's own choice of the emails SaferPlan sends them, in every partnership."""
    current = EmailPreferences.objects.filter(person=request.user).first()
    form = EmailPreferencesForm(
        # Every box unticked posts nothing at all, and that is a choice too.
        request.POST if request.method == "POST" else None,
        instance=current or EmailPreferences(person=request.user),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your choice of emails is saved.")
        return redirect("email_preferences")
    return render(request, "reminders/preferences.html", {"form": form})
