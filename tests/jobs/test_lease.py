"""Which running tasks are given up: those of a worker on another machine whose beats stopped
(and not those of one still beating), and what a job's page says then. Job pages never show the
server's paths of uploads."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from saferplan.jobs import lease
from saferplan.jobs.models import Job, WorkerBeat
from saferplan.jobs.runner import keep_upload, start_job
from saferplan.plans import tasks
from tests.reminders.conftest import run_worker


def running_import(world, worker_id):
    path = keep_upload(SimpleUploadedFile("plan.csv", b"Priority\n"))
    job = start_job(
        tasks.import_plan,
        partnership=world.thanet,
        started_by=world.coordinator,
        title="Import plan.csv as the 2016-17 plan",
        uploads=[path],
        path=path,
        year=2016,
        status="adopted",
    )
    DBTaskResult.objects.get(id=job.task_id).claim(worker_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    return job


def test_a_task_of_a_worker_elsewhere_is_given_up_once_its_beats_stop(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    silent = running_import(world, "silent-default")
    beating = running_import(world, "beating-default")
    for worker_id, seen in [
        ("silent-default", now - 7 * datetime.timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS)),
        ("beating-default", now - datetime.timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS)),
    ]:
        WorkerBeat.objects.create(worker_id=worker_id, host="another-machine", pid=1, seen=seen)

    assert lease.clear_abandoned(mine=set()) == 1
    silent.refresh_from_db()
    beating.refresh_from_db()
    assert silent.status == Job.Status.FAILED and beating.status == Job.Status.RUNNING
    given_up = DBTaskResult.objects.get(id=silent.task_id)
    assert given_up.status == "FAILED"
    # Reading the failed result (as django-tasks does) names an error class that exists.
    [error] = given_up.task_result.errors
    assert error.exception_class is lease.WorkerStopped
    assert DBTaskResult.objects.get(id=beating.task_id).status == "RUNNING"
    assert [p.name for p in tmp_path.rglob("*.csv")] == ["plan.csv"], "the silent one's is gone"

    client.force_login(world.coordinator)
    page = client.get(silent.get_absolute_url()).text
    assert "Stopped with a problem" in page
    assert "The worker running this stopped before it finished" in page
    assert "Nothing more will be done for it: start it again." in page


def test_a_job_page_never_shows_where_the_upload_was_kept(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/crime/import/",
        {"file": SimpleUploadedFile("kent.zip", b"not a zip at all")},
    )
    run_worker()
    job = Job.objects.get()
    page = client.get(response.url).text
    assert job.status == Job.Status.FAILED and "kent.zip: not a zip file" in job.message
    assert str(tmp_path) not in page and "imports/" not in page
    assert not list(tmp_path.rglob("kent.zip")), "the upload is deleted"
