"""A coordinator changes the cover report, previews it and issues it (confirming, then following
the version being made), in the browser."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from saferplan.reports.models import IssuedReport
from tests.reminders.conftest import run_worker
from tests.test_browser import sign_in_to_thanet

pytestmark = pytest.mark.browser


def test_coordinator_edits_previews_and_issues_the_cover_report(page, transactional_db):
    call_command("demo", "--no-serve", stdout=StringIO())
    sign_in_to_thanet(page, "coordinator@thanet.example")
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Thanet Community Safety Plan update for 2014 – 2015").click()
    page.get_by_role("link", name="Change the text").click()
    page.get_by_label("Summary, paragraph 1").fill("")
    page.get_by_role("button", name="Save draft").click()
    assert "Write the summary" in page.get_by_role("alert").inner_text()
    summary = page.get_by_label("Summary, paragraph 1")
    summary.fill("How the plan is monitored, and what the meeting covers.")
    page.get_by_label("Meeting topics, new paragraph").fill("Names of the families.")
    topic = page.get_by_role("group", name="Classification of meeting topics, new paragraph")
    topic.get_by_label("Restricted", exact=True).check()
    page.get_by_role("button", name="Save draft").click()

    preview = page.locator(".sp-report-preview")
    assert "How the plan is monitored" in preview.inner_text()
    assert "Names of the families" not in preview.inner_text()
    assert "4.1.2" in preview.inner_text() and "£34,317" in preview.inner_text()
    page.get_by_role("link", name="Issue version 1").click()
    assert "Issuing cannot be undone" in page.locator("main").inner_text()
    page.get_by_role("button", name="Issue version 1").click()
    assert "Waiting to start" in page.get_by_role("status").inner_text()
    run_worker()
    # The page follows the job by itself (a meta refresh: no script), then offers the result.
    expect(page.get_by_role("status")).to_contain_text("It will not change", timeout=15_000)
    page.get_by_role("link", name="See the result").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == "thanet-cover-2014-v1.pdf"
    assert IssuedReport.objects.get(report__kind="cover").version == 1
