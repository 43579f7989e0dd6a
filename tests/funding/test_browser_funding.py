"""A coordinator records a payment in the browser and sees the allocation's figures move."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.test_browser import sign_in_to_thanet

pytestmark = pytest.mark.browser


def test_coordinator_records_spend_and_sees_it_counted(page, transactional_db):
    call_command("demo", "--no-serve", stdout=StringIO())
    sign_in_to_thanet(page, "coordinator@thanet.example")
    page.get_by_role("link", name="Funding").click()
    page.get_by_role("link", name="Kent Police and Crime Commissioner grant 2014-15").click()
    publicity = page.locator("tbody tr", has_text="Publicity").first
    assert "£4,150.00" in publicity.inner_text()

    page.get_by_role("link", name="Record spend").click()
    page.get_by_label("Allocation").select_option(label="Publicity")
    page.get_by_label("Date").fill("2015-03-02")
    page.get_by_label("Amount").fill("a thousand")
    page.get_by_label("Payee").fill("Radio advert")
    page.get_by_role("button", name="Save").click()
    assert "Enter a number" in page.get_by_role("alert").inner_text()
    page.get_by_label("Amount").fill("£1,000")
    page.get_by_role("button", name="Save").click()

    publicity = page.locator("tbody tr", has_text="Publicity").first
    assert "£5,150.00" in publicity.inner_text()
