"""Access matrix rows for partnerships, people, sign-in and invitations."""

import pytest

from saferplan.partnerships.models import Person, Role
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page

# path, then the expected response per persona in PERSONAS order:
# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    ("/?choose", [200, 200, 200, 200, 200, LOGIN]),
    ("/", [200, 200, 200, 200, 200, LOGIN]),
    ("/p/thanet/", [200, 200, 200, 200, 404, LOGIN]),
    ("/p/canterbury/", [404, 404, 404, 404, 200, LOGIN]),
    ("/p/thanet/people/", [200, 200, 200, 200, 404, LOGIN]),
    ("/p/canterbury/people/", [404, 404, 404, 404, 200, LOGIN]),
    ("/p/nowhere/people/", [404, 404, 404, 404, 404, LOGIN]),
    ("/p/nowhere/", [404, 404, 404, 404, 404, LOGIN]),
    ("/p/thanet/people/invite/", [200, 403, 403, 403, 404, LOGIN]),
    ("/p/thanet/people/{police_officer}/", [200, 403, 403, 403, 404, LOGIN]),
    ("/p/thanet/people/{outsider}/", [404, 403, 403, 403, 404, LOGIN]),
    ("/p/canterbury/people/{outsider}/", [404, 404, 404, 404, 200, LOGIN]),
    ("/account/sign-in/", [302, 302, 302, 302, 302, 200]),
    ("/account/password-reset/", [200, 200, 200, 200, 200, 200]),
    ("/account/", [200, 200, 200, 200, 200, LOGIN]),
    ("/account/two-factor/set-up/", [200, 200, 200, 200, 200, LOGIN]),
    # Only for a person with two-factor sign-in (every coordinator); others go to /account/.
    ("/account/two-factor/code/", [200, 302, 302, 302, 200, LOGIN]),
]

# path, data, expected per persona, and what is true once the action has been done
ACTIONS = [
    (
        "/p/thanet/people/invite/",
        {"name": "New Person", "email": "new@thanet.test", "agency": "{council}", "role": "viewer"},
        [302, 403, 403, 403, 404, LOGIN],
        lambda world: Person.objects.filter(email="new@thanet.test").exists(),
    ),
    (
        "/p/thanet/people/{police_officer}/",
        {"kind": "viewer"},
        [302, 403, 403, 403, 404, LOGIN],
        lambda world: Role.objects.get(person=world.police_officer).kind == "viewer",
    ),
    ("/p/thanet/people/{police_officer}/resend/", {}, [302, 403, 403, 403, 404, LOGIN], None),
    ("/p/thanet/people/{police_officer}/unlock/", {}, [302, 403, 403, 403, 404, LOGIN], None),
    (
        "/p/thanet/people/{police_officer}/remove/",
        {},
        [302, 403, 403, 403, 404, LOGIN],
        lambda world: not Role.objects.filter(person=world.police_officer).exists(),
    ),
]


def ids_of(world):
    return {
        "police_officer": world.police_officer.pk,
        "outsider": world.outsider.pk,
        "council": world.council.pk,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, persona, path, expected):
    check_page(client, world, persona, path, expected, ids_of(world))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, persona, path, data, expected, changed):
    check_action(client, world, persona, path, data, expected, ids_of(world), changed)
