"""Every response carries the Content-Security-Policy and the Permissions-Policy.

The browser suite (the `page` fixture in conftest.py) checks that no page breaks the policy.
"""

import pytest

from tests.test_access_matrix import all_url_patterns

pytestmark = pytest.mark.django_db


def pages_without_ids():
    """Every page whose address needs at most the partnership's slug, e.g. /p/thanet/meetings/."""
    for pattern in all_url_patterns():
        if pattern.startswith("admin/"):
            continue
        path = "/" + pattern.replace("<slug:slug>", "thanet")
        if "<" not in path:
            yield path


def assert_policies(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_every_page_sends_the_policies_signed_in_and_not(client, world):
    paths = list(pages_without_ids())
    assert len(paths) > 30
    for persona in [None, world.coordinator]:
        if persona:
            client.force_login(persona)
        for path in paths:
            assert_policies(client.get(path))


def test_errors_send_the_policies_too(client, world):
    client.force_login(world.police_officer)
    forbidden = client.get("/p/thanet/meetings/committees/new/")
    assert forbidden.status_code == 403
    assert_policies(forbidden)
    client.force_login(world.coordinator)
    not_found = client.get("/p/thanet/meetings/999999/")
    assert not_found.status_code == 404
    assert_policies(not_found)
    too_large = client.post(
        "/p/thanet/", data=b"x", content_type="text/plain", CONTENT_LENGTH="9" * 9
    )
    assert too_large.status_code == 413
    assert "This page does not take files." in too_large.content.decode()
    assert_policies(too_large)
