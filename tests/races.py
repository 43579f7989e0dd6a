"""Real races on PostgreSQL: another connection has written a row and not yet committed while a
real `saferplan` process reaches the same unique constraint and waits on it; then the row is
committed, and the process must say what happened."""

import contextlib
import os
import subprocess
import sys
import threading
import time

from django.db import connection, transaction


@contextlib.contextmanager
def held_uncommitted(write):
    """`write()` in a transaction of another connection, committed when the block ends."""
    written, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                write()
                written.set()
                release.wait(timeout=60)
        finally:
            connection.close()

    other = threading.Thread(target=hold)
    other.start()
    assert written.wait(timeout=20)
    try:
        yield
    finally:
        release.set()
        other.join(timeout=30)


def start_blocked(*arguments, **env):
    """Start `saferplan ARGUMENTS` on the test database; return it once it waits on a lock."""
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    process = subprocess.Popen(
        [sys.executable, "-m", "saferplan", *arguments],
        env={**os.environ, "DATABASE_URL": url, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not waiting_on_a_lock() and process.poll() is None:
        assert time.monotonic() < deadline, "the command never reached the constraint"
        time.sleep(0.2)
    return process


def waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]
