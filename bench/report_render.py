"""Benchmark: the Working Party progress update of a large plan, as Word and as PDF.

A plan of 10 priorities x 5 emerging issues x 20 actions (1,000 actions, 3 updates each, about a
third of them late) is built in a fresh SQLite database in a temporary folder (or in the empty
database DATABASE_URL names). The script then times, over --runs runs, building the report's
content from the data, drawing it as Word and drawing it as PDF, and prints the medians, with
Word and PDF together (wall clock and CPU: the CPU time says more on a busy machine); the
baseline is a cover report of the same partnership (a page and a half of text), timed the same
way in the same run, and "x cover" is Word + PDF CPU time against the cover report's.
Target (issue 15): the progress update's Word + PDF under 1.5 s.

    uv run python bench/report_render.py [--runs 5]
"""

import argparse
import statistics
import time

from benchdb import bench_partnership, start_django


def timed(function, runs):
    """Median wall-clock and CPU seconds of `runs` calls, and the last call's result."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    folder = start_django()

    from saferplan.plans.synthetic import build_large_plan
    from saferplan.reports import kinds, render
    from saferplan.reports.services import new_report

    partnership, agencies = bench_partnership()
    build_large_plan(
        partnership, agencies, year=2014, priorities=10, issues=5, actions=20, updates=3
    )

    results = {}
    for name, kind in [("cover report (baseline)", "cover"), ("progress update", "progress")]:
        report = new_report(partnership=partnership, kind=kind, year=2014, author=None)
        build_time, _, document = timed(lambda report=report: kinds.build(report), runs)
        docx_time, _, docx = timed(lambda document=document: render.to_docx(document), runs)
        pdf_time, _, pdf = timed(lambda document=document: render.to_pdf(document), runs)
        both_time, both_cpu, _ = timed(
            lambda document=document: (render.to_docx(document), render.to_pdf(document)), runs
        )
        results[name] = (build_time, docx_time, pdf_time, both_time, both_cpu, len(docx), len(pdf))

    print(
        f"{'report':<26}{'content s':>10}{'Word s':>8}{'PDF s':>8}{'Word+PDF s':>12}{'CPU s':>7}"
        f"{'x cover':>9}{'Word kB':>9}{'PDF kB':>8}"
    )
    baseline = results["cover report (baseline)"][4]
    for name, (build_time, docx_time, pdf_time, both, cpu, docx_size, pdf_size) in results.items():
        print(
            f"{name:<26}{build_time:>10.2f}{docx_time:>8.2f}{pdf_time:>8.2f}{both:>12.2f}{cpu:>7.2f}"
            f"{cpu / baseline:>9.1f}{docx_size / 1024:>9.0f}{pdf_size / 1024:>8.0f}"
        )
    folder.cleanup()


if __name__ == "__main__":
    main()
