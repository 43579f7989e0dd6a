"""A partner's dataset read on the crime page as police.uk is (?dataset=ID): its trend, the
periods compared with the exact test, the financial year to date and the wards equal the file's
rows summed by hand; district-level rows are "not by ward"; a restricted dataset is invisible to
those who may not read it, and no ?dataset= value makes the page fail."""

import csv
import datetime
import io
from collections import Counter

import pytest

from saferplan.assessment.models import Dataset
from saferplan.crime import statistics
from saferplan.crime.selectors import ALL_CATEGORIES, add_months, month_range
from tests.crime.factory import CANTERBURY, THANET

from .conftest import dataset_fields

FIRST, LAST = datetime.date(2017, 4, 1), datetime.date(2019, 3, 1)
MONTHS = month_range(FIRST, LAST)


def file_rows():
    """(month, area code, category, count): fires by LSOA and by ward, rubbish by district, and
    a Canterbury LSOA the upload leaves out."""
    rows = []
    for n, month in enumerate(MONTHS):
        rows.append((month, "E01999001", "Fires", n + 1))
        rows.append((month, "E05999002", "Fires", 2 + n % 3))
        rows.append((month, THANET, "Rubbish", 10 + 3 * (n >= 12)))
        rows.append((month, "E01999101", "Fires", 100))
    return rows


def as_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["month", "area code", "category", "count"])
    writer.writerows(
        [f"{month:%Y-%m}", code, category, count] for month, code, category, count in rows
    )
    return out.getvalue()


def by_hand(rows, *, months, category=None, area=None):
    """The Thanet rows of `months` summed, of one category and one area code if given."""
    return sum(
        count
        for month, code, name, count in rows
        if month in months
        and code != "E01999101"
        and (category is None or name == category)
        and (area is None or code == area)
    )


@pytest.fixture
def loaded(client, places, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(places.coordinator)
    response = client.post(
        "/p/thanet/assessment/datasets/new/", dataset_fields(places, as_csv(file_rows()))
    )
    assert response.status_code == 302
    return Dataset.objects.get()


def test_the_trend_equals_the_file_summed_by_hand(client, loaded):
    rows = file_rows()
    page = client.get(f"/p/thanet/crime/?dataset={loaded.pk}&category=Fires")
    assert page.status_code == 200
    chart = page.context["chart"]
    assert chart.headers == ["Month", ALL_CATEGORIES, "Fires"]
    assert [row[1:] for row in chart.rows] == [
        [by_hand(rows, months=[m]), by_hand(rows, months=[m], category="Fires")] for m in MONTHS
    ]
    assert chart.title == "Deliberate fires month by month"


def test_the_comparison_names_the_exact_test(client, loaded):
    rows = file_rows()
    page = client.get(f"/p/thanet/crime/?dataset={loaded.pk}")
    table = {row[0]: row for row in page.context["comparison_table"].rows}
    assert list(table) == ["Fires", "Rubbish", ALL_CATEGORIES]
    now, before = MONTHS[12:], MONTHS[:12]
    fires = table["Fires"]
    assert fires[1:3] == [
        by_hand(rows, months=now, category="Fires"),
        by_hand(rows, months=before, category="Fires"),
    ]
    # Rubbish: 13 a month against 10, a rise of 30% beyond chance.
    assert table["Rubbish"][1:3] == [156, 120]
    change = table["Rubbish"][3].counts
    assert (change.percent, change.verdict) == (30.0, statistics.RISE)
    assert change.p_value == statistics.compare_counts(156, 120).p_value
    html = page.content.decode()
    assert statistics.EXACT_TEST in html
    assert "Deliberate fires by category" in html


def test_the_year_to_date_equals_the_file_summed_by_hand(client, loaded):
    rows = file_rows()
    page = client.get(f"/p/thanet/crime/?dataset={loaded.pk}")
    ytd = page.context["year_to_date"]
    assert ytd.label == "2018-19"
    this_year = month_range(datetime.date(2018, 4, 1), LAST)
    last_year = [add_months(month, -12) for month in this_year]
    found = {row.category: (row.current, row.previous) for row in ytd.rows}
    assert found == {
        name: (
            by_hand(rows, months=this_year, category=category),
            by_hand(rows, months=last_year, category=category),
        )
        for name, category in [("Fires", "Fires"), ("Rubbish", "Rubbish"), (ALL_CATEGORIES, None)]
    }


def test_the_wards_place_lsoa_and_ward_rows_and_leave_district_rows_not_by_ward(client, loaded):
    rows = file_rows()
    year = MONTHS[12:]
    page = client.get(f"/p/thanet/crime/?dataset={loaded.pk}")
    table = {row[0]: row[2] for row in page.context["wards_table"].rows}
    assert table == {
        "Beacon Road": by_hand(rows, months=year, area="E01999001"),
        "Cliftonville West": by_hand(rows, months=year, area="E05999002"),
        "Not by ward": by_hand(rows, months=year, area=THANET),
    }
    assert sum(table.values()) == by_hand(rows, months=year)
    # A category chosen: the district-level rubbish is in no ward and not in the table.
    page = client.get(f"/p/thanet/crime/?dataset={loaded.pk}&category=Fires")
    counts = {row[0]: row[2] for row in page.context["wards_table"].rows}
    assert counts == {
        "Beacon Road": by_hand(rows, months=year, area="E01999001"),
        "Cliftonville West": by_hand(rows, months=year, area="E05999002"),
    }


def test_the_control_chart_view_reads_the_dataset(client, loaded):
    page = client.get(f"/p/thanet/crime/?dataset={loaded.pk}&view=control")
    charts = page.context["control_charts"]
    assert [chart.title.split(" against")[0] for chart, _ in charts] == [ALL_CATEGORIES]
    rubbish_and_fires = charts[0][0]
    assert rubbish_and_fires.rows[0][1] == by_hand(file_rows(), months=[FIRST])


@pytest.mark.parametrize("table", ["trend", "comparison", "year-to-date", "wards"])
def test_the_csv_files_are_the_pages_tables(client, loaded, table):
    page = client.get(f"/p/thanet/crime/?dataset={loaded.pk}&category=Fires")
    response = client.get(f"/p/thanet/crime/{table}.csv?dataset={loaded.pk}&category=Fires")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="thanet-dataset-{loaded.pk}-{table}.csv"'
    )
    first_column = [line.split(",")[0] for line in response.content.decode().splitlines()[1:]]
    shown = page.context["chart" if table == "trend" else table.replace("-", "_") + "_table"]
    assert first_column == [str(row[0]) for row in shown.rows]


