"""Sign-in throttling, by django-axes: after SIGN_IN_ATTEMPTS wrong passwords for one account,
or from one address, within SIGN_IN_LOCKOUT_MINUTES, sign-in is refused for that account or
address until the minutes have passed without another wrong try, or until someone unlocks it:
a coordinator of the person's partnership, a site administrator (/admin/ or `saferplan unlock`).
"""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone


def account_name(request, credentials):
    """Accounts are counted by email address whatever its case, so that `Alice@…` and
    `alice@…` are one account to the count as they are to the person."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()


def client_address(request):
    """The address of whoever is signing in. Behind PROXY_COUNT reverse proxies that each add
    the address they were reached from to X-Forwarded-For, it is the entry the outermost one
    added; the header is never read otherwise, since anyone can send it."""
    if settings.PROXY_COUNT:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= settings.PROXY_COUNT and forwarded[-settings.PROXY_COUNT]:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def locked_until(person):
    """Until when the person's account refuses sign-in, or None: what django-axes counts, the
    wrong passwords of the last SIGN_IN_LOCKOUT_MINUTES from any address."""
    recent = AccessAttempt.objects.filter(
        username=person.email.lower(),
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (recent["failures"] or 0) < settings.AXES_FAILURE_LIMIT:
        return None
    return recent["last"] + settings.AXES_COOLOFF_TIME


def paused_accounts(emails):
    """Of these email addresses, the accounts whose sign-in is paused now, in lower case."""
    paused = (
        AccessAttempt.objects.filter(
            username__in=[email.lower() for email in emails],
            attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
        )
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    return {row["username"] for row in paused}


def unlock(person):
    """Forget the wrong passwords typed for the person's account; returns how many were."""
    return reset(username=person.email.lower())


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes answers with when sign-in is paused (AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
