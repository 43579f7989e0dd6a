"""Benchmark: the plan's pages for a large plan against a trivial page of the same app.

A plan of 10 priorities x 10 emerging issues x 20 actions, each with 30 updates (2,000 actions,
60,000 updates), with 3 corporate objectives and a Working Party (whose meeting of 3 March 2015
has the deadline page), is built in a fresh SQLite database in a temporary folder (or in the
database DATABASE_URL names: give it an empty one). Each page is fetched
through Django's test client, signed in as the coordinator; the script prints each page's first
fetch (the first of this process: templates compiled, URLs resolved), its median time over
--runs later fetches, its query count, its size, and its ratio to the plan list (a page that
reads almost nothing), all measured in the same run, pages taken in turn.

    uv run python bench/plan_pages.py [--runs 15]
"""

import argparse
import datetime
import statistics
import time

from benchdb import bench_partnership, signed_in_client, start_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    folder = start_django()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from saferplan.meetings.models import Committee, Meeting
    from saferplan.partnerships.models import Person, Role
    from saferplan.plans.models import CorporateObjective
    from saferplan.plans.synthetic import build_large_plan

    settings.DEBUG = False  # as in production: no log of every query, no template debugging
    partnership, agencies = bench_partnership()
    coordinator = Person.objects.create_user(
        "bench@example.test", None, name="Bench", agency=agencies[0]
    )
    Role.objects.create(person=coordinator, partnership=partnership, kind=Role.Kind.COORDINATOR)
    started = time.perf_counter()
    plan = build_large_plan(
        partnership, agencies, year=2014, priorities=10, issues=10, actions=20, updates=30
    )
    for number in range(1, 4):
        objective = CorporateObjective.objects.create(
            partnership=partnership, corporate_plan="Corporate Plan", number=number, title="Safe"
        )
        objective.priorities.set(plan.priorities.all()[number - 1 :: 3])
    print(
        f"Built 2,000 actions and 60,000 updates in {time.perf_counter() - started:.1f} s "
        f"({connection.vendor})"
    )

    committee = Committee.objects.create(
        partnership=partnership, name="Working Party", kind=Committee.Kind.WORKING_PARTY
    )
    for day in [datetime.date(2014, 11, 18), datetime.date(2015, 3, 3)]:
        meeting = Meeting.objects.create(
            committee=committee, date=day, starts=datetime.time(19), place="Chamber"
        )

    client = signed_in_client(coordinator)
    client.get("/")  # the URLconf imports every app's views once per process: not measured
    pages = {
        "plan list (anchor)": "/p/bench/plan/",
        "plan page": "/p/bench/plan/2014/",
        "progress by priority": "/p/bench/plan/2014/progress/",
        "progress by agency, as at": "/p/bench/plan/2014/progress/?by=agency&as_at=2014-12-31",
        "chase list": "/p/bench/plan/2014/chase/",
        "objectives coverage": "/p/bench/plan/2014/objectives/",
        "my actions": "/p/bench/plan/mine/",
        "deadline page": f"/p/bench/reminders/deadlines/{meeting.pk}/",
    }
    first, queries, size, times = {}, {}, {}, {name: [] for name in pages}
    for name, path in pages.items():
        reset_queries()  # DEBUG keeps a log of at most 9,000 queries: building filled it
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            first[name] = time.perf_counter() - start
        assert response.status_code == 200, path
        queries[name], size[name] = len(captured), len(response.content)
    for _ in range(runs):  # in turn, so that a slow moment of the machine hits every page
        for name, path in pages.items():
            start = time.perf_counter()
            client.get(path)
            times[name].append(time.perf_counter() - start)
    anchor = statistics.median(times["plan list (anchor)"])
    print(f"\n{'page':<28}{'first ms':>10}{'median ms':>10}{'queries':>9}{'kB':>8}{'x anchor':>10}")
    for name in pages:
        median = statistics.median(times[name])
        print(
            f"{name:<28}{first[name] * 1000:>10.1f}{median * 1000:>10.1f}{queries[name]:>9}"
            f"{size[name] / 1000:>8.0f}{median / anchor:>10.1f}"
        )
    folder.cleanup()


if __name__ == "__main__":
    main()
