"""Loading a partner's dataset from a CSV: good files saved whole, bad ones named by line with
nothing saved (no dataset, no counts, no file)."""

import datetime

import pytest

from saferplan.assessment.forms import DatasetForm
from saferplan.assessment.models import Dataset, DatasetCount
from tests.conftest import files_under

from .conftest import dataset_fields

NEW = "/p/thanet/assessment/datasets/new/"
GOOD = """Month,Area code,Category,Count
2019-01,E01999001,Deliberate fires,3
2019-01,e01999002,Deliberate fires,2
2019-01,E01999101,Deliberate fires,40
2019-02-01,E05999001,Deliberate fires,1
Feb 2019,E07999114,Secondary fires,7

2019-03,E01999001,Secondary fires,0
"""


def post(client, world, text, **fields):
    client.force_login(world.coordinator)
    return client.post(NEW, dataset_fields(world, text, **fields))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_good_file_is_saved_with_its_areas_placed_and_other_districts_left_out(
    client, places, media
):
    response = post(client, places, GOOD)
    dataset = Dataset.objects.get()
    assert response.status_code == 302 and response.url == dataset.get_absolute_url()
    assert (dataset.rows_read, dataset.rows_kept) == (6, 5)
    assert dataset.left_out == {"other districts": 1}
    rows = {
        (f"{row.month:%Y-%m}", row.area_code, row.level, row.district_code, row.count)
        for row in DatasetCount.objects.all()
    }
    assert rows == {
        ("2019-01", "E01999001", "lsoa", "E07999114", 3),
        ("2019-01", "E01999002", "lsoa", "E07999114", 2),
        ("2019-02", "E05999001", "ward", "E07999114", 1),
        ("2019-02", "E07999114", "district", "E07999114", 7),
        ("2019-03", "E01999001", "lsoa", "E07999114", 0),
    }
    assert files_under(media) == [dataset.source_file.name]
    assert dataset.loaded_by == places.coordinator

    response = client.get(dataset.get_absolute_url())
    chart = response.context["chart"]
    assert chart.headers == ["Month", "Secondary fires", "Deliberate fires", "Total"]
    assert chart.rows == [["Jan 2019", 0, 5, 5], ["Feb 2019", 7, 1, 8], ["Mar 2019", 0, 0, 0]]
    page = response.content.decode()
    assert '<th scope="row">Feb 2019</th><td class="sp-numeric">7</td>' in page
    assert "5 of 6 rows" in page and "1 left out (other districts)" in page


def test_a_new_file_replaces_the_counts_and_the_file(
    client, places, media, django_capture_on_commit_callbacks
):
    post(client, places, GOOD)
    dataset = Dataset.objects.get()
    first_file = dataset.source_file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/p/thanet/assessment/datasets/{dataset.pk}/edit/",
            dataset_fields(places, "month,area code,category,count\n2020-04,E01999001,Fires,9\n"),
        )
    assert response.status_code == 302
    assert list(DatasetCount.objects.values_list("month", "count")) == [
        (datetime.date(2020, 4, 1), 9)
    ]
    dataset.refresh_from_db()
    assert files_under(media) == [dataset.source_file.name] != [first_file]


def test_changing_the_description_keeps_the_counts(client, places, media):
    post(client, places, GOOD)
    dataset = Dataset.objects.get()
    fields = dataset_fields(places, "", caveats="Secondary fires from 2019 only")
    del fields["file"]
    response = client.post(f"/p/thanet/assessment/datasets/{dataset.pk}/edit/", fields)
    assert response.status_code == 302
    assert DatasetCount.objects.count() == 5
    assert Dataset.objects.get().caveats == "Secondary fires from 2019 only"


HEADER = "month,area code,category,count\n"
BAD = [
    (
        "unknown LSOA",
        HEADER + "2019-01,E01999001,Fires,1\n2019-01,E01999999,Fires,1\n",
        "line 3, column 'area code': 'E01999999' is in no area lookup loaded",
    ),
    (
        "not an area code",
        HEADER + "2019-01,Margate,Fires,1\n",
        "line 2, column 'area code': 'MARGATE' is not an LSOA, ward or district code",
    ),
    (
        "month 13",
        HEADER + "2019-13,E01999001,Fires,1\n",
        "line 2, column 'month': '2019-13' is not a month",
    ),
    (
        "a word for a month",
        HEADER + "soon,E01999001,Fires,1\n",
        "line 2, column 'month': 'soon' is not a month",
    ),
    (
        "a day for a month",
        HEADER + "2019-01-15,E01999001,Fires,1\n",
        "line 2, column 'month': '2019-01-15' is a day, not a month",
    ),
    (
        "negative count",
        HEADER + "2019-01,E01999001,Fires,-1\n",
        "line 2, column 'count': '-1' is not a whole number of 0 or more",
    ),
    (
        "fractional count",
        HEADER + "2019-01,E01999001,Fires,2.5\n",
        "line 2, column 'count': '2.5' is not a whole number of 0 or more",
    ),
    (
        "duplicate row",
        HEADER
        + "2019-01,E01999001,Fires,1\n2019-02,E01999001,Fires,1\n2019-01,E01999001,Fires,4\n",
        "line 4: the same month, area code and category as line 2",
    ),
    (
        "missing column",
        "month,area code,category\n2019-01,E01999001,Fires\n",
        "line 1: no column 'count'",
    ),
    (
        "wrong columns",
        "date,lsoa,type,n\n2019-01,E01999001,Fires,1\n",
        "line 1: no column 'month', 'area code', 'category', 'count'",
    ),
    (
        "the name of a total",
        HEADER + "2019-01,E01999001,all categories,1\n",
        "line 2, column 'category': 'all categories' is the name of a total on the crime page",
    ),
    ("header only", HEADER, "counts.csv has no rows below its header"),
    ("empty", "", "The submitted file is empty."),
    (
        "only other districts",
        HEADER + "2019-01,E01999101,Fires,1\n",
        "none of its 1 rows is in the partnership's districts (E07999114)",
    ),
]


