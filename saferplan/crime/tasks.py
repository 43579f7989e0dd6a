"""The crime app's background work: police.uk files uploaded on a page, imported by the worker."""

from pathlib import PurePath

from django.core.files.storage import default_storage
from django.urls import reverse

from saferplan.jobs.runner import JobFailed, Outcome, job_progress, job_task

from .files import BadFile


@job_task
def import_police_files(job, *, paths):
    """Import the uploaded files at `paths` (in the default storage) exactly as
    `saferplan import_police` does, showing how many kilobytes are read; the uploads are
    deleted afterwards, imported or not."""

    from .police import import_police  # Arrow: imported by the worker, not with the pages

    def progress(done, total, message):
        job_progress(job, done=done >> 10, total=total >> 10, message=f"Reading {message}")

    try:
        result = import_police([default_storage.path(path) for path in paths], progress)
    except BadFile as error:
        raise JobFailed(
            f"{error}. Nothing from this file was saved; any file before it was imported. "
            "Correct the file and upload it again."
        ) from None
    finally:
        for path in paths:
            default_storage.delete(path)
    read = sum(month.rows_read for month in result.months)
    kept = sum(month.rows_kept for month in result.months)
    names = ", ".join(PurePath(path).name for path in paths)
    return Outcome(
        f"Imported {names}: {len(result.months)} police.uk files, {read:,} rows read, "
        f"{kept:,} kept in the partnerships' areas, {read - kept:,} left out.",
        url=reverse("crime:overview", args=[job.partnership.slug]),
    )
