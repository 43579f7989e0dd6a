"""The crime app's background work: police.uk files uploaded on a page, imported by the worker."""

import threading
from contextlib import ExitStack
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from saferplan.jobs.runner import (
    JobFailed,
    Outcome,
    job_parts,
    job_progress,
    job_task,
    part_saved,
    without_paths,
)

from .files import BadFile
from .police import STOP_AND_SEARCH, find_sources, import_police


@job_task
def import_police_files(job, *, paths):
    """Import the uploaded files at `paths` (in the default storage) exactly as
    `saferplan import_police` does, showing how many kilobytes are read and which files are
    saved; the job deletes the uploads when it ends, imported or not."""
    files = [default_storage.path(path) for path in paths]
    # Each file is saved in a transaction of its own: progress called in this thread outside
    # it (at the depth the task started at) comes after the file named was committed. (Arrow
    # also calls it from its reading thread, which has a connection of its own.)
    thread, depth = threading.get_ident(), len(connection.atomic_blocks)

    def progress(done, total, name):
        shown = without_paths(job, name)
        if threading.get_ident() == thread and len(connection.atomic_blocks) == depth:
            part_saved(job, shown)
        job_progress(job, done=done >> 10, total=total >> 10, message=f"Reading {shown}")

    try:
        job_parts(job, [without_paths(job, name) for name in police_files(files)])
        result = import_police(files, progress)
    except BadFile as error:
        raise JobFailed(
            f"{error}. Nothing from this file was saved; the files listed as imported were. "
            "Correct the file and upload it again."
        ) from None
    read = sum(month.rows_read for month in result.months)
    kept = sum(month.rows_kept for month in result.months)
    names = ", ".join(PurePath(path).name for path in paths)
    return Outcome(
        f"Imported {names}: {len(result.months)} police.uk files, {read:,} rows read, "
        f"{kept:,} kept in the partnerships' areas, {read - kept:,} left out.",
        url=reverse("crime:overview", args=[job.partnership.slug]),
    )


def police_files(files):
    """The names of the police files to import in these files, folders and zips, in order."""
    with ExitStack() as archives:
        return [
            source.name
            for source in find_sources(files, archives)
            if source.kind != STOP_AND_SEARCH
        ]
