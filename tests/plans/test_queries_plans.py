"""The plan, progress and chase pages run as many queries for a large plan as for a small one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.plans.models import Action, ProgressUpdate
from saferplan.plans.synthetic import build_large_plan

PAGES = [
    "/p/thanet/plan/{year}/",
    "/p/thanet/plan/{year}/progress/?by=agency",
    "/p/thanet/plan/{year}/chase/",
    "/p/thanet/plan/{year}/progress/?by=issue",
]


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_with_the_plan(client, world):
    agencies = [world.police, world.council, world.county]
    build_large_plan(
        world.thanet, agencies, year=2013, priorities=1, issues=1, actions=2, updates=2
    )
    build_large_plan(
        world.thanet, agencies, year=2014, priorities=10, issues=5, actions=20, updates=30
    )
    assert Action.objects.of_plan(world.thanet.plans.get(year=2014)).count() == 1000
    assert ProgressUpdate.objects.count() == 2 * 2 + 1000 * 30
    client.force_login(world.coordinator)
    for page in PAGES:
        small = queries(client, page.format(year=2013))
        large = queries(client, page.format(year=2014))
        assert large == small, f"{page}: {small} queries for 2 actions, {large} for 1,000"
        assert large <= 13, f"{page}: {large} queries"
