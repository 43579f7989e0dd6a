"""Noticing a task whose worker died: each queue of `saferplan worker` writes a beat (its
machine, process and time) when it starts and, on PostgreSQL, every WORKER_HEARTBEAT_SECONDS;
every worker looks, as often, for running tasks whose worker is gone.

A worker is gone when its process no longer exists (a worker on the same machine asks the
system: certain at once, and all SQLite's workers share its machine) or, on another machine,
when its beat is older than LEASE_BEATS beats. Such a task is marked failed, its job
too, with a plain reason and what was saved; its uploads are deleted. Nothing is resumed: an
import is whole per part, and its page says which parts to upload again.
"""

import datetime
import logging
import os
import socket

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .api import TaskResultStatus
from .models import Job, WorkerBeat
from .runner import finish

logger = logging.getLogger(__name__)

# Beats a worker on another machine may miss (a busy machine, a slow database) before it counts
# as gone.
LEASE_BEATS = 6
STOPPED = (
    "The worker running this stopped before it finished (its process ended, or the machine "
    "restarted)."
)
LOST = "The worker lost its connection to the database while running this."


class WorkerStopped(Exception):
    """What a given-up task's result names as its error: django-tasks imports the class named
    when the result is read, so it must exist."""


def lease():
    return datetime.timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS * LEASE_BEATS)


def beat(worker_ids):
    now = timezone.now()
    for worker_id in worker_ids:
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"host": socket.gethostname(), "pid": os.getpid(), "seen": now},
        )


def forget(worker_ids):
    """A worker that stops on its own leaves no beat behind."""
    WorkerBeat.objects.filter(worker_id__in=worker_ids).delete()


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def is_gone(beat, started_at, now):
    """Whether the worker of this beat (not one of this process's) is gone."""
    if beat is None:  # a worker of a release before beats, or one that never wrote its first
        return started_at < now - lease()
    if beat.host != socket.gethostname():
        return beat.seen < now - lease()
    # Same pid, other worker id: it ran here before a restart (a container reuses its pids).
    return beat.pid == os.getpid() or not process_exists(beat.pid)


def abandoned(*, mine, lost=(), now=None):
    """The running tasks whose worker is gone, with why. `mine` are this process's worker ids,
    alive but for those in `lost`: queues that lost the database in the middle of a task."""
    now = now or timezone.now()
    running = list(DBTaskResult.objects.running())
    last = {task.pk: (task.worker_ids or [""])[-1] for task in running}
    beats = {b.worker_id: b for b in WorkerBeat.objects.filter(worker_id__in=last.values())}
    found = []
    for task in running:
        worker_id = last[task.pk]
        if worker_id in lost:
            found.append((task, LOST))
        elif worker_id not in mine and is_gone(beats.get(worker_id), task.started_at, now):
            found.append((task, STOPPED))
    return found


def give_up(task, reason):
    """Mark an abandoned task failed, and its job with what was saved; False if it had ended."""
    ended = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=f"{__name__}.{WorkerStopped.__qualname__}",
        traceback=reason,
        return_value=None,
    )
    if not ended:
        return False
    job = Job.objects.filter(task_id=str(task.pk)).first()
    if job is not None and not job.is_finished:
        message = f"{reason} Nothing more will be done for it: {saved_of(job)}"
        finish(job, status=Job.Status.FAILED, message=message)
    logger.warning("Task %s (%s) given up: %s", task.pk, task.task_path, reason)
    return True


def saved_of(job):
    saved = len(job.saved_parts)
    if not job.parts:
        return "start it again."
    if not saved:
        return "none of its parts was saved; start it again."
    return (
        f"{saved} of {len(job.parts)} parts were saved (listed below); start it again for "
        "the others."
    )


def jobs_left_unfinished():
    """Jobs whose task ended without ending them: it failed while the database was away."""
    running = Job.objects.filter(status=Job.Status.RUNNING).exclude(task_id="")
    jobs = {job.task_id: job for job in running}
    ended = DBTaskResult.objects.finished().filter(id__in=jobs)
    return [jobs[str(task.id)] for task in ended]


def clear_abandoned(*, mine, lost=()):
    """Give up every abandoned task, and end the jobs left unfinished; how many."""
    given_up = sum(give_up(task, reason) for task, reason in abandoned(mine=mine, lost=lost))
    for job in jobs_left_unfinished():
        message = f"{LOST} Nothing more will be done for it: {saved_of(job)}"
        finish(job, status=Job.Status.FAILED, message=message)
    return given_up
