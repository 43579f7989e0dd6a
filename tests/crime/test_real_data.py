"""The page and crime_stats on the real Kent files: counts equal what a person gets by filtering
the police file to Thanet's LSOAs themselves (with the ONS lookup, not with our tables)."""

import csv
from collections import Counter
from io import StringIO

from django.core.management import call_command

from saferplan.crime import selectors as stats
from tests.conftest import THANET
from tests.crime.conftest import MONTHS, read_csv


def by_hand(data):
    """Each Kent row whose LSOA the 2019 ONS lookup places in Thanet, counted by month, type and
    ward, as a person would with a spreadsheet."""
    lookup = read_csv(data / "ons/LSOA11_to_WD19_LAD19_EW.csv")
    wards = {row["LSOA11CD"]: (row["WD19CD"], row["WD19NM"]) for row in lookup}
    thanet = {row["LSOA11CD"] for row in lookup if row["LAD19CD"] == THANET}
    counted = Counter()
    for month in MONTHS:
        for row in read_csv(data / f"police/kent/{month}-kent-street.csv"):
            if row["LSOA code"] in thanet:
                ward = wards[row["LSOA code"]]
                counted[(row["Month"], row["Crime type"], *ward)] += 1
    return counted


def crime_stats(*args):
    out = StringIO()
    call_command("crime_stats", "--partnership", "thanet", *args, stdout=out)
    return list(csv.DictReader(StringIO(out.getvalue())))


def test_crime_stats_counts_equal_the_file_filtered_by_hand(kent):
    expected = by_hand(kent)
    rows = crime_stats("--by", "month,category,ward", "--format", "csv")
    got = Counter(
        {(r["month"], r["category"], r["ward_code"], r["ward_name"]): int(r["count"]) for r in rows}
    )
    assert got == expected
    per_month = Counter()
    for row in crime_stats("--by", "month,category"):
        per_month[row["month"]] += int(row["count"])
    assert [per_month[month] for month in MONTHS] == [2014, 1416, 850, 1778, 1675]
    january = crime_stats("--from", "2019-01", "--to", "2019-01")
    assert sum(int(row["count"]) for row in january) == 1778


def test_the_totals_by_month_and_category_equal_the_file_filtered_by_hand(kent, world):
    # Totals are read from the counts by district, not by LSOA: the same rows, fewer of them.
    expected = Counter()
    for (month, category, *_ward), count in by_hand(kent).items():
        expected[month, category] += count
    totals = stats.two_years_of_totals(world.thanet, stats.latest_month(world.thanet))
    got = {
        (f"{month:%Y-%m}", category): count
        for month, by_category in totals.by_month.items()
        for category, count in by_category.items()
    }
    assert got == expected


def test_the_page_on_the_real_files(kent, client, world):
    client.force_login(world.police_officer)
    page = client.get("/p/thanet/crime/").content.decode()
    assert "Kent Police: the latest month loaded is <strong>February 2019</strong>" in page
    assert page.count('stroke-width="0.8"><title>') == 23
    assert "<title>Cliftonville West: " in page
    assert "December 2018 has " in page  # the real anomaly: half the usual crimes
    thanet = world.thanet
    wards = stats.ward_table(thanet, months=5)
    assert (
        sum(ward.count for ward in wards.wards) + wards.unattributed
        == 2014 + 1416 + 850 + 1778 + 1675
    )
    assert len(wards.wards) == 23 and wards.has_population
    quality = stats.data_quality(thanet, months=5)
    assert quality.no_location > 0 and quality.missing == []
    outcomes = stats.outcomes(thanet, months=5)
    asb = sum(
        row.current
        for row in stats.compare_periods(thanet, months=5).rows
        if row.category == stats.ASB
    )
    assert outcomes.total == 2014 + 1416 + 850 + 1778 + 1675 - asb
