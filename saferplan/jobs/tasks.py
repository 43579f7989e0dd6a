"""Housekeeping of the queue itself."""

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .api import task
from .models import ScheduleRun, WorkerBeat

KEEP_DAYS = 14


@task()
def prune():
    """Forget finished tasks, schedule slots and the beats of stopped workers older than
    KEEP_DAYS; jobs and emails stay."""
    before = timezone.now() - datetime.timedelta(days=KEEP_DAYS)
    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    slots, _ = ScheduleRun.objects.filter(slot__lt=before).delete()
    beats, _ = WorkerBeat.objects.filter(seen__lt=before).delete()
    return {"task_results": results, "schedule_slots": slots, "worker_beats": beats}
