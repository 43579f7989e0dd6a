"""Access matrix rows for the strategic assessment: everyone in the partnership reads its
unrestricted datasets and its harm weights; a restricted dataset only its coordinators and the
owner agency's officers; coordinators and data-managing officers add and change them. Everyone
in the partnership reads the candidate issues and their ranking; coordinators add issues and
weigh the dimensions; coordinators and officers score.

The police officer here is a data manager; the council officer and the councillor are of the
council's agency, which owns none of the restricted datasets."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from saferplan.assessment.models import (
    CandidateIssue,
    ConcernLink,
    Dataset,
    Dimension,
    DimensionWeight,
    HarmWeights,
    PeerDistrict,
    Score,
    Survey,
)
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page
from tests.crime.factory import CANTERBURY, THANET, counts

from .conftest import csv_upload

READ = [200, 200, 200, 200, 404, LOGIN]
EDIT = [200, 200, 403, 403, 404, LOGIN]
DONE = [302, 302, 403, 403, 404, LOGIN]
POLICE_ONLY = [200, 200, 404, 404, 404, LOGIN]
COORDINATOR_ONLY = [200, 404, 404, 404, 404, LOGIN]
NOBODY_HERE = [404, 404, 404, 404, 404, LOGIN]
COORDINATOR_DOES = [200, 403, 403, 403, 404, LOGIN]
COORDINATOR_DONE = [302, 403, 403, 403, 404, LOGIN]
SCORERS = [200, 200, 200, 403, 404, LOGIN]
SCORED = [302, 302, 302, 403, 404, LOGIN]
# The role is checked before the issue is looked for: a councillor is refused any score.
NOT_HERE_TO_SCORE = [404, 404, 404, 403, 404, LOGIN]

# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    ("/p/thanet/assessment/", READ),
    ("/p/thanet/assessment/datasets/{open}/", READ),
    ("/p/thanet/assessment/datasets/{police_restricted}/", POLICE_ONLY),
    ("/p/thanet/assessment/datasets/{county_restricted}/", COORDINATOR_ONLY),
    ("/p/thanet/assessment/datasets/{canterbury}/", NOBODY_HERE),
    ("/p/thanet/assessment/datasets/new/", EDIT),
    ("/p/thanet/assessment/datasets/{open}/edit/", EDIT),
    ("/p/thanet/assessment/datasets/{police_restricted}/edit/", EDIT),
    ("/p/thanet/assessment/datasets/{county_restricted}/edit/", [200, 404, 403, 403, 404, LOGIN]),
    ("/p/thanet/assessment/datasets/{open}/months.csv", READ),
    ("/p/thanet/assessment/datasets/{open}/categories.csv", READ),
    ("/p/thanet/assessment/datasets/{open}/nothing.csv", [404, 404, 404, 404, 404, LOGIN]),
    ("/p/thanet/assessment/datasets/{police_restricted}/months.csv", POLICE_ONLY),
    ("/p/thanet/assessment/datasets/{county_restricted}/categories.csv", COORDINATOR_ONLY),
    ("/p/thanet/assessment/datasets/{canterbury}/months.csv", NOBODY_HERE),
    ("/p/thanet/assessment/harm/", READ),
    ("/p/thanet/assessment/harm.csv", READ),
    ("/p/thanet/assessment/harm/load/", EDIT),
    ("/p/canterbury/assessment/", [404, 404, 404, 404, 200, LOGIN]),
    ("/p/thanet/assessment/issues/", READ),
    ("/p/thanet/assessment/issues/ranking.csv", READ),
    ("/p/thanet/assessment/issues/new/", COORDINATOR_DOES),
    ("/p/thanet/assessment/issues/weights/", COORDINATOR_DOES),
    ("/p/thanet/assessment/issues/{issue}/", READ),
    ("/p/thanet/assessment/issues/{issue}/score/", SCORERS),
    ("/p/thanet/assessment/issues/{canterbury_issue}/", NOBODY_HERE),
    ("/p/thanet/assessment/issues/{canterbury_issue}/score/", NOT_HERE_TO_SCORE),
    ("/p/canterbury/assessment/issues/", [404, 404, 404, 404, 200, LOGIN]),
    # A dataset in place of police.uk on the crime page and its CSV files.
    ("/p/thanet/crime/?dataset={open}", READ),
    ("/p/thanet/crime/?dataset={police_restricted}", POLICE_ONLY),
    ("/p/thanet/crime/?dataset={county_restricted}&view=control", COORDINATOR_ONLY),
    ("/p/thanet/crime/?dataset={canterbury}", NOBODY_HERE),
    ("/p/thanet/crime/?dataset=nonsense", NOBODY_HERE),
    ("/p/thanet/crime/trend.csv?dataset={open}", READ),
    ("/p/thanet/crime/wards.csv?dataset={police_restricted}", POLICE_ONLY),
    ("/p/thanet/crime/comparison.csv?dataset={county_restricted}", COORDINATOR_ONLY),
    ("/p/thanet/crime/year-to-date.csv?dataset={canterbury}", NOBODY_HERE),
    ("/p/thanet/crime/outcomes.csv?dataset={open}", NOBODY_HERE),
    ("/p/thanet/assessment/surveys/", READ),
    ("/p/thanet/assessment/surveys/new/", EDIT),
    ("/p/canterbury/assessment/surveys/", [404, 404, 404, 404, 200, LOGIN]),
    ("/p/thanet/assessment/issues/{issue}/concern/", COORDINATOR_DOES),
    ("/p/thanet/assessment/issues/{canterbury_issue}/concern/", [404, 403, 403, 403, 404, LOGIN]),
    ("/p/thanet/assessment/peers/", READ),
    ("/p/thanet/assessment/peers/choose/", EDIT),
    ("/p/thanet/assessment/peers/load/", EDIT),
    ("/p/canterbury/assessment/peers/", [404, 404, 404, 404, 200, LOGIN]),
]

COUNTS = "month,area code,category,count\n2019-01,E01999001,Fires,2\n"
DATASET = {
    "name": "ASB reported to the council",
    "owner": "{police}",
    "counts": "Reports",
    "licence": "OGL",
    "restricted": "on",
}

ACTIONS = [
    (
        "/p/thanet/assessment/datasets/new/",
        {**DATASET, "file": lambda: csv_upload(COUNTS)},
        DONE,
        lambda world: Dataset.objects.filter(name=DATASET["name"]).exists(),
    ),
    (
        "/p/thanet/assessment/datasets/{county_restricted}/edit/",
        {**DATASET, "owner": "{county}"},
        [302, 404, 403, 403, 404, LOGIN],
        lambda world: Dataset.objects.filter(name=DATASET["name"]).exists(),
    ),
    (
        "/p/thanet/assessment/harm/load/",
        {"file": lambda: csv_upload("category,weight,source\nFires,2.5,Made up\n")},
        DONE,
        lambda world: HarmWeights.objects.filter(rows__category="Fires").exists(),
    ),
    (
        "/p/thanet/assessment/issues/new/",
        {"name": "Burglary in Margate", "category": "Burglary", "about": "Margate"},
        COORDINATOR_DONE,
        lambda world: CandidateIssue.objects.filter(name="Burglary in Margate").exists(),
    ),
    (
        "/p/thanet/assessment/issues/weights/",
        dict.fromkeys(Dimension.values, "2"),
        COORDINATOR_DONE,
        lambda world: DimensionWeight.objects.exists(),
    ),
    (
        "/p/thanet/assessment/issues/{issue}/score/",
        {Dimension.FREQUENCY.value: "4"},
        SCORED,
        lambda world: Score.objects.filter(value=4).exists(),
    ),
    (
        "/p/thanet/assessment/issues/{canterbury_issue}/score/",
        {Dimension.FREQUENCY.value: "4"},
        NOT_HERE_TO_SCORE,
        lambda world: Score.objects.exists(),
    ),
    (
        "/p/thanet/assessment/surveys/new/",
        {
            "title": "Residents' survey",
            "carried_out": "2014",
            "respondents": "10",
            "file": lambda: csv_upload("theme,count\nSpeeding,3\n"),
        },
        DONE,
        lambda world: Survey.objects.filter(title="Residents' survey").exists(),
    ),
    (
        "/p/thanet/assessment/issues/{issue}/concern/",
        {"result": "{survey_result}"},
        COORDINATOR_DONE,
        lambda world: ConcernLink.objects.exists(),
    ),
    (
        "/p/thanet/assessment/peers/choose/",
        {"districts": CANTERBURY, "group": "Neighbours"},
        DONE,
        lambda world: PeerDistrict.objects.filter(partnership=world.thanet).exists(),
    ),
    (
        "/p/thanet/assessment/peers/load/",
        {"file": lambda: csv_upload(f"district code\n{CANTERBURY}\n", name="peers.csv")},
        DONE,
        lambda world: PeerDistrict.objects.filter(partnership=world.thanet).exists(),
    ),
]


def dataset(world, name, owner, restricted=False, partnership=None):
    return Dataset.objects.create(
        partnership=partnership or world.thanet,
        name=name,
        owner=owner,
        counts="Incidents",
        licence="OGL",
        restricted=restricted,
    )


@pytest.fixture
def ids(places):
    world = places
    world.police_officer.user_permissions.add(
        Permission.objects.get(codename="load_police_data", content_type__app_label="crime")
    )
    council_asb = dataset(world, "Council ASB", world.council)
    police_restricted = dataset(world, "Domestic abuse", world.police, True)
    county_restricted = dataset(world, "Youth offending", world.county, True)
    for each in (council_asb, police_restricted, county_restricted):
        # "Fires" is also a category a harm weight may be given to.
        each.rows.create(
            month=datetime.date(2019, 1, 1),
            area_code="E01999001",
            level="lsoa",
            district_code=THANET,
            category="Fires",
            count=2,
        )
    counts("2019-01", "E01999001", {"Burglary": 2})
    weights = HarmWeights.objects.create(partnership=world.thanet)
    weights.rows.create(category="Burglary", weight=3, source="Made up")
    survey = Survey.objects.create(
        partnership=world.thanet, title="Survey", carried_out="2014", respondents=10
    )
    return {
        "survey_result": survey.results.create(line=2, answer="Burglary", count=4).pk,
        "open": council_asb.pk,
        "police_restricted": police_restricted.pk,
        "county_restricted": county_restricted.pk,
        "canterbury": dataset(world, "Fires", world.county, partnership=world.canterbury).pk,
        "police": world.police.pk,
        "county": world.county.pk,
        "issue": CandidateIssue.objects.create(partnership=world.thanet, name="Burglary").pk,
        "canterbury_issue": CandidateIssue.objects.create(
            partnership=world.canterbury, name="Burglary"
        ).pk,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, places, ids, persona, path, expected):
    check_page(client, places, persona, path, expected, ids)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, places, ids, settings, tmp_path, persona, path, data, expected, changed):
    settings.MEDIA_ROOT = tmp_path
    data = {key: make() if callable(make) else make for key, make in data.items()}
    check_action(client, places, persona, path, data, expected, ids, changed)


@pytest.mark.parametrize(
    ("persona", "listed"),
    [
        ("coordinator", ["Council ASB", "Domestic abuse", "Youth offending"]),
        ("police_officer", ["Council ASB", "Domestic abuse"]),
        ("council_officer", ["Council ASB"]),
        ("councillor", ["Council ASB"]),
    ],
)
def test_the_list_shows_only_the_datasets_a_person_may_read(client, places, ids, persona, listed):
    client.force_login(getattr(places, persona))
    response = client.get("/p/thanet/assessment/")
    assert [str(d) for d in response.context["datasets"]] == listed


def test_a_data_managing_officer_cannot_restrict_another_agencys_dataset(client, places, ids):
    client.force_login(places.police_officer)
    response = client.post(
        "/p/thanet/assessment/datasets/new/",
        {**DATASET, "owner": places.county.pk, "file": csv_upload(COUNTS)},
    )
    assert "Only a coordinator may restrict a dataset of Kent County Council" in (
        response.content.decode()
    )
    assert not Dataset.objects.filter(name=DATASET["name"]).exists()
