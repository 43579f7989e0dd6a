"""Benchmark: importing a national-scale year of police.uk street files, against PostgreSQL's COPY.

Twelve monthly files of --rows street rows in all (default 7,000,000, about a year of England and
Wales) are built in a folder under /tmp by repeating the real Kent files (../shared/data) with
the Month column rewritten to 2019-01 … 2019-12. The real ONS lookup and bridge are loaded and one
partnership covers every district the Kent files name, so every located row is kept. Then, in
the same run:

  (a) the floor: PostgreSQL's own server-side `COPY … FROM 'file'` of the same files into an
      unindexed table of text columns (falling back to `COPY … FROM STDIN` of the raw bytes when
      the server cannot read /tmp; the output says which);
  (b) `saferplan import_police` of the files into PostgreSQL (--pg, default the crimeimport
      database), into empty crime tables, the whole command timed, start-up included;
  (c) with that year loaded, `saferplan import_police` of one month's file again (June: a
      twelfth of the rows), against the `COPY` of that file alone into a bare table;
  (d) the same as (b) into a fresh SQLite database, once;
  (e) the command's start-up alone (`import_police --help`), the fixed part of (b) and (c).

The floor and the PostgreSQL import alternate --rounds times (default 3), each after a
CHECKPOINT, and a last floor closes the series, so each import has a floor on either side of it
on a shared, noisy machine; then June's floor and its re-import alternate the same way. Each
import's peak RSS is its own process's. Prints each run, then medians: seconds, rows/s, the
ratio to the median floor and peak memory; and the crime tables' sizes (tables and indexes) per
million crime rows, the year loaded.

    uv run python bench/crime_import.py [--rows 7000000] [--rounds 3] [--pg postgres://…/crimeimport]
"""

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("SAFERPLAN_SHARED_DATA", ROOT.parent / "shared" / "data"))
KENT = sorted((DATA / "police" / "kent").glob("*-street.csv"))
LOOKUPS = [DATA / "ons/LSOA11_to_WD19_LAD19_EW.csv", DATA / "ons/LSOA11_to_LSOA21_to_LAD22_EW.csv"]


def build_files(folder, rows):
    """Twelve monthly files, the Kent rows repeated in turn, the Month rewritten; returns paths."""
    header, lines = None, []
    for path in KENT:
        with open(path, encoding="utf-8") as handle:
            header = handle.readline()
            # Crime IDs are hex and never quoted: the month is the second field.
            lines.extend(line.split(",", 2) for line in handle)
    paths, written = [], 0
    for month in range(1, 13):
        path = folder / f"2019-{month:02d}-kent-street.csv"
        count = rows * month // 12 - written
        with open(path, "w", encoding="utf-8") as out:
            out.write(header)
            label = f"2019-{month:02d}"
            for number in range(written, written + count):
                crime_id, _, rest = lines[number % len(lines)]
                out.write(f"{crime_id},{label},{rest}")
        written += count
        path.chmod(0o644)
        paths.append(path)
    return paths


def django_env(database_url, var_dir):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SAFERPLAN_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "saferplan.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "localhost",
    }


