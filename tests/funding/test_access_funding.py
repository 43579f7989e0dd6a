"""Access matrix rows for funding: coordinators edit; everyone else in the partnership reads."""

from datetime import date
from decimal import Decimal

import pytest

from saferplan.funding.models import Allocation, Application, Grant, Spend
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page

G = "/p/thanet/funding/grants/{grant}/"
READ = [200, 200, 200, 200, 404, LOGIN]
EDIT = [200, 403, 403, 403, 404, LOGIN]
DONE = [302, 403, 403, 403, 404, LOGIN]

# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    ("/p/thanet/funding/", READ),
    ("/p/thanet/funding/grants/new/", EDIT),
    (G, READ),
    ("/p/canterbury/funding/grants/{grant}/", [404, 404, 404, 404, 404, LOGIN]),
    (G + "edit/", EDIT),
    (G + "return-dates/new/", EDIT),
    (G + "allocations/new/", EDIT),
    (G + "allocations/{allocation}/", EDIT),
    (G + "projects/new/", EDIT),
    (G + "projects/{project}/", EDIT),
    (G + "spend/new/", EDIT),
    (G + "applications/", READ),
    (G + "applications/new/", EDIT),
    (G + "applications/{application}/", READ),
    (G + "return.csv", READ),
    (G + "return.xlsx", READ),
]

ACTIONS = [
    (
        "/p/thanet/funding/grants/new/",
        {"funder": "Lottery", "year": "2014", "amount": "500"},
        DONE,
        lambda world: Grant.objects.filter(funder="Lottery").exists(),
    ),
    (
        G + "spend/new/",
        {"allocation": "{allocation}", "date": "2014-10-01", "amount": "5", "payee": "Pens"},
        DONE,
        lambda world: Spend.objects.filter(payee="Pens").exists(),
    ),
    (
        G + "applications/{application}/",
        {"stage": "assessed", "on": "2014-06-01"},
        DONE,
        lambda world: Application.objects.get().stage == "assessed",
    ),
]


@pytest.fixture
def ids(grant):
    small_grants = Allocation.objects.get(name="Small grants")
    application = Application.objects.create(
        allocation=small_grants,
        organisation="Club",
        title="Signs",
        amount_requested=Decimal(100),
        received=date(2014, 5, 1),
    )
    return {
        "grant": grant.pk,
        "allocation": Allocation.objects.get(name="Publicity").pk,
        "project": grant.allocations.get(name="Commissioning").projects.get().pk,
        "application": application.pk,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, ids, persona, path, expected):
    check_page(client, world, persona, path, expected, ids)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, ids, persona, path, data, expected, changed):
    check_action(client, world, persona, path, data, expected, ids, changed)
