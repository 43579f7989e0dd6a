"""What the benchmarks share: Django set up on a database of their own, migrated.

By default a fresh SQLite file in a temporary folder; DATABASE_URL names another (PostgreSQL).
"""

import logging
import os
import sys
import tempfile
from pathlib import Path


def start_django():
    """Set Django up and migrate; returns the temporary folder, which lives while it is kept."""
    folder = tempfile.TemporaryDirectory(prefix="saferplan-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(folder.name) / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "saferplan.settings"
    # DEBUG is off unless set, and then Django wants a secret key and HTTPS: a bench on the
    # development settings (benches that time pages turn DEBUG off once Django is set up).
    os.environ.setdefault("DEBUG", "true")
    os.environ["SAFERPLAN_VAR_DIR"] = folder.name
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    # Where Arial is missing, matplotlib warns on every chart; that is not what is measured here.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    call_command("migrate", verbosity=0)
    return folder


def bench_partnership(agencies=6):
    """A partnership with `agencies` agencies seated in it: the start of every plan benchmark."""
    from saferplan.partnerships.models import Agency, Partnership, PartnershipAgency

    partnership = Partnership.objects.create(slug="bench", name="Benchmark CSP")
    seated = [
        Agency.objects.create(name=f"Bench agency {n}", kind=Agency.Kind.OTHER)
        for n in range(agencies)
    ]
    for agency in seated:
        PartnershipAgency.objects.create(partnership=partnership, agency=agency)
    return partnership, seated


def signed_in_client(person):
    """A test client signed in as `person`, past the second step of sign-in when they need it
    (coordinators do): as a person with an authenticator app who typed its code."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(person)
    device = TOTPDevice.objects.create(user=person, name="Bench phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
