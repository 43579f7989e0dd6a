"""Two-factor sign-in: after the password, the six-digit code of an authenticator app (TOTP, by
django-otp), or one of the person's recovery codes if the app is lost. Who must use it is decided
by `must_use_two_factor` in partnerships/access.py; everyone else may."""

import base64
import functools
import math

import segno
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import RecoveryCodes

APP_NAME = "Authenticator app"


def app_of(person):
    """The person's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=person, confirmed=True).first()


def has_two_factor(person):
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def app_being_set_up(person):
    """The person's authenticator app not yet confirmed with a code: kept until it is, so that
    reloading the page shows the same QR code."""
    device = TOTPDevice.objects.filter(user=person, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=person, name=APP_NAME, confirmed=False)


def qr_code_svg(device):
    """The app's set-up address as an SVG QR code, to put in the page as it is (no script)."""
    return qr_code_of(device.config_url)


@functools.lru_cache(maxsize=64)
def qr_code_of(address):
    """Drawn once per process: choosing the QR code's mask costs more than the rest of the page,
    and the page is shown again until the app is confirmed."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=5, title="QR code to scan with your authenticator app")
    return svg.replace("<svg ", '<svg role="img" ', 1)  # named by its <title>


def readable_key(device):
    """The secret key in base32, in groups of four, for people who type it instead."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_app(*, device, code):
    """Confirm the app being set up with a code it shows: it replaces any earlier app, and the
    person gets new recovery codes. Returns the codes (to show once), or None if the code is
    wrong."""
    if not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(person):
    recovery, _ = RecoveryCodes.objects.get_or_create(
        user=person, defaults={"name": "Recovery codes", "confirmed": True}
    )
    return recovery.renew()


def recovery_codes_left(person):
    recovery = RecoveryCodes.objects.filter(user=person).first()
    return recovery.codes.count() if recovery else 0


def device_for_code(person, code):
    """The device a code signs in with: the app for its current six digits, the recovery codes
    for an unused one; None for anything else. The app refuses for a while after wrong codes."""
    code = "".join(code.split())
    if code.isdigit():
        app = app_of(person)
        return app if app is not None and app.verify_token(code) else None
    recovery = RecoveryCodes.objects.filter(user=person, confirmed=True).first()
    return recovery if recovery is not None and recovery.verify_token(code) else None


def seconds_to_wait(device):
    """After wrong codes the app's codes are not checked for a while, longer after each."""
    if device is None:
        return 0
    allowed, details = device.verify_is_allowed()
    if allowed or "locked_until" not in (details or {}):
        return 0
    return max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))


def turn_off(person):
    TOTPDevice.objects.filter(user=person).delete()
    RecoveryCodes.objects.filter(user=person).delete()