@pytest.mark.parametrize(("text", "problem"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_file_is_named_by_line_and_saves_nothing(client, places, media, text, problem):
    response = post(client, places, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert problem.replace("'", "&#x27;") in page
    assert not Dataset.objects.exists() and not DatasetCount.objects.exists()
    assert files_under(media) == []


def test_every_bad_line_is_named_not_only_the_first(client, places, media):
    text = HEADER + "2019-01,E01999001,Fires,1\n2019-1x,E01999001,Fires,1\n2019-01,E0,Fires,-3\n"
    page = post(client, places, text).content.decode()
    assert "3 problems: nothing was saved." in page
    for line, column in [(3, "month"), (4, "area code"), (4, "count")]:
        assert f"line {line}, column &#x27;{column}&#x27;" in page


def test_a_bad_file_leaves_the_counts_it_would_have_replaced(client, places, media):
    post(client, places, GOOD)
    dataset = Dataset.objects.get()
    kept = files_under(media)
    response = client.post(
        f"/p/thanet/assessment/datasets/{dataset.pk}/edit/",
        dataset_fields(places, HEADER + "2019-01,E01999001,Fires,x\n", name="Renamed"),
    )
    assert response.status_code == 200
    assert Dataset.objects.get().name == "Deliberate fires"
    assert DatasetCount.objects.count() == 5 and files_under(media) == kept


def test_a_file_that_is_not_utf8_is_named(client, places, media):
    client.force_login(places.coordinator)
    fields = dataset_fields(places, "")
    fields["file"].file.write((HEADER + "2019-01,E01999001,Fourrière é,1\n").encode("latin-1"))
    fields["file"].file.seek(0)
    fields["file"].size = len(fields["file"].file.getvalue())
    response = client.post(NEW, fields)
    assert "line 2: byte 0xe8 is not UTF-8 text" in response.content.decode()
    assert not Dataset.objects.exists()


def test_a_file_that_is_not_csv_is_refused(client, places, media):
    fields = dataset_fields(places, GOOD)
    fields["file"].name = "counts.xlsx"
    client.force_login(places.coordinator)
    assert "Choose a .csv file." in client.post(NEW, fields).content.decode()
    assert not Dataset.objects.exists()


def test_the_owner_must_be_an_agency_of_the_partnership(client, places, media):
    page = post(client, places, GOOD, owner=places.canterbury_council.pk).content.decode()
    assert "Select a valid choice" in page and not Dataset.objects.exists()


def test_a_name_is_used_once_in_a_partnership(client, places, media):
    post(client, places, GOOD)
    page = post(client, places, GOOD, name="deliberate FIRES").content.decode()
    assert "already has a dataset of this name" in page
    assert Dataset.objects.count() == 1


def test_a_name_taken_between_the_check_and_the_save_is_a_form_error(
    client, places, media, monkeypatch
):
    """Two people saving datasets of one name at once: the second is told, not given a 500."""
    post(client, places, GOOD)
    monkeypatch.setattr(DatasetForm, "clean_name", lambda form: form.cleaned_data["name"])
    response = post(client, places, GOOD)
    assert response.status_code == 200
    assert "already has a dataset of this name" in response.content.decode()
    assert Dataset.objects.count() == 1 and len(files_under(media)) == 1


def test_the_datasets_tables_download_as_csv(client, places, media):
    post(client, places, GOOD)
    dataset = Dataset.objects.get()
    page = client.get(dataset.get_absolute_url()).content.decode()
    months = f"/p/thanet/assessment/datasets/{dataset.pk}/months.csv"
    categories = f"/p/thanet/assessment/datasets/{dataset.pk}/categories.csv"
    assert f'href="{months}"' in page and f'href="{categories}"' in page
    assert client.get(months).content.decode().splitlines() == [
        "Month,Secondary fires,Deliberate fires,Total",
        "Jan 2019,0,5,5",
        "Feb 2019,7,1,8",
        "Mar 2019,0,0,0",
    ]
    assert client.get(categories).content.decode().splitlines() == [
        "Category,Count,Share",
        "Secondary fires,7,53.8%",
        "Deliberate fires,6,46.2%",
        "Total,13,100.0%",
    ]
