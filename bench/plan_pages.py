"""Benchmark: the plan, progress and chase pages of a large plan against a trivial page.

A plan of 10 priorities x 5 emerging issues x 20 actions, each with 30 updates (1,000 actions,
30,000 updates), is built in a fresh SQLite database in a temporary folder (or in the database
DATABASE_URL names: give it an empty one). Each page is fetched through Django's test client,
signed in as the coordinator; the script prints each page's median time over --runs fetches, its
query count, and its ratio to the plan list (a page of the same app that reads almost nothing),
measured in the same run.

    uv run python bench/plan_pages.py [--runs 15]
"""

import argparse
import statistics
import time

from benchdb import bench_partnership, start_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    folder = start_django()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saferplan.partnerships.models import Person, Role
    from saferplan.plans.synthetic import build_large_plan

    partnership, agencies = bench_partnership()
    coordinator = Person.objects.create_user(
        "bench@example.test", None, name="Bench", agency=agencies[0]
    )
    Role.objects.create(person=coordinator, partnership=partnership, kind=Role.Kind.COORDINATOR)
    started = time.perf_counter()
    build_large_plan(
        partnership, agencies, year=2014, priorities=10, issues=5, actions=20, updates=30
    )
    print(
        f"Built 1,000 actions and 30,000 updates in {time.perf_counter() - started:.1f} s "
        f"({connection.vendor})"
    )

    client = Client()
    client.force_login(coordinator)
    pages = {
        "plan list (baseline)": "/p/bench/plan/",
        "plan page": "/p/bench/plan/2014/",
        "progress by priority": "/p/bench/plan/2014/progress/",
        "progress by agency, as at": "/p/bench/plan/2014/progress/?by=agency&as_at=2014-12-31",
        "chase list": "/p/bench/plan/2014/chase/",
    }
    results = {}
    for name, path in pages.items():
        reset_queries()  # DEBUG keeps a log of at most 9,000 queries: building filled it
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200  # also warms caches
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - start)
        results[name] = (statistics.median(times), len(captured))
    baseline = results["plan list (baseline)"][0]
    print(f"\n{'page':<28}{'median ms':>10}{'queries':>9}{'x baseline':>12}")
    for name, (median, queries) in results.items():
        print(f"{name:<28}{median * 1000:>10.1f}{queries:>9}{median / baseline:>12.1f}")
    folder.cleanup()


if __name__ == "__main__":
    main()
