"""Backing up and restoring a site: its database and its uploads, in one archive.

The archive is a gzipped tar file holding `saferplan-backup.json` (what it holds), the database
(`database.sqlite3`, a copy made by SQLite's online backup API, or `database.pgdump`, PostgreSQL's
own pg_dump in its custom format) and `media/`, every file under MEDIA_ROOT. Both database copies
are consistent while the site runs: a snapshot of committed work, whatever is being written
meanwhile. The database is copied first, then the uploads, so every file the copy names is in
the archive (unless deleted in between, as an imported upload is).
"""

import datetime
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection

MANIFEST = "saferplan-backup.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Filled by `migrate` itself, so present in a database nobody has used yet.
MIGRATE_FILLS = {"contenttypes.ContentType", "auth.Permission"}


class BackupError(Exception):
    """Why a backup or a restore cannot be done, in one line."""


@dataclass
class Archived:
    vendor: str
    database_bytes: int
    files: int
    file_bytes: int


def backup(path):
    """Write the database and the uploads to the archive at `path`: all of it, or nothing."""
    path = Path(path)
    vendor = connection.vendor
    if not path.parent.is_dir():
        raise BackupError(f"cannot write {path}: there is no folder {path.parent}")
    # The copy is made beside the archive, where there is room for the archive.
    with tempfile.TemporaryDirectory(prefix=".saferplan-backup-", dir=path.parent) as work:
        database = Path(work) / DATABASE_FILES[vendor]
        if vendor == "sqlite":
            copy_sqlite(database)
        else:
            dump_postgresql(database)
        partial = path.with_name(path.name + ".partial")
        files = file_bytes = 0
        try:
            with tarfile.open(partial, "w:gz") as archive:
                manifest = {
                    "format": 1,
                    "vendor": vendor,
                    "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                }
                add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                archive.add(database, database.name)
                for file in media_files():
                    try:
                        size = file.stat().st_size
                        archive.add(file, f"media/{file.relative_to(settings.MEDIA_ROOT)}")
                    except FileNotFoundError:  # deleted since, as an imported upload is
                        continue
                    files += 1
                    file_bytes += size
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"cannot write {path}: {error.strerror or error}") from None
        return Archived(vendor, database.stat().st_size, files, file_bytes)


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(file for file in root.rglob("*") if file.is_file()) if root.is_dir() else []


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(data))


def copy_sqlite(target):
    """SQLite's online backup API: a consistent copy, the write-ahead log included, in one step
    (a step-wise copy starts again whenever another process writes)."""
    name = settings.DATABASES["default"]["NAME"]
    if not Path(name).is_file():
        raise BackupError(f"there is no database at {name}: check DATABASE_URL")
    source = sqlite3.connect(name)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def postgresql_environment():
    """libpq's variables for the site's database: the password never on a command line."""
    db = settings.DATABASES["default"]
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    env.update({variable: str(db[key]) for key, variable in names.items() if db.get(key)})
    return env


def postgresql_tool(name):
    """The path of pg_dump or pg_restore, refused when older than the server."""
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed: apt-get install postgresql-client")
    output = subprocess.run([found, "--version"], capture_output=True, text=True).stdout
    client = int(re.search(r"(\d+)(?:\.\d+)?", output)[1])
    with connection.cursor():  # connects, so pg_version is known
        server = connection.pg_version // 10000
    if client < server:
        raise BackupError(
            f"{name} {client} cannot handle a PostgreSQL {server} server: "
            f"install postgresql-client-{server}"
        )
    return found


def run_tool(command):
    done = subprocess.run(command, env=postgresql_environment(), capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise BackupError(f"{Path(command[0]).name} failed: {lines[0]}")


def dump_postgresql(target):
    tool = postgresql_tool("pg_dump")
    run_tool([tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


def restore(path, *, force=False):
    """Replace the database and the uploads by those in the archive at `path`.

    Refused when the database or the upload folder holds anything, unless `force`.
    """
    path = Path(path)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the `with` below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path}: not a SaferPlan backup ({error})") from None
    with archive, tempfile.TemporaryDirectory(prefix="saferplan-restore-") as work:
        manifest = read_manifest(archive, path)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"{path} holds a {manifest['vendor']} database and this site uses "
                f"{connection.vendor}: restore it into a {manifest['vendor']} database"
            )
        if not force:
            refuse_unless_empty()
        try:
            archive.extractall(work, filter="data")
        except (OSError, tarfile.TarError) as error:
            raise BackupError(f"{path}: cannot be read whole ({error})") from None
        database = Path(work) / DATABASE_FILES[manifest["vendor"]]
        if not database.is_file():
            raise BackupError(f"{path}: no database in it")
        media = Path(work) / "media"
        if connection.vendor == "sqlite":
            restore_sqlite(database)
        else:
            restore_postgresql(database)
        files, file_bytes = replace_media(media)
        return Archived(manifest["vendor"], database.stat().st_size, files, file_bytes)


def read_manifest(archive, path):
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError, tarfile.TarError, OSError):
        raise BackupError(f"{path}: not a SaferPlan backup (no {MANIFEST} in it)") from None
    if manifest.get("format") != 1 or manifest.get("vendor") not in DATABASE_FILES:
        raise BackupError(f"{path}: a backup of a kind this version cannot restore")
    return manifest


def refuse_unless_empty():
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.label in MIGRATE_FILLS or model._meta.db_table not in tables:
            continue
        try:
            holds = model._base_manager.exists()
        except DatabaseError:  # a table of an older version
            holds = True
        if holds:
            raise BackupError(
                f"the database is not empty ({model._meta.db_table} has rows): restore into "
                "an empty one, or add --force to replace everything in it"
            )
    if media_files():
        raise BackupError(
            f"the upload folder {settings.MEDIA_ROOT} is not empty: restore into an empty one, "
            "or add --force to replace everything in it"
        )


def restore_sqlite(database):
    """The archive's copy written over the site's database through SQLite's backup API, which
    takes the database's locks (a file copy would not)."""
    connection.close()
    source = sqlite3.connect(database)
    target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def restore_postgresql(database):
    """pg_restore in one transaction: the database is replaced whole, or not at all."""
    tool = postgresql_tool("pg_restore")
    connection.close()
    options = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error"]
    name = settings.DATABASES["default"]["NAME"]
    run_tool([tool, *options, "--single-transaction", f"--dbname={name}", str(database)])


def replace_media(media):
    """The upload folder made the archive's: the new folder is put in place, then the old one
    removed. Returns the number of files and their bytes."""
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".restoring-", dir=root.parent))
    if media.is_dir():
        shutil.copytree(media, incoming, dirs_exist_ok=True)
    old = root.with_name(root.name + ".before-restore")
    if root.exists():
        shutil.rmtree(old, ignore_errors=True)
        root.rename(old)
    incoming.rename(root)
    shutil.rmtree(old, ignore_errors=True)
    sizes = [file.stat().st_size for file in root.rglob("*") if file.is_file()]
    return len(sizes), sum(sizes)
