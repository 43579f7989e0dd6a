"""A mail server that accepts connections and never answers holds up emails only: a plan
import started after four emails were due is done at once, and each email gives up after
EMAIL_TIMEOUT seconds and waits to be tried again. A real `saferplan worker` process, a real
socket server on the loopback."""

import socket
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from saferplan.jobs.models import Job
from saferplan.reminders.models import Email
from saferplan.reminders.tasks import deliver_emails
from tests.jobs.processes import SharedDatabase, environment, start, stop, wait_until
from tests.jobs.test_jobs import GOOD

EMAIL_TIMEOUT = 3


class HangingMailServer:
    """Accepts every connection on the loopback and never says a word."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                self.accepted.append(self.listener.accept()[0])
            except OSError:
                return  # closed

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


def due_email(world, person):
    return Email.objects.create(
        partnership=world.thanet,
        person=person,
        kind=Email.Kind.REMINDER,
        subject="Please update your actions",
        text="Please update your actions.",
        html="<p>Please update your actions.</p>",
        reason="You lead actions of the plan.",
        created=timezone.now(),
        next_attempt_at=timezone.now(),
    )


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_holds_up_no_import(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    people = [world.coordinator, world.police_officer, world.council_officer, world.councillor]
    emails = [due_email(world, person) for person in people]
    deliver_emails.enqueue()  # queued by the schedule before the import
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/plan/import/",
        {
            "file": SimpleUploadedFile("plan.csv", GOOD.encode(), "text/csv"),
            "year": "2016",
            "status": "adopted",
        },
    )
    job = Job.objects.get()
    server = HangingMailServer()
    try:
        with SharedDatabase(tmp_path) as database:
            env = environment(
                database.url,
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(server.port),
                EMAIL_TIMEOUT=str(EMAIL_TIMEOUT),
            )
            worker = start(["worker"], env, tmp_path / "worker.log")
            try:
                wait_until(
                    lambda: (
                        database.value("SELECT status FROM jobs_job WHERE id = %s", job.pk)
                        == "done"
                    ),
                    30,
                    "the plan imported while the mail server hangs",
                )
                assert server.accepted, "the worker was sending emails meanwhile"

                def all_given_up_for_now():
                    return database.value(
                        "SELECT COUNT(*) FROM reminders_email WHERE status = 'retrying'"
                    ) == len(emails)

                wait_until(all_given_up_for_now, 20 * EMAIL_TIMEOUT, "each email times out")
            finally:
                stop(worker)
    finally:
        server.close()

    assert "Finished" in client.get(response.url).text
    assert world.thanet.plans.get(year=2016).priorities.count() == 2
    for email in Email.objects.all():
        assert email.status == Email.Status.RETRYING and email.attempts == 1
        assert "timed out" in email.last_error
    assert "Traceback" not in (tmp_path / "worker.log").read_text()
