"""The pages shown when something cannot be done say so in plain words, in the site's own page
(heading, skip link, a way back), and never echo what was asked for."""

import sys

from django.test import RequestFactory

from saferplan.ui.errors import server_error
from tests.conftest import Client


def text(response):
    return response.content.decode()


def assert_site_page(page, heading):
    assert f"<h1>{heading}</h1>" in page
    assert 'href="#main-content"' in page and 'id="main-content"' in page
    assert 'href="/"' in page


def test_a_missing_page_says_what_to_check_and_leads_home(client, world):
    client.force_login(world.coordinator)
    missing = client.get("/p/thanet/meetings/999999/<script>x</script>/")
    assert missing.status_code == 404
    assert_site_page(text(missing), "Page not found")
    assert "<script>x" not in text(missing)
    assert "a partnership you are not a member of" in text(missing)


def test_a_refused_action_says_who_to_ask(client, world):
    client.force_login(world.police_officer)
    refused = client.get("/p/thanet/meetings/committees/new/")
    assert refused.status_code == 403
    assert_site_page(text(refused), "You cannot do this")
    assert "ask your partnership's coordinator" in text(refused)
    assert "Bob Police" in text(refused)  # still signed in: the header names them


def test_a_bad_address_is_a_plain_400_page(client, world):
    client.force_login(world.coordinator)
    bad = client.get("/p/thanet/?abc", HTTP_HOST="abc.attacker.test")
    assert bad.status_code == 400
    assert_site_page(text(bad), "There is a problem with the web address")
    assert "abc" not in text(bad)


def test_an_expired_form_says_nothing_was_saved(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    refused = client.post("/p/thanet/meetings/committees/new/", {"name": "No token"})
    assert refused.status_code == 403
    assert_site_page(text(refused), "Your form could not be sent")
    assert "nothing was saved" in text(refused)


def test_a_failure_on_our_side_says_sorry_and_what_to_do(db):
    request = RequestFactory().get("/p/thanet/")
    try:
        raise RuntimeError("secret detail /srv/saferplan")
    except RuntimeError:
        assert sys.exc_info()[0] is RuntimeError
        failed = server_error(request)
    assert failed.status_code == 500
    assert_site_page(text(failed), "Sorry, there is a problem with SaferPlan")
    assert "secret detail" not in text(failed)
