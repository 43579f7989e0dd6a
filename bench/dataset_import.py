"""Benchmark: loading a partner's dataset from a CSV, against Python's csv module reading it.

The real Kent street files (../shared/data) are counted by month, LSOA and crime type into a
dataset CSV of about 25,600 rows covering every district of Kent (Thanet's 2,700-odd rows are
kept, the rest left out as other districts), repeated --copies times with the month moved on a
year each time (default 4: about 100,000 rows). A fresh SQLite database (or DATABASE_URL's) gets
the real ONS geography and a Thanet partnership. Then, --rounds times (default 3), alternating:

  (a) the baseline: reading the file with csv.reader and counting its rows;
  (b) `read_dataset` (every line checked, areas resolved) and `save_dataset` in one transaction,
      as the upload form does, replacing the counts of the round before.

Prints each run, then the medians and the ratio of the load to the baseline.

    uv run python bench/dataset_import.py [--copies 4] [--rounds 3]
"""

import argparse
import csv
import os
import statistics
import time
from collections import Counter
from pathlib import Path

from benchdb import start_django

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("SAFERPLAN_SHARED_DATA", ROOT.parent / "shared" / "data"))
THANET = "E07000114"


def write_dataset(path, copies):
    counted = Counter()
    for file in sorted((DATA / "police" / "kent").glob("*-street.csv")):
        with open(file, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["LSOA code"]:
                    counted[(row["Month"], row["LSOA code"], row["Crime type"])] += 1
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["month", "area code", "category", "count"])
        for copy in range(copies):
            for (month, lsoa, category), count in sorted(counted.items()):
                year, number = month.split("-")
                writer.writerow([f"{int(year) + copy}-{number}", lsoa, category, count])
    return len(counted) * copies


def baseline(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    folder = start_django()

    from django.db import transaction

    from saferplan.assessment.files import read_dataset, save_dataset
    from saferplan.assessment.models import Dataset
    from saferplan.crime.areas import import_areas
    from saferplan.partnerships.models import Agency, Partnership, PartnershipDistrict

    path = Path(folder.name) / "kent-dataset.csv"
    rows = write_dataset(path, options.copies)
    import_areas(
        [DATA / "ons/LSOA11_to_WD19_LAD19_EW.csv", DATA / "ons/LSOA11_to_LSOA21_to_LAD22_EW.csv"]
    )
    thanet = Partnership.objects.create(slug="thanet", name="Thanet CSP")
    PartnershipDistrict.objects.create(partnership=thanet, code=THANET)
    police = Agency.objects.create(name="Kent Police", kind=Agency.Kind.POLICE)
    dataset = Dataset(partnership=thanet, name="Kent", owner=police, counts="Crimes", licence="OGL")
    print(f"{rows:,} rows in {path.stat().st_size / 2**20:.1f} MB")

    timings = {"baseline": [], "load": []}
    for round_number in range(options.rounds):
        started = time.perf_counter()
        assert baseline(path) == rows
        timings["baseline"].append(time.perf_counter() - started)
        started = time.perf_counter()
        with transaction.atomic():
            loaded = read_dataset(path, thanet)
            save_dataset(dataset, loaded, loaded_by=None)
        timings["load"].append(time.perf_counter() - started)
        print(
            f"round {round_number + 1}: baseline {timings['baseline'][-1]:.2f} s, "
            f"load {timings['load'][-1]:.2f} s ({loaded.summary})"
        )
    base, load = (statistics.median(timings[name]) for name in ("baseline", "load"))
    print(f"median: baseline {base:.2f} s, load {load:.2f} s ({rows / load:,.0f} rows/s)")
    print(f"ratio load / baseline: {load / base:.1f}")
    folder.cleanup()


if __name__ == "__main__":
    main()
