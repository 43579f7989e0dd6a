"""Thanet against the rest of Kent, by district, on the real Kent files: every district's count
equals the file's rows filtered by hand to its LSOAs with the ONS lookup (not with our tables),
and every rate is that count per 1,000 of the ONS populations of its 2021 LSOAs."""

import csv
from collections import Counter, defaultdict
from io import StringIO

from django.core.management import call_command

from saferplan.crime import districts
from saferplan.crime.selectors import ASB
from tests.conftest import THANET
from tests.crime.conftest import MONTHS, read_csv

# The districts of Kent Police (Medway, a unitary authority, among them), by hand.
KENT = {
    "E06000035": "Medway",
    "E07000105": "Ashford",
    "E07000106": "Canterbury",
    "E07000107": "Dartford",
    "E07000108": "Dover",
    "E07000109": "Gravesham",
    "E07000110": "Maidstone",
    "E07000111": "Sevenoaks",
    "E07000112": "Folkestone and Hythe",
    "E07000113": "Swale",
    "E07000114": "Thanet",
    "E07000115": "Tonbridge and Malling",
    "E07000116": "Tunbridge Wells",
}


def by_hand(data):
    """The Kent rows counted by (district, month, crime type), each LSOA placed in its district
    by the 2019 ONS lookup; and each district's population: its 2021 LSOAs' (the 2011 → 2021
    lookup), summed from the ONS file of mid-2022 populations."""
    district_of = {
        row["LSOA11CD"]: row["LAD19CD"]
        for row in read_csv(data / "ons/LSOA11_to_WD19_LAD19_EW.csv")
    }
    counted = Counter()
    for month in MONTHS:
        for row in read_csv(data / f"police/kent/{month}-kent-street.csv"):
            if row["LSOA code"] in district_of:
                counted[district_of[row["LSOA code"]], row["Month"], row["Crime type"]] += 1
    lsoas = defaultdict(set)
    for row in read_csv(data / "ons/LSOA11_to_LSOA21_to_LAD22_EW.csv"):
        lsoas[row["LAD22CD"]].add(row["LSOA21CD"])
    people = {
        row["lsoacd"]: int(row["population"])
        for row in read_csv(data / "population/lsoa21_population_mid2022.csv")
    }
    population = {code: sum(people[lsoa] for lsoa in lsoas[code]) for code in KENT}
    return counted, population


def total(counted, codes, category=None):
    return sum(
        count
        for (code, _, crime_type), count in counted.items()
        if code in codes and category in (None, crime_type)
    )


def test_thanet_against_the_rest_of_kent_by_district_equals_the_files_by_hand(kent, world):
    counted, population = by_hand(kent)
    found = districts.compare_areas(world.thanet, months=5, against="before")
    assert str(found.current) == "Oct 2018 to Feb 2019"
    # The force area is Kent's 13 districts: not Bexley and the others over the border, where
    # the Kent files place a few rows.
    assert found.forces == ["Kent Police"]
    assert {row.codes[0]: row.name for row in found.force_districts} == KENT
    for row in found.force_districts:
        [code] = row.codes
        assert row.count == total(counted, {code}), KENT[code]
        assert row.population == population[code]
        assert row.rate == round(row.count * 1000 / population[code], 1)
    rest = set(KENT) - {THANET}
    assert found.partnership.count == total(counted, {THANET}) == 7733
    assert found.rest.count == total(counted, rest)
    assert found.rest.population == sum(population[code] for code in rest)
    assert found.force.count == total(counted, set(KENT))
    # Nothing before October 2018 is loaded: no change is worked out.
    assert not found.before.complete

    asb = districts.compare_areas(world.thanet, category=ASB, months=5, against="before")
    assert asb.partnership.count == total(counted, {THANET}, ASB)
    assert asb.rest.count == total(counted, rest, ASB)


def test_crime_stats_of_a_district_no_partnership_covers(kent):
    counted, _ = by_hand(kent)
    out = StringIO()
    call_command("crime_stats", "--district", "E07000110", stdout=out)
    rows = list(csv.DictReader(StringIO(out.getvalue())))
    got = Counter({(row["month"], row["category"]): int(row["count"]) for row in rows})
    expected = Counter(
        {(month, kind): n for (code, month, kind), n in counted.items() if code == "E07000110"}
    )
    assert got == expected


def test_the_page_on_the_real_files(kent, client, world):
    client.force_login(world.councillor)
    page = client.get("/p/thanet/crime/compared/?months=1&category=Burglary").content.decode()
    assert "Kent Police area" in page and "Maidstone" in page
    # Thanet's burglary rate in February 2019 against the rest of Kent's, by the exact test.
    assert "The partnership's rate against the rest of the force area's: " in page
    assert "no difference beyond chance" in page
