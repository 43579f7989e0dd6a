"""A worker killed in the middle of an import (`kill -9`, the machine losing power): the next
worker notices, fails the job saying which files were imported and which were not, and deletes
the upload. Real `saferplan worker` processes on the test's database (SQLite file or
PostgreSQL), a real police.uk import."""

import io
import signal
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from saferplan.crime.models import PoliceMonth
from saferplan.jobs.models import Job
from tests.jobs.processes import SharedDatabase, environment, start, stop, wait_until

MONTHS = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]
# Each month's rows this many times over: a few seconds of reading per file on a quiet machine,
# so that the worker is killed in the middle of one.
TIMES = 12


def police_zip(data):
    """The five real months, each file `TIMES` as long, as data.police.uk's zip lays them out."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for month in MONTHS:
            header, body = (
                (data / f"police/kent/{month}-kent-street.csv").read_bytes().split(b"\n", 1)
            )
            archive.writestr(f"{month}/{month}-kent-street.csv", header + b"\n" + body * TIMES)
    return buffer.getvalue()


def member(month):
    return f"kent.zip:{month}/{month}-kent-street.csv"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_is_noticed_and_the_page_says_what_was_imported(
    client, world, shared_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/crime/import/",
        {"file": SimpleUploadedFile("kent.zip", police_zip(shared_data), "application/zip")},
    )
    job = Job.objects.get()
    assert list(settings.MEDIA_ROOT.rglob("kent.zip")), "the upload is kept for the worker"

    with SharedDatabase(tmp_path) as database:
        env = environment(database.url)
        first = start(["worker"], env, tmp_path / "first.log")
        try:

            def two_files_imported():
                saved = database.value("SELECT COUNT(*) FROM crime_policemonth")
                return 2 <= saved < len(MONTHS)

            wait_until(two_files_imported, 60, "two files imported by the first worker")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        status = database.value("SELECT status FROM jobs_job WHERE id = %s", job.pk)
        assert status == "running", "the killed worker left its job running"

        second = start(["worker"], env, tmp_path / "second.log")
        try:
            wait_until(
                lambda: (
                    database.value("SELECT status FROM jobs_job WHERE id = %s", job.pk) == "failed"
                ),
                60,
                "the second worker gives up the killed worker's job",
            )
        finally:
            stop(second)

    job.refresh_from_db()
    imported = {f"{m.month:%Y-%m}" for m in PoliceMonth.objects.all()}
    assert 2 <= len(imported) < len(MONTHS)
    assert job.saved_parts == [member(month) for month in MONTHS if month in imported]
    assert job.unsaved_parts == [member(month) for month in MONTHS if month not in imported]
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "FAILED" and "stopped before it finished" in task.traceback
    assert not list(settings.MEDIA_ROOT.rglob("kent.zip")), "the upload is deleted"

    page = client.get(response.url).text
    assert "Stopped with a problem" in page
    assert "The worker running this stopped before it finished" in page
    assert f"{len(imported)} of {len(MONTHS)} parts were saved" in page
    assert f"<h3>Imported ({len(imported)})</h3>" in page
    assert f"<h3>Not imported ({len(MONTHS) - len(imported)})</h3>" in page
    for month in MONTHS:
        assert f"<li>{member(month)}</li>" in page
    assert str(tmp_path) not in page and "imports/" not in page, "no server paths"
    assert "Traceback" not in (tmp_path / "second.log").read_text()