@pytest.mark.parametrize("table", ["forces", "outcomes"])
def test_police_only_tables_are_not_a_datasets(client, loaded, table):
    assert client.get(f"/p/thanet/crime/{table}.csv?dataset={loaded.pk}").status_code == 404


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1.5", "0", "99999999999999999999", "١", "1 OR 1=1", "%00", "9" * 9]
)
def test_hostile_dataset_values_are_not_found(client, loaded, value):
    assert client.get("/p/thanet/crime/", {"dataset": value}).status_code == 404
    assert client.get("/p/thanet/crime/trend.csv", {"dataset": value}).status_code == 404


def test_another_partnerships_dataset_is_not_found(client, loaded, places):
    other = Dataset.objects.create(
        partnership=places.canterbury,
        name="Fires",
        owner=places.county,
        counts="Fires",
        licence="OGL",
    )
    other.rows.create(
        month=LAST,
        area_code="E01999101",
        level="lsoa",
        district_code=CANTERBURY,
        category="Fires",
        count=5,
    )
    assert client.get(f"/p/thanet/crime/?dataset={other.pk}").status_code == 404
    assert client.get(f"/p/thanet/crime/trend.csv?dataset={other.pk}").status_code == 404


def test_the_crime_page_offers_the_datasets_a_person_may_read(client, loaded, places):
    Dataset.objects.filter(pk=loaded.pk).update(restricted=True)  # owned by the county
    open_one = Dataset.objects.create(
        partnership=places.thanet,
        name="Council ASB",
        owner=places.council,
        counts="Reports",
        licence="OGL",
    )
    page = client.get("/p/thanet/crime/").content.decode()
    assert "Deliberate fires (" in page and "Council ASB (" in page
    client.force_login(places.council_officer)
    page = client.get("/p/thanet/crime/").content.decode()
    assert f'<option value="{open_one.pk}">Council ASB (' in page
    assert "Deliberate fires" not in page
    assert client.get(f"/p/thanet/crime/?dataset={loaded.pk}").status_code == 404
    assert client.get(f"/p/thanet/crime/wards.csv?dataset={loaded.pk}").status_code == 404
    # A dataset with no counts yet says so.
    page = client.get(f"/p/thanet/crime/?dataset={open_one.pk}")
    assert "No counts of this dataset are loaded." in page.content.decode()


def test_counts_of_the_file_by_hand_match_what_was_kept(loaded):
    kept = Counter()
    for _month, code, category, count in file_rows():
        if code != "E01999101":
            kept[category] += count
    assert dict(kept) == {
        category: sum(loaded.rows.filter(category=category).values_list("count", flat=True))
        for category in kept
    }
