"""Two-factor sign-in in a real browser: a coordinator signs in, is sent to set it up, scans
nothing (types the key's code, computed here as an app would), keeps the recovery codes, and
next time types the app's code after the password. Each page meets WCAG 2.2 AA."""

import base64
import time

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.test_browser import HOME

pytestmark = pytest.mark.browser


def app_code(key_text, drift=0):
    key = base64.b32decode(key_text.replace(" ", ""))
    return f"{totp(key, drift=drift):06d}"


def wait_for_a_fresh_step(step=30, margin=10):
    """Wait, if need be, until `margin` seconds of the app's 30-second step are left: a code the
    server checks in the next step is accepted (tolerance), but django-otp then records a drift
    of -1, which refuses the later code typed one step ahead (a flaky failure on a slow machine)."""
    left = step - time.time() % step
    if left < margin:
        time.sleep(left)


def sign_in(page, email):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_coordinator_sets_up_and_uses_two_factor_sign_in(page, axe, transactional_db, world):
    sign_in(page, "coordinator@thanet.test")
    page.wait_for_url("**/account/two-factor/set-up/**")
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    assert axe(page) == []
    key = page.locator("p code").inner_text()

    wait_for_a_fresh_step()
    page.get_by_label("The 6-digit code your app shows").fill(app_code(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert page.locator(".sp-recovery-codes li").count() == 10
    assert axe(page) == []
    page.get_by_role("link", name="I have kept my codes: continue").click()
    page.wait_for_url(HOME)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "coordinator@thanet.test")
    page.wait_for_url("**/account/two-factor/code/**")
    assert axe(page) == []
    page.get_by_label("Code").fill(app_code(key, drift=1))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(HOME)
