"""The monitoring loop in a real browser: an officer records progress, a councillor looks back."""

import pytest
from playwright.sync_api import expect

from tests.test_browser import HOME, build_demo, sign_in

pytestmark = pytest.mark.browser


def test_officer_records_progress_on_their_action_with_evidence(page, transactional_db, tmp_path):
    build_demo()
    sign_in(page, "council.officer@thanet.example")
    page.wait_for_url(HOME)
    page.get_by_role("link", name="My actions in Thanet Community Safety Partnership").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My actions"
    # The demo's plan year is over: nothing needs an update, and the rest is a click away.
    assert "Nothing needs an update" in page.locator("main").inner_text()
    page.get_by_role("link", name="Show all Thanet District Council's actions").click()
    page.get_by_role("link", name="4.1.1 Online map of what the partnership").click()
    page.get_by_label("Underway").check()
    page.get_by_label("What was done").fill("Ward data gathered for the map.")
    evidence = tmp_path / "ward-list.csv"
    evidence.write_text("ward,actions\nCliftonville West,4\n")
    page.get_by_label("Evidence (optional)").set_input_files(evidence)
    page.get_by_role("button", name="Record the update").click()
    assert "is recorded" in page.get_by_role("status").inner_text()
    latest = page.locator(".sp-timeline__item").first
    assert "Ward data gathered for the map." in latest.inner_text()
    assert "Sam Patel (Thanet District Council)" in latest.inner_text()
    assert latest.get_by_role("link", name="ward-list.csv").is_visible()


def test_councillor_sees_progress_as_told_to_the_december_meeting(page, transactional_db):
    build_demo()
    sign_in(page, "councillor.one@thanet.example")
    page.goto("/p/thanet/plan/2014/progress/")
    page.get_by_label("Group by (optional)").select_option("Lead agency")
    page.get_by_label("As at (optional)").fill("2014-12-31")
    page.get_by_role("button", name="Show").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Progress as at 31 December 2014"
    table = page.locator("figure table")
    assert "Kent Police" in table.inner_text()
    assert (
        page.locator("figure svg[role=img]")
        .get_attribute("aria-label")
        .startswith("Actions by lead agency, as at 31 December 2014")
    )
    page.get_by_role("link", name="as at 31 Mar 2015").click()
    assert "29 completed, 6 underway, 2 not started" in page.locator("main").inner_text()


def test_the_error_summary_link_of_a_radio_question_focuses_its_first_radio(page, transactional_db):
    build_demo()
    sign_in(page, "council.officer@thanet.example")
    page.wait_for_url(HOME)
    page.goto("/p/thanet/plan/")
    page.get_by_role("link", name="My actions").click()
    page.get_by_role("link", name="Show all Thanet District Council's actions").click()
    page.get_by_role("link", name="4.1.1 Online map of what the partnership").click()
    page.get_by_role("button", name="Record the update").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    summary.get_by_role("link").first.click()
    first_status = page.get_by_role("radio").first
    expect(first_status).to_be_focused()
