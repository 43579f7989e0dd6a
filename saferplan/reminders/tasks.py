"""The background tasks of reminders and emails; the schedule (jobs/schedule.py) queues them.
They run on the worker's email queue, so that a slow mail server holds up no import."""

from saferplan.jobs.api import task

from . import outbox, services


@task(queue_name="emails")
def deliver_emails():
    """Send the emails that are due: new ones, and failed ones whose wait is over."""
    sent, failed = outbox.deliver_due()
    return {"sent": sent, "failed": failed}


@task(queue_name="emails")
def send_due_emails():
    """Write the reminders and digests that are due, then send them."""
    written = services.send_due()
    sent, failed = outbox.deliver_due()
    return {"written": written, "sent": sent, "failed": failed}
