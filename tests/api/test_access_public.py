"""Access matrix rows for the public page: once published, anyone reads it, signed in or not,
whatever their partnership; unpublished, nobody (not even its coordinator); only a coordinator
publishes it or takes it down."""

import pytest

from saferplan.partnerships.models import Partnership
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page

PUBLIC = [200, 200, 200, 200, 200, 200]
NOT_PUBLIC = [404, 404, 404, 404, 404, 404]
DONE = [302, 403, 403, 403, 404, LOGIN]

PAGES = [
    ("/p/thanet/public/", PUBLIC),
    ("/p/thanet/public/plan.csv", PUBLIC),
    ("/p/thanet/public/progress.csv", PUBLIC),
    ("/p/thanet/public/case-studies.csv", PUBLIC),
    ("/p/thanet/public/meetings.csv", PUBLIC),
    ("/p/thanet/public/nothing.csv", NOT_PUBLIC),
    ("/p/canterbury/public/", NOT_PUBLIC),  # Canterbury has not published its page
    ("/p/canterbury/public/plan.csv", NOT_PUBLIC),
    ("/p/nowhere/public/", NOT_PUBLIC),
]

ACTIONS = [
    (
        "/p/thanet/public/publish/",
        {"public_page": "off"},
        DONE,
        lambda world: not Partnership.objects.get(slug="thanet").public_page,
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path, expected", PAGES)
def test_page(client, world, published, persona, path, expected):
    check_page(client, world, persona, path, expected, published.ids(world))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path, data, expected, changed", ACTIONS)
def test_action(client, world, published, persona, path, data, expected, changed):
    check_action(client, world, persona, path, data, expected, published.ids(world), changed)


def test_a_get_does_not_publish(client, world, published):
    world.canterbury.refresh_from_db()
    client.force_login(world.outsider)
    assert client.get("/p/canterbury/public/publish/").status_code == 405
    assert not Partnership.objects.get(slug="canterbury").public_page
