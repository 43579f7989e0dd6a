"""Long work started from a page runs in the worker while its page shows how far it has got: the
plan spreadsheet import as the example. And the schedule queues each slot once."""

import datetime

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from saferplan.jobs import schedule
from saferplan.jobs.models import Job, ScheduleRun
from saferplan.jobs.runner import start_job
from saferplan.plans import tasks
from tests.reminders.conftest import run_worker

GOOD = (
    "Priority,Emerging issue,Action,Lead agency,Lead officer\n"
    "Anti-Social Behaviour,Street drinking,Joint patrols,Kent Police,Bob Police\n"
    "Anti-Social Behaviour,Street drinking,Public place order,Thanet District Council,"
    "Carol Council (ASB Officer)\n"
    "Road Safety,Young drivers,Theatre in schools,Kent County Council,\n"
)


def upload(client, world, content, year="2016"):
    client.force_login(world.coordinator)
    return client.post(
        "/p/thanet/plan/import/",
        {
            "file": SimpleUploadedFile("plan.csv", content.encode(), "text/csv"),
            "year": year,
            "status": "adopted",
        },
    )


def test_an_uploaded_plan_is_imported_by_the_worker_while_its_page_shows_progress(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = upload(client, world, GOOD)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/p/thanet/jobs/{job.pk}/"

    waiting = client.get(response.url).content.decode()
    assert "Waiting to start" in waiting and "Import plan.csv as the 2016-17 plan" in waiting
    assert f'<a href="/p/thanet/jobs/{job.pk}/">Show the latest progress</a>' in waiting
    assert "http-equiv" not in waiting, "a page reloads by itself only when asked to"
    following = client.get(response.url + "?follow=on").content.decode()
    assert '<meta http-equiv="refresh" content="5">' in following
    assert f'<a href="/p/thanet/jobs/{job.pk}/">Stop updating it by itself</a>' in following

    run_worker()
    done = client.get(response.url + "?follow=on").content.decode()
    assert "Finished" in done and "http-equiv" not in done
    assert "Imported Community Safety Plan 2016-17: 3 actions." in done
    plan = world.thanet.plans.get(year=2016)
    assert f'href="{plan.get_absolute_url()}"' in done
    job.refresh_from_db()
    assert (job.done, job.total) == (3, 3)
    assert list(tmp_path.rglob("plan.csv")) == [], "the upload is deleted once imported"
    linked = {
        a.title: a.lead_officer_person for a in plan.priorities.first().issues.get().actions.all()
    }
    assert linked == {
        "Joint patrols": world.police_officer,
        "Public place order": world.council_officer,
    }


def test_a_bad_spreadsheet_fails_the_job_listing_every_problem(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = GOOD.replace("Kent Police", "Kent Constabulary").replace("Road Safety,", ",")
    response = upload(client, world, bad)
    run_worker()
    page = client.get(response.url).content.decode()
    assert "Stopped with a problem" in page
    assert "plan.csv: 2 problems, nothing was imported." in page
    assert (
        "row 2, column &#x27;Lead agency&#x27;: unknown agency &#x27;Kent Constabulary&#x27;"
        in (page)
    )
    assert "row 4, column &#x27;Priority&#x27;: is empty" in page
    assert not world.thanet.plans.exists()


def test_an_unexpected_error_stops_the_job_and_says_so(world):
    job = start_job(
        tasks.import_plan,
        partnership=world.thanet,
        started_by=world.coordinator,
        title="Import a file that has gone",
        path="imports/gone/plan.csv",
        year=2016,
        status="adopted",
    )
    assert not default_storage.exists("imports/gone/plan.csv")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("It stopped with an unexpected error.")
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "FAILED" and "FileNotFoundError" in task.traceback


def test_a_running_job_shows_how_far_it_has_got(client, world):
    job = Job.objects.create(
        partnership=world.thanet,
        title="Import street crimes",
        status=Job.Status.RUNNING,
        done=120,
        total=400,
        unit="files",
        message="2014-12-kent-street.csv",
        started_by=world.police_officer,
    )
    client.force_login(world.police_officer)
    page = client.get(f"/p/thanet/jobs/{job.pk}/").content.decode()
    assert '<progress class="sp-job__bar" max="400" value="120">30%</progress>' in page
    assert "120 of 400 files (30%)" in page and "2014-12-kent-street.csv" in page


def test_the_schedule_queues_each_slot_once_however_many_workers_tick(db):
    moment = datetime.datetime(2015, 2, 10, 9, 7, tzinfo=datetime.UTC)
    first = schedule.tick(moment)
    assert set(first) == {entry.task for entry in schedule.SCHEDULE}
    assert schedule.tick(moment + datetime.timedelta(seconds=30)) == []
    assert schedule.tick(moment + datetime.timedelta(minutes=1)) == [
        "saferplan.reminders.tasks.deliver_emails"
    ]
    later = schedule.tick(moment + datetime.timedelta(minutes=8))
    assert later == [
        "saferplan.reminders.tasks.deliver_emails",
        "saferplan.reminders.tasks.send_due_emails",
    ]
    assert ScheduleRun.objects.count() == DBTaskResult.objects.count() == 6
