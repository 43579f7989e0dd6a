"""The demo shows the Crime and ASB page with sample data, labelled so, without ../shared."""

from io import StringIO

import pytest
from django.core.management import call_command

from saferplan.crime import demo
from saferplan.crime.models import Area, Crime, MonthlyCount, PoliceMonth
from saferplan.crime.selectors import ALL_CRIME, ASB, data_quality, monthly_trend
from saferplan.partnerships.models import Partnership, Person


@pytest.mark.django_db
def test_demo_has_two_years_of_sample_crime_for_thanet(client):
    call_command("demo", "--no-serve", stdout=StringIO())
    thanet = Partnership.objects.get(slug="thanet")
    assert PoliceMonth.objects.filter(source="Sample data (not real)").count() == 35
    sample = Area.objects.filter(name__startswith="Sample ")
    assert sample.count() == 18 and {a.district_code for a in sample} == {"E07000114"}
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
    assert "Kent Police (sample data)" in page and "Sample ward Harbour" in page
    assert page.count('stroke-width="0.8"><title>Sample ward') == len(demo.WARDS)

    rows = MonthlyCount.objects.count()
    call_command("demo", "--no-serve", stdout=StringIO())
    assert MonthlyCount.objects.count() == rows, "a second build changed the sample"


def test_sample_categories_are_police_uk_crime_types():
    assert ASB in demo.RATES and ALL_CRIME not in demo.RATES
    assert len(demo.RATES) == 14
