"""Signing in and out, and resetting a forgotten password by email."""

import re

import time_machine
from aiosmtpd.controller import Controller
from django.utils import timezone

from saferplan.reminders import outbox
from saferplan.reminders.models import Email
from tests.conftest import PASSWORD, free_port, message_text


def sign_in(client, email, password):
    return client.post("/account/sign-in/", {"username": email, "password": password})


def test_sign_in_with_email_and_password_lands_on_the_home_page(client, world):
    response = sign_in(client, "officer@police.test", PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    assert "What needs you" in client.get(response.url).content.decode()


def test_the_email_box_asks_for_an_email_address(client, db):
    page = client.get("/account/sign-in/").content.decode()
    box = re.search(r'<input [^>]*name="username"[^>]*>', page).group()
    assert 'type="email"' in box and 'autocomplete="username"' in box
    reset = client.get("/account/password-reset/").content.decode()
    assert re.search(r'<input type="email" name="email"[^>]*autocomplete="email"', reset)


def test_wrong_password_says_so_and_signs_nobody_in(client, world):
    response = sign_in(client, "coordinator@thanet.test", "not the password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "enter a correct email address and password" in page
    assert client.get("/p/thanet/").status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client, world):
    client.force_login(world.councillor)
    assert client.post("/account/sign-out/").status_code == 302
    assert client.get("/p/thanet/").url.startswith("/account/sign-in/")


def test_forgotten_password_is_reset_through_an_emailed_link(client, world, smtp_server):
    response = client.post("/account/password-reset/", {"email": "councillor@thanet.test"})
    assert response.status_code == 302
    outbox.deliver_due()
    [message] = smtp_server
    assert message["Subject"] == "Reset your SaferPlan password"
    path = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", message_text(message))[1]

    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new phrase", "new_password2": "a brand new phrase"},
    )
    assert done.status_code == 302
    assert sign_in(client, "councillor@thanet.test", "a brand new phrase").status_code == 302


def test_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, world, smtp_server):
    response = client.post("/account/password-reset/", {"email": "nobody@nowhere.test"})
    assert response.status_code == 302
    outbox.deliver_due()
    assert smtp_server == []
    assert not Email.objects.exists()


def test_reset_link_starts_with_the_site_address_whatever_the_host_header(
    client, world, smtp_server, settings
):
    settings.SITE_URL = "https://saferplan.example.gov.uk"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "attacker.example"]
    response = client.post(
        "/account/password-reset/",
        {"email": "councillor@thanet.test"},
        headers={"host": "attacker.example"},
    )
    assert response.status_code == 302
    outbox.deliver_due()
    [message] = smtp_server
    text = message_text(message)
    assert "attacker.example" not in text
    assert re.search(
        r"^https://saferplan\.example\.gov\.uk/account/password-reset/\S+/\r?$", text, re.M
    )
    assert "attacker.example" not in message.get_body(preferencelist=("html",)).get_content()


class RefuseEveryone:
    def __init__(self):
        self.refusing = True
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusing:
            return "550 5.7.1 Relaying denied"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.content.decode())
        return "250 Message accepted for delivery"


def test_reset_email_refused_by_the_mail_server_is_logged_and_retried(
    client, world, settings, caplog
):
    handler = RefuseEveryone()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    try:
        known = client.post("/account/password-reset/", {"email": "councillor@thanet.test"})
        unknown = client.post("/account/password-reset/", {"email": "nobody@nowhere.test"})
        # The page says the same whether the account exists or the email could not be sent.
        assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
        assert client.get(known.url).content == client.get(unknown.url).content

        now = timezone.now()
        with time_machine.travel(now, tick=False):
            outbox.deliver_due()
        [email] = Email.objects.all()
        assert email.kind == Email.Kind.PASSWORD_RESET and email.partnership is None
        assert email.status == Email.Status.RETRYING and email.attempts == 1
        assert "550" in email.last_error and "Relaying denied" in email.last_error
        assert "not sent, attempt 1 of 8" in caplog.text
        assert handler.received == []

        handler.refusing = False
        with time_machine.travel(email.next_attempt_at, tick=False):
            outbox.deliver_due()
        email.refresh_from_db()
        assert email.status == Email.Status.SENT and email.address == "councillor@thanet.test"
        [sent] = handler.received
        assert "Reset your SaferPlan password" in sent
    finally:
        controller.stop()
