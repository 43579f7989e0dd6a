"""Access matrix rows for the Crime and ASB page: everyone in the partnership reads it."""

import pytest

from saferplan.crime.selectors import ASB
from tests.access_matrix import LOGIN, PERSONAS, check_page

from .factory import area, counts, made_up_districts

READ = [200, 200, 200, 200, 404, LOGIN]

# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    ("/p/thanet/crime/", READ),
    ("/p/thanet/crime/?category=Burglary", READ),
    ("/p/thanet/crime/forces.csv", READ),
    ("/p/thanet/crime/comparison.csv", READ),
    ("/p/thanet/crime/trend.csv?category=Burglary", READ),
    ("/p/thanet/crime/year-to-date.csv", READ),
    ("/p/thanet/crime/wards.csv", READ),
    ("/p/thanet/crime/outcomes.csv", READ),
    ("/p/thanet/crime/nothing.csv", [404, 404, 404, 404, 404, LOGIN]),
    ("/p/canterbury/crime/", [404, 404, 404, 404, 200, LOGIN]),
]


@pytest.fixture
def world(world):
    return made_up_districts(world)


@pytest.fixture
def ids(world):
    area("E01999024", "E05999081", "Beacon Road", population=1500)
    counts("2019-01", "E01999024", {"Burglary": 2, ASB: 1})
    return {}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, ids, persona, path, expected):
    check_page(client, world, persona, path, expected, ids)