def child_setup():
    """In a child process: the geography, the partnership and empty crime tables, as a first
    national load finds them."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from saferplan.crime.areas import import_areas
    from saferplan.crime.models import Area
    from saferplan.partnerships.models import Partnership, PartnershipDistrict

    call_command("migrate", verbosity=0)
    if not Area.objects.exists():
        import_areas(LOOKUPS)
    with connection.cursor() as cursor:
        tables = [
            "crime_monthlycount",
            "crime_outcomecount",
            "crime_outcome",
            "crime_crime",
            "crime_policemonth",
        ]
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
    if connection.vendor == "postgresql":
        from saferplan.crime.police import drop_partitions_of_deleted_months

        with transaction.atomic():
            drop_partitions_of_deleted_months()
    lsoas = set()
    for path in KENT:
        with open(path, encoding="utf-8") as handle:
            lsoas.update(line.split(",")[7] for line in handle)
    districts = set(Area.objects.filter(code__in=lsoas).values_list("district_code", flat=True))
    partnership, _ = Partnership.objects.get_or_create(slug="bench", name="Benchmark CSP")
    for code in districts:
        PartnershipDistrict.objects.get_or_create(partnership=partnership, code=code)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE crime_area")


def import_command(database_url, paths, var_dir, *, empty=True):
    """`saferplan import_police PATHS`, the whole command timed (into empty crime tables, set
    up beforehand, untimed, unless not `empty`); its figures and its own peak RSS."""
    env = django_env(database_url, var_dir)
    if empty:
        subprocess.run([sys.executable, __file__, "--child"], env=env, check=True)
    command = [str(Path(sys.executable).parent / "saferplan"), "import_police", *map(str, paths)]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        sys.exit(f"the import failed:\n{process.stderr.read()}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, **figures(database_url, paths)}


def start_up(database_url, var_dir):
    """What every import command pays before it reads a row: the interpreter, Django and the
    command's modules, timed as a whole command."""
    env = django_env(database_url, var_dir)
    command = [str(Path(sys.executable).parent / "saferplan"), "import_police", "--help"]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def figures(database_url, paths):
    """Rows read, kept and with no location, of the files' months as imported."""
    names = [str(path) for path in paths]
    if database_url.startswith("sqlite"):
        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        placeholders = ", ".join("?" * len(names))
    else:
        import psycopg

        connection = psycopg.connect(database_url)
        placeholders = ", ".join(["%s"] * len(names))
    row = connection.execute(
        "SELECT SUM(rows_read), SUM(rows_kept), SUM(no_location) FROM crime_policemonth "
        f"WHERE source IN ({placeholders})",
        names,
    ).fetchone()
    connection.close()
    return dict(zip(["read", "kept", "no_location"], row, strict=True))


def checkpoint(database_url):
    """Start from clean buffers: neither run pays for the other's writes."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("CHECKPOINT")


def floor(database_url, paths):
    """PostgreSQL's own COPY of the files into an unindexed text table; (seconds, how)."""
    import psycopg

    columns = ", ".join(f"c{n} text" for n in range(12))
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_copy_floor")
        connection.execute(f"CREATE TABLE bench_copy_floor ({columns})")
        connection.execute("CHECKPOINT")
        try:
            start = time.perf_counter()
            for path in paths:
                connection.execute(f"COPY bench_copy_floor FROM '{path}' (FORMAT csv, HEADER true)")
            how = "server-side COPY FROM 'file'"
        except psycopg.Error as error:
            print(f"server-side COPY failed ({error}); streaming the bytes instead")
            connection.execute("TRUNCATE bench_copy_floor")
            start = time.perf_counter()
            with connection.cursor() as cursor:
                for path in paths:
                    sql = "COPY bench_copy_floor FROM STDIN (FORMAT csv, HEADER true)"
                    with open(path, "rb") as handle, cursor.copy(sql) as copy:
                        while chunk := handle.read(1 << 20):
                            copy.write(chunk)
            how = "COPY FROM STDIN of the raw bytes"
        seconds = time.perf_counter() - start
        connection.execute("DROP TABLE bench_copy_floor")
    return seconds, how


def line(label, figures, floor_seconds):
    rate = figures["read"] / figures["seconds"]
    peak = f"{figures['peak_mb']:.0f} MB" if "peak_mb" in figures else ""
    print(
        f"{label:50} {figures['seconds']:8.1f} {rate:10,.0f} "
        f"{figures['seconds'] / floor_seconds:8.2f} {peak:>9}"
    )


def alternate(rounds, floor_run, import_run, label):
    """floor, import, floor, … , floor: each import with a floor on either side of it."""
    floors, imports = [], []
    for number in range(1, rounds + 1):
        seconds, how = floor_run()
        floors.append(seconds)
        print(f"{label} round {number}: floor ({how}) {seconds:.1f} s", end="", flush=True)
        imports.append(import_run())
        print(f", import {imports[-1]['seconds']:.1f} s", flush=True)
    floors.append(floor_run()[0])
    print(f"{label} last floor {floors[-1]:.1f} s")
    return floors, imports, how


