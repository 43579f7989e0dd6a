import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from saferplan.partnerships import access as rules

from . import two_factor
from .forms import ConfirmAppForm, SecondStepForm
from .models import RecoveryCodes


@login_required
def account(request):
    person = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_two_factor": two_factor.has_two_factor(person),
            "required": rules.must_use_two_factor(person),
            "codes_left": two_factor.recovery_codes_left(person),
            "api_tokens": person.api_tokens.all(),
        },
    )


@never_cache
@login_required
def two_factor_setup(request):
    device = two_factor.app_being_set_up(request.user)
    form = ConfirmAppForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        return show_recovery_codes(request, form.recovery_codes, first_time=True)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "key": two_factor.readable_key(device),
            "required": rules.must_use_two_factor(request.user),
            "next": safe_next(request),
        },
    )


@never_cache
@login_required
def two_factor_verify(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("account")
    form = SecondStepForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        if isinstance(form.device, RecoveryCodes):
            messages.warning(
                request,
                f"You signed in with a recovery code: "
                f"{two_factor.recovery_codes_left(request.user)} left. If your app is lost, "
                "set up a new one on Your account.",
            )
        return redirect(safe_next(request) or "home")
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": safe_next(request)}
    )


@require_POST
@login_required
def new_recovery_codes(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("account")
    codes = two_factor.new_recovery_codes(request.user)
    return show_recovery_codes(request, codes, first_time=False)


@require_POST
@login_required
def two_factor_off(request):
    if rules.must_use_two_factor(request.user):
        messages.error(request, "Your role needs two-factor sign-in: it cannot be turned off.")
    else:
        two_factor.turn_off(request.user)
        messages.success(request, "Two-factor sign-in is off.")
    return redirect("account")


def show_recovery_codes(request, codes, *, first_time):
    # Shown once, in the answer to the POST that made them: never stored readable, never cached.
    response = render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "first_time": first_time, "next": safe_next(request)},
    )
    add_never_cache_headers(response)
    return response


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
