"""A dataset made from the real Kent files: counted by month, LSOA and category over the whole
force area (other districts and Welsh LSOAs included) and loaded into Thanet, its page equals the
Thanet rows of the files counted by hand with the ONS lookup."""

import csv
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
