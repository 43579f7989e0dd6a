"""The demo shows the Crime and ASB page on Thanet's real wards with sample figures at Thanet's
real scale, labelled so, without ../shared."""

import csv
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from saferplan.crime import demo
from saferplan.crime.models import Area, Boundary, Crime, MonthlyCount, PoliceMonth
from saferplan.crime.selectors import ALL_CRIME, ASB, data_quality, monthly_trend
from saferplan.partnerships.models import Partnership, Person


@pytest.mark.django_db
def test_demo_has_three_years_of_sample_crime_for_thanet(client):
    call_command("demo", "--no-serve", stdout=StringIO())
    thanet = Partnership.objects.get(slug="thanet")
    assert PoliceMonth.objects.filter(source="Sample data (not real)").count() == 35
    assert set(PoliceMonth.objects.values_list("force", flat=True)) == {"Kent Police (sample data)"}
    counted = MonthlyCount.objects.filter(police_month__source=demo.SOURCE)
    crimes = Crime.objects.filter(police_month__source=demo.SOURCE)
    assert sum(counted.values_list("count", flat=True)) == crimes.count()
    trend = monthly_trend(thanet)
    assert all(month.loaded for month in trend.months)
    december = next(m for m in trend.months if f"{m.month:%Y-%m}" == "2014-12")
    assert december.all_crime < 0.6 * trend.months[0].all_crime and december.asb > 100
    assert data_quality(thanet).unusual[0][0] == december.month

    client.force_login(Person.objects.get(email="coordinator@thanet.example"))
    page = client.get("/p/thanet/crime/").content.decode()
    assert "Kent Police (sample data)" in page and "Cliftonville West" in page
    assert page.count('stroke-width="0.8"><title>') == 23
    assert "Contains OS data © Crown copyright and database right" in page

    rows = MonthlyCount.objects.count()
    call_command("demo", "--no-serve", stdout=StringIO())
    assert MonthlyCount.objects.count() == rows, "a second build changed the sample"


@pytest.mark.django_db
def test_a_year_of_sample_crime_is_at_thanets_real_scale():
    """About 10,000 crimes and 6,000 ASB incidents a year, as Thanet has: 2013, a whole year."""
    call_command("demo", "--no-serve", stdout=StringIO())
    year = Counter()
    for category, count in MonthlyCount.objects.filter(month__year=2013).values_list(
        "category", "count"
    ):
        year["asb" if category == ASB else "crime"] += count
    assert 9_000 <= year["crime"] <= 11_000
    assert 5_400 <= year["asb"] <= 6_600


@pytest.mark.django_db
def test_the_demo_has_thanets_23_wards_as_the_ons_names_them(shared_data):
    call_command("demo", "--no-serve", stdout=StringIO())
    with open(shared_data / "boundaries/ward_E07000114_thanet.geojson", encoding="utf-8") as f:
        ons = {
            feature["properties"]["WD25CD"]: feature["properties"]["WD25NM"]
            for feature in json.load(f)["features"]
        }
    wards = Boundary.objects.filter(kind=Boundary.Kind.WARD, district_code=demo.DISTRICT)
    assert dict(wards.values_list("code", "name")) == ons and len(ons) == 23
    # Every LSOA of Thanet in the ONS lookup is in the ward the lookup gives it, and has crime.
    with open(shared_data / "ons/LSOA11_to_WD19_LAD19_EW.csv", encoding="utf-8-sig") as f:
        lookup = {
            row["LSOA11CD"]: row["WD19CD"]
            for row in csv.DictReader(f)
            if row["LAD19CD"] == demo.DISTRICT
        }
    areas = Area.objects.filter(district_code=demo.DISTRICT, vintage=Area.Vintage.LSOA_2011)
    assert dict(areas.values_list("code", "ward_code")) == lookup and len(lookup) == 84
    assert set(MonthlyCount.objects.values_list("lsoa_code", flat=True)) == set(lookup)


def test_the_shipped_wards_are_small_and_credited():
    assert demo.WARDS_FILE.stat().st_size < 100_000
    credit = " ".join((demo.DATA / "ATTRIBUTION.txt").read_text().split())
    assert "Open Government Licence v3.0" in credit
    assert "OS data © Crown copyright and database right" in credit


def test_sample_categories_are_police_uk_crime_types():
    assert ASB in demo.YEARLY and ALL_CRIME not in demo.YEARLY
    assert len(demo.YEARLY) == 14
