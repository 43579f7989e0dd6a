from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_POST

from saferplan.accounts import lockout
from saferplan.crime import selectors as crime_stats
from saferplan.crime import tables as crime_tables
from saferplan.meetings.models import Meeting
from saferplan.plans.selectors import overview_progress, plan_to_lead_with

from . import access as rules
from . import home as home_parts
from . import invitations
from .forms import ChoosePasswordForm, InviteForm, RoleForm
from .models import Person, Role


@login_required
def home(request):
    """What needs the person, in each of their partnerships."""
    today = timezone.localdate()
    return render(
        request,
        "partnerships/home.html",
        {
            "homes": home_parts.homes_of(request.user, today),
            "today": today,
            "due_soon_days": home_parts.DUE_SOON_DAYS,
            "failed_shown_days": home_parts.FAILED_SHOWN_DAYS,
        },
    )


@login_required
def partnership(request, slug):
    """The overview: the plan's progress, the next meeting and the latest crime figures."""
    access = rules.access_for(request, slug)
    today = timezone.localdate()
    # With their partnership, which the plan's link names.
    plans = rules.plans_of(access.partnership).select_related("partnership")
    plan = plan_to_lead_with(plans, today)
    return render(
        request,
        "partnerships/partnership.html",
        {
            "access": access,
            "districts": access.partnership.district_codes,
            "role_purpose": rules.ROLE_PURPOSE[access.role],
            "plan": plan,
            "progress": overview_progress(plan, as_at=today) if plan else None,
            "next_meeting": rules.meetings_of(access.partnership)
            .upcoming(today)
            .exclude(status=Meeting.Status.CANCELLED)
            .first(),
            "crime": latest_crime(access.partnership),
        },
    )


def latest_crime(partnership):
    """The latest month loaded and the last 12 months' headlines, or None before any data."""
    with crime_stats.one_version():
        year = crime_stats.compare_periods(partnership, months=12)
    if year is None:
        return None
    return {"year": year, "headlines": crime_tables.headlines(year)}


@login_required
def people(request, slug):
    """The directory: the partnership's agencies, their people and roles."""
    access = rules.access_for(request, slug)
    agencies = rules.agencies_of(access.partnership).order_by("-is_responsible_authority", "name")
    roles = rules.roles_in(access.partnership)
    return render(
        request,
        "partnerships/people.html",
        {
            "access": access,
            "agencies": group_by_agency(agencies, roles),
            "unattached": [role for role in roles if role.person.agency not in agencies],
            "paused": lockout.paused_accounts([role.person.email for role in roles])
            if access.can("unlock_sign_in")
            else set(),
        },
    )


def group_by_agency(agencies, roles):
    """[(agency, [role, ...]), ...] in the agencies' order."""
    return [(agency, [r for r in roles if r.person.agency_id == agency.pk]) for agency in agencies]


@login_required
def invite(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_people")
    form = InviteForm(request.POST or None, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            person, _ = invitations.invite(form, invited_by=request.user)
        except invitations.InvitationNotSent as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Invitation sent to {person.email}.")
            return redirect("people", access.partnership.slug)
    return render(
        request,
        "partnerships/invite.html",
        {"access": access, "form": form, "invitation_days": settings.INVITATION_DAYS},
    )


@login_required
def person(request, slug, person_id):
    access = rules.access_for(request, slug)
    access.require("manage_people")
    role = get_object_or_404(rules.roles_in(access.partnership), person_id=person_id)
    form = RoleForm(request.POST or None, instance=role)
    if request.method == "POST" and form.is_valid():
        if role.person == request.user and form.cleaned_data["kind"] != Role.Kind.COORDINATOR:
            form.add_error("kind", "You cannot take away your own coordinator role.")
        else:
            form.save()
            messages.success(request, f"{role.person} is now {role.get_kind_display().lower()}.")
            return redirect("people", access.partnership.slug)
    return render(
        request,
        "partnerships/person.html",
        {
            "access": access,
            "role": role,
            "form": form,
            "locked_until": lockout.locked_until(role.person),
        },
    )


@login_required
@require_POST
def resend_invitation(request, slug, person_id):
    access = rules.access_for(request, slug)
    access.require("manage_people")
    role = get_object_or_404(rules.roles_in(access.partnership), person_id=person_id)
    if role.person.has_usable_password():
        messages.error(request, f"{role.person} has already accepted their invitation.")
        return redirect("person", slug, person_id)
    try:
        invitations.send_invitation(
            person=role.person, partnership=access.partnership, invited_by=request.user
        )
    except OSError as error:
        messages.error(request, f"The invitation could not be sent ({error}). Try again later.")
    else:
        messages.success(request, f"A new invitation has been sent to {role.person.email}.")
    return redirect("person", slug, person_id)


@login_required
@require_POST
def unlock_sign_in(request, slug, person_id):
    """Lift the pause on a person's sign-in after too many wrong passwords."""
    access = rules.access_for(request, slug)
    access.require("unlock_sign_in")
    role = get_object_or_404(rules.roles_in(access.partnership), person_id=person_id)
    lockout.unlock(role.person)
    messages.success(request, f"{role.person} can sign in again.")
    return redirect("person", slug, person_id)


@login_required
@require_POST
def remove_person(request, slug, person_id):
    """Take a person's role in this partnership away; their account and other roles stay."""
    access = rules.access_for(request, slug)
    access.require("manage_people")
    role = get_object_or_404(rules.roles_in(access.partnership), person_id=person_id)
    if role.person == request.user:
        messages.error(request, "You cannot remove yourself from the partnership.")
        return redirect("person", slug, person_id)
    role.delete()
    messages.success(request, f"{role.person} no longer has a role in {access.partnership}.")
    return redirect("people", access.partnership.slug)


def accept_invitation(request, uidb64, token):
    invited = person_from_uid(uidb64)
    if invited is None or not invitations.invitation_tokens.check_token(invited, token):
        already_accepted = invited is not None and invited.has_usable_password()
        return render(
            request,
            "partnerships/invitation_invalid.html",
            {"already_accepted": already_accepted},
            status=410 if invited else 404,
        )
    form = ChoosePasswordForm(invited, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, invited, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set and you are signed in.")
        return redirect("home")
    return render(
        request, "partnerships/accept_invitation.html", {"form": form, "invited": invited}
    )


def person_from_uid(uidb64):
    try:
        return Person.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, Person.DoesNotExist):
        return None
