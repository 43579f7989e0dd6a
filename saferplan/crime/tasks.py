"""The crime app's background work: police.uk files uploaded on a page, imported by the worker."""

from collections import Counter
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse

from saferplan.jobs.api import task
from saferplan.jobs.runner import JobFailed, Outcome, job_progress, job_task

from .files import BadFile
from .police import identical_note, import_police


@job_task
def import_police_files(job, *, paths):
    """Import the uploaded files at `paths` (in the default storage) for the job's partnership
    alone (the districts only it covers), as `saferplan import_police` does for every
    partnership, showing how many kilobytes are read; the uploads are deleted afterwards,
    imported or not."""

    def progress(done, total, message):
        job_progress(job, done=done >> 10, total=total >> 10, message=f"Reading {message}")

    try:
        result = import_police(
            [default_storage.path(path) for path in paths],
            progress,
            partnership=job.partnership,
            started_by=job.started_by,
        )
    except BadFile as error:
        raise JobFailed(
            f"{error}. Nothing from this file was saved; any file before it was imported. "
            "Correct the file and upload it again."
        ) from None
    finally:
        for path in paths:
            default_storage.delete(path)
    return Outcome(
        summary(paths, result, f"kept in {job.partnership}'s own districts"),
        url=reverse("crime:overview", args=[job.partnership.slug]),
    )


@task()
def import_police_for_site(*, paths, started_by_id):
    """Import files uploaded on the Police data page for every partnership, as
    `saferplan import_police` does; the load's log says how it went (a bad file is its
    problem there, not the task's); the uploads are deleted afterwards, imported or not."""
    started_by = get_user_model().objects.filter(pk=started_by_id).first()
    try:
        import_police([default_storage.path(path) for path in paths], started_by=started_by)
    except BadFile:
        pass  # logged in the load, for the page to say
    finally:
        for path in paths:
            default_storage.delete(path)


def summary(paths, result, kept_where):
    """What a load did, in one paragraph: rows read, kept, left out (and why) and replaced, and
    any month with rows identical to an earlier one."""
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
