"""The statistics of the Crime and ASB page, on a few rows made by hand."""

import datetime

import pytest

from saferplan.crime import selectors as stats
from saferplan.crime.selectors import ASB
from saferplan.crime.statistics import compare_counts

from .factory import CANTERBURY, area, counts, made_up_districts, month, police_month

BURGLARY, VIOLENCE = "Burglary", "Violence and sexual offences"


@pytest.fixture
def world(world):
    return made_up_districts(world)


@pytest.fixture
def thanet(world):
    """Two wards of Thanet (one with population), an LSOA with no ward, and Canterbury's rows,
    which must never be counted in Thanet's."""
    area("E01999001", "E05999001", "Cliftonville West", population=2000)
    area("E01999002", "E05999001", "Cliftonville West", population=1000)
    area("E01999003", "E05999002", "Margate Central")
    area("E01999009", "", "")
    area("E01999100", "E05999100", "Canterbury Westgate", district=CANTERBURY, population=500)
    for n in range(24):
        when = f"{stats.add_months(month('2017-03'), n):%Y-%m}"
        counts(when, "E01999001", {BURGLARY: 2, ASB: 3}, outcome="Under investigation")
        counts(when, "E01999003", {VIOLENCE: 1 + n % 2}, outcome="Local resolution")
        counts(when, "E01999100", {BURGLARY: 50}, district=CANTERBURY)
    counts("2019-02", "E01999009", {VIOLENCE: 4})
    return world.thanet


def test_latest_month_and_lag(thanet):
    (kent,) = stats.forces_of(thanet, today=datetime.date(2019, 5, 20))
    assert (kent.force, kent.first, kent.latest, kent.lag) == (
        "Kent Police",
        month("2017-03"),
        month("2019-02"),
        3,
    )
    assert kent.status == "Behind"


def test_twelve_months_against_the_twelve_before(thanet):
    comparison = stats.compare_periods(thanet)
    assert str(comparison.current) == "Mar 2018 to Feb 2019" and comparison.current.complete
    assert str(comparison.previous) == "Mar 2017 to Feb 2018" and comparison.previous.complete
    rows = {row.category: row for row in comparison.rows}
    assert rows[BURGLARY].current == 24 and rows[BURGLARY].previous == 24
    assert rows[VIOLENCE].current == 18 + 4 and rows[VIOLENCE].previous == 18
    assert compare_counts(rows[VIOLENCE].current, rows[VIOLENCE].previous).percent == 22.2
    assert rows[ASB].current == 36
    assert rows[stats.ALL_CRIME].current == 24 + 22 and rows[stats.TOTAL].current == 24 + 22 + 36
    assert list(rows)[-3:] == [stats.ALL_CRIME, ASB, stats.TOTAL]


def test_three_months_against_the_same_months_a_year_before(thanet):
    quarter = stats.compare_periods(thanet, months=3)
    assert str(quarter.year_before) == "Dec 2017 to Feb 2018"
    rows = {row.category: row for row in quarter.rows}
    assert (rows[VIOLENCE].current, rows[VIOLENCE].year_before) == (5 + 4, 5)


def test_a_period_not_loaded_is_incomplete(thanet):
    comparison = stats.compare_periods(thanet, to=month("2017-12"))
    assert comparison.previous.loaded == 0 and not comparison.previous.complete


def test_monthly_trend_with_a_category(thanet):
    trend = stats.monthly_trend(thanet, category=BURGLARY, months=25)
    assert trend.categories == [ASB, BURGLARY, VIOLENCE]
    first, *_, last = trend.months
    assert (first.month, first.loaded) == (month("2017-02"), False)
    assert (last.month, last.all_crime, last.asb, last.category) == (month("2019-02"), 8, 3, 2)


def test_financial_year_to_date(thanet):
    ytd = stats.financial_year_to_date(thanet)
    assert ytd.label == "2018-19"
    assert (ytd.this_year.first, ytd.this_year.last) == (month("2018-04"), month("2019-02"))
    assert ytd.this_year.months == 11 and ytd.last_year.complete
    rows = {row.category: row for row in ytd.rows}
    assert (rows[ASB].current, rows[ASB].previous) == (33, 33)


def test_wards_with_rates_where_population_is_loaded(thanet):
    table = stats.ward_table(thanet)
    wards = {ward.name: ward for ward in table.wards}
    assert list(wards) == ["Cliftonville West", "Margate Central"]
    assert wards["Cliftonville West"].count == 12 * 5
    assert wards["Cliftonville West"].population == 3000
    assert wards["Cliftonville West"].rate == 20.0
    assert wards["Margate Central"].rate is None
    assert table.unattributed == 4
    assert stats.ward_table(thanet, category=ASB).wards[0].count == 36


def test_outcomes_leave_out_asb(thanet):
    result = stats.outcomes(thanet)
    assert result.rows == [
        ("Under investigation", 24),
        ("Local resolution", 18),
        ("No outcome recorded", 4),
    ]
    assert result.still_open_from == month("2018-12")


def test_data_quality_notes(thanet):
    police_month("2019-04", no_location=120, unknown_lsoa=7)
    counts("2019-04", "E01999001", {BURGLARY: 1})
    quality = stats.data_quality(thanet)
    assert quality.missing == [("Kent Police", month("2019-03"))]
    assert (quality.no_location, quality.unknown_lsoa, quality.unattributed) == (120, 7, 4)
    notes = " ".join(quality.notes)
    assert "no file loaded for March 2019" in notes
    assert "April 2019 has 1 crimes" in notes


def test_counts_by_month_category_and_ward(thanet):
    rows = stats.counts_by(thanet, by_ward=True, first=month("2019-02"))
    assert rows == [
        (month("2019-02"), ASB, "E05999001", "Cliftonville West", 3),
        (month("2019-02"), BURGLARY, "E05999001", "Cliftonville West", 2),
        (month("2019-02"), VIOLENCE, "", "", 4),
        (month("2019-02"), VIOLENCE, "E05999002", "Margate Central", 2),
    ]


def test_nothing_loaded(world):
    assert stats.latest_month(world.thanet) is None
    assert stats.compare_periods(world.thanet) is None
    assert stats.forces_of(world.thanet) == []
