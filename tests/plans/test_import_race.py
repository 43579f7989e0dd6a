"""Two imports of the same plan year at once: the second is told in one line that the year has a
plan, and exits non-zero; it saves nothing and prints no traceback.

The race is made certain: another connection has created the year's plan and not yet committed,
so `saferplan import_plan` (a real process) finds no plan, reads its file and then waits on the
database's unique constraint; the other commits, and the import must say what happened. It runs on
PostgreSQL, where the test database is shared with the process and the transactions overlap.
"""

import os
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection, transaction

from saferplan.plans.models import Action, Plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a real race needs PostgreSQL: DATABASE_URL"
    ),
]


def waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def test_an_import_that_loses_the_race_for_its_year_says_so_in_a_line(world, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "Priority,Emerging issue,Action,Lead agency\n"
        + "".join(f"ASB,Street drinking,Patrols {n},Kent Police\n" for n in range(200))
    )
    created, release = threading.Event(), threading.Event()

    def other_import():
        try:
            with transaction.atomic():
                Plan.objects.create(partnership=world.thanet, year=2016)
                created.set()
                release.wait(timeout=60)
        finally:
            connection.close()

    other = threading.Thread(target=other_import)
    other.start()
    assert created.wait(timeout=20)
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "test",
        "ALLOWED_HOSTS": "localhost",
    }
    command = [sys.executable, "-m", "saferplan", "import_plan", str(path)]
    command += ["--partnership", "thanet", "--year", "2016"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not waiting_on_a_lock() and process.poll() is None:
            assert time.monotonic() < deadline, "the import never reached the constraint"
            time.sleep(0.2)
    finally:
        release.set()
        other.join(timeout=30)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.strip().splitlines() == [
        f"CommandError: {path}: 1 problem, nothing was imported (first: Thanet Community "
        "Safety Partnership already has a plan for 2016-17)"
    ]
    assert Plan.objects.filter(year=2016).count() == 1
    assert not Action.objects.exists()
