"""`saferplan backup` while the site is written to, `saferplan restore` into an empty database and
upload folder: the restored site shows the same pages, figures and papers, and has every update
committed before the backup began.

Real processes on real databases: the demo site is built by `saferplan demo` in a database of
its own (a SQLite file, or with DATABASE_URL on PostgreSQL that database, emptied first, restored
into h_sqlite_restore's kind of name: the source's name + "_restore", created and dropped here).
"""

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import time

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

WRITER = """
import datetime, sys
import django
django.setup()
from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.models import Action, EmergingIssue, Plan, Priority
canterbury = Partnership.objects.get(slug="canterbury")
plan = Plan.objects.create(partnership=canterbury, year=2014)
issue = EmergingIssue.objects.create(
    priority=Priority.objects.create(plan=plan, number=1, title="Busy"), number=1, title="Busy"
)
action = Action.objects.create(
    issue=issue, number=1, title="Written to", lead_agency=Agency.objects.first(),
    target_date=datetime.date(2015, 3, 31),
)
n = 0
while True:
    action.updates.create(status="underway", note=f"write {n}")
    print(n, flush=True)
    n += 1
"""

SNAPSHOT = """
import hashlib, io, json, re
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from saferplan.meetings.models import Paper
from saferplan.partnerships.models import Person
from saferplan.plans.models import ProgressUpdate
from saferplan.reports.models import IssuedReport

client = Client(HTTP_HOST="127.0.0.1")
client.force_login(Person.objects.get(email="coordinator@thanet.example"))
urls = [
    "/p/thanet/", "/p/thanet/plan/", "/p/thanet/plan/2014/", "/p/thanet/plan/2014/progress/",
    "/p/thanet/plan/2015/consultation/", "/p/thanet/crime/", "/p/thanet/meetings/",
    "/p/thanet/reports/", "/p/thanet/funding/",
]
papers = Paper.objects.exclude(file="").order_by("pk").values_list("pk", flat=True)
urls += [f"/p/thanet/meetings/papers/{pk}/" for pk in papers]
issued = IssuedReport.objects.order_by("pk").values_list("pk", flat=True)
urls += [f"/p/thanet/reports/issued/{pk}/report.{ext}" for pk in issued for ext in ("docx", "pdf")]
pages = {}
for url in urls:
    answer = client.get(url)
    body = b"".join(answer) if answer.streaming else answer.content
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)
    pages[url] = [answer.status_code, hashlib.sha256(body).hexdigest(), len(body)]
def command(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
progress = ["--partnership", "thanet", "--year", "2014", "--by", "priority", "--format", "json"]
crime = ["--partnership", "thanet", "--by", "month,category,ward", "--format", "csv"]
writes = ProgressUpdate.objects.filter(note__startswith="write ").values_list("note", flat=True)
print(json.dumps({
    "pages": pages,
    "progress": command("progress", *progress),
    "crime_stats": command("crime_stats", *crime),
    "writes": sorted(int(note.split()[1]) for note in writes),
}))
"""


def saferplan(env, *args, check=True):
    run = subprocess.run(
        [sys.executable, "-m", "saferplan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert not check or run.returncode == 0, run.stderr[-3000:]
    return run


def python(env, code):
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.splitlines()[-1])


def site(folder, database_url):
    environment = {k: v for k, v in os.environ.items() if k not in {"MEDIA_ROOT", "STATIC_ROOT"}}
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "saferplan.settings",
        "DEBUG": "true",
        "DATABASE_URL": database_url,
        "SAFERPLAN_VAR_DIR": str(folder),
    }


@pytest.fixture
def databases(tmp_path):
    """The source and the empty target: two SQLite files, or two PostgreSQL databases."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    base, _, name = url.rpartition("/")
    target = f"{name}_restore"
    with psycopg.connect(url, autocommit=True) as source:
        source.execute("DROP SCHEMA public CASCADE")
        source.execute("CREATE SCHEMA public")
        source.execute(f'DROP DATABASE IF EXISTS "{target}"')
        source.execute(f'CREATE DATABASE "{target}"')
    yield url, f"{base}/{target}"
    with psycopg.connect(url, autocommit=True) as source:
        source.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_a_backup_taken_during_writes_restores_the_same_site(tmp_path, databases):
    source_url, target_url = databases
    source = site(tmp_path / "site", source_url)
    target = site(tmp_path / "restored", target_url)
    saferplan(source, "demo", "--no-serve")

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER], env=source, stdout=subprocess.PIPE, text=True
    )
    try:
        committed = [int(writer.stdout.readline()) for _ in range(20)]
        before = committed[-1]
        backup = saferplan(source, "backup", str(tmp_path / "site.tar.gz"))
        time.sleep(0.5)  # and a few more writes after the backup
    finally:
        writer.terminate()
        writer.wait()
    assert "Backed up the" in backup.stdout
    uploads = int(re.search(r"(\d+) uploaded files", backup.stdout)[1])
    assert uploads >= 4  # the demo's papers and issued reports

    restored = saferplan(target, "restore", str(tmp_path / "site.tar.gz"))
    assert f"{uploads} uploaded files" in restored.stdout
    again = saferplan(target, "restore", str(tmp_path / "site.tar.gz"), check=False)
    assert again.returncode == 1
    assert (
        again.stderr.strip().splitlines()[-1].startswith("CommandError: the database is not empty")
    )

    original, copy = python(source, SNAPSHOT), python(target, SNAPSHOT)
    # Every write committed before the backup began is in it, and nothing but a run of them.
    assert copy["writes"] == list(range(len(copy["writes"])))
    assert len(copy["writes"]) > before
    assert len(original["writes"]) >= len(copy["writes"])
    for snapshot in (original, copy):
        del snapshot["writes"]
    assert copy == original
    statuses = {url: page[0] for url, page in original["pages"].items()}
    assert set(statuses.values()) == {200}, statuses
    # Every uploaded file is read back: the meetings' papers and the issued reports' Word and PDF.
    assert sum("/papers/" in url or "/issued/" in url for url in statuses) == uploads


def test_restore_refuses_a_database_that_holds_anything_in_one_line(world, tmp_path):
    archive = tmp_path / "site.tar.gz"
    manifest = json.dumps({"format": 1, "vendor": connection.vendor}).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("saferplan-backup.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    with pytest.raises(CommandError, match=r"^the database is not empty \(.*\): restore into an"):
        call_command("restore", str(archive))


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    (tmp_path / "notes.tar.gz").write_text("not an archive")
    with pytest.raises(CommandError, match=r"notes.tar.gz: not a SaferPlan backup"):
        call_command("restore", str(tmp_path / "notes.tar.gz"))
