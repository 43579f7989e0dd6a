"""Two workers at once never remind a person twice of the same action for the same deadline.

Each worker is a thread with its own database connection, as separate processes would have.
SQLite serialises writers (and its shared-cache test database fails rather than waits), so the
race is run on PostgreSQL, where both transactions really overlap.
"""

import threading
from functools import partial

import pytest
import time_machine
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from saferplan.jobs import schedule
from saferplan.reminders import outbox, services, tasks
from saferplan.reminders.deadlines import deadline_of, with_actions
from saferplan.reminders.models import Email, Reminder, ReminderSettings
from tests.plans.conftest import at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a real race needs PostgreSQL: DATABASE_URL"
    ),
]


def in_threads(count, work):
    """Run `work(index)` in `count` threads at once, each with its own connection; return their
    results, or raise the first error."""
    results, errors = [None] * count, []

    def run(index):
        try:
            results[index] = work(index)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def test_two_claims_of_the_same_reminder_in_overlapping_transactions(world, cycle):
    meeting_deadline = with_actions(deadline_of(ReminderSettings.of(world.thanet), cycle.meeting))
    [row] = services.deadline_rows([meeting_deadline])
    person, actions = meeting_deadline.reminders()[0]
    both_inside = threading.Barrier(2, timeout=20)

    def claim(_):
        write = partial(services.ReminderWriter(meeting_deadline), person)
        with transaction.atomic():
            # Both transactions are open and neither has inserted: only the constraint decides.
            both_inside.wait()
            [email] = outbox.queue_reminders(
                [outbox.Claim(deadline=row, person=person, actions=actions, write=write)]
            ) or [None]
        return email.pk if email else None

    results = in_threads(2, claim)
    assert results.count(None) == 1, f"both workers wrote an email: {results}"
    assert Reminder.objects.filter(person=person).count() == len(actions)
    assert Email.objects.filter(person=person).count() == 1


def test_two_workers_through_a_cycle_send_each_reminder_once(world, cycle, smtp_server):
    start = threading.Barrier(2, timeout=20)

    def worker(_):
        start.wait()
        schedule.tick()
        return tasks.send_due_emails.call()

    for moment in [at(2015, 2, 10, 9), at(2015, 2, 10, 10), at(2015, 2, 17, 9)]:
        with time_machine.travel(moment, tick=False):
            in_threads(2, worker)
    # Each slot of the schedule was queued by one of the two schedulers only.
    queued = DBTaskResult.objects.filter(task_path="saferplan.reminders.tasks.send_due_emails")
    assert queued.count() == 3
    # Every email written was delivered once (never by both workers)...
    assert len(smtp_server) == Email.objects.count()
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}
    # ... and each person was reminded of each action once, in one email.
    reminders = sorted(m["To"] for m in smtp_server if m["Subject"].startswith("Please update"))
    assert reminders == ["fay@county.test", "gus@county.test", "officer@police.test"]
    assert Reminder.objects.count() == 4, "Bob: patrols and CCTV; Fay and Gus: sports"
    digests = [m["Subject"] for m in smtp_server if m["Subject"].startswith("Update deadline")]
    assert digests == [
        "Update deadline for the Community Safety Working Party on 3 March: 1 of 4 actions updated"
    ]
