"""Meetings journeys in a real browser, on the demo data."""

import pytest

from tests.test_browser import build_demo, sign_in

pytestmark = pytest.mark.browser


def test_coordinator_tracks_a_recommendation_of_the_3_march_meeting(page, transactional_db):
    build_demo()
    sign_in(page, "coordinator@thanet.example")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Tuesday 3 March 2015").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tuesday 3 March 2015"
    agenda = page.locator(".sp-agenda-item h3").all_inner_texts()
    assert agenda[0] == "1. Draft Community Safety Plan 2015-16"
    assert len(agenda) == 3

    # 5.2 was accepted at the meeting; marking it implemented without a response is refused.
    page.get_by_role("link", name="To prepare a summary for Overview and Scrutiny").first.click()
    page.get_by_label("Implemented").check()
    page.get_by_role("button", name="Record response").click()
    summary = page.get_by_role("alert")
    assert "a recommendation marked implemented needs one" in summary.inner_text()
    assert page.evaluate("document.activeElement.className") == "sp-error-summary"

    page.get_by_label("Implemented").check()
    page.get_by_label("Response").fill("The summary went to the Panel on 16 April 2015.")
    page.get_by_role("button", name="Record response").click()
    assert "Status is now Implemented" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Recommendations register").click()
    page.get_by_label("Status").select_option("implemented")
    page.get_by_role("button", name="Filter").click()
    register = page.locator("#register tbody").inner_text()
    assert "To prepare a summary for Overview and Scrutiny" in register
    assert "The summary went to the Panel on 16 April 2015." in register
    assert "To make recommendations for adoption" not in register


def test_the_public_sees_a_meeting_without_its_restricted_item(page, transactional_db):
    build_demo()
    page.goto("/p/thanet/meetings/public/")
    page.get_by_role("link", name="Tuesday 18 November 2014").click()
    agenda = page.locator("main h3").all_inner_texts()
    assert agenda == [
        "1. Domestic abuse: the partnership's response",
        "2. Anti-social behaviour: the new powers",
    ]
    assert "Case review" not in page.content()
    assert page.get_by_text("Sample data").first.is_visible()
