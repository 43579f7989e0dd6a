"""Access matrix rows for taking candidate issues into a plan and for changing and deleting
issues and datasets: coordinators take issues into a plan (they manage plans), and change and
delete issues; coordinators and data-managing officers delete the datasets they may read.

The police officer here is a data manager; the county's dataset is restricted."""

import pytest
from django.contrib.auth.models import Permission

from saferplan.assessment.models import CandidateIssue, Dataset
from saferplan.plans.models import Plan, Priority
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page
from tests.assessment.test_access_assessment import COORDINATOR_DOES, COORDINATOR_DONE, DONE, EDIT

NOT_THEIRS = [200, 404, 403, 403, 404, LOGIN]
NOT_THEIRS_DONE = [302, 404, 403, 403, 404, LOGIN]

# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    ("/p/thanet/assessment/issues/choose/", COORDINATOR_DOES),
    ("/p/thanet/assessment/issues/{issue}/edit/", COORDINATOR_DOES),
    ("/p/thanet/assessment/issues/{issue}/delete/", COORDINATOR_DOES),
    ("/p/thanet/assessment/issues/{canterbury_issue}/delete/", [404, 403, 403, 403, 404, LOGIN]),
    ("/p/thanet/assessment/datasets/{open}/delete/", EDIT),
    ("/p/thanet/assessment/datasets/{restricted}/delete/", NOT_THEIRS),
]

ACTIONS = [
    (
        "/p/thanet/assessment/issues/choose/",
        {"issues": "{issue}", "plan": "{draft}", "under": ""},
        COORDINATOR_DONE,
        lambda world: Priority.objects.filter(candidate_issue__isnull=False).exists(),
    ),
    (
        "/p/thanet/assessment/issues/choose/",
        {"issues": "{issue}", "plan": "{adopted}", "under": ""},
        [200, 403, 403, 403, 404, LOGIN],
        lambda world: Priority.objects.filter(candidate_issue__isnull=False).exists(),
    ),
    (
        "/p/thanet/assessment/issues/{issue}/edit/",
        {"name": "Burglary of homes", "category": ""},
        COORDINATOR_DONE,
        lambda world: CandidateIssue.objects.filter(name="Burglary of homes").exists(),
    ),
    (
        "/p/thanet/assessment/issues/{issue}/delete/",
        {},
        COORDINATOR_DONE,
        lambda world: not CandidateIssue.objects.filter(partnership=world.thanet).exists(),
    ),
    (
        "/p/thanet/assessment/datasets/{open}/delete/",
        {},
        DONE,
        lambda world: not Dataset.objects.filter(name="Council ASB").exists(),
    ),
    (
        "/p/thanet/assessment/datasets/{restricted}/delete/",
        {},
        NOT_THEIRS_DONE,
        lambda world: not Dataset.objects.filter(name="Youth offending").exists(),
    ),
]


@pytest.fixture
def ids(places):
    world = places
    world.police_officer.user_permissions.add(
        Permission.objects.get(codename="load_police_data", content_type__app_label="crime")
    )

    def dataset(name, owner, restricted=False):
        return Dataset.objects.create(
            partnership=world.thanet,
            name=name,
            owner=owner,
            counts="Incidents",
            licence="OGL",
            restricted=restricted,
        ).pk

    return {
        "open": dataset("Council ASB", world.council),
        "restricted": dataset("Youth offending", world.county, restricted=True),
        "issue": CandidateIssue.objects.create(partnership=world.thanet, name="Burglary").pk,
        "canterbury_issue": CandidateIssue.objects.create(
            partnership=world.canterbury, name="Burglary"
        ).pk,
        "draft": Plan.objects.create(partnership=world.thanet, year=2019).pk,
        "adopted": Plan.objects.create(
            partnership=world.thanet, year=2018, status=Plan.Stage.ADOPTED
        ).pk,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, places, ids, persona, path, expected):
    check_page(client, places, persona, path, expected, ids)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"),
    ACTIONS,
    ids=[f"{row[0]}-{n}" for n, row in enumerate(ACTIONS)],
)
def test_action(client, places, ids, persona, path, data, expected, changed):
    check_action(client, places, persona, path, data, expected, ids, changed)
