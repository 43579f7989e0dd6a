"""Long work started from a page, and the schedule's record of what it has queued.

A `Job` is what a page shows while a background task runs: its progress (done of total, and
what it is doing now) and, when it ends, what came of it. The task writes to it; the page reads
it. `ScheduleRun` makes each slot of the schedule queue its task once, however many workers run.
`WorkerBeat` is how a worker shows it is alive, so that another can tell when it died mid-task.
"""

from django.db import models
from django.urls import reverse

from saferplan.partnerships.models import Partnership, Person


class Job(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Stopped with a problem"

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="jobs")
    title = models.CharField(max_length=200)
    started_by = models.ForeignKey(Person, models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=40, default="steps", help_text="What done and total count.")
    message = models.CharField(max_length=500, blank=True)
    # Lines the person who started it must read, e.g. every bad row of a file; when it is
    # done, what it saved that they should check.
    problems = models.JSONField(default=list, blank=True)
    # The parts of the work (e.g. the files of a zip) in order, each [name, saved]: what the
    # page lists as saved and not saved however the job ends.
    parts = models.JSONField(default=list, blank=True)
    # Files the job reads, in the default storage: deleted when it ends, however it ends.
    uploads = models.JSONField(default=list, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    # The page that started it (an upload form): its page links back there, to try again.
    again_url = models.CharField(max_length=300, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:job", args=[self.partnership.slug, self.pk])

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def saved_parts(self):
        return [name for name, saved in self.parts if saved]

    @property
    def unsaved_parts(self):
        return [name for name, saved in self.parts if not saved]

    @property
    def percent(self):
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class ScheduleRun(models.Model):
    """One slot of one scheduled task, queued once: the unique constraint, not a check, makes
    a second worker's scheduler skip a slot the first has taken."""

    task = models.CharField(max_length=200)
    slot = models.DateTimeField()
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "slot"], name="one_run_per_schedule_slot")
        ]

    def __str__(self):
        return f"{self.task} at {self.slot:%Y-%m-%d %H:%M}"


class WorkerBeat(models.Model):
    """A queue of `saferplan worker` at work: written when it starts and every few seconds
    after (jobs/lease.py). A task running under a worker whose beat has stopped was abandoned."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    seen = models.DateTimeField()

    def __str__(self):
        return f"{self.worker_id} on {self.host} (process {self.pid})"
