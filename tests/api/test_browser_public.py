"""The public page and API tokens in a real browser, on the demo data, whose Thanet publishes
its page."""

import pytest
from playwright.sync_api import expect

from tests.test_browser import build_demo, sign_in

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_anyone_reads_the_public_page_and_downloads_its_tables(page, axe, transactional_db):
    build_demo()
    page.goto("/p/thanet/public/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thanet Community Safety Partnership")
    assert page.get_by_text("Sample data").first.is_visible()
    progress = page.get_by_role("table", name="Actions by priority")
    total = progress.get_by_role("row").last.inner_text().split()
    assert total[-4:] == ["29", "6", "2", "37"]  # the demo plan's year of updates
    assert page.get_by_role("heading", name="Priority 1:", exact=False).first.is_visible()
    assert not axe(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    with page.expect_download() as download:
        page.locator('a[href="/p/thanet/public/progress.csv"]').click()
    assert download.value.suggested_filename == "thanet-progress.csv"
    with open(download.value.path(), encoding="utf-8") as downloaded:
        text = downloaded.read()
    assert text.splitlines()[-1] == "All actions,29,6,2,37"

    page.get_by_role("link", name="public meeting pages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public meetings")


def test_a_councillor_makes_an_api_token_uses_it_and_revokes_it(page, axe, transactional_db):
    build_demo()
    sign_in(page, "councillor.one@thanet.example")
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    page.goto("/account/")
    page.get_by_role("link", name="Create an API token").click()
    page.get_by_role("button", name="Create the token").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")
    assert not axe(page)
    page.get_by_label("Name").fill("Ward dashboard")
    page.get_by_role("button", name="Create the token").click()
    secret = page.locator("p.sp-feed-url code").inner_text()
    assert secret.startswith("sp_")

    api = page.context.request
    bearer = {"Authorization": f"Bearer {secret}"}
    listed = api.get("/api/v1/partnerships", headers=bearer)
    assert [(p["slug"], p["role"]) for p in listed.json()] == [("thanet", "member")]
    plans = api.get("/api/v1/partnerships/thanet/plans", headers=bearer)
    assert 2015 in [plan["year"] for plan in plans.json()]  # a draft: the public does not read it

    page.get_by_role("link", name="I have copied it").click()
    assert not axe(page)
    page.get_by_role("button", name="Revoke Ward dashboard").click()
    expect(page.get_by_role("status")).to_contain_text("is revoked")
    refused = api.get("/api/v1/partnerships", headers=bearer)
    assert refused.status == 401
