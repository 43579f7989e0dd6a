"""The crime app's background work: police.uk files uploaded on a page, imported by the worker."""

import threading
from collections import Counter
from contextlib import ExitStack
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from saferplan.jobs.api import task
from saferplan.jobs.runner import (
    JobFailed,
    Outcome,
    job_parts,
    job_progress,
    job_task,
    part_saved,
    without_paths,
)

from .charts import draw_trend_charts
from .files import BadFile


@job_task
def import_police_files(job, *, paths):
    """Import the uploaded files at `paths` (in the default storage) for the job's partnership
    alone (the districts only it covers), as `saferplan import_police` does for every
    partnership, showing how many kilobytes are read and which files are saved; the job deletes
    the uploads when it ends, imported or not."""
    files = [default_storage.path(path) for path in paths]
    # Each file is saved in a transaction of its own: progress called in this thread outside
    # it (at the depth the task started at) comes after the file named was committed. (Arrow
    # also calls it from its reading thread, which has a connection of its own.)
    thread, depth = threading.get_ident(), len(connection.atomic_blocks)
    from .police import import_police  # Arrow: imported by the worker, not with the pages

    def progress(done, total, name):
        shown = without_paths(job, name)
        if threading.get_ident() == thread and len(connection.atomic_blocks) == depth:
            part_saved(job, shown)
        job_progress(job, done=done >> 10, total=total >> 10, message=f"Reading {shown}")

    try:
        job_parts(job, [without_paths(job, name) for name in police_files(files)])
        result = import_police(
            files, progress, partnership=job.partnership, started_by=job.started_by
        )
        draw_trend_charts([job.partnership])  # only its own districts' figures changed
    except BadFile as error:
        raise JobFailed(
            f"{error}. Nothing from this file was saved; the files listed as imported were. "
            "Correct the file and upload it again."
        ) from None
    return Outcome(
        summary(paths, result, f"kept in {job.partnership}'s own districts"),
        url=reverse("crime:overview", args=[job.partnership.slug]),
    )


@task()
def import_police_for_site(*, paths, started_by_id):
    """Import files uploaded on the Police data page for every partnership, as
    `saferplan import_police` does; the load's log says how it went (a bad file is its
    problem there, not the task's); the uploads are deleted afterwards, imported or not."""
    from .police import import_police

    started_by = get_user_model().objects.filter(pk=started_by_id).first()
    try:
        import_police([default_storage.path(path) for path in paths], started_by=started_by)
    except BadFile:
        pass  # logged in the load, for the page to say (files before the bad one were saved)
    finally:
        for path in paths:
            default_storage.delete(path)
    draw_trend_charts()


@task()
def draw_crime_charts():
    """What `saferplan import_police` leaves to the worker: every partnership's trend chart."""
    draw_trend_charts()


def summary(paths, result, kept_where):
    """What a load did, in one paragraph: rows read, kept, left out (and why) and replaced, and
    any month with rows identical to an earlier one."""
    from .police import identical_note

    read = sum(month.rows_read for month in result.months)
    kept = sum(month.rows_kept for month in result.months)
    why = sum((Counter(month.left_out) for month in result.months), Counter())
    left_out = f"{read - kept:,} left out"
    if why:
        left_out += f" ({', '.join(f'{n:,} {reason}' for reason, n in why.items())})"
    names = ", ".join(PurePath(path).name for path in paths)
    notes = [
        f"{month.month:%Y-%m} {month.force} {month.kind}: {note}."
        for month in result.months
        if (note := identical_note(month))
    ]
    return " ".join(
        [
            f"Imported {names}: {len(result.months)} police.uk files, {read:,} rows read, "
            f"{kept:,} {kept_where}, {left_out}; "
            f"{result.load.rows_replaced:,} rows loaded before were replaced.",
            *notes,
        ]
    )


def police_files(files):
    """The names of the police files to import in these files, folders and zips, in order."""
    from .police import STOP_AND_SEARCH, find_sources

    with ExitStack() as archives:
        return [
            source.name
            for source in find_sources(files, archives)
            if source.kind != STOP_AND_SEARCH
        ]