def report(label, floors, imports, how, rows):
    floor_seconds = statistics.median(floors)
    median = sorted(imports, key=lambda figures: figures["seconds"])[len(imports) // 2]
    line(f"{label} floor: {how}", {"seconds": floor_seconds, "read": rows}, floor_seconds)
    line(f"{label} saferplan import_police", median, floor_seconds)
    print(
        "  ratio in each round, to the floors either side: "
        + ", ".join(
            f"{run['seconds'] / statistics.mean(floors[n : n + 2]):.2f}"
            for n, run in enumerate(imports)
        )
    )
    print("  peak RSS of every import: " + ", ".join(f"{run['peak_mb']:.0f} MB" for run in imports))
    print(
        f"  {median['read']:,} read, {median['kept']:,} kept, "
        f"{median['no_location']:,} with no location"
    )


def sizes(database_url):
    """Table and index sizes of the crime tables as loaded, per million crime rows."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        crimes = connection.execute("SELECT COUNT(*) FROM crime_crime").fetchone()[0]
        print(f"\nsizes with {crimes:,} crime rows loaded (table + indexes; per million crimes)")
        for table in ["crime_crime", "crime_monthlycount", "crime_outcomecount"]:
            rows, size = connection.execute(
                f"SELECT (SELECT COUNT(*) FROM {table}), COALESCE("
                "(SELECT SUM(pg_total_relation_size(relid))::bigint FROM pg_partition_tree(%s)),"
                " pg_total_relation_size(%s))",
                [table, table],
            ).fetchone()
            print(
                f"  {table:20} {rows:>10,} rows {size / 1e6:8,.0f} MB "
                f"{size / 1e6 / (crimes / 1e6):8,.1f} MB per million crimes"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=7_000_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/crimeimport")
    parser.add_argument("--rounds", type=int, default=3, help="floor and import pairs")
    parser.add_argument("--no-sqlite", action="store_true", help="skip (d)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        return child_setup()
    if not KENT:
        sys.exit(f"no Kent street files in {DATA}/police/kent")

    with tempfile.TemporaryDirectory(prefix="saferplan-bench-", dir="/tmp") as name:
        folder = Path(name)
        folder.chmod(0o755)  # the PostgreSQL server process reads the files itself
        files = folder / "files"
        files.mkdir(mode=0o755)
        start = time.perf_counter()
        paths = build_files(files, options.rows)
        size = sum(path.stat().st_size for path in paths)
        print(
            f"built {len(paths)} files, {options.rows:,} rows, {size / 1e6:,.0f} MB "
            f"in {time.perf_counter() - start:.0f} s"
        )

        def import_year():
            checkpoint(options.pg)
            return import_command(options.pg, paths, folder, empty=True)

        year = alternate(options.rounds, lambda: floor(options.pg, paths), import_year, "year")
        june = paths[5]

        def import_june():
            checkpoint(options.pg)
            return import_command(options.pg, [june], folder, empty=False)

        month = alternate(options.rounds, lambda: floor(options.pg, [june]), import_june, "June")
        startup = statistics.median(start_up(options.pg, folder) for _ in range(options.rounds))
        sqlite = None
        if not options.no_sqlite:
            sqlite = import_command(f"sqlite:///{folder / 'bench.sqlite3'}", paths, folder)

    print(f"\nmedians of {options.rounds} rounds, the whole command timed")
    print(f"{'':50} {'seconds':>8} {'rows/s':>10} {'× floor':>8} {'peak RSS':>9}")
    report("(a, b) year:", *year, options.rows)
    report("(c) June again, the year loaded:", *month, month[1][0]["read"])
    print(
        f"(e) start-up alone, `saferplan import_police --help`: {startup:.2f} s, "
        f"{startup / statistics.median(month[0]):.2f}× June's floor, part of every import above"
    )
    if sqlite:
        line("(d) year: import_police, SQLite (one run)", sqlite, statistics.median(year[0]))
    sizes(options.pg)


if __name__ == "__main__":
    main()
