"""Every page and action, for every persona → the response they get.

The expected codes are written out here by hand, not asked of access.py, so that a change to who
may do what shows up as a failing row. Later features add their rows.
"""

import pytest

from saferplan.partnerships.models import Person, Role

PERSONAS = ["coordinator", "police_officer", "council_officer", "councillor", "outsider", "anon"]
LOGIN = "login"  # redirected to the sign-in page

# method, path (formatted with the world), then the expected response per persona, in PERSONAS order
PAGES = [
    ("GET", "/?choose", [200, 200, 200, 200, 200, LOGIN]),
    ("GET", "/p/thanet/", [200, 200, 200, 200, 404, LOGIN]),
    ("GET", "/p/canterbury/", [404, 404, 404, 404, 200, LOGIN]),
    ("GET", "/p/nowhere/", [404, 404, 404, 404, 404, LOGIN]),
    ("GET", "/p/thanet/people/invite/", [200, 403, 403, 403, 404, LOGIN]),
    ("GET", "/p/thanet/people/{police_officer}/", [200, 403, 403, 403, 404, LOGIN]),
    ("GET", "/p/thanet/people/{outsider}/", [404, 403, 403, 403, 404, LOGIN]),
    ("GET", "/p/canterbury/people/{outsider}/", [404, 404, 404, 404, 200, LOGIN]),
    ("GET", "/account/sign-in/", [302, 302, 302, 302, 302, 200]),
    ("GET", "/account/password-reset/", [200, 200, 200, 200, 200, 200]),
]

ACTIONS = [
    # POST, path, data, expected per persona, and a check that nothing changed when refused
    (
        "/p/thanet/people/invite/",
        {
            "name": "New Person",
            "email": "new.person@thanet.test",
            "agency": "{council}",
            "role": "viewer",
        },
        [302, 403, 403, 403, 404, LOGIN],
        lambda world: Person.objects.filter(email="new.person@thanet.test").exists(),
    ),
    (
        "/p/thanet/people/{police_officer}/",
        {"kind": "viewer"},
        [302, 403, 403, 403, 404, LOGIN],
        lambda world: Role.objects.get(person=world.police_officer).kind == "viewer",
    ),
    (
        "/p/thanet/people/{police_officer}/resend/",
        {},
        [302, 403, 403, 403, 404, LOGIN],
        None,
    ),
]


def ids_of(world):
    return {
        "police_officer": world.police_officer.pk,
        "outsider": world.outsider.pk,
        "council": world.council.pk,
    }


def sign_in_as(client, world, persona):
    if persona != "anon":
        client.force_login(getattr(world, persona))


def assert_response(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith("/account/sign-in/")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "path", "expected"), PAGES, ids=[p[1] for p in PAGES])
def test_page(client, world, persona, method, path, expected):
    sign_in_as(client, world, persona)
    response = client.get(path.format(**ids_of(world)))
    assert_response(response, expected[PERSONAS.index(persona)])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_action(client, world, persona, path, data, expected, changed):
    sign_in_as(client, world, persona)
    ids = ids_of(world)
    data = {key: value.format(**ids) for key, value in data.items()}
    response = client.post(path.format(**ids), data)
    code = expected[PERSONAS.index(persona)]
    assert_response(response, code)
    if changed is not None:
        assert changed(world) == (code == 302 and persona != "anon")


def test_matrix_covers_every_partnership_url():
    """A new page must get its row here: every URL pattern under /p/<slug>/ is in the matrix."""
    from saferplan.partnerships.urls import urlpatterns

    covered = {path.split("?")[0] for _, path, _ in PAGES} | {path for path, *_ in ACTIONS}
    patterns = {str(p.pattern) for p in urlpatterns if str(p.pattern).startswith("p/")}
    shapes = {
        p.replace("<slug:slug>", "thanet").replace("<int:person_id>", "{police_officer}")
        for p in patterns
    }
    missing = {"/" + shape for shape in shapes} - covered
    assert not missing, f"pages missing from the access matrix: {sorted(missing)}"
