"""A coordinator uploads a police.uk file on the Crime and ASB page; the worker imports it exactly
as `saferplan import_police` does, while the job's page shows how far it has got."""

from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.crime.models import MonthlyCount, PoliceMonth
from saferplan.jobs.models import Job
from tests.reminders.conftest import run_worker

THANET_FEBRUARY_2019 = 1675  # rows of the real file in Thanet's LSOAs (data/README.md)


def upload(client, world, name, content):
    client.force_login(world.coordinator)
    return client.post("/p/thanet/crime/import/", {"file": SimpleUploadedFile(name, content)})


def thanet_total():
    return sum(
        MonthlyCount.objects.filter(district_code="E07000114").values_list("count", flat=True)
    )


def test_an_uploaded_street_file_is_imported_by_the_worker(
    client, world, thanet_geography, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    content = (thanet_geography / "police/kent/2019-02-kent-street.csv").read_bytes()
    response = upload(client, world, "2019-02-kent-street.csv", content)
    job = Job.objects.get()
    assert response.url == f"/p/thanet/jobs/{job.pk}/"
    assert "Import 2019-02-kent-street.csv from police.uk" in client.get(response.url).text

    run_worker()
    done = client.get(response.url).text
    assert "Finished" in done
    month = PoliceMonth.objects.get(force="Kent Police", month__year=2019, month__month=2)
    assert f"{month.rows_read:,} rows read" in done
    assert 'href="/p/thanet/crime/"' in done
    assert thanet_total() == THANET_FEBRUARY_2019
    job.refresh_from_db()
    assert job.done == job.total == len(content) >> 10
    assert not list(tmp_path.rglob("*.csv")), "the upload is deleted once imported"


def test_a_file_that_is_not_a_police_file_fails_the_job_and_saves_nothing(
    client, world, thanet_geography, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload(client, world, "plan.csv", b"Priority,Action\nASB,Patrols\n")
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "plan.csv" in job.message and "Crime ID" in job.message
    assert "Nothing from this file was saved" in job.message
    assert not PoliceMonth.objects.exists()
    assert not list(tmp_path.rglob("*.csv"))


def test_only_csv_and_zip_files_are_taken(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = upload(client, world, "crimes.xlsx", b"not a police file")
    assert response.status_code == 200
    assert "Choose a .csv or .zip file from data.police.uk." in response.text
    assert not Job.objects.exists()
