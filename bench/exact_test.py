"""Benchmark: the exact test for two Poisson counts (saferplan/crime/statistics.py) on counts from
a small category to a county's year, against scipy's binomtest measured in the same run.

For each size, the two periods' counts are drawn at random around equal rates (the slowest case:
the observed count near the mode, so both tails are long), and each test is timed --runs times,
alternating ours and scipy's; the script prints the median microseconds of each and their ratio,
and checks that the p-values agree.

    uv run python bench/exact_test.py [--runs 200]
"""

import argparse
import random
import statistics
import time

from saferplan.crime.statistics import compare_counts

SIZES = [100, 1_000, 10_000, 60_000, 300_000]  # crimes in both periods together


def microseconds(function):
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1e6, result


def main():
    from scipy.stats import binomtest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    random.seed(16)
    print(f"{'crimes':>8} {'ours µs':>9} {'scipy µs':>9} {'ours/scipy':>10}  largest p difference")
    for size in SIZES:
        ours, theirs, differences = [], [], []
        for _ in range(runs):
            now = round(random.gauss(size / 2, size**0.5 / 2))
            before = size - now
            took, change = microseconds(lambda n=now, b=before: compare_counts(n, b))
            ours.append(took)
            took, result = microseconds(lambda n=now, s=size: binomtest(n, s, 0.5))
            theirs.append(took)
            differences.append(abs(change.p_value - result.pvalue))
        mine, scipy = statistics.median(ours), statistics.median(theirs)
        ratio = mine / scipy
        print(f"{size:>8,} {mine:>9.0f} {scipy:>9.0f} {ratio:>10.2f}  {max(differences):.1e}")


if __name__ == "__main__":
    main()
