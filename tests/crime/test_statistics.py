"""Changes that mean something: the exact test against published values and scipy, and control
limits against a hand computation on the real Kent files."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saferplan.crime import selectors, tables
from saferplan.crime.police import import_police
from saferplan.crime.statistics import (
    EXACT_TEST,
    FALL,
    NO_CHANGE,
    RISE,
    compare_counts,
    control_chart,
    exact_p_value,
)

KENT_MONTHS = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]


def test_the_comparison_of_poisson_rates_in_rs_manual():
    """R's `?poisson.test` example (Rothman and Greenland, 1998): 11 cases in 800 person-years
    against 6 + 8 + 7 in 1083 + 1050 + 878; R prints p-value = 0.07967."""
    change = compare_counts(11, 6 + 8 + 7, now_length=800, before_length=1083 + 1050 + 878)
    assert change.p_value == pytest.approx(0.07967, abs=5e-6)
    assert change.verdict == NO_CHANGE and change.p_text == "p = 0.080"
    assert change.test == EXACT_TEST == "Exact test for two Poisson counts"


def test_mendels_peas_in_rs_manual():
    """R's `?binom.test` example (Conover, 1971): 682 of 925 peas against p = 3/4; R prints
    p-value = 0.3825."""
    assert exact_p_value(682, 682 + 243, 3 / 4) == pytest.approx(0.3825, abs=5e-5)


def test_all_against_none_by_hand():
    """10 against 0 in equal periods: only 10-0 and 0-10 are as unlikely: 2 * 0.5 ** 10."""
    change = compare_counts(10, 0)
    assert change.p_value == pytest.approx(2 * 0.5**10, rel=1e-12)
    assert (change.verdict, change.percent) == (RISE, None)
    assert compare_counts(5, 0).p_value == pytest.approx(2 * 0.5**5, rel=1e-12)
    assert compare_counts(0, 0).p_value == 1.0


@pytest.mark.parametrize(
    ("now", "before", "verdict"),
    [
        (72, 60, NO_CHANGE),  # +20%, the old page's red: within chance
        (120, 60, RISE),
        (60, 120, FALL),
        (1733 + 1202, 1555 + 1438, NO_CHANGE),  # Thanet's crimes, Oct-Nov 2018 against Jan-Feb 2019
        (30_500, 29_500, RISE),  # +3.4%: small, but on tens of thousands beyond chance
        (7, 7, NO_CHANGE),
    ],
)
def test_the_p_value_is_scipys_exact_binomial_test(now, before, verdict):
    from scipy.stats import binomtest

    change = compare_counts(now, before)
    assert change.p_value == pytest.approx(binomtest(now, now + before, 0.5).pvalue, rel=1e-9)
    assert change.verdict == verdict


@settings(max_examples=150, deadline=None)
@given(
    now=st.integers(0, 40_000),
    before=st.integers(0, 40_000),
    now_length=st.integers(1, 24),
    before_length=st.integers(1, 24),
)
def test_any_counts_and_periods_agree_with_scipy(now, before, now_length, before_length):
    from scipy.stats import binomtest

    change = compare_counts(now, before, now_length=now_length, before_length=before_length)
    share = now_length / (now_length + before_length)
    expected = binomtest(now, now + before, share).pvalue if now + before else 1.0
    # Far in the tails (p below 1e-12, "p < 0.001" on the page) scipy's own sum drifts: see below.
    assert change.p_value == pytest.approx(expected, rel=1e-6, abs=1e-12)


def test_far_in_the_tail_the_p_value_is_the_exact_sum():
    """3848 against 38 in periods of 5 and 1 months: the sum, in whole numbers, of C(n, j) 5^j
    over every j no more likely than 3848, divided by 6^n (scipy 1.17 gives 1.3e-243)."""
    n, k = 3848 + 38, 3848
    weights = [math.comb(n, j) * 5**j for j in range(n + 1)]
    exact = Fraction(sum(w for w in weights if w <= weights[k]), 6**n)
    change = compare_counts(k, n - k, now_length=5, before_length=1)
    assert change.p_value == pytest.approx(float(exact), rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(now=st.integers(0, 5_000), before=st.integers(0, 5_000))
def test_the_verdict_follows_the_direction_and_is_symmetric(now, before):
    change, swapped = compare_counts(now, before), compare_counts(before, now)
    assert 0 <= change.p_value <= 1
    assert change.p_value == pytest.approx(swapped.p_value, rel=1e-9)
    if change.verdict == RISE:
        assert now > before and swapped.verdict == FALL
    if now == before:
        assert change.verdict == NO_CHANGE


def test_p_is_written_as_people_quote_it():
    assert compare_counts(120, 60).p_text == "p < 0.001"
    assert compare_counts(72, 60).p_text == "p = 0.34"
    assert compare_counts(160, 120).p_text == "p = 0.020"
    # p = 0.0498 is beyond chance: it must not read "p = 0.05".
    assert compare_counts(81, 57).p_value == pytest.approx(0.0498, abs=1e-4)
    assert compare_counts(81, 57).p_text == "p < 0.05"


def test_a_page_change_names_its_verdict_and_p():
    rise = tables.Change(compare_counts(120, 60))
    assert str(rise) == "+100.0% (rise, p < 0.001)" and rise.tag == "red"
    within = tables.Change(compare_counts(72, 60))
    assert str(within) == "+20.0% (no change beyond chance, p = 0.34)" and within.tag == "grey"
    assert tables.Change(compare_counts(60, 120)).tag == "green"
    assert tables.Change(compare_counts(72, 60)).csv == [20.0, 0.3384, NO_CHANGE]
    assert str(tables.Change(compare_counts(10, 0))) == "up from none (rise, p = 0.0020)"
    assert str(tables.Change(None)) == "no comparison"


# Control charts


def test_control_limits_by_hand_with_a_gap_and_points_outside():
    labels = [f"m{n}" for n in range(10)]
    values = [10, 12, None, 11, 9, 10, 12, 30, 2, 11]
    chart = control_chart(labels, values, baseline=slice(0, 7))
    # Baseline 10, 12, 11, 9, 10, 12: mean 64 / 6. Moving ranges only between neighbours both
    # loaded: |11 - 9|, |9 - 10|, |10 - 12|, |12 - 10| = 2, 1, 2, 2 (none across the gap).
    mean, average_range = 64 / 6, 7 / 4
    assert chart.mean == pytest.approx(mean)
    assert chart.average_moving_range == pytest.approx(average_range)
    assert chart.upper == pytest.approx(mean + 2.66 * average_range)  # 15.32
    assert chart.lower == pytest.approx(mean - 2.66 * average_range)  # 6.01
    assert [(p.label, p.signal) for p in chart.outside] == [("m7", "above"), ("m8", "below")]
    assert chart.baseline == ("m0", "m6")


def test_too_short_a_baseline_has_no_chart():
    assert control_chart(list("abcdef"), [1, 2, 3, 4, None, 9], baseline=slice(0, 5)) is None


@pytest.fixture
def kent_loaded(thanet_geography, world):
    kent = thanet_geography / "police/kent"
    import_police([kent / f"{month}-kent-street.csv" for month in KENT_MONTHS])
    return world.thanet


def test_control_limits_of_thanet_on_the_real_files_by_hand(kent_loaded):
    """Thanet's crimes (ASB aside) and ASB, October 2018 to February 2019, counted by hand in
    the Kent street files: each row whose LSOA the ONS lookup puts in Thanet (E07000114)."""
    trend = tables.trend_table(selectors.monthly_trend(kent_loaded, months=5))
    labels = [row[0] for row in trend.rows]
    crimes, asb = [row[1] for row in trend.rows], [row[2] for row in trend.rows]
    assert crimes == [1733, 1202, 574, 1555, 1438]
    assert asb == [281, 214, 276, 223, 237]

    chart = control_chart(labels, crimes, baseline=slice(0, 5))
    # Mean 6502 / 5 = 1300.4; moving ranges 531, 628, 981, 117: 2257 / 4 = 564.25;
    # 1300.4 ± 2.66 * 564.25 = 1300.4 ± 1500.905: the lower limit would be below 0.
    assert chart.mean == pytest.approx(1300.4)
    assert chart.average_moving_range == pytest.approx(564.25)
    assert chart.upper == pytest.approx(2801.305)
    assert chart.lower == 0
    assert chart.outside == []

    chart = control_chart(labels, asb, baseline=slice(0, 5))
    # Mean 1231 / 5 = 246.2; moving ranges 67, 62, 53, 14: 196 / 4 = 49; 246.2 ± 130.34.
    assert (chart.mean, chart.average_moving_range) == pytest.approx((246.2, 49))
    assert (chart.lower, chart.upper) == pytest.approx((115.86, 376.54))
    assert chart.outside == []
