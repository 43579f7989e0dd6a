"""Benchmark: `saferplan import_police` into SQLite, against `executemany` into a bare table.

Twelve monthly street files of --rows rows in all (default 700,000) are built under /tmp as
bench/crime_import.py builds them (the real Kent files repeated, the Month rewritten). A SQLite
database is prepared once (migrated, the real ONS lookup and bridge loaded, one partnership
covering every district the Kent files name, so every located row is kept) and copied afresh
before each import. Then, in the same run, alternated, each a whole command timed with its
start-up:

  (a) the floor: a Python process that reads the files with the csv module and `executemany`s
      every row into a bare table of the files' columns in a new SQLite database (WAL and
      synchronous=NORMAL, as SaferPlan's connections), in one transaction;
  (b) `python -m saferplan import_police FOLDER` into a fresh copy of the prepared database.

--rounds floor and import pairs (default 3) and a last floor, so that each import has a floor
on either side of it on a shared, noisy machine. Prints each run, then medians: wall-clock
seconds and CPU seconds (user and system: steadier where other work shares the processors),
each with its ratio to the floor's, and the highest peak RSS of each side.

    uv run python bench/sqlite_import.py [--rows 700000] [--rounds 3]
"""

import argparse
import csv
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crime_import import KENT, LOOKUPS, build_files


def floor(database, paths):
    """In a child process: every row of the files into a bare table, in one transaction."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    with open(paths[0], encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join(f"c{n}" for n in range(len(header)))
    connection.execute(f"CREATE TABLE bare ({columns})")
    insert = f"INSERT INTO bare VALUES ({', '.join(['?'] * len(header))})"
    connection.execute("BEGIN IMMEDIATE")
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            next(rows)
            connection.executemany(insert, rows)
    connection.execute("COMMIT")
    connection.close()


def prepare():
    """In a child process: a migrated database with the geography and one partnership."""
    from benchdb import start_django

    start_django()
    from saferplan.crime.areas import import_areas
    from saferplan.crime.models import Area
    from saferplan.partnerships.models import Partnership, PartnershipDistrict

    import_areas(LOOKUPS)
    lsoas = set()
    for path in KENT:
        with open(path, encoding="utf-8", newline="") as handle:
            lsoas.update(row["LSOA code"] for row in csv.DictReader(handle))
    partnership = Partnership.objects.create(slug="bench", name="Benchmark CSP")
    for code in set(Area.objects.filter(code__in=lsoas).values_list("district_code", flat=True)):
        PartnershipDistrict.objects.create(partnership=partnership, code=code)


def run(command, env):
    """Run a whole command: its wall-clock and CPU seconds, peak RSS in MB and output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0), err.seek(0)
        if os.waitstatus_to_exitcode(status):
            sys.exit(f"{' '.join(map(str, command))} failed:\n{err.read()}")
        return {
            "seconds": seconds,
            "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024,
            "output": out.read(),
        }


def child_env(folder, database):
    """Django's settings, and Python's bytecode kept between runs as an installed SaferPlan's
    is: where PYTHONDONTWRITEBYTECODE is set, every start-up would compile Django anew."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SAFERPLAN_VAR_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "saferplan.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "localhost",
        "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def remove(database):
    for suffix in ["", "-wal", "-shm"]:
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=700_000)
    parser.add_argument("--rounds", type=int, default=3, help="floor and import pairs")
    parser.add_argument("--floor", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.floor:
        return floor(options.floor[0], options.floor[1:])
    if options.prepare:
        return prepare()
    if not KENT:
        sys.exit("no Kent street files in the shared data folder")

    with tempfile.TemporaryDirectory(prefix="saferplan-bench-", dir="/tmp") as name:
        folder = Path(name)
        files = folder / "files"
        files.mkdir()
        paths = build_files(files, options.rows)
        size = sum(path.stat().st_size for path in paths)
        print(f"built {len(paths)} files, {options.rows:,} rows, {size / 1e6:,.0f} MB")
        template, database, bare = (
            folder / f"{stem}.sqlite3" for stem in ["template", "import", "bare"]
        )
        env = child_env(folder, database)
        run(
            [sys.executable, __file__, "--prepare"],
            {**env, "DATABASE_URL": f"sqlite:///{template}"},
        )
        import_command = [sys.executable, "-m", "saferplan", "import_police", str(files)]
        run([*import_command[:4], "--help"], env)  # compiles what the import loads, once
        floor_command = [sys.executable, __file__, "--floor", str(bare), *map(str, paths)]

        def floor_run():
            remove(bare)
            return run(floor_command, env)

        floors, imports = [], []
        for number in range(1, options.rounds + 1):
            floors.append(floor_run())
            remove(database)
            shutil.copyfile(template, database)
            imports.append(run(import_command, env))
            print(
                f"round {number}: floor {floors[-1]['seconds']:.1f} s, "
                f"import {imports[-1]['seconds']:.1f} s",
                flush=True,
            )
        floors.append(floor_run())
        print(f"last floor {floors[-1]['seconds']:.1f} s")

    print(f"\nmedians of {options.rounds} imports and {len(floors)} floors, {options.rows:,} rows")
    print(f"{'':42} {'seconds':>8} {'× floor':>8} {'CPU s':>7} {'× floor':>8} {'peak RSS':>9}")
    floor_seconds, floor_cpu = (
        statistics.median(figures[key] for figures in floors) for key in ["seconds", "cpu"]
    )
    for label, runs in [
        ("(a) floor: csv + executemany, bare table", floors),
        ("(b) saferplan import_police, SQLite", imports),
    ]:
        seconds, cpu = (statistics.median(each[key] for each in runs) for key in ["seconds", "cpu"])
        print(
            f"{label:42} {seconds:8.1f} {seconds / floor_seconds:8.2f} {cpu:7.1f} "
            f"{cpu / floor_cpu:8.2f} {max(each['peak_mb'] for each in runs):6.0f} MB"
        )
    print(
        "ratio in each round, to the floors either side: "
        + ", ".join(
            f"{each['seconds'] / statistics.mean(f['seconds'] for f in floors[n : n + 2]):.2f}"
            for n, each in enumerate(imports)
        )
    )
    print(f"the import said: {imports[-1]['output'].splitlines()[-1]}")


if __name__ == "__main__":
    main()
