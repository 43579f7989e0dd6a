"""The database goes away and comes back: the worker waits for it (a line in its log each try)
and carries on, failing the import the outage cut off with what it had saved; meanwhile pages
say plainly that SaferPlan is unavailable (503, the site's own look). A throw-away PostgreSQL
cluster, a real web server and worker, all on the loopback."""

import subprocess
import urllib.error
import urllib.request

import psycopg
import pytest

from tests.conftest import free_port
from tests.jobs.processes import (
    SAFERPLAN,
    ThrowAwayCluster,
    environment,
    start,
    stop,
    wait_until,
)
from tests.jobs.test_killed_worker import MONTHS, police_zip

# A police.uk import, started as a page would, of the file at {}: under way when the database
# goes.
START_IMPORT = """
from django.core.files import File
from saferplan.crime.tasks import import_police_files
from saferplan.jobs.runner import keep_upload, start_job
from saferplan.partnerships.models import Partnership
partnership = Partnership.objects.create(slug="thanet", name="Thanet")
with open("{}", "rb") as upload:
    path = keep_upload(File(upload, name="kent.zip"))
job = start_job(import_police_files, partnership=partnership, started_by=None,
                title="Import kent.zip", uploads=[path], paths=[path])
print(job.pk)
"""


@pytest.fixture
def cluster():
    cluster = ThrowAwayCluster(free_port())
    yield cluster
    cluster.remove()


def get(url):
    """Status and text of a page, through the HTTPS proxy, for a visitor who has a session
    cookie (so that the page reads the database)."""
    headers = {"Cookie": "sessionid=a-session", "X-Forwarded-Proto": "https"}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


def saferplan(env, *args):
    done = subprocess.run([SAFERPLAN, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def value(cluster, sql, *params):
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
        return db.execute(sql, params).fetchone()[0]


def test_the_worker_and_the_pages_ride_out_a_database_outage(
    cluster, settings, tmp_path, shared_data
):
    settings.MEDIA_ROOT = tmp_path / "media"
    env = environment(
        cluster.url,
        DEBUG="0",
        SECRET_KEY="a-secret-key-for-this-test-only-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    saferplan(env, "migrate", "--no-input")
    saferplan(env, "collectstatic", "--no-input")
    upload = tmp_path / "kent.zip"
    upload.write_bytes(police_zip(shared_data))
    site = f"http://127.0.0.1:{free_port()}"
    web = start(["runserver", "--noreload", site.removeprefix("http://")], env, tmp_path / "web")
    worker = start(["worker"], env, tmp_path / "worker")
    log = tmp_path / "worker"
    try:
        wait_until(lambda: get(f"{site}/account/sign-in/")[0] == 200, 60, "the site is up")
        wait_until(lambda: "Starting worker" in log.read_text(), 60, "the worker is up")
        job = saferplan(env, "shell", "--no-imports", "-c", START_IMPORT.format(upload)).strip()
        wait_until(
            lambda: 1 <= value(cluster, "SELECT COUNT(*) FROM crime_policemonth") < len(MONTHS),
            120,
            "a file of the upload imported",
        )

        cluster.stop()
        status, page = get(f"{site}/account/sign-in/")
        assert status == 503
        assert "<h1>Sorry, SaferPlan is unavailable</h1>" in page
        assert "cannot reach its database" in page
        assert '<link rel="stylesheet" href="/static/ui/saferplan.' in page, "the site's look"
        assert "<script" not in page and "<style" not in page and "style=" not in page

        def tries():
            return log.read_text().count("Queue default: the database is unavailable")

        wait_until(lambda: tries() >= 3, 60, "the worker tries again and again")
        assert worker.poll() is None, "the worker waits for the database"

        cluster.start()
        wait_until(
            lambda: "Queue default: the database is back" in log.read_text(),
            90,
            "the worker finds the database back",
        )
        wait_until(
            lambda: value(cluster, "SELECT status FROM jobs_job WHERE id = %s", job) == "failed",
            60,
            "the import the outage cut off is failed",
        )
        message = value(cluster, "SELECT message FROM jobs_job WHERE id = %s", job)
        assert message.startswith(
            "The worker lost its connection to the database while running this."
        )
        imported = value(cluster, "SELECT COUNT(*) FROM crime_policemonth")
        assert f"{imported} of {len(MONTHS)} parts were saved" in message
        assert not list(settings.MEDIA_ROOT.rglob("kent.zip")), "the upload is deleted"
        task = saferplan(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from saferplan.jobs.tasks import prune; print(prune.enqueue().id)",
        ).strip()

        wait_until(
            lambda: (
                value(
                    cluster,
                    "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s",
                    task,
                )
                == "SUCCESSFUL"
            ),
            60,
            "the worker runs a task queued after the outage",
        )
        assert get(f"{site}/account/sign-in/")[0] == 200
        assert worker.poll() is None
    finally:
        stop(worker)
        stop(web)
    assert worker.returncode == 0
    assert "Traceback" not in log.read_text(), "a line per try, not a traceback"
