from django.core.management import call_command
from django.core.management.base import BaseCommand

from saferplan.jobs import schedule


class Command(BaseCommand):
    help = (
        "Run background work: the schedule (reminders, digests, email delivery) and the queue of "
        "tasks (emails, imports started from the web). Run one or more; Ctrl-C or SIGTERM stops "
        "it after the task in hand."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="only run queued tasks; another worker keeps the schedule",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1,
            help="seconds to wait for new tasks when the queue is empty (default: 1)",
        )
        parser.add_argument(
            "--batch", action="store_true", help="run what is queued now, then stop"
        )

    def handle(self, *args, no_schedule, interval, batch, verbosity, **options):
        if not no_schedule:
            if batch:
                schedule.tick()
            else:
                schedule.start_thread()
        call_command(
            "db_worker",
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=not batch,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )
