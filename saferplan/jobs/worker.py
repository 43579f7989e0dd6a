"""`saferplan worker`: one process, a thread for each of its parts, none waiting on another.

- the "default" queue (imports started from pages, housekeeping) in the main thread;
- the "emails" queue in its own thread: a mail server that hangs holds up only emails;
- the beat (jobs/lease.py): says this worker is alive and gives up tasks whose worker died;
- the schedule (jobs/schedule.py), unless another worker keeps it.

When the database goes away each part logs one line, waits (1 s, then twice as long each time,
at most MAX_WAIT) and carries on when it is back; a task that was cut off is failed with its
reason. SIGTERM or Ctrl-C stops it after the task in hand; a second one at once.
"""

import contextlib
import logging
import signal
import sys
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from saferplan.ui.errors import DATABASE_DOWN

from . import lease, schedule

logger = logging.getLogger(__name__)

QUEUES = ["default", "emails"]
MAX_WAIT = 60
# How long a stopping worker waits for an email in hand (SMTP's own timeout bounds it).
EMAIL_GRACE_SECONDS = 15


def queue_worker(queues, *, worker_id, interval, batch=False):
    return Worker(
        queue_names=queues,
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_batch(*, interval):
    """Every queued task of every queue, then stop: the schedule's tick is the caller's."""
    queue_worker(QUEUES, worker_id=get_random_string(32), interval=interval, batch=True).run()


def first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def close_connection():
    with contextlib.suppress(DatabaseError):  # broken already: the next query opens another
        connection.close()


def wait_for_database(stop, who, error):
    """Log one line per try and try again, waiting longer each time, until the database
    answers (True) or the worker is stopped (False)."""
    wait = 1
    while True:
        logger.warning(
            "%s: the database is unavailable (%s); trying again in %s s",
            who,
            first_line(error),
            wait,
        )
        close_connection()
        if stop.wait(wait):
            return False
        try:
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DATABASE_DOWN as again:
            error, wait = again, min(wait * 2, MAX_WAIT)
        else:
            logger.warning("%s: the database is back; carrying on", who)
            return True


def run_queue(worker, stop, mine):
    """Run one queue until stopped, through any number of database outages."""
    who = f"Queue {worker.queue_names[0]}"
    cut_off = set()
    while True:
        try:
            # This queue runs nothing now: a task it still holds was cut off by the outage.
            lease.clear_abandoned(mine=mine, lost=cut_off)
            cut_off = set()
            worker.run()
            return
        except DATABASE_DOWN as error:
            cut_off = {worker.worker_id}
            if not wait_for_database(stop, who, error):
                return
        finally:
            close_connection()


def run_beats(stop, mine):
    """Say these workers are alive and give up the tasks of dead ones, every few seconds."""
    while not stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
        try:
            # SQLite's workers share its machine, where a process is known alive or not: no
            # beat needed, and none to wait for the write lock an import holds.
            if connection.vendor != "sqlite":
                lease.beat(mine)
            lease.clear_abandoned(mine=mine)
        except DATABASE_DOWN as error:
            logger.warning("Beat: the database is unavailable (%s)", first_line(error))
            close_connection()
        except Exception:
            logger.exception("The worker's beat failed; trying again shortly")


def run_schedule(stop, every_seconds=30):
    """A tick now and every `every_seconds` until stopped. A failing tick is logged and the
    next one tried; nothing else stops."""
    while True:
        try:
            for path in schedule.tick():
                logger.info("Scheduled %s", path)
        except DATABASE_DOWN as error:
            logger.warning("Schedule: the database is unavailable (%s)", first_line(error))
        except Exception:
            logger.exception("The schedule could not queue its tasks; trying again shortly")
        finally:
            close_connection()
        if stop.wait(every_seconds):
            return


def start(target, *args, name):
    thread = threading.Thread(target=target, args=args, name=name, daemon=True)
    thread.start()
    return thread


def run(*, interval, keep_schedule):
    name = get_random_string(24)
    workers = {
        queue: queue_worker([queue], worker_id=f"{name}-{queue}", interval=interval)
        for queue in QUEUES
    }
    mine = {worker.worker_id for worker in workers.values()}
    stop = threading.Event()

    def shutdown(signum, frame):
        if stop.is_set():
            logger.warning("%s again: stopping now", signal.strsignal(signum))
            sys.exit(1)
        logger.warning("%s: stopping after the tasks in hand", signal.strsignal(signum))
        stop.set()
        for worker in workers.values():
            worker.running = False

    signal.signal(signal.SIGINT, shutdown)
    signal.signal(signal.SIGTERM, shutdown)
    logger.info("Worker %s: queues %s", name, ", ".join(QUEUES))

    while True:
        try:
            lease.beat(mine)
            lease.clear_abandoned(mine=mine)
            break
        except DATABASE_DOWN as error:
            if not wait_for_database(stop, "Worker", error):
                return
    emails = start(run_queue, workers["emails"], stop, mine, name="emails")
    start(run_beats, stop, mine, name="beat")
    if keep_schedule:
        start(run_schedule, stop, name="schedule")
    run_queue(workers["default"], stop, mine)
    stop.set()
    emails.join(settings.EMAIL_TIMEOUT + EMAIL_GRACE_SECONDS)
    with contextlib.suppress(DATABASE_DOWN):  # its beats will look old; its tasks have ended
        lease.forget(mine)
