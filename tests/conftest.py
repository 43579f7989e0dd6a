"""Personas and real parts shared by every test.

The personas follow healthchecks' alice/bob/charlie: a coordinator of Thanet, an officer of Kent
Police (an agency of Thanet), an officer of Thanet District Council (another agency of Thanet), a
councillor on Thanet's Working Party, a coordinator of Canterbury (another partnership) and
anonymous.
"""

import email
import email.policy
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django.test
import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.core.cache import caches
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferplan.accounts.two_factor import has_two_factor
from saferplan.crime.areas import import_areas, import_boundaries, import_population
from saferplan.crime.models import Boundary
from saferplan.partnerships.access import must_use_two_factor
from saferplan.partnerships.models import (
    Agency,
    Partnership,
    PartnershipAgency,
    PartnershipDistrict,
    Person,
    Role,
)
from tests.migrations import back_to_the_latest  # noqa: F401 (a fixture for migration tests)

PASSWORD = "correct horse battery"


def pytest_configure(config):
    # Hashing passwords properly costs a second per login; tests need no security from it.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploads and issued reports go somewhere thrown away, never into ./var/media.
    django_settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="saferplan-test-media-")


def make_partnership(slug, name, district, agencies):
    partnership = Partnership.objects.create(slug=slug, name=name)
    PartnershipDistrict.objects.create(partnership=partnership, code=district)
    for agency in agencies:
        PartnershipAgency.objects.create(partnership=partnership, agency=agency)
    return partnership


def make_person(email_address, name, agency, roles):
    person = Person.objects.create_user(email_address, PASSWORD, name=name, agency=agency)
    for partnership, kind in roles:
        Role.objects.create(person=person, partnership=partnership, kind=kind)
    return person


