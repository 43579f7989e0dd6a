"""Whether a change in counts means something: an exact test on two periods' counts, and a
control chart of monthly counts. Plain Python on the numbers the selectors return.

A change is called a rise or a fall only when the exact conditional test for two Poisson counts
puts it beyond chance: given the n = a + b crimes of both periods, a is Binomial(n, t_a / (t_a +
t_b)) when the rate has not changed (t: the periods' lengths). The two-sided p-value is that of
R's `binom.test` and scipy's `binomtest`: the probability of every outcome no more likely than a.

Monthly counts are read on an XmR (individuals) chart, the control chart of Wheeler's
"Understanding Variation" and of NHS England's "Making Data Count", which police and community
safety analysts use for monthly crime: its limits, mean ± 2.66 times the average moving range, are
three sigma estimated from the month-to-month variation actually seen. Crime counts vary more
than a Poisson count (seasons, repeat offenders, recording drives), so a c-chart's mean ± 3√mean
would be too narrow for counts in the hundreds and flag nearly every month.
"""

import functools
import itertools
import math
from dataclasses import dataclass

EXACT_TEST = "Exact test for two Poisson counts"
# A change is beyond chance where p is below this (two-sided).
SIGNIFICANCE = 0.05
RISE, FALL, NO_CHANGE = "rise", "fall", "no change beyond chance"
# Outcomes within this relative tolerance of the observed one's probability count as no more
# likely (floating point), as in R and scipy.
RELATIVE_ERROR = 1 + 1e-7
# Terms of a tail smaller than this share of its sum so far end the sum: the rest cannot change
# a double.
NEGLIGIBLE = 1e-18


@dataclass(frozen=True)
class CountChange:
    """Two periods' counts, the change between them and whether it is beyond chance."""

    now: int
    before: int
    p_value: float

    test = EXACT_TEST

    @property
    def percent(self):
        """The percentage change, or None where there is nothing to compare with."""
        if not self.before:
            return None
        return round((self.now - self.before) * 100 / self.before, 1)

    @property
    def verdict(self):
        if self.p_value >= SIGNIFICANCE:
            return NO_CHANGE
        return RISE if self.now > self.before else FALL

    @property
    def p_text(self):
        """p as people quote it: "p < 0.001", "p = 0.03", "p = 0.41"."""
        if self.p_value < 0.001:
            return "p < 0.001"
        shown = f"{self.p_value:#.2g}"  # two significant digits, trailing zeros kept
        if self.p_value < SIGNIFICANCE <= float(shown):
            return f"p < {SIGNIFICANCE}"  # 0.0496 would read as 0.05: not beyond chance
        return f"p = {shown}"


def compare_counts(now, before, *, now_length=1, before_length=1):
    """`now` against `before`, counts of periods of the given lengths (months, say)."""
    share = now_length / (now_length + before_length)
    return CountChange(now, before, exact_p_value(now, now + before, share))


# Kept per process, by the numbers only: the same few hundred counts are compared on every
# request of the crime, report and public pages, and their sums were a tenth of the crime page.
@functools.lru_cache(maxsize=4096)
def exact_p_value(k, n, p):
    """Two-sided p of k successes in n trials of probability p (0 < p < 1): the probability of
    every outcome no more likely than k. Summed in log space from k and from the first outcome as
    unlikely on the other side of the mode, outwards, so that n in the hundreds of thousands
    costs a few thousand terms."""
    if n == 0 or k == n * p:
        return 1.0
    log_pk = log_binomial(k, n, p)
    threshold = log_pk + math.log(RELATIVE_ERROR)
    if k < n * p:
        # The other side: the first j above the mean no more likely than k.
        other = first_index(math.ceil(n * p), n, lambda j: log_binomial(j, n, p) <= threshold)
        tails = tail(k, -1, 0, n, p, log_pk) + tail(other, 1, n, n, p, log_pk)
    else:
        # The last j below the mean no more likely than k, found as the first from 0 that is not.
        above = first_index(0, math.floor(n * p), lambda j: log_binomial(j, n, p) > threshold)
        tails = tail(k, 1, n, n, p, log_pk) + tail(above - 1, -1, 0, n, p, log_pk)
    return min(1.0, math.exp(log_pk) * tails)


def log_binomial(k, n, p):
    """log P(X = k) for X ~ Binomial(n, p)."""
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def first_index(low, high, condition):
    """The first j in [low, high] where `condition` holds (it holds from there on), or high + 1."""
    while low <= high:
        middle = (low + high) // 2
        if condition(middle):
            high = middle - 1
        else:
            low = middle + 1
    return low


def tail(start, step, end, n, p, log_scale):
    """Σ P(X = j) / exp(log_scale) for j from `start` to `end` by `step` (±1), away from the mode,
    so that the terms only shrink: the sum stops once they no longer count. Each term is the one
    before times the ratio of neighbouring binomial probabilities."""
    odds = p / (1 - p)
    term = math.exp(log_binomial(start, n, p) - log_scale) if 0 <= start <= n else 0.0
    total = 0.0
    j = start
    while term and (j - end) * step <= 0:
        total += term
        if term < NEGLIGIBLE * total:
            break
        term *= (n - j) / (j + 1) * odds if step > 0 else j / (n - j + 1) / odds
        j += step
    return total


# Control charts


XMR_FACTOR = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two points
MIN_BASELINE = 5  # values loaded: fewer give limits too rough to read


@dataclass(frozen=True)
class ControlPoint:
    label: str
    value: int | None  # None: not loaded
    signal: str  # "above", "below" or ""


@dataclass(frozen=True)
class ControlChart:
    """An XmR chart: the centre line and limits from the baseline points, every point flagged
    when it is outside them."""

    mean: float
    lower: float  # never below 0: counts cannot be
    upper: float
    average_moving_range: float
    baseline: tuple  # (first label, last label)
    points: tuple

    @property
    def outside(self):
        return [point for point in self.points if point.signal]


def control_chart(labels, values, *, baseline):
    """XmR chart of `values` (None where not loaded), its limits from those in `baseline` (a
    slice of positions). None when the baseline has fewer than MIN_BASELINE values loaded, or no
    two of them next to each other.

    A moving range is taken only between neighbouring months both loaded: across a gap it would
    mix two months' variation."""
    base = values[baseline]
    loaded = [value for value in base if value is not None]
    ranges = [abs(b - a) for a, b in itertools.pairwise(base) if a is not None and b is not None]
    if len(loaded) < MIN_BASELINE or not ranges:
        return None
    mean = sum(loaded) / len(loaded)
    average_moving_range = sum(ranges) / len(ranges)
    lower = max(0.0, mean - XMR_FACTOR * average_moving_range)
    upper = mean + XMR_FACTOR * average_moving_range
    base_labels = labels[baseline]
    return ControlChart(
        mean,
        lower,
        upper,
        average_moving_range,
        (base_labels[0], base_labels[-1]),
        tuple(
            ControlPoint(label, value, signal(value, lower, upper))
            for label, value in zip(labels, values, strict=True)
        ),
    )


def signal(value, lower, upper):
    if value is None:
        return ""
    if value > upper:
        return "above"
    return "below" if value < lower else ""
