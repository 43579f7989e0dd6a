"""The access matrix: every page and action, for every persona, and the response they get.

Each `test_access_*.py` module lists its rows as PAGES and ACTIONS with the expected response
written out by hand (not asked of access.py), and runs them with `check_page` / `check_action`.
`test_access_matrix.py` fails when a URL under /p/<slug>/ has no row in any of them.
"""

PERSONAS = ["coordinator", "police_officer", "council_officer", "councillor", "outsider", "anon"]
LOGIN = "login"  # redirected to the sign-in page


def sign_in_as(client, world, persona):
    if persona != "anon":
        client.force_login(getattr(world, persona))


def assert_response(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith("/account/sign-in/")
    else:
        assert response.status_code == expected


def check_page(client, world, persona, path, expected, ids):
    """GET `path` (formatted with `ids`) as `persona`; `expected` is in PERSONAS order."""
    sign_in_as(client, world, persona)
    response = client.get(path.format(**ids))
    assert_response(response, expected[PERSONAS.index(persona)])
    return response


def check_action(client, world, persona, path, data, expected, ids, changed=None):
    """POST `data` to `path` as `persona`; where given, `changed(world)` must be true exactly
    when the persona was allowed (a 302 after a signed-in POST)."""
    sign_in_as(client, world, persona)
    data = {  # field names may hold ids too: final_{action}
        key.format(**ids): value.format(**ids) if isinstance(value, str) else value
        for key, value in data.items()
    }
    response = client.post(path.format(**ids), data)
    code = expected[PERSONAS.index(persona)]
    assert_response(response, code)
    if changed is not None:
        assert changed(world) == (code == 302 and persona != "anon")
    return response
