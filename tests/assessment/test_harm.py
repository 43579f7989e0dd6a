"""Harm weights: loaded from a CSV whose every category must exist, and police.uk counts of the
latest 12 months weighted by them beside the counts."""

from decimal import Decimal

import pytest

from saferplan.assessment.models import HarmWeight, HarmWeights
from saferplan.assessment.selectors import harm_table, police_harm
from saferplan.crime.selectors import ASB
from tests.conftest import files_under
from tests.crime.factory import counts

from .conftest import csv_upload

LOAD = "/p/thanet/assessment/harm/load/"
WEIGHTS = """Category,Weight,Source
Burglary,10.5,Made-up index for the test
Violence and sexual offences,20,Made-up index for the test
anti-social behaviour,0.5,Made-up index for the test
"""


@pytest.fixture
def police_counts(places):
    # Thirteen months: the first (December 2017) is outside the latest 12 and never counted.
    counts("2017-12", "E01999001", {"Burglary": 50})
    counts("2018-01", "E01999001", {"Burglary": 3, "Violence and sexual offences": 2, ASB: 10})
    counts("2018-12", "E01999002", {"Burglary": 1, "Drugs": 4, ASB: 6})
    return places


def load(client, world, text, media):
    client.force_login(world.coordinator)
    return client.post(LOAD, {"file": csv_upload(text, "weights.csv")})


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_weights_are_loaded_and_weigh_the_latest_twelve_months(client, police_counts, media):
    response = load(client, police_counts, WEIGHTS, media)
    assert response.status_code == 302 and response.url == "/p/thanet/assessment/harm/"
    weights = dict(HarmWeight.objects.values_list("category", "weight"))
    # A category is matched whatever its case, and kept as the data writes it.
    assert weights == {"Burglary": Decimal("10.5"), "Violence and sexual offences": 20, ASB: 0.5}

    harm = police_harm(police_counts.thanet)
    assert f"{harm.period}" == "Jan 2018 to Dec 2018"
    rows = {row.category: (row.count, row.harm) for row in harm.rows}
    assert rows == {
        "Violence and sexual offences": (2, 40),
        "Burglary": (4, 42),
        ASB: (16, 8),
        "Drugs": (4, None),
    }
    assert (harm.count, harm.harm) == (26, 90)
    assert harm.unweighted == ["Drugs"]
    table = harm_table(harm)
    assert table.rows[0] == ["Burglary", 4, "15.4%", "10.5", "42", "46.7%"]
    assert table.rows[-2] == ["Drugs", 4, "15.4%", "no weight", "", ""]
    assert table.rows[-1] == ["Total", 26, "100.0%", "", "90", ""]
    assert "illustrative" not in table.title

    page = client.get("/p/thanet/assessment/harm/").content.decode()
    assert "No weight is loaded for Drugs" in page
    assert "Made-up index for the test" in page and "Illustrative" not in page
    # The weights as loaded, 20 not 2E+1.
    assert '<th scope="row">Violence and sexual offences</th><td class="sp-numeric">20</td>' in page


def test_a_new_file_replaces_the_weights(client, police_counts, media):
    load(client, police_counts, WEIGHTS, media)
    load(client, police_counts, "category,weight,source\nDrugs,3,Another index\n", media)
    assert list(HarmWeight.objects.values_list("category", "weight")) == [("Drugs", 3)]
    assert HarmWeights.objects.count() == 1


HEADER = "category,weight,source\n"
BAD = [
    (
        "unknown category, with the likely one",
        HEADER + "Burglery,2,Index\n",
        "line 2, column 'category': 'Burglery' is not a category of the police.uk data or of "
        "the datasets (did you mean 'Burglary'?)",
    ),
    (
        "category of no data",
        HEADER + "Burglary,2,Index\nHomicide,900,Index\n",
        "line 3, column 'category': 'Homicide' is not a category",
    ),
    (
        "two weights for one category",
        HEADER + "Burglary,2,Index\nburglary,3,Index\n",
        "line 3: 'Burglary' has a weight on line 2",
    ),
    ("negative", HEADER + "Burglary,-2,Index\n", "'-2' is not a number of 0 or more"),
    ("not a number", HEADER + "Burglary,high,Index\n", "'high' is not a number of 0 or more"),
    ("not finite", HEADER + "Burglary,NaN,Index\n", "'NaN' is not a number of 0 or more"),
    ("too precise", HEADER + "Burglary,0.00001,Index\n", "more than 8 digits before"),
    ("no source", HEADER + "Burglary,2,\n", "line 2, column 'source': is empty"),
    ("missing column", "category,weight\nBurglary,2\n", "line 1: no column 'source'"),
]


@pytest.mark.parametrize(("text", "problem"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_weights_are_named_by_line_and_save_nothing(
    client, police_counts, media, text, problem
):
    load(client, police_counts, WEIGHTS, media)
    kept = files_under(media)
    response = load(client, police_counts, text, media)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "nothing was saved" in page
    assert problem.replace("'", "&#x27;") in page
    assert HarmWeight.objects.count() == 3 and files_under(media) == kept


def test_categories_of_the_partnerships_datasets_can_be_weighted(client, places, media):
    client.force_login(places.coordinator)
    client.post(
        "/p/thanet/assessment/datasets/new/",
        {
            "name": "Fires",
            "owner": places.county.pk,
            "counts": "Fires attended",
            "licence": "OGL",
            "file": csv_upload("month,area code,category,count\n2019-01,E01999001,Arson,2\n"),
        },
    )
    assert load(client, places, HEADER + "Arson,7,Index\n", media).status_code == 302
    # No police data: the page says so rather than weighing nothing.
    page = client.get("/p/thanet/assessment/harm/").content.decode()
    assert "No police.uk data is loaded" in page and "Arson" in page


def test_the_harm_table_downloads_as_csv(client, police_counts, media):
    load(client, police_counts, WEIGHTS, media)
    response = client.get("/p/thanet/assessment/harm.csv")
    assert response["Content-Disposition"] == 'attachment; filename="thanet-harm.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0] == ("Category,Count,Share of count,Weight,Harm (count × weight),Share of harm")
    assert lines[1] == "Burglary,4,15.4%,10.5,42,46.7%"
