"""Emails that cannot be sent: an address that is not one, a server that refuses a recipient, a
server that is down. Each failure is logged on its email and tried again later, waiting longer
each time; the other emails still go, and the coordinator sees what failed and why."""

import datetime

import time_machine
from aiosmtpd.controller import Controller

from saferplan.reminders import outbox
from saferplan.reminders.models import Email
from tests.conftest import free_port
from tests.plans.conftest import at
from tests.reminders.conftest import run_worker

NINE = at(2015, 2, 10, 9)  # the morning of the reminders


class RefuseSome:
    """Accepts every recipient but those whose address starts with "refused"."""

    def __init__(self):
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def test_bad_addresses_are_retried_with_backoff_and_nothing_else_stops(
    client, world, cycle, settings, caplog
):
    handler = RefuseSome()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    try:
        cycle.county_officer.email = "not an address"
        cycle.county_officer.save()
        world.police_officer.email = "refused@police.test"
        world.police_officer.save()
        with time_machine.travel(NINE, tick=False):
            run_worker()
        assert sorted(handler.received) == ["coordinator@thanet.test", "gus@county.test"]
        fay = Email.objects.get(person=cycle.county_officer)
        assert fay.status == Email.Status.RETRYING and fay.attempts == 1
        assert "'not an address' is not a valid email address" in fay.last_error
        assert fay.next_attempt_at == NINE + datetime.timedelta(minutes=5)
        bob = Email.objects.get(person=world.police_officer, kind=Email.Kind.REMINDER)
        assert "550" in bob.last_error and "No such mailbox" in bob.last_error
        assert "not sent, attempt 1 of 8" in caplog.text

        # The coordinator sees both, and why.
        client.force_login(world.coordinator)
        page = client.get("/p/thanet/reminders/").content.decode()
        assert "2 emails could not be sent." in page
        problems = client.get("/p/thanet/reminders/emails/?show=problems").content.decode()
        assert "Fay County" in problems and "Bob Police" in problems
        assert "Gus County" not in problems

        # Not before its wait is over; then, with the address corrected, it goes.
        with time_machine.travel(NINE + datetime.timedelta(minutes=4), tick=False):
            run_worker()
        assert Email.objects.get(pk=fay.pk).attempts == 1
        cycle.county_officer.email = "fay@county.test"
        cycle.county_officer.save()
        with time_machine.travel(NINE + datetime.timedelta(minutes=6), tick=False):
            run_worker()
        fay.refresh_from_db()
        assert fay.status == Email.Status.SENT and fay.address == "fay@county.test"
        assert handler.received[-1] == "fay@county.test"

        # Bob's server keeps refusing: each wait is three times the last, at most six hours,
        # and after eight attempts SaferPlan gives up.
        bob.refresh_from_db()
        assert bob.attempts == 2
        assert bob.next_attempt_at == NINE + datetime.timedelta(minutes=6 + 15)
        waits = []
        while bob.status == Email.Status.RETRYING:
            attempt_at = bob.next_attempt_at
            with time_machine.travel(attempt_at, tick=False):
                outbox.deliver_due()
            bob.refresh_from_db()
            if bob.next_attempt_at:
                waits.append((bob.next_attempt_at - attempt_at).total_seconds() / 60)
        assert waits == [45, 135, 360, 360, 360]
        assert bob.attempts == 8 and bob.status == Email.Status.FAILED
    finally:
        controller.stop()


def test_a_mail_server_that_is_down_stops_nothing(client, world, cycle, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    with time_machine.travel(NINE, tick=False):
        run_worker()
    emails = Email.objects.all()
    assert emails.count() == 4, "the weekly digest and three reminders, all written"
    assert {e.status for e in emails} == {Email.Status.RETRYING}
    assert all("Connection refused" in e.last_error for e in emails)

    # The coordinator asks for another try once the server is back.
    client.force_login(world.coordinator)
    email = emails.first()
    page = client.get(f"/p/thanet/reminders/emails/{email.pk}/").content.decode()
    assert "Connection refused" in page and "Try again now" in page
    response = client.post(f"/p/thanet/reminders/emails/{email.pk}/retry/")
    assert response.status_code == 302
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outbox.deliver_due()
    email.refresh_from_db()
    assert email.status == Email.Status.SENT and email.attempts == 2
