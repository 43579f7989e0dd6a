"""Benchmark: the Crime and ASB page and its CSV files with a national year of police data loaded.

Monthly counts for a year of --districts districts x 110 LSOAs x 14 categories, sparse as the
real files are (about 60% of LSOA-month-category cells have a row), are written straight into
the tables in bulk (COPY on PostgreSQL, executemany on SQLite), with 43 forces' months, then
analysed as the import analyses them (no VACUUM: pages are measured straight after an "import").
Two partnerships are measured: Thanet (1 district) and a county of 39 districts; their districts
have areas with populations, 20 square ward boundaries each, and Thanet one Crime row per crime
counted; --crimes more Crime rows are spread over the other districts. Every row counted in
MonthlyCount is counted by outcome into OutcomeCount too, as the import does (totals, forces and
outcomes read it); then what an import enqueues for the worker is run and timed: each
partnership's page figures summed and kept, and its trend charts and ward maps drawn (as the page
opens and with each category chosen). The database is a fresh SQLite file in a temporary
folder, or the one DATABASE_URL names (its crime tables are emptied first).

Each page is fetched through Django's test client, signed in as the coordinator, in a new process
started after the data is written: "first" is its first fetch straight after the import, then
the median and 95th percentile of --runs fetches, the query count and the
ratio of the median to the partnership's home page measured in the same run. A third process,
started afterwards, fetches each page once: "restart" is a first fetch after a restart, when the
charts are already drawn (they are kept in the database, not in a process).

    uv run python bench/crime_pages.py [--districts 300] [--runs 20] [--crimes 500000]
"""

import argparse
import datetime
import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter

from benchdb import start_django