class Client(django.test.Client):
    """force_login also passes the second step of sign-in for whoever needs it, as a person
    with an authenticator app who typed its code: pages behind it are tested as they are used.
    Production is not touched; the sign-in tests drive the real steps with real codes."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if not (has_two_factor(user) or must_use_two_factor(user)):
            return
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Test phone")
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def client():
    return Client()


@dataclass
class World:
    thanet: Partnership
    canterbury: Partnership
    police: Agency
    council: Agency
    county: Agency
    canterbury_council: Agency
    coordinator: Person
    police_officer: Person
    council_officer: Person
    councillor: Person
    outsider: Person


@pytest.fixture
def world(db):
    police = Agency.objects.create(name="Kent Police", kind=Agency.Kind.POLICE)
    council = Agency.objects.create(
        name="Thanet District Council", kind=Agency.Kind.DISTRICT_COUNCIL
    )
    county = Agency.objects.create(name="Kent County Council", kind=Agency.Kind.COUNTY_COUNCIL)
    canterbury_council = Agency.objects.create(
        name="Canterbury City Council", kind=Agency.Kind.DISTRICT_COUNCIL
    )
    thanet = make_partnership(
        "thanet", "Thanet Community Safety Partnership", "E07000114", [police, council, county]
    )
    canterbury = make_partnership(
        "canterbury",
        "Canterbury Community Safety Partnership",
        "E07000106",
        [police, canterbury_council, county],
    )
    R = Role.Kind
    return World(
        thanet=thanet,
        canterbury=canterbury,
        police=police,
        council=council,
        county=county,
        canterbury_council=canterbury_council,
        coordinator=make_person(
            "coordinator@thanet.test", "Alice Coordinator", council, [(thanet, R.COORDINATOR)]
        ),
        police_officer=make_person(
            "officer@police.test", "Bob Police", police, [(thanet, R.OFFICER)]
        ),
        council_officer=make_person(
            "officer@thanet.test", "Carol Council", council, [(thanet, R.OFFICER)]
        ),
        councillor=make_person("councillor@thanet.test", "Cllr Dee", council, [(thanet, R.MEMBER)]),
        outsider=make_person(
            "coordinator@canterbury.test",
            "Erin Canterbury",
            canterbury_council,
            [(canterbury, R.COORDINATOR)],
        ),
    )


def free_port():
    # aiosmtpd cannot be given port 0, so ask the kernel for a free port first.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django sends to it and the test reads what arrived."""
    received = []

    class Collect:
        async def handle_DATA(self, server, session, envelope):
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            received.append(message)
            return "250 Message accepted for delivery"

    controller = Controller(Collect(), hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    yield received
    controller.stop()


def message_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def mount_media_folder(settings, folder, options):
    """A real small filesystem (tmpfs) as the upload folder; needs root (mount)."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    settings.MEDIA_ROOT = folder
    return folder


@pytest.fixture
def full_media_folder(settings, tmp_path):
    """An upload folder of 1 MB on its own filesystem: a larger write fails half-way (ENOSPC)."""
    yield mount_media_folder(settings, tmp_path / "full-media", "size=1m")
    subprocess.run(["umount", str(tmp_path / "full-media")], check=True)


@pytest.fixture
def read_only_media_folder(settings, tmp_path):
    """An upload folder on a read-only filesystem: every write fails (EROFS)."""
    yield mount_media_folder(settings, tmp_path / "read-only-media", "ro,size=1m")
    subprocess.run(["umount", str(tmp_path / "read-only-media")], check=True)


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("SAFERPLAN_CHROMIUM") or shutil.which("chromium")
    if not path:
        reason = "Debian's chromium is not installed: apt-get install chromium"
        if os.environ.get("SAFERPLAN_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # body are still synchronous, so its async-safety guard does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


# Reports every Content-Security-Policy violation of a page to the console, where the fixture
# below hears it (Chromium also logs most of them there itself).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`
    + ` at ${event.sourceFile}:${event.lineNumber} (${event.sample})`);
});
"""


@pytest.fixture
def page(browser, live_server):
    """A browser page on the live server; the test fails if any page it visits breaks the
    Content-Security-Policy."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = []

    def hear(message):
        if "Content Security Policy" in message.text or "CSP violation" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", hear)
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def shared_data():
    """The real police and ONS files in ../shared/data (never committed; see its README)."""
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    folder = Path(os.environ.get("SAFERPLAN_SHARED_DATA", default))
    if not folder.is_dir():
        reason = f"real data folder {folder} is absent (a clone without ../shared)"
        if os.environ.get("SAFERPLAN_REQUIRE_DATA"):
            pytest.fail(reason)
        pytest.skip(reason)
    return folder


@pytest.fixture
def axe():
    """Check the page in the browser against WCAG 2.2 AA with axe-core; returns the violations."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

    def violations(page):
        results = checker.run(page, options={"runOnly": {"type": "tag", "values": tags}})
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
        ]

    return violations


# The real geography, loaded once per test session: every LSOA of England and Wales with its ward
# and district (the 2019 lookup and the 2011 → 2021 bridge), mid-2022 populations and Thanet's ward
# polygons. Police files are imported per test on top of it.

THANET = "E07000114"


def load_geography(data):
    import_areas(
        [data / "ons/LSOA11_to_WD19_LAD19_EW.csv", data / "ons/LSOA11_to_LSOA21_to_LAD22_EW.csv"]
    )
    import_population(data / "population/lsoa21_population_mid2022.csv")
    import_boundaries(data / "boundaries/ward_E07000114_thanet.geojson")


@pytest.fixture(scope="session")
def geography_loaded_once(django_db_setup, django_db_blocker, shared_data):
    # Committed outside any test's transaction, so each test reads it for free. The imports'
    # mark in the charts cache (the crime data's version) is dropped: tests start with no
    # drawing kept, and a mark is made afresh when one is wanted.
    with django_db_blocker.unblock():
        load_geography(shared_data)
        caches["charts"].clear()


@pytest.fixture
def thanet_geography(geography_loaded_once, db, shared_data):
    """The real areas, populations and Thanet's ward boundaries; returns the data folder."""
    if not Boundary.objects.filter(district_code=THANET).exists():
        # A transactional test elsewhere in this worker emptied the tables: load them again
        # inside this test's transaction.
        load_geography(shared_data)
    return shared_data
