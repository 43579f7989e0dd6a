"""What the worker queues by itself, and how often.

Every scheduled task is safe to run at any time and any number of times: it looks at the clock
and the database and does only what is due and not yet done (a reminder day missed while the
worker was stopped is caught up when it starts again). The schedule only makes sure that it
runs often enough. Each slot is queued once across all workers (`ScheduleRun`).
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduleRun


@dataclass(frozen=True)
class Every:
    minutes: int
    task: str  # the dotted path of a task taking no arguments


SCHEDULE = [
    Every(1, "saferplan.reminders.tasks.deliver_emails"),
    Every(15, "saferplan.reminders.tasks.send_due_emails"),
    Every(24 * 60, "saferplan.jobs.tasks.prune"),
]


def slot_of(now, minutes):
    """The start of the `minutes`-long slot `now` falls in, counted from the Unix epoch."""
    seconds = minutes * 60
    return datetime.datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=datetime.UTC)


def tick(now=None, schedule=SCHEDULE):
    """Queue each scheduled task whose current slot no worker has queued yet; return their
    paths."""
    now = now or timezone.now()
    queued = []
    for entry in schedule:
        try:
            with transaction.atomic():
                ScheduleRun.objects.create(task=entry.task, slot=slot_of(now, entry.minutes))
                import_string(entry.task).enqueue()
        except IntegrityError:
            continue  # another worker's scheduler has queued this slot
        queued.append(entry.task)
    return queued
