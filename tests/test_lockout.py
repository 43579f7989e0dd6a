"""Wrong passwords are throttled by account and by address (django-axes): after 10 in 15
minutes sign-in is paused with a page that says for how long and what to do; a coordinator of
the person's partnership, a site administrator or `saferplan unlock` lifts the pause."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferplan.partnerships.models import Person
from saferplan.reminders import outbox
from tests.conftest import PASSWORD, message_text

LIMIT = 10


def sign_in(client, email, password, **headers):
    return client.post(
        "/account/sign-in/", {"username": email, "password": password}, headers=headers
    )


def signed_in(client):
    return client.get("/p/thanet/").status_code == 200


def test_after_ten_wrong_passwords_even_the_right_one_is_refused_with_a_clear_page(client, world):
    for _ in range(LIMIT - 1):
        assert sign_in(client, "officer@police.test", "guess").status_code == 200
    response = sign_in(client, "Officer@Police.test", "guess")  # any case is the same account
    assert response.status_code == 429
    response = sign_in(client, "officer@police.test", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429
    assert "Sign-in is paused" in page
    assert "Wait 15 minutes" in page
    assert "reset it by email" in page and "coordinator to unlock" in page
    assert not signed_in(client)


def test_an_account_guessed_from_many_addresses_is_paused(client, world):
    for n in range(LIMIT):
        client.post(
            "/account/sign-in/",
            {"username": "officer@police.test", "password": "guess"},
            REMOTE_ADDR=f"203.0.113.{n}",
        )
    response = client.post(
        "/account/sign-in/",
        {"username": "officer@police.test", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.1",
    )
    assert response.status_code == 429


def test_an_address_trying_many_accounts_is_paused_whatever_x_forwarded_for_says(client, world):
    for n in range(LIMIT):
        sign_in(client, f"someone{n}@thanet.test", "guess", x_forwarded_for=f"192.0.2.{n}")
    response = sign_in(client, "councillor@thanet.test", PASSWORD, x_forwarded_for="192.0.2.99")
    assert response.status_code == 429


def test_behind_a_configured_proxy_each_client_is_counted_by_its_forwarded_address(
    client, world, settings
):
    settings.PROXY_COUNT = 1
    for n in range(LIMIT):
        # What a client puts in the header itself comes first and is not believed.
        sign_in(
            client, f"someone{n}@thanet.test", "guess", x_forwarded_for=f"10.0.0.{n}, 192.0.2.7"
        )
    assert (
        sign_in(client, "councillor@thanet.test", PASSWORD, x_forwarded_for="192.0.2.7").status_code
        == 429
    )
    other = sign_in(client, "councillor@thanet.test", PASSWORD, x_forwarded_for="192.0.2.8")
    assert other.status_code == 302


def pause(client, email):
    for _ in range(LIMIT):
        sign_in(client, email, "guess", x_forwarded_for="ignored")
    assert sign_in(client, email, PASSWORD).status_code == 429
    client.cookies.clear()


def test_a_coordinator_sees_the_pause_and_lifts_it(client, world):
    pause(client, "officer@police.test")
    client.force_login(world.council_officer)
    assert "Sign-in paused" not in client.get("/p/thanet/people/").content.decode()
    client.force_login(world.coordinator)
    people = client.get("/p/thanet/people/").content.decode()
    assert re.search(r"Bob Police</a></th>((?!</tr>).)*Sign-in paused", people, re.S)
    assert people.count("Sign-in paused") == 1
    page = client.get(f"/p/thanet/people/{world.police_officer.pk}/").content.decode()
    assert "Sign-in is paused for Bob Police" in page
    response = client.post(f"/p/thanet/people/{world.police_officer.pk}/unlock/")
    assert response.status_code == 302
    assert "Bob Police can sign in again." in client.get(response.url).content.decode()
    client.logout()
    assert sign_in(client, "officer@police.test", PASSWORD).status_code == 302


def test_a_coordinator_of_another_partnership_cannot_lift_it(client, world):
    pause(client, "officer@police.test")
    client.force_login(world.outsider)
    response = client.post(f"/p/thanet/people/{world.police_officer.pk}/unlock/")
    assert response.status_code == 404
    client.logout()
    assert sign_in(client, "officer@police.test", PASSWORD).status_code == 429


def test_a_site_administrator_lifts_it_with_a_command(client, world):
    pause(client, "officer@police.test")
    out = StringIO()
    call_command("unlock", "OFFICER@police.test", stdout=out)
    assert out.getvalue() == "officer@police.test: 1 wrong-password records removed\n"
    assert sign_in(client, "officer@police.test", PASSWORD).status_code == 302


def test_unlock_names_an_unknown_account_in_one_line(world):
    with pytest.raises(
        CommandError, match=re.escape("no account has the email address 'who@x.test'")
    ):
        call_command("unlock", "who@x.test")


def test_choosing_a_new_password_by_email_lifts_the_pause(client, world, smtp_server):
    pause(client, "officer@police.test")
    client.post("/account/password-reset/", {"email": "officer@police.test"})
    outbox.deliver_due()
    path = re.search(
        r"https?://[^/\s]+(/account/password-reset/\S+/)", message_text(smtp_server[0])
    )[1]
    form = client.get(path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new phrase", "new_password2": "a brand new phrase"},
    )
    assert sign_in(client, "officer@police.test", "a brand new phrase").status_code == 302


def test_a_site_administrator_lifts_it_and_turns_two_factor_off_in_the_admin(client, world):
    TOTPDevice.objects.create(user=world.coordinator, name="Lost phone")
    pause(client, "coordinator@thanet.test")
    admin = Person.objects.create_superuser("admin@site.test", PASSWORD, name="Site Admin")
    client.force_login(admin)
    page = client.get("/admin/axes/accessattempt/").content.decode()
    assert "coordinator@thanet.test" in page
    for action in ["unlock_sign_in", "turn_off_two_factor"]:
        response = client.post(
            "/admin/partnerships/person/",
            {"action": action, "_selected_action": [world.coordinator.pk]},
        )
        assert response.status_code == 302
    client.logout()
    assert sign_in(client, "coordinator@thanet.test", PASSWORD).status_code == 302
    assert client.get("/p/thanet/").url.startswith("/account/two-factor/set-up/")
