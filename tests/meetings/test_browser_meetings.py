"""Meetings journeys in a real browser, on the demo data."""

import pytest
from playwright.sync_api import expect

from tests.test_browser import build_demo, sign_in_to_thanet

pytestmark = pytest.mark.browser


def test_coordinator_tracks_a_recommendation_of_the_3_march_meeting(page, transactional_db):
    build_demo()
    sign_in_to_thanet(page, "coordinator@thanet.example")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Tuesday 3 March 2015").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tuesday 3 March 2015")
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
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Community Safety Working Party, 18 November 2014"
    )
    agenda = page.locator("main h3").all_inner_texts()
    assert agenda == [
        "1. Domestic abuse: the partnership's response",
        "2. Anti-social behaviour: the new powers",
    ]
    assert "Case review" not in page.content()
    assert page.get_by_text("Sample data").first.is_visible()


def test_the_working_partys_recommendation_on_the_draft_plan_is_answered_in_the_consultation(
    page, transactional_db
):
    build_demo()
    sign_in_to_thanet(page, "coordinator@thanet.example")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Tuesday 3 March 2015").click()
    # The draft plan is the first paper of item 1, and opens the plan.
    papers = page.locator(".sp-agenda-item").first.locator(".sp-list").first
    assert "(the plan, out for consultation)" in papers.inner_text()
    papers.get_by_role("link", name="Thanet Community Safety Plan 2015-16 (sample draft)").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Thanet Community Safety Plan 2015-16 (sample draft)"
    )
    page.go_back()
    page.get_by_role("link", name="Record a decision or recommendation on item 1").click()
    page.get_by_label("Number (optional)").fill("5.4")
    page.get_by_label("Recommendation on the draft plan").check()
    page.get_by_label("Text").fill("To name Cliftonville in the street drinking issue.")
    page.get_by_label("The partnership").check()
    page.get_by_role("button", name="Record it").click()
    # Forgot the plan: the error summary says so and keeps what was typed.
    assert (
        "Choose the draft plan the recommendation is on." in page.get_by_role("alert").inner_text()
    )
    assert page.get_by_label("Text").input_value().startswith("To name Cliftonville")
    page.get_by_label("Draft plan (optional)").select_option(
        label="Thanet Community Safety Plan 2015-16 (sample draft)"
    )
    page.get_by_role("button", name="Record it").click()
    assert "put to the consultation" in page.get_by_role("status").inner_text()

    page.get_by_role(
        "link", name="the consultation on Thanet Community Safety Plan 2015-16"
    ).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Consultation"
    card = page.locator("section.sp-card", has_text="To name Cliftonville")
    assert "Recommendation 5.4 of the Community Safety Working Party, 3 March 2015" in (
        card.inner_text()
    )
    card.get_by_role("link", name="Answer this comment").click()
    assert "Answer the Community Safety Working Party’s recommendation" in page.inner_text("h1")
    page.get_by_label("Declined, with the reason").check()
    page.get_by_label("What you say to the commenter").fill(
        "The issue already names every town centre."
    )
    page.get_by_role("button", name="Save the answer").click()
    assert "is declined in the recommendations register" in page.get_by_role("status").inner_text()

    card = page.locator("section.sp-card", has_text="To name Cliftonville")
    card.get_by_role("link", name="Recommendation 5.4").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("To name Cliftonville")
    history = page.locator(".sp-timeline").inner_text()
    assert "Declined" in history and "The issue already names every town centre." in history
    assert "its status does not change any more" in page.locator("main").inner_text()


def test_the_public_reads_the_draft_plan_from_the_agenda(page, transactional_db):
    build_demo()
    page.goto("/p/thanet/meetings/public/")
    page.get_by_role("link", name="Tuesday 3 March 2015").click()
    page.get_by_role("link", name="Thanet Community Safety Plan 2015-16 (sample draft)").click()
    assert "The draft as it was put out for consultation on 3 March 2015" in page.inner_text("main")
    priorities = page.locator("main h2").all_inner_texts()
    assert priorities[1] == "Priority 2: Reducing reoffending"
    assert page.get_by_text("Sample data").first.is_visible()
