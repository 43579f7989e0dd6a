"""Each persona's home in a real browser, on the demo as it stood on 12 February 2015, before
the update deadline (17 February) of the Working Party's meeting on 3 March: from the home page
to their main task."""

import re

import pytest
import time_machine
from playwright.sync_api import expect

from tests.plans.conftest import at
from tests.test_browser import HOME, build_demo, sign_in

pytestmark = pytest.mark.browser


def thanet(page):
    return page.get_by_role("region", name="Thanet Community Safety Partnership")


def test_each_persona_goes_from_their_home_to_their_main_task(page, transactional_db, settings):
    build_demo()
    # A cookie that expires would expire in 2015, and the browser would drop it at once.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(at(2015, 2, 12, 10), tick=True):
        # An officer: the actions to update before the deadline, each a link to its form.
        sign_in(page, "council.officer@thanet.example")
        page.wait_for_url(HOME)
        expect(page.get_by_role("heading", level=1)).to_have_text("What needs you")
        expect(thanet(page)).to_contain_text("Update by Tuesday 17 February 2015")
        to_update = thanet(page).get_by_role("link", name=re.compile(r"^Update action "))
        waiting = to_update.count()
        assert waiting >= 1
        code = re.match(r"Update action (\S+) ", to_update.first.inner_text())[1]
        update = thanet(page).get_by_role(
            "link", name=re.compile(rf"^Update action {re.escape(code)} ")
        )
        update.click()
        page.get_by_label("Underway").check()
        page.get_by_label("What was done").fill("Case conference held on 10 February.")
        page.get_by_role("button", name="Record the update").click()
        expect(page.get_by_role("status")).to_contain_text(f"Your update to action {code}")
        page.goto("/")
        expect(update).to_have_count(0)
        expect(to_update).to_have_count(waiting - 1)
        page.get_by_role("button", name="Sign out").click()

        # A coordinator: the comments waiting for an answer, and the chase list.
        sign_in(page, "coordinator@thanet.example")
        page.wait_for_url(HOME)
        comments = thanet(page).get_by_role("link", name=re.compile(r"^Answer .*comment on"))
        expect(comments).to_have_count(2)
        comments.first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Answer")
        page.goto("/")
        thanet(page).get_by_role("link", name=re.compile(r"^Chase list of ")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Chase list")
        page.get_by_role("button", name="Sign out").click()

        # A councillor: the next meeting and its papers.
        sign_in(page, "councillor.one@thanet.example")
        page.wait_for_url(HOME)
        expect(thanet(page).get_by_role("link", name=re.compile(r"^Paper: "))).to_have_count(5)
        thanet(page).get_by_role(
            "link", name="Paper: Thanet Community Safety Plan 2015-16 (sample draft)"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("2015-16")
        page.go_back()
        thanet(page).get_by_role(
            "link", name=re.compile(r"^Agenda of the Community Safety Working Party")
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Tuesday 3 March 2015")
