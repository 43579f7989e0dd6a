"""Run long work in the background and show its progress on a page.

    @job_task
    def import_something(job, *, path):
        for done, row in enumerate(rows, start=1):
            ...
            job_progress(job, done=done, total=len(rows), message=f"Row {done}")
        return Outcome("Imported 400 rows", url=...)

    path = keep_upload(upload)
    job = start_job(import_something, partnership=..., started_by=request.user,
                    title="Import rows.xlsx", uploads=[path], path=path)
    return redirect(job)  # the job's page, which refreshes itself until the job ends

The uploads are deleted when the job ends: done, failed, or abandoned by a worker that died
(jobs/lease.py). A job of several parts (the files of a zip) names them with `job_parts` and
marks each with `part_saved` once committed, so that its page says which were saved and which
were not, however it ends. What the page shows never holds the server's paths of the uploads.

Progress is written with an UPDATE on the task's own database connection, so it is seen by the
page as soon as it is committed: at once outside a transaction, and at the transaction's end
inside one (an importer that commits file by file shows progress file by file).
"""

import functools
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from saferplan.ui.errors import DATABASE_DOWN

from .api import task
from .models import Job

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    message: str
    url: str = ""
    # Lines the person who started it should check although the work was done (odd rows...).
    warnings: list = field(default_factory=list)


class JobFailed(Exception):
    """Stops a job with what its page must say; `problems` are the details (bad rows...)."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


# Progress is written at most this often (and always when done reaches total): a page that
# refreshes every two seconds needs no more, and an import row by row writes no more.
PROGRESS_EVERY_SECONDS = 1


def job_progress(job, *, done, total=None, message=""):
    if connection.vendor == "sqlite" and threading.get_ident() != job.thread:
        # From a reader's own thread (Arrow's) while the task's transaction may hold SQLite's
        # one write lock: the write would wait for it, then fail the task.
        return
    now = time.monotonic()
    if done != total and now - getattr(job, "progress_written", 0) < PROGRESS_EVERY_SECONDS:
        return
    job.progress_written = now
    job.done, job.total, job.message = done, total, without_paths(job, message)[:500]
    Job.objects.filter(pk=job.pk).update(
        done=done, total=total, message=job.message, updated=timezone.now()
    )


def job_parts(job, names):
    """The parts the job will save, none saved yet."""
    job.parts = [[name, False] for name in names]
    Job.objects.filter(pk=job.pk).update(parts=job.parts, updated=timezone.now())


def part_saved(job, name):
    """Mark a part saved, at once: call it only once the part is committed."""
    job.parts = [[part, saved or part == name] for part, saved in job.parts]
    Job.objects.filter(pk=job.pk).update(parts=job.parts, updated=timezone.now())


def without_paths(job, text):
    """`text` with each upload's path on the server (or in the storage) as its file name."""
    for upload in job.uploads:
        name = PurePath(upload).name
        text = text.replace(default_storage.path(upload), name).replace(upload, name)
    return text


def finish(job, *, status, message, problems=(), url=""):
    """End the job and delete its uploads."""
    Job.objects.filter(pk=job.pk).update(
        status=status,
        message=without_paths(job, message)[:500],
        problems=[without_paths(job, problem) for problem in problems],
        result_url=url,
        finished_at=timezone.now(),
        updated=timezone.now(),
    )
    for upload in job.uploads:
        default_storage.delete(upload)


def job_task(func):
    """Make `func(job, **kwargs)` a background task that `start_job` queues. It runs with the
    job marked running; its Outcome (or JobFailed) ends the job. Any other error ends it too,
    saying so, and is logged and re-raised so the task is marked failed as well."""

    @functools.wraps(func)
    def run(job_id, **kwargs):
        job = Job.objects.get(pk=job_id)
        job.thread = threading.get_ident()
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated=timezone.now())
        try:
            outcome = func(job, **kwargs)
        except JobFailed as error:
            finish(job, status=Job.Status.FAILED, message=str(error), problems=error.problems)
        except DATABASE_DOWN:
            raise  # the worker waits for the database, then ends the job (jobs/lease.py)
        except Exception:
            logger.exception("Job %s (%s) stopped with an unexpected error", job.pk, job.title)
            finish(
                job,
                status=Job.Status.FAILED,
                message="It stopped with an unexpected error. Nothing more was done; the "
                "details are in the worker's log.",
            )
            raise
        else:
            finish(
                job,
                status=Job.Status.DONE,
                message=outcome.message,
                problems=outcome.warnings,
                url=outcome.url,
            )

    return task()(run)


def keep_upload(upload):
    """Save an uploaded file where the worker can read it; its storage path."""
    return default_storage.save(f"imports/{uuid.uuid4().hex}/{upload.name}", upload)


def start_job(
    job_task, *, partnership, started_by, title, unit="steps", uploads=(), again_url="", **kwargs
):
    """Create the job and queue its task, in the caller's transaction: both or neither.
    `uploads` (storage paths) are deleted when the job ends; the job's page links to
    `again_url`, the page that started it, to try again or start another."""
    job = Job.objects.create(
        partnership=partnership,
        started_by=started_by,
        title=title[:200],
        unit=unit,
        uploads=list(uploads),
        again_url=again_url,
    )
    job.task_id = str(job_task.enqueue(job.pk, **kwargs).id)
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)
    return job
