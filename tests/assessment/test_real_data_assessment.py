"""A dataset made from the real Kent files: counted by month, LSOA and category over the whole
force area (other districts and Welsh LSOAs included) and loaded into Thanet, its page, and the
crime page reading it as it reads police.uk, equal the Thanet rows of the files counted by hand
with the ONS lookup."""

import csv
import datetime
import io
from collections import Counter

from saferplan.assessment.models import Dataset
from tests.conftest import THANET

from .conftest import csv_upload

MONTHS = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def kent_counts(data):
    """Every Kent row with an LSOA, counted by (month, LSOA, crime type)."""
    counted = Counter()
    for month in MONTHS:
        for row in read_csv(data / f"police/kent/{month}-kent-street.csv"):
            if row["LSOA code"]:
                counted[(row["Month"], row["LSOA code"], row["Crime type"])] += 1
    return counted


def as_csv(counted):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["month", "area code", "category", "count"])
    writer.writerows([*key, count] for key, count in sorted(counted.items()))
    return out.getvalue()


def test_a_dataset_of_the_kent_files_shows_thanets_rows_counted_by_hand(
    client, thanet_geography, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = thanet_geography
    counted = kent_counts(data)
    lookup = read_csv(data / "ons/LSOA11_to_WD19_LAD19_EW.csv")
    thanet = {row["LSOA11CD"] for row in lookup if row["LAD19CD"] == THANET}
    by_month, by_category = Counter(), Counter()
    for (month, lsoa, category), count in counted.items():
        if lsoa in thanet:
            by_month[month] += count
            by_category[category] += count

    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/assessment/datasets/new/",
        {
            "name": "Kent street crime, as a dataset",
            "owner": world.police.pk,
            "counts": "Street-level crimes and ASB incidents",
            "licence": "Open Government Licence v3.0",
            "file": csv_upload(as_csv(counted), "kent.csv"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dataset = Dataset.objects.get()
    kept = sum(1 for (_, lsoa, _) in counted if lsoa in thanet)
    assert (dataset.rows_read, dataset.rows_kept) == (len(counted), kept)
    assert dataset.left_out == {"other districts": len(counted) - kept}

    page = client.get(dataset.get_absolute_url())
    totals = [row[-1] for row in page.context["chart"].rows]
    assert totals == [by_month[month] for month in MONTHS] == [2014, 1416, 850, 1778, 1675]
    categories = {row[0]: row[1] for row in page.context["categories_table"].rows}
    assert categories == {**by_category, "Total": sum(by_category.values())}

    # The crime page reads the dataset as police.uk: its trend, year to date and wards.
    page = client.get(f"/p/thanet/crime/?dataset={dataset.pk}&category=Burglary")
    assert page.status_code == 200
    burglary = Counter()
    for (month, lsoa, category), count in counted.items():
        if lsoa in thanet and category == "Burglary":
            burglary[month] += count
    trend = {row[0]: row[1:] for row in page.context["chart"].rows}
    assert len(trend) == 24
    for month in MONTHS:
        label = f"{datetime.date.fromisoformat(month + '-01'):%b %Y}"
        assert trend[label] == [by_month[month], burglary[month]]
    # Financial year 2018-19 to February 2019: every month of the files is in it.
    year_to_date = {row.category: row.current for row in page.context["year_to_date"].rows}
    assert year_to_date == {**by_category, "All categories": sum(by_category.values())}
    # The 12 months to February 2019 hold all five months: by ward with the ONS lookup.
    ward_of = {row["LSOA11CD"]: row["WD19CD"] for row in lookup if row["LAD19CD"] == THANET}
    by_ward = Counter()
    for (_, lsoa, category), count in counted.items():
        if lsoa in thanet and category == "Burglary":
            by_ward[ward_of[lsoa]] += count
    wards = {row[1]: row[2] for row in page.context["wards_table"].rows}
    assert wards == {code: by_ward[code] for code in set(ward_of.values())}
    assert sum(wards.values()) == sum(burglary.values())
