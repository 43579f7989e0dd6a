"""The Crime and ASB page in a browser: the category chooser works with the keyboard and
without script, and the page meets WCAG 2.2 AA."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.test_browser import sign_in

pytestmark = pytest.mark.browser


def test_a_councillor_adds_burglary_to_the_chart_and_map(
    browser, live_server, axe, transactional_db
):
    call_command("demo", "--no-serve", stdout=StringIO())
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "councillor.one@thanet.example")
    page.goto("/p/thanet/")
    page.get_by_role("link", name="Crime and ASB").click()
    assert page.get_by_role("heading", level=1).inner_text() == ("Crime and anti-social behaviour")
    page.get_by_label("Add a category to the chart").select_option("Burglary")
    page.get_by_role("button", name="Show").press("Enter")
    page.wait_for_url("**/crime/?category=Burglary*")
    assert "Burglary by ward" in page.locator("#wards ~ div").first.inner_text()
    assert axe(page) == []
    context.close()
