"""The overview, plan, progress and chase pages run as many queries for a large plan as for a small
one."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.plans.models import Action, ProgressUpdate
from saferplan.plans.synthetic import build_large_plan
from tests.conftest import Client

from .conftest import at

# Each page and the most queries it may run: the session, the person, the two-factor check, the
# role, then what the page shows.
PAGES = {
    "/p/{slug}/": 13,
    "/p/{slug}/plan/2014/": 12,
    "/p/{slug}/plan/2014/progress/?by=agency": 13,
    "/p/{slug}/plan/2014/chase/": 12,
    "/p/{slug}/plan/2014/progress/?by=issue": 12,
    "/p/{slug}/plan/2014/objectives/": 9,
}


def queries(client, path):
    client.get(path)  # a chart is drawn and stored once (6 queries), then read from the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@time_machine.travel(at(2014, 9, 1), tick=False)  # each plan's year runs: it has actions to chase
def test_page_queries_do_not_grow_with_the_plan(world):
    # Two plans of the same year, so that both are chased: Canterbury's small, Thanet's large.
    build_large_plan(
        world.canterbury,
        [world.canterbury_council],
        year=2014,
        priorities=1,
        issues=1,
        actions=2,
        updates=2,
    )
    agencies = [world.police, world.council, world.county]
    build_large_plan(
        world.thanet, agencies, year=2014, priorities=10, issues=5, actions=20, updates=30
    )
    assert Action.objects.of_plan(world.thanet.plans.get(year=2014)).count() == 1000
    assert ProgressUpdate.objects.count() == 2 * 2 + 1000 * 30
    small_client, large_client = Client(), Client()
    small_client.force_login(world.outsider)  # Canterbury's coordinator
    large_client.force_login(world.coordinator)
    for page, most in PAGES.items():
        small = queries(small_client, page.format(slug="canterbury"))
        large = queries(large_client, page.format(slug="thanet"))
        assert large == small, f"{page}: {small} queries for 2 actions, {large} for 1,000"
        assert large <= most, f"{page}: {large} queries"


def test_my_actions_queries_do_not_grow_with_the_plan(client, world):
    agencies = [world.council, world.police, world.county]
    client.force_login(world.council_officer)
    build_large_plan(
        world.thanet, agencies, year=2013, priorities=1, issues=1, actions=2, updates=2
    )
    small = queries(client, "/p/thanet/plan/mine/?show=all")
    build_large_plan(
        world.thanet, agencies, year=2014, priorities=5, issues=5, actions=12, updates=3
    )
    assert queries(client, "/p/thanet/plan/mine/?show=all") == small
    mine = Action.objects.for_agency(world.council).count()
    assert mine > 200
    first = client.get("/p/thanet/plan/mine/?show=all")
    assert sum(len(actions) for _, actions in first.context["plans"]) == 200
    assert f"Actions 1 to 200 of {mine}" in first.content.decode()
    rest = client.get("/p/thanet/plan/mine/?show=all&page=2")
    assert sum(len(actions) for _, actions in rest.context["plans"]) == mine - 200
    assert client.get("/p/thanet/plan/mine/?page=nonsense").status_code == 200


@time_machine.travel(at(2014, 10, 1), tick=False)
def test_summary_pages_build_only_the_actions_they_list(client, world):
    plan = build_large_plan(
        world.thanet,
        [world.police, world.council, world.county],
        year=2014,
        priorities=4,
        issues=5,
        actions=20,
        updates=4,
    )
    client.force_login(world.coordinator)
    chase = client.get("/p/thanet/plan/2014/chase/")
    listed = sum(group.count for group in chase.context["groups"])
    assert 0 < len(chase.context["progress"].actions) == listed < 400
    assert chase.context["progress"].total.total == 400
    # A long plan's page: the actions of one priority, and a link to each of the others.
    page = client.get("/p/thanet/plan/2014/")
    assert len(page.context["progress"].actions) == 100
    second = plan.priorities.all()[1]
    assert f"?priority={second.pk}#priority-{second.pk}" in page.content.decode()
    page = client.get(f"/p/thanet/plan/2014/?priority={second.pk}")
    assert {a.issue.priority_id for a in page.context["progress"].actions} == {second.pk}
    assert client.get("/p/thanet/plan/2014/?priority=x").status_code == 404


@time_machine.travel(at(2014, 10, 1), tick=False)
def test_roll_forward_offers_the_incomplete_actions_without_building_the_plans_progress(
    client, world
):
    plan = build_large_plan(
        world.thanet,
        [world.police, world.council],
        year=2014,
        priorities=2,
        issues=2,
        actions=5,
        updates=4,
    )
    client.force_login(world.coordinator)
    client.get("/p/thanet/plan/2014/roll-forward/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/p/thanet/plan/2014/roll-forward/")
    incomplete = Action.objects.of_plan(plan).with_status_as_at(at(2014, 10, 1).date())
    incomplete = incomplete.exclude(status="completed")
    offered = page.context["form"]["actions"]
    assert 0 < len(offered) == incomplete.count() < 20
    assert all(box.data["selected"] for box in offered), "every incomplete action is ticked"
    # The session, the person, the second step of sign-in, the role, the plan, the next year's
    # plan, the incomplete actions ticked and the same offered.
    assert len(captured) == 8, [query["sql"][:60] for query in captured]


def test_the_action_page_reads_the_action_once_with_its_status(client, world, plans):
    client.force_login(world.coordinator)
    path = f"/p/thanet/plan/actions/{plans.council_action.pk}/"
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(path)
    assert "Underway" in page.content.decode()
    reads = [q["sql"] for q in captured if q["sql"].startswith('SELECT "plans_action"."id"')]
    assert len(reads) == 2, reads  # the action with its status, and what it was carried into
