from django.core.management.base import BaseCommand

from saferplan.jobs import schedule, worker


class Command(BaseCommand):
    help = (
        "Run background work: the schedule (reminders, digests, email delivery) and the queues "
        "of tasks (imports started from the web; emails, in a thread of their own). It waits "
        "for the database when it goes away. Run one or more; Ctrl-C or SIGTERM stops it after "
        "the tasks in hand."
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

    def handle(self, *args, no_schedule, interval, batch, **options):
        if batch:
            if not no_schedule:
                schedule.tick()
            worker.run_batch(interval=interval)
        else:
            worker.run(interval=interval, keep_schedule=not no_schedule)
