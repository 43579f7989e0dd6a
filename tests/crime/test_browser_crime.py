"""The Crime and ASB page in a browser: a councillor adds a category with the chooser (a plain
GET form), then reads its control charts, and the page meets WCAG 2.2 AA."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.test_browser import sign_in_to_thanet

pytestmark = pytest.mark.browser


def test_a_councillor_adds_burglary_to_the_chart_and_map(page, axe, transactional_db):
    call_command("demo", "--no-serve", stdout=StringIO())
    sign_in_to_thanet(page, "councillor.one@thanet.example")
    page.get_by_role("link", name="Crime and ASB", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Crime and anti-social behaviour"
    page.get_by_label("Add a category to the chart").select_option("Burglary")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url("**category=Burglary**")
    assert page.get_by_role("table", name="Burglary by ward").is_visible()
    assert axe(page) == []

    page.get_by_label("Chart type").select_option("Control charts")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url("**view=control**")
    control = page.get_by_role("table", name=re.compile("^Burglary against its control limits"))
    assert control.get_by_role("columnheader", name="Outside the limits").is_visible()
    assert axe(page) == []
