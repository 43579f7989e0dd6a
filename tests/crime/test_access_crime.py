"""Access matrix rows for the Crime and ASB page: everyone in the partnership reads it; its
coordinator imports police.uk files from it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.crime.selectors import ASB
from saferplan.jobs.models import Job
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page

from .factory import area, counts, made_up_districts

READ = [200, 200, 200, 200, 404, LOGIN]
EDIT = [200, 403, 403, 403, 404, LOGIN]
DONE = [302, 403, 403, 403, 404, LOGIN]

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
    ("/p/thanet/crime/compared/", READ),
    ("/p/thanet/crime/compared/?category=Burglary&months=3&against=before", READ),
    ("/p/thanet/crime/compared/areas.csv", READ),
    ("/p/thanet/crime/compared/force-districts.csv?months=1", READ),
    ("/p/thanet/crime/compared/nothing.csv", [404, 404, 404, 404, 404, LOGIN]),
    ("/p/canterbury/crime/compared/", [404, 404, 404, 404, 200, LOGIN]),
    ("/p/thanet/crime/import/", EDIT),
    ("/p/thanet/crime/loads/", EDIT),
]

STREET = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
STREET += "Crime type,Last outcome category,Context\n"

ACTIONS = [
    (
        "/p/thanet/crime/import/",
        {"file": lambda: SimpleUploadedFile("2019-01-kent-street.csv", STREET.encode())},
        DONE,
        lambda world: Job.objects.filter(title__contains="2019-01-kent-street.csv").exists(),
    ),
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


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, ids, settings, tmp_path, persona, path, data, expected, changed):
    settings.MEDIA_ROOT = tmp_path
    data = {key: make() for key, make in data.items()}
    check_action(client, world, persona, path, data, expected, ids, changed)