CATEGORIES = [
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
]
LSOAS, WARDS, FORCES = 110, 20, 43
MEASURED = "E07000114"
COUNTY = 39  # districts of the county partnership: Thanet and 38 more
# March 2018 to February 2019.
MONTHS = [datetime.date(2018 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(3, 15)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--crimes", type=int, default=500_000)
    stages = ["after-import", "after-restart"]
    parser.add_argument("--measure", choices=stages, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        measure(options)
        return
    folder = start_django()
    from django.core.cache import caches
    from django.db import connection, transaction

    from saferplan.crime.charts import draw_trend_charts
    from saferplan.crime.models import (
        Area,
        Boundary,
        Crime,
        MonthlyCount,
        Outcome,
        OutcomeCount,
        PoliceMonth,
    )
    from saferplan.crime.police import analyse_crime_tables
    from saferplan.partnerships.models import Partnership, PartnershipDistrict, Person, Role

    for model in [Outcome, OutcomeCount, Crime, MonthlyCount, PoliceMonth, Area, Boundary]:
        model.objects.all().delete()
    caches["charts"].clear()  # a chart of an earlier run's same numbers is not drawn again
    Partnership.objects.filter(slug__in=["bench", "county"]).delete()
    Person.objects.filter(email="bench@example.test").delete()

    started = time.perf_counter()
    generator = random.Random(1)
    with transaction.atomic():
        police_months = {
            (force, month): PoliceMonth.objects.create(
                force=f"Force {force}", month=month, kind="street", source="bench", no_location=300
            ).pk
            for force in range(FORCES)
            for month in MONTHS
        }
        districts = [MEASURED] + [f"E07{900000 + n:06d}" for n in range(1, options.districts)]
        counts, crimes, outcomes = [], [], Counter()
        for d, district in enumerate(districts):
            force = d % FORCES
            for lsoa in range(LSOAS):
                code = f"E01{d * LSOAS + lsoa:06d}"
                for month in MONTHS:
                    for category in CATEGORIES:
                        if generator.random() < 0.6:
                            n = generator.randint(1, 6)
                            pm = police_months[force, month]
                            counts.append((pm, month, district, code, category, n))
                            for _ in range(n):
                                outcome = last_outcome(generator, category)
                                outcomes[pm, month, district, category, outcome] += 1
                                if district == MEASURED:
                                    crimes.append((pm, month, category, code, district, outcome))
        bulk_insert(
            connection,
            MonthlyCount,
            ["police_month_id", "month", "district_code", "lsoa_code", "category", "count"],
            counts,
        )
        others = [row for row in counts if row[2] != MEASURED]
        for _ in range(options.crimes):
            pm, month, district, code, category, _n = generator.choice(others)
            crimes.append((pm, month, category, code, district, last_outcome(generator, category)))
        bulk_insert(
            connection,
            Crime,
            [
                *["police_month_id", "month", "category", "lsoa_code", "district_code"],
                *["last_outcome", "force", "location", "crime_id", "context"],
            ],
            [(*row, "Force", "On or near", "", "") for row in crimes],
        )
        bulk_insert(
            connection,
            OutcomeCount,
            ["police_month_id", "month", "district_code", "category", "last_outcome", "count"],
            [(*key, n) for key, n in outcomes.items()],
        )
        Area.objects.bulk_create(
            Area(
                code=f"E01{d * LSOAS + lsoa:06d}",
                vintage=2021,
                ward_code=f"E05{d * WARDS + lsoa % WARDS:06d}",
                ward_name=f"Ward {d * WARDS + lsoa % WARDS}",
                district_code=district,
                population=1500,
            )
            for d, district in enumerate(districts[:COUNTY])
            for lsoa in range(LSOAS)
        )
        Boundary.objects.bulk_create(
            Boundary(
                kind="ward",
                code=f"E05{d * WARDS + w:06d}",
                name=f"Ward {d * WARDS + w}",
                district_code=district,
                geometry=square(d * WARDS + w),
            )
            for d, district in enumerate(districts[:COUNTY])
            for w in range(WARDS)
        )
        coordinator = Person.objects.create_user("bench@example.test", None, name="Bench")
        for slug, covered in [("bench", districts[:1]), ("county", districts[:COUNTY])]:
            # A sample partnership: its coordinator is not asked for a second sign-in step.
            partnership = Partnership.objects.create(
                slug=slug, name=f"Benchmark CSP {slug}", is_sample=True
            )
            for code in covered:
                PartnershipDistrict.objects.create(partnership=partnership, code=code)
            Role.objects.create(
                person=coordinator, partnership=partnership, kind=Role.Kind.COORDINATOR
            )
    analyse_crime_tables()  # as import_police does when it has written
    print(
        f"Built {len(counts):,} monthly counts ({len(districts)} districts) and {len(crimes):,} "
        f"crime rows in {time.perf_counter() - started:.0f} s ({connection.vendor})"
    )
    started = time.perf_counter()
    draw_trend_charts()  # what the worker does once the import is done
    print(
        f"The worker kept 2 partnerships' figures and drew their charts and maps in "
        f"{time.perf_counter() - started:.1f} s"
    )

    results = {stage: in_new_process(options, stage) for stage in ["after-import", "after-restart"]}
    measured, restarted = results["after-import"], results["after-restart"]
    print(
        f"\n{'page':<38}{'first ms':>9}{'restart ms':>11}{'median ms':>10}{'p95 ms':>8}"
        f"{'queries':>8}{'x home':>8}"
    )
    for slug in ["bench", "county"]:
        baseline = measured[f"{slug}: partnership home (baseline)"]["median"]
        for name, got in measured.items():
            if name.startswith(slug):
                print(
                    f"{name:<38}{got['first']:>9.1f}{restarted[name]['first']:>11.1f}"
                    f"{got['median']:>10.1f}{got['p95']:>8.1f}{got['queries']:>8}"
                    f"{got['median'] / baseline:>8.1f}"
                )
    folder.cleanup()


def in_new_process(options, stage):
    """The pages measured by a process started now, on the database just written."""
    command = [sys.executable, __file__, f"--measure={stage}", f"--runs={options.runs}"]
    out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout.splitlines()[-1])


def measure(options):
    """Print, as JSON, each page's first fetch, median and p95 in ms, and its query count."""
    start_django()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saferplan.partnerships.models import Person

    client = Client()
    client.force_login(Person.objects.get(email="bench@example.test"))
    runs = options.runs if options.measure == "after-import" else 0
    results = {}
    for slug in ["bench", "county"]:
        base = f"/p/{slug}/crime/"
        pages = {
            "partnership home (baseline)": f"/p/{slug}/",
            "crime page": base,
            "crime page, Burglary": base + "?category=Burglary",
            **{
                f"{table}.csv": f"{base}{table}.csv"
                for table in ["forces", "comparison", "trend", "year-to-date", "wards", "outcomes"]
            },
            "wards.csv, Burglary": base + "wards.csv?category=Burglary",
        }
        for name, path in pages.items():
            reset_queries()  # as each request does; else the count starts from a stale log
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path)
                first = time.perf_counter() - start
            assert response.status_code == 200, (
                path,
                response.status_code,
                response.get("Location"),
            )
            times = [first]  # the first fetch counts towards the median and p95 too
            for _ in range(runs):
                start = time.perf_counter()
                client.get(path)
                times.append(time.perf_counter() - start)
            results[f"{slug}: {name}"] = {
                "first": first * 1000,
                "median": statistics.median(times) * 1000,
                "p95": statistics.quantiles(times, n=20)[-1] * 1000 if runs else first * 1000,
                "queries": len(captured),
            }
    print(json.dumps(results))


def last_outcome(generator, category):
    if category == CATEGORIES[0]:
        return ""
    return generator.choice(
        ["Under investigation", "Unable to prosecute suspect", "Local resolution"]
    )


def square(n, side=0.01):
    west, south = 1.3 + (n % 5) * side, 51.3 + (n // 5) * side
    ring = [
        [west, south],
        [west + side, south],
        [west + side, south + side],
        [west, south + side],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def bulk_insert(connection, model, columns, rows):
    """Rows straight into the table: COPY on PostgreSQL, one executemany on SQLite."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


if __name__ == "__main__":
    main()
