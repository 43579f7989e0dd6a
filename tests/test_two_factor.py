"""Two-factor sign-in with an authenticator app, driven with real TOTP codes: set up from the
account page, asked for after the password, recovery codes shown once and working once; required
of coordinators and site staff, who set it up before anything else, and offered to everyone."""

import base64
import datetime
import io
import re
from unittest import mock

import pytest
import segno
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferplan.accounts.models import RecoveryCode, digest
from saferplan.partnerships.access import must_use_two_factor
from saferplan.partnerships.models import Partnership, Person, Role
from tests.conftest import PASSWORD

RECOVERY_CODE = r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>"


@pytest.fixture(autouse=True)
def steady_clock():
    """Each test starts 5 s into a fresh 30-second step and the clock ticks only when a test moves
    it, so a busy machine cannot carry a code across a step's end between computing and checking."""
    start = (int(timezone.now().timestamp()) // 30 + 1) * 30 + 5
    with time_machine.travel(start, tick=False):
        yield


def sign_in(client, email):
    response = client.post("/account/sign-in/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client.get(response.url, follow=True)


def code(device, drift=0):
    """The app's code now; drift=1: the next 30-second step's, accepted once this step's has been
    used. From the app's clock as the server has learnt it: a set-up whose code was checked just
    after a step ended leaves the device a step behind (django-otp's OTP_TOTP_SYNC)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, drift=device.drift + drift):06d}"


def set_up(client, person):
    """Set up the app as a person does; returns the device and the recovery codes shown."""
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    shown = client.post("/account/two-factor/set-up/", {"code": code(device)})
    return device, re.findall(RECOVERY_CODE, shown.content.decode())


def test_a_coordinator_sets_it_up_before_anything_else(client, world):
    landed = sign_in(client, "coordinator@thanet.test")
    assert landed.redirect_chain[-1][0] == "/account/two-factor/set-up/?next=%2F"
    assert client.get("/p/thanet/plan/").url.startswith("/account/two-factor/set-up/")

    page = landed.content.decode()
    assert "<svg" in page and "QR code to scan with your authenticator app" in page
    assert "<script" not in page and "style=" not in page
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=False)
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page)[1]
    assert key.replace(" ", "") == base64.b32encode(device.bin_key).decode()

    wrong = client.post("/account/two-factor/set-up/", {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/p/thanet/").status_code == 302
    too_soon = client.post("/account/two-factor/set-up/", {"code": code(device)})
    assert "Too many wrong codes: wait 1 second," in too_soon.content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):
        shown = client.post(
            "/account/two-factor/set-up/", {"code": code(device), "next": "/p/thanet/"}
        )
    codes = re.findall(RECOVERY_CODE, shown.content.decode())
    assert len(set(codes)) == 10
    assert "no-store" in shown["Cache-Control"]
    assert 'href="/p/thanet/"' in shown.content.decode()
    assert client.get("/p/thanet/").status_code == 200
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert stored == {digest(c) for c in codes}


def test_the_next_sign_in_asks_for_the_code_after_the_password(client, world):
    sign_in(client, "coordinator@thanet.test")
    device, _ = set_up(client, world.coordinator)
    client.post("/account/sign-out/")

    landed = sign_in(client, "coordinator@thanet.test")
    assert landed.redirect_chain[-1][0] == "/account/two-factor/code/?next=%2F"
    assert client.get("/p/thanet/").status_code == 302
    assert client.get("/account/two-factor/set-up/").url.startswith("/account/two-factor/code/")

    wrong = client.post("/account/two-factor/code/", {"code": "123456", "next": "/p/thanet/"})
    assert "That code is not right" in wrong.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):
        right = client.post(
            "/account/two-factor/code/", {"code": code(device, drift=1), "next": "/p/thanet/"}
        )
    assert right.url == "/p/thanet/"
    assert client.get("/p/thanet/").status_code == 200


def test_each_recovery_code_works_once(client, world):
    sign_in(client, "coordinator@thanet.test")
    _, codes = set_up(client, world.coordinator)
    client.post("/account/sign-out/")

    sign_in(client, "coordinator@thanet.test")
    used = client.post("/account/two-factor/code/", {"code": codes[0].upper()}, follow=True)
    assert "You signed in with a recovery code: 9 left" in used.content.decode()
    client.post("/account/sign-out/")

    sign_in(client, "coordinator@thanet.test")
    again = client.post("/account/two-factor/code/", {"code": codes[0]})
    assert again.status_code == 200 and "A recovery code works once" in again.content.decode()
    assert client.post("/account/two-factor/code/", {"code": codes[1]}).status_code == 302

    renewed = client.post("/account/two-factor/recovery-codes/")
    new_codes = re.findall(RECOVERY_CODE, renewed.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    assert RecoveryCode.objects.count() == 10


def test_an_officer_is_offered_it_and_may_turn_it_off(client, world):
    assert sign_in(client, "officer@police.test").wsgi_request.path == "/"
    account = client.get("/account/").content.decode()
    assert "Set up two-factor sign-in" in account

    device, _ = set_up(client, world.police_officer)
    client.post("/account/sign-out/")
    sign_in(client, "officer@police.test")
    assert client.get("/p/thanet/").status_code == 302
    client.post("/account/two-factor/code/", {"code": code(device, drift=1)})

    off = client.post("/account/two-factor/turn-off/", follow=True)
    assert "Two-factor sign-in is off." in off.content.decode()
    client.post("/account/sign-out/")
    assert sign_in(client, "officer@police.test").wsgi_request.path == "/"


def test_a_coordinator_cannot_turn_it_off(client, world):
    client.force_login(world.coordinator)
    off = client.post("/account/two-factor/turn-off/", follow=True)
    assert "Your role needs two-factor sign-in" in off.content.decode()
    assert TOTPDevice.objects.filter(user=world.coordinator, confirmed=True).exists()


def test_site_staff_must_set_it_up_before_the_admin(client, world):
    Person.objects.create_superuser("admin@site.test", PASSWORD, name="Site Admin")
    client.post("/account/sign-in/", {"username": "admin@site.test", "password": PASSWORD})
    assert client.get("/admin/").url.startswith("/account/two-factor/set-up/")


def test_a_coordinator_of_a_sample_partnership_only_is_not_asked(client, world):
    sample = Partnership.objects.create(slug="sample", name="Sample CSP", is_sample=True)
    person = Person.objects.create_user("demo@sample.test", PASSWORD, name="Demo Coordinator")
    Role.objects.create(person=person, partnership=sample, kind=Role.Kind.COORDINATOR)
    assert sign_in(client, "demo@sample.test").wsgi_request.path == "/"


def test_a_data_manager_must_set_it_up_before_loading_police_data(client, world):
    manager = Person.objects.create_user("data@site.test", PASSWORD, name="Dana Data")
    call_command("data_manager", "data@site.test", stdout=io.StringIO())
    landed = sign_in(client, manager.email)
    assert landed.redirect_chain[-1][0] == "/account/two-factor/set-up/?next=%2F"
    assert client.get("/data/police/").url.startswith("/account/two-factor/set-up/")


def test_who_must_use_it_is_one_query_whatever_the_power(world, django_assert_num_queries):
    team = Group.objects.create(name="Data team")
    team.permissions.add(Permission.objects.get(codename="load_police_data"))
    world.councillor.groups.add(team)
    for person, must in [
        (world.council_officer, False),
        (world.coordinator, True),
        (world.councillor, True),  # a data manager through a group
    ]:
        with django_assert_num_queries(1):
            assert must_use_two_factor(person) is must


def test_the_second_step_costs_a_page_one_query(client, world):
    """Every page asks whether a person not through the second step has an app or must have
    one: one query, whatever the answer."""
    client.force_login(world.council_officer)  # no app, need not have one
    client.get("/account/emails/")
    with CaptureQueriesContext(connection) as page:
        assert client.get("/account/emails/").status_code == 200
    tables = [re.findall(r'FROM "?(\w+)', query["sql"]) for query in page.captured_queries]
    standing = [found for found in tables if "otp_totp_totpdevice" in found]
    assert len(standing) == 1, tables
    assert len(page) == 4, tables  # the session, the person, the second step, their choices


def test_the_set_up_page_draws_its_qr_code_once(client, world):
    client.force_login(world.police_officer)
    with mock.patch("segno.make", wraps=segno.make) as draw:
        first = client.get("/account/two-factor/set-up/").content.decode()
        again = client.get("/account/two-factor/set-up/").content.decode()
    assert draw.call_count == 1
    qr_code = re.compile(r"<svg .*?</svg>", re.DOTALL)
    assert qr_code.search(first).group() == qr_code.search(again).group()
