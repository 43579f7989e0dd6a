"""The assessment's pages in a real browser: WCAG 2.2 AA by axe-core (the rows of
tests/test_accessibility.py that are the assessment's), and a refused upload read from its error
summary."""

import pytest
from playwright.sync_api import expect

from tests.test_accessibility import PAGES, demo, sign_in  # noqa: F401 (demo is a fixture)

pytestmark = pytest.mark.browser
COORDINATOR = "coordinator@thanet.example"


def test_the_assessment_pages_meet_wcag_aa(page, axe, demo):  # noqa: F811
    problems = {}
    signed_in_as = None
    for email, path in [row for row in PAGES if "/assessment/" in row[1]]:
        if email != signed_in_as:
            page.context.clear_cookies()
            sign_in(page, email)
            signed_in_as = email
        page.goto(path.format(**demo))
        if found := axe(page):
            problems[path] = found
    assert not problems


def test_a_refused_dataset_names_its_lines_and_meets_wcag_aa(page, axe, demo, tmp_path):  # noqa: F811
    bad = tmp_path / "fires.csv"
    # E05005081 is Beacon Road, one of the demo's real Thanet wards: only month and count are wrong.
    bad.write_text("month,area code,category,count\n2015-13,E05005081,Fires,-1\n")
    sign_in(page, COORDINATOR)
    page.goto("/p/thanet/assessment/")
    page.get_by_role("link", name="Add a dataset").click()
    page.get_by_label("Name").fill("Fires reported")
    page.get_by_label("Owner agency").select_option(label="Kent Fire and Rescue Service")
    page.get_by_label("What it counts").fill("Fires")
    page.get_by_label("Licence").fill("OGL")
    page.get_by_label("Counts (CSV)").set_input_files(bad)
    page.get_by_role("button", name="Save the dataset").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("2 problems: nothing was saved.")
    expect(summary).to_contain_text("line 2, column 'month': '2015-13' is not a month")
    expect(summary).to_contain_text("line 2, column 'count': '-1' is not a whole number")
    assert axe(page) == []
