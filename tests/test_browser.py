"""Journeys in a real browser: Debian's chromium driven by Playwright against a live server.

Later features add their journeys here.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


# Where signing in lands: the home page, what needs the person.
HOME = re.compile(r"^https?://[^/]+/$")


def build_demo():
    call_command("demo", "--no-serve", stdout=StringIO())


def sign_in(page, email, password="saferplan-demo"):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in_to_thanet(page, email):
    """Sign in, land on the home page and go on to Thanet's overview, as a person would."""
    sign_in(page, email)
    page.wait_for_url(HOME)
    page.get_by_role("link", name="Overview of Thanet Community Safety Partnership").click()


def test_demo_coordinator_signs_in_and_sees_the_agencies(page, transactional_db):
    build_demo()
    sign_in(page, "coordinator@thanet.example")
    page.wait_for_url(HOME)
    page.get_by_role("link", name="Overview of Thanet Community Safety Partnership").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Thanet Community Safety Partnership"
    )
    page.get_by_role("link", name="The partnership's agencies, their people and roles").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Agencies and people"
    agencies = page.locator("section h2").all_inner_texts()
    assert len(agencies) == 6
    assert "Thanet Clinical Commissioning Group" in agencies
    assert page.get_by_text("Sample data").first.is_visible()


def test_wrong_password_moves_focus_to_the_error_summary(page, transactional_db):
    build_demo()
    sign_in(page, "coordinator@thanet.example", "wrong password")
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert page.evaluate("document.activeElement.className") == "sp-error-summary"
    assert page.title().startswith("Error: ")


def test_keyboard_user_can_skip_to_main_content(page, transactional_db):
    page.goto("/account/password-reset/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
