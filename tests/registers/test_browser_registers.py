"""The registers' pages in a real browser: WCAG 2.2 AA by axe-core, no sideways scrolling at
320 px but inside a table's own box, and a form's errors summarised and reachable."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from saferplan.registers.models import AsbCaseReview, DeathReview
from tests.test_accessibility import REFLOW_WIDTH, sign_in

pytestmark = pytest.mark.browser

PAGES = [
    "/p/thanet/registers/",
    "/p/thanet/registers/asb/",
    "/p/thanet/registers/asb/new/",
    "/p/thanet/registers/asb/{case}/",
    "/p/thanet/registers/asb/recommendations/{recommendation}/register/",
    "/p/thanet/registers/dardr/",
    "/p/thanet/registers/dardr/{review}/",
    "/p/thanet/registers/dardr/{review}/edit/",
]


def test_the_registers_pages_meet_wcag_aa_and_reflow(page, axe, transactional_db):
    call_command("demo", "--no-serve", stdout=StringIO())
    case = AsbCaseReview.objects.get(reference="ASB-2014-01")
    ids = {
        "case": case.pk,
        "recommendation": case.recommendations.get().pk,
        "review": DeathReview.objects.get().pk,
    }
    sign_in(page, "coordinator@thanet.example")
    problems, too_wide = {}, {}
    for path in PAGES:
        page.set_viewport_size({"width": 1024, "height": 768})
        page.goto(path.format(**ids))
        if found := axe(page):
            problems[path] = found
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            too_wide[path] = page.evaluate("document.documentElement.scrollWidth")
    assert not problems
    assert not too_wide

    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto("/p/thanet/registers/asb/new/")
    page.get_by_label("Reference").fill("ASB-2014-01")
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The register already has a case with this reference.")
    summary.get_by_role("link", name="This field is required.").first.click()
    expect(page.get_by_label("Date received")).to_be_focused()
    assert axe(page) == []
