"""Signing in and out, and resetting a forgotten password by email."""

import re

from tests.conftest import PASSWORD, message_text


def sign_in(client, email, password):
    return client.post("/account/sign-in/", {"username": email, "password": password})


def test_sign_in_with_email_and_password_lands_on_the_partnership(client, world):
    response = sign_in(client, "coordinator@thanet.test", PASSWORD)
    assert response.status_code == 302
    assert client.get(response.url, follow=True).redirect_chain[-1][0] == "/p/thanet/"


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
    assert smtp_server == []
