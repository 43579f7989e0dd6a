"""Real `saferplan` processes for fault tests, sharing the test's database.

On PostgreSQL the processes use the test database itself (the test must be a transactional one,
so that they see what it wrote). On SQLite the test database is in memory: `SharedDatabase`
copies it to a file for them (SQLite's online backup) and back again when they are done, so the
test reads what they did through the ORM and its pages.
"""

import contextlib
import glob
import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SAFERPLAN = str(Path(sys.executable).with_name("saferplan"))


class SharedDatabase:
    def __init__(self, folder):
        self.file = folder / "shared.sqlite3" if connection.vendor == "sqlite" else None

    def __enter__(self):
        if self.file:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as copy:
                connection.connection.backup(copy)
        return self

    def __exit__(self, *exc):
        self.copy_back()

    @property
    def url(self):
        if self.file:
            return f"sqlite:///{self.file}"
        db = connection.settings_dict
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

    def copy_back(self):
        """What the processes did, into the test's database."""
        if self.file:
            with sqlite3.connect(self.file) as copy:
                copy.backup(connection.connection)

    def value(self, sql, *params):
        """One value, read as the processes see it now."""
        if self.file:
            with sqlite3.connect(self.file) as copy:
                return copy.execute(sql.replace("%s", "?"), params).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]


def environment(database_url, **extra):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "WORKER_HEARTBEAT_SECONDS": "1",
        "LOG_LEVEL": "INFO",
        **extra,
    }


def start(args, env, log):
    """A `saferplan` command in the background, its output in the file `log`."""
    with open(log, "ab") as output:
        return subprocess.Popen(
            [SAFERPLAN, *args], env=env, stdout=output, stderr=subprocess.STDOUT
        )


def stop(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s: {what}")


class ThrowAwayCluster:
    """A PostgreSQL cluster of its own on a free loopback port, in a temporary folder, that
    the test stops and starts; as root, its programs run as the `postgres` user."""

    def __init__(self, port):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            pytest.skip("PostgreSQL's server programs are not installed")
        self.bin = Path(found[-1]).parent
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="saferplan-cluster-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self.data = self.folder / "data"
        self.run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, program, *args):
        command = [str(self.bin / program), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def start(self):
        options = f"-p {self.port} -h 127.0.0.1 -k {self.folder} -F"
        self.run("pg_ctl", "-D", self.data, "-l", self.folder / "log", "-o", options, "-w", "start")

    def stop(self):
        self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
