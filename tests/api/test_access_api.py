"""Access matrix rows for the API: each persona reads with a token of their own (anonymous with
none). What Thanet publishes, anyone reads; the rest of Thanet's data, its roles; Canterbury
publishes nothing, so only its own coordinator (the outsider) reads it."""

import pytest

from saferplan.api.tokens import create_token
from tests.access_matrix import PERSONAS
from tests.api.conftest import api_get

PUBLIC = [200, 200, 200, 200, 200, 200]
MEMBERS = [200, 200, 200, 200, 404, 404]  # Thanet's roles only
CANTERBURY = [404, 404, 404, 404, 200, 404]
NOBODY = [404, 404, 404, 404, 404, 404]

ROWS = [
    ("/partnerships", PUBLIC),
    ("/partnerships/thanet/plans", PUBLIC),
    ("/partnerships/thanet/plans/2014", PUBLIC),
    ("/partnerships/thanet/plans/2014/progress", PUBLIC),
    ("/partnerships/thanet/plans/2015", MEMBERS),  # out for consultation: not published here
    ("/partnerships/thanet/plans/2015/progress", MEMBERS),
    ("/partnerships/thanet/case-studies", PUBLIC),
    ("/partnerships/thanet/crime", PUBLIC),
    ("/partnerships/thanet/meetings", PUBLIC),
    ("/partnerships/thanet/case-reviews", PUBLIC),
    ("/partnerships/canterbury/plans", CANTERBURY),
    ("/partnerships/canterbury/plans/2014", CANTERBURY),
    ("/partnerships/canterbury/plans/2014/progress", CANTERBURY),
    ("/partnerships/canterbury/case-studies", CANTERBURY),
    ("/partnerships/canterbury/crime", CANTERBURY),
    ("/partnerships/canterbury/meetings", CANTERBURY),
    ("/partnerships/canterbury/case-reviews", CANTERBURY),
    ("/partnerships/nowhere/plans", NOBODY),
    ("/partnerships/thanet/plans/2013", NOBODY),
]

# What each persona sees of Thanet's data that is not published: the case study not cleared for
# publication and the meeting of the committee that meets in private.
SEES_UNPUBLISHED = [True, True, True, True, False, False]


@pytest.fixture
def secrets(world):
    return {
        persona: create_token(person=getattr(world, persona), name="matrix")[1]
        for persona in PERSONAS
        if persona != "anon"
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_api(client, world, published, secrets, persona):
    secret = secrets.get(persona)
    for path, expected in ROWS:
        response = api_get(client, path, secret)
        assert response.status_code == expected[PERSONAS.index(persona)], path
    sees = SEES_UNPUBLISHED[PERSONAS.index(persona)]
    studies = api_get(client, "/partnerships/thanet/case-studies", secret).json()
    assert ("Named family support" in {s["title"] for s in studies}) == sees
    meetings = api_get(client, "/partnerships/thanet/meetings", secret).json()
    assert (published.meetings.private_meeting.pk in {m["id"] for m in meetings}) == sees
