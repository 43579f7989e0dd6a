"""A coordinator invites a person by email; the one-time link lets them choose a password."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from saferplan.partnerships.models import Person, Role
from tests.conftest import message_text

NEW = {
    "name": "Frank Fire",
    "email": "Frank.Fire@Fire.test",
    "job_title": "Station Manager",
    "role": "officer",
}


def invite(client, world, **changes):
    client.force_login(world.coordinator)
    return client.post("/p/thanet/people/invite/", {**NEW, "agency": world.county.pk, **changes})


def link_in(message):
    return re.search(r"http://\S+/invitation/\S+/", message_text(message)).group(0)


def test_invitation_arrives_by_email_and_its_link_sets_a_password(client, world, smtp_server):
    response = invite(client, world)
    assert response.status_code == 302

    person = Person.objects.get(email="frank.fire@fire.test")
    assert not person.has_usable_password()
    assert Role.objects.get(person=person).partnership == world.thanet
    [message] = smtp_server
    assert message["To"] == "frank.fire@fire.test"
    assert "Thanet Community Safety Partnership" in message["Subject"]
    assert "Alice Coordinator has invited you" in message_text(message)
    assert message.get_body(preferencelist=("html",)) is not None

    client.logout()
    path = link_in(message).split("8000", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(
        path, {"new_password1": "a good long phrase", "new_password2": "a good long phrase"}
    )
    assert response.status_code == 302
    assert client.get("/p/thanet/").status_code == 200, "not signed in after setting a password"

    client.logout()
    used = client.get(path)
    assert used.status_code == 410
    assert "already been used" in used.content.decode()


def test_expired_invitation_link_says_so_and_changes_nothing(client, world, smtp_server):
    invite(client, world)
    client.logout()
    path = link_in(smtp_server[0]).split("8000", 1)[1]
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(path)
        assert response.status_code == 410
        assert "Ask your partnership's coordinator" in response.content.decode()
        client.post(
            path, {"new_password1": "a good long phrase", "new_password2": "a good long phrase"}
        )
    assert not Person.objects.get(email="frank.fire@fire.test").has_usable_password()


def test_invitation_to_an_email_already_in_use_is_refused(client, world, smtp_server):
    response = invite(client, world, email="OFFICER@police.test")
    page = response.content.decode()
    assert response.status_code == 200
    assert "officer@police.test already has a SaferPlan account" in page
    assert 'value="Frank Fire"' in page, "what was typed is lost"
    assert Person.objects.count() == 5
    assert smtp_server == []


def test_invitation_for_an_agency_outside_the_partnership_is_refused(client, world, smtp_server):
    response = invite(client, world, agency=world.canterbury_council.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Person.objects.filter(email="frank.fire@fire.test").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address"),
        ("name", "", "This field is required"),
        ("role", "superuser", "Select a valid choice"),
    ],
)
def test_form_filled_wrongly_shows_an_error_summary(client, world, field, value, message):
    response = invite(client, world, **{field: value})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert f'href="#id_{field}' in page
    assert message in page
    assert not Person.objects.filter(name="Frank Fire").exists()


def test_nothing_is_saved_when_the_mail_server_is_down(client, world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on discard
    response = invite(client, world)
    page = response.content.decode()
    assert response.status_code == 200
    assert "could not be sent" in page and "Nothing was saved" in page
    assert not Person.objects.filter(email="frank.fire@fire.test").exists()


def test_coordinator_sends_the_invitation_again(client, world, smtp_server):
    invite(client, world)
    person = Person.objects.get(email="frank.fire@fire.test")
    response = client.post(f"/p/thanet/people/{person.pk}/resend/")
    assert response.status_code == 302
    assert len(smtp_server) == 2
    client.logout()
    for message in smtp_server:  # either link lets them in, until one of them is used
        assert client.get(link_in(message).split("8000", 1)[1]).status_code == 200
