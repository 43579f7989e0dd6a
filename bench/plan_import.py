"""Benchmark: `saferplan import_plan` of a 10,000-row XLSX, against openpyxl reading it alone.

A workbook of --rows actions (default 10,000: 10 priorities, 50 emerging issues each, 20 actions
each) is written in a temporary folder, with supporting agencies, lead officers, target dates and
a status and latest update on most rows, as a council's plan has. A fresh SQLite database there
(or the one DATABASE_URL names: give it an empty one) is migrated and given a partnership with
its six agencies. Then, --rounds times (default 3), alternating:

  (a) the baseline: a Python process that only opens the workbook with openpyxl (read-only) and
      reads every row's values;
  (b) the whole command, `python -m saferplan import_plan FILE --partnership bench --year Y`,
      each round into a new year.

Each runs in its own process, timed from start to exit, and its peak RSS is read from the
kernel (wait4). Prints each run, then the medians and the ratio of import to baseline.

    uv run python bench/plan_import.py [--rows 10000] [--rounds 3]
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchdb import bench_partnership, start_django

ROOT = Path(__file__).resolve().parents[1]
STATUSES = ["Completed", "Underway", "Not started"]
BASELINE = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True, data_only=True)
print(sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)))
"""


def build_workbook(path, rows, agencies):
    from openpyxl import Workbook

    from saferplan.plans.spreadsheet import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Plan")
    sheet.append(COLUMNS)
    names = [agency.name for agency in agencies]
    for n in range(rows):
        priority, issue, action = n // 1000, n // 20 % 50, n % 20
        status = STATUSES[n % 3]
        sheet.append(
            [
                f"Priority {priority + 1}: a theme of the strategic assessment",
                f"Emerging issue {priority + 1}.{issue + 1} found in the assessment",
                f"Action {priority + 1}.{issue + 1}.{action + 1}: what partners agreed to do",
                names[n % 6],
                "; ".join([names[(n + 1) % 6], names[(n + 2) % 6]]),
                f"Officer {n % 40}, Community Safety Officer",
                datetime.date(2021, 3, 31) - datetime.timedelta(days=n % 200),
                "Fewer incidents reported than last year",
                status,
                "" if status == "Not started" else f"Update on action {n}: work has gone well",
                None if status == "Not started" else datetime.date(2020, 12, 1),
            ]
        )
    book.save(path)


def run(command, env):
    """(seconds, peak MB, last line of output), the child waited for with wait4."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out = child.stdout.read()
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(command[1:4])} failed:\n{err}")
    last = out.strip().splitlines()[-1] if out.strip() else ""
    return seconds, usage.ru_maxrss / 1024, last


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    folder = start_django()
    from django.db import connection

    _, agencies = bench_partnership()
    path = Path(folder.name) / "plan.xlsx"
    build_workbook(path, options.rows, agencies)
    print(
        f"{options.rows:,}-row workbook of {path.stat().st_size / 1024:.0f} KB; "
        f"importing into {connection.vendor}"
    )
    connection.close()  # the children open their own
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEBUG": "false", "SECRET_KEY": "bench"}
    env["ALLOWED_HOSTS"] = "localhost"
    results = {"openpyxl reads the workbook (baseline)": [], "saferplan import_plan": []}
    print(f"{'run':44} {'seconds':>8} {'peak MB':>8}")
    for round_number in range(options.rounds):
        baseline = run([sys.executable, "-c", BASELINE, str(path)], env)
        year = str(2020 + round_number)
        command = [sys.executable, "-m", "saferplan", "import_plan", str(path)]
        command += ["--partnership", "bench", "--year", year]
        imported = run(command, env)
        for name, figures in zip(results, [baseline, imported], strict=True):
            results[name].append(figures)
            print(f"{name:44} {figures[0]:8.1f} {figures[1]:8.0f}")
    print(f"last import said: {imported[2]}")
    print(f"\nmedians of {options.rounds} rounds")
    medians = {
        name: (statistics.median(f[0] for f in runs), statistics.median(f[1] for f in runs))
        for name, runs in results.items()
    }
    for name, (seconds, peak) in medians.items():
        print(f"{name:44} {seconds:8.1f} {peak:8.0f}")
    (base, _), (whole, _) = medians.values()
    print(f"import / baseline: {whole / base:.1f}")


if __name__ == "__main__":
    main()
