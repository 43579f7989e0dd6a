"""Benchmark: the Crime and ASB page and its CSV files with a national year of police data loaded.

Monthly counts for a year of --districts districts x 110 LSOAs x 14 categories, sparse as the
real files are (about 60% of LSOA-month-category cells have a row), are written straight into
the tables in bulk (COPY on PostgreSQL, executemany on SQLite), with 43 forces' months. The
partnership measured has its areas with populations, 20 square ward boundaries and one Crime row
per crime counted; --crimes more Crime rows are spread over the other districts, and all of them
are counted by outcome into OutcomeCount, as the import does (the outcomes table reads it). The
database is a fresh SQLite file in a temporary folder, or the one DATABASE_URL names (its crime
tables are emptied first).

Each page is fetched through Django's test client, signed in as the coordinator; the script
prints the first fetch, the median of --runs fetches after it, the query count and the ratio of
the median to the partnership's home page measured in the same run.

    uv run python bench/crime_pages.py [--districts 300] [--runs 15] [--crimes 500000]
"""

import argparse
import datetime
import random
import statistics
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
# March 2018 to February 2019.
MONTHS = [datetime.date(2018 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(3, 15)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=300)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--crimes", type=int, default=500_000)
    options = parser.parse_args()
    folder = start_django()
    from django.db import connection, reset_queries, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saferplan.crime.models import (
        Area,
        Boundary,
        Crime,
        MonthlyCount,
        Outcome,
        OutcomeCount,
        PoliceMonth,
    )
    from saferplan.partnerships.models import Partnership, PartnershipDistrict, Person, Role

    for model in [Outcome, OutcomeCount, Crime, MonthlyCount, PoliceMonth, Area, Boundary]:
        model.objects.all().delete()
    Partnership.objects.filter(slug="bench").delete()
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
        counts, crimes = [], []
        for d, district in enumerate(districts):
            force = d % FORCES
            for lsoa in range(LSOAS):
                code = f"E01{d * LSOAS + lsoa:06d}"
                for month in MONTHS:
                    for category in CATEGORIES:
                        if generator.random() < 0.6:
                            n = generator.randint(1, 6)
                            counts.append(
                                (police_months[force, month], month, district, code, category, n)
                            )
                            if district == MEASURED:
                                crimes.extend(
                                    [(police_months[force, month], month, category, code, district)]
                                    * n
                                )
        bulk_insert(
            connection,
            MonthlyCount,
            ["police_month_id", "month", "district_code", "lsoa_code", "category", "count"],
            counts,
        )
        others = [row for row in counts if row[2] != MEASURED]
        for _ in range(options.crimes):
            pm, month, district, code, category, _n = generator.choice(others)
            crimes.append((pm, month, category, code, district))
        crimes = [(*row, last_outcome(generator, row[2])) for row in crimes]
        bulk_insert(
            connection,
            Crime,
            [
                *["police_month_id", "month", "category", "lsoa_code", "district_code"],
                *["last_outcome", "force", "location", "crime_id", "context"],
            ],
            [(*row, "Force", "On or near", "", "") for row in crimes],
        )
        outcomes = Counter(
            (pm, month, district, category, outcome)
            for pm, month, category, _, district, outcome in crimes
        )
        bulk_insert(
            connection,
            OutcomeCount,
            ["police_month_id", "month", "district_code", "category", "last_outcome", "count"],
            [(*key, n) for key, n in outcomes.items()],
        )
        Area.objects.bulk_create(
            Area(
                code=f"E01{lsoa:06d}",
                vintage=2021,
                ward_code=f"E05{lsoa % WARDS:06d}",
                ward_name=f"Ward {lsoa % WARDS}",
                district_code=MEASURED,
                population=1500,
            )
            for lsoa in range(LSOAS)
        )
        Boundary.objects.bulk_create(
            Boundary(
                kind="ward",
                code=f"E05{w:06d}",
                name=f"Ward {w}",
                district_code=MEASURED,
                geometry=square(w),
            )
            for w in range(WARDS)
        )
        partnership = Partnership.objects.create(slug="bench", name="Benchmark CSP")
        PartnershipDistrict.objects.create(partnership=partnership, code=MEASURED)
        coordinator = Person.objects.create_user("bench@example.test", None, name="Bench")
        Role.objects.create(person=coordinator, partnership=partnership, kind=Role.Kind.COORDINATOR)
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: statistics, and the visibility map that lets
        # PostgreSQL answer from an index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        f"Built {len(counts):,} monthly counts ({len(districts)} districts) and {len(crimes):,} "
        f"crime rows in {time.perf_counter() - started:.0f} s ({connection.vendor})"
    )

    client = Client()
    client.force_login(coordinator)
    base = "/p/bench/crime/"
    pages = {
        "partnership home (baseline)": "/p/bench/",
        "crime page": base,
        "crime page, Burglary": base + "?category=Burglary",
        **{
            f"{table}.csv": f"{base}{table}.csv"
            for table in ["forces", "comparison", "trend", "year-to-date", "wards", "outcomes"]
        },
        "wards.csv, Burglary": base + "wards.csv?category=Burglary",
    }
    results = {}
    for name, path in pages.items():
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            assert client.get(path).status_code == 200, path
            first = time.perf_counter() - start
        times = []
        for _ in range(options.runs):
            start = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - start)
        results[name] = (first, statistics.median(times), len(captured))
    baseline = results["partnership home (baseline)"][1]
    print(f"\n{'page':<30}{'first ms':>10}{'median ms':>11}{'queries':>9}{'x baseline':>12}")
    for name, (first, median, queries) in results.items():
        ratio = median / baseline
        print(f"{name:<30}{first * 1000:>10.1f}{median * 1000:>11.1f}{queries:>9}{ratio:>12.1f}")
    folder.cleanup()


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
