"""The coordinator sets when partners are asked for their updates, in a real browser."""

import pytest

from tests.test_browser import HOME, build_demo, sign_in

pytestmark = pytest.mark.browser


def test_coordinator_sets_the_deadline_and_reminder_days(page, transactional_db):
    build_demo()
    sign_in(page, "coordinator@thanet.example")
    page.wait_for_url(HOME)
    page.get_by_role("link", name="Overview of Thanet Community Safety Partnership").click()
    page.get_by_role("link", name="Plan", exact=True).click()
    page.get_by_role("link", name="Reminders and emails").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reminders and emails"
    assert "14 days before each meeting" in page.locator("main").inner_text()

    page.get_by_role("link", name="Change the settings").click()
    deadline = page.get_by_label("Update deadline: days before each meeting")
    deadline.fill("0")
    page.get_by_label("Reminder: days before the deadline").fill("5")
    page.get_by_role("button", name="Save the settings").click()
    summary = page.get_by_role("alert")
    assert "Ensure this value is greater than or equal to 1" in summary.inner_text()
    assert page.get_by_label("Reminder: days before the deadline").input_value() == "5"
    assert page.get_by_label("Community Safety Working Party").is_checked()

    # The error summary's link takes the keyboard to the field.
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    deadline = page.get_by_label("Update deadline: days before each meeting")
    assert deadline.evaluate("field => field === document.activeElement")
    deadline.fill("10")
    page.get_by_role("button", name="Save the settings").click()
    assert "The reminder settings are saved." in page.get_by_role("status").inner_text()
    main = page.locator("main").inner_text()
    assert "10 days before each meeting" in main and "5 days before the deadline" in main

    page.get_by_role("link", name="Community Safety Working Party, 3 March 2015").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Update deadline: 21 February 2015"
    assert "Kent Police:" in page.locator("main").inner_text()
