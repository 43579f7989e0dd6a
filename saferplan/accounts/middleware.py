from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from saferplan.partnerships import access as rules

# What a person signed in with their password only may still open.
SECOND_STEP_PAGES = {
    "two_factor_verify": {"two_factor_verify", "logout"},
    "two_factor_setup": {"two_factor_setup", "logout"},
}


def second_step_required(get_response):
    """After the password, before anything else: a person who has two-factor sign-in types
    their code; one who must have it (access.must_use_two_factor) and has not sets it up.
    Runs after django-otp's OTPMiddleware, which says whether the session has passed it."""

    def middleware(request):
        step = second_step(request.user)
        if step and url_name(request) not in SECOND_STEP_PAGES[step]:
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return get_response(request)

    return middleware


def second_step(person):
    if not person.is_authenticated or person.is_verified():
        return None
    standing = rules.two_factor_standing(person)
    if standing.has_app:
        return "two_factor_verify"
    if standing.required:
        return "two_factor_setup"
    return None


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None
