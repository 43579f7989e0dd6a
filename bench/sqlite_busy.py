"""Benchmark: saves and sign-ins on SQLite while a big police import runs.

A fresh SQLite database in a temporary folder holds the real ONS lookup, the Thanet partnership
with an officer of Kent Police and an action of the 2018 plan, and a partnership covering every
other district the Kent file names, so that nearly every row is kept. A street file of --megabytes
(default 200) is built from the real Kent 2018-10 file, its rows repeated. `saferplan
import_police` imports it in a child process; once it has started reading, this process sends
four progress updates then a sign-in, over and over, one every --every seconds (default 0.25),
for as long as the import runs and at least --updates (20) updates and --sign-ins (5) sign-ins,
through Django's test client, each timed. Prints how many succeeded, how many updates were
saved, how many were answered while the import ran, the wait (median and longest) and the
import's time; --json prints them as one JSON object instead.

    uv run python bench/sqlite_busy.py [--megabytes 200] [--updates 20] [--sign-ins 5] [--json]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from benchdb import start_django

DATA = Path(
    os.environ.get("SAFERPLAN_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared/data")
)
KENT = DATA / "police/kent/2018-10-kent-street.csv"
LOOKUP = DATA / "ons/LSOA11_to_WD19_LAD19_EW.csv"
EMAIL, PASSWORD = "officer@police.bench", "a long bench password"


def build_file(folder, megabytes):
    """The Kent 2018-10 street file with its rows repeated to about `megabytes` MB."""
    header, _, rows = KENT.read_bytes().partition(b"\n")
    path = folder / KENT.name
    with open(path, "wb") as out:
        out.write(header + b"\n")
        for _ in range(max(1, (megabytes << 20) // len(rows))):
            out.write(rows)
    return path


def thanet_action():
    """Thanet with Kent Police, its officer, and one action of the 2018 plan Kent Police leads;
    the rest of Kent in a partnership of its own."""
    import csv
    import datetime

    from saferplan.crime.areas import import_areas
    from saferplan.crime.models import Area
    from saferplan.partnerships.models import (
        Agency,
        Partnership,
        PartnershipAgency,
        PartnershipDistrict,
        Person,
        Role,
    )
    from saferplan.plans.models import Action, EmergingIssue, Plan, Priority

    import_areas([LOOKUP])
    with open(KENT, encoding="utf-8-sig", newline="") as rows:
        lsoas = {row["LSOA code"] for row in csv.DictReader(rows)}
    kent = Partnership.objects.create(slug="kent", name="The rest of Kent")
    for code in set(Area.objects.filter(code__in=lsoas).values_list("district_code", flat=True)):
        if code != "E07000114":
            PartnershipDistrict.objects.create(partnership=kent, code=code)
    thanet = Partnership.objects.create(slug="thanet", name="Thanet CSP")
    PartnershipDistrict.objects.create(partnership=thanet, code="E07000114")
    police = Agency.objects.create(name="Kent Police", kind=Agency.Kind.POLICE)
    PartnershipAgency.objects.create(partnership=thanet, agency=police)
    officer = Person.objects.create_user(EMAIL, PASSWORD, name="Bench Officer", agency=police)
    Role.objects.create(person=officer, partnership=thanet, kind=Role.Kind.OFFICER)
    plan = Plan.objects.create(partnership=thanet, year=2018, status=Plan.Stage.ADOPTED)
    priority = Priority.objects.create(plan=plan, number=1, title="Anti-social behaviour")
    issue = EmergingIssue.objects.create(priority=priority, number=1, title="Town centre")
    return Action.objects.create(
        issue=issue,
        number=1,
        title="Patrol the town centre",
        lead_agency=police,
        target_date=datetime.date(2019, 3, 31),
    )


def start_import(path):
    """`saferplan import_police PATH` in a child process; returns it once it is reading."""
    child = subprocess.Popen(
        [sys.executable, "-m", "saferplan", "import_police", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reading = threading.Event()
    errors = []

    def watch():
        for line in child.stderr:  # "3% (8 of 200 MB) …" every 8 MB
            errors.append(line)
            reading.set()

    threading.Thread(target=watch, daemon=True).start()
    if not reading.wait(120):
        raise SystemExit(f"the import did not start: {''.join(errors)}")
    return child, errors


def timed(child, send):
    started = time.monotonic()
    status = send().status_code
    return {
        "status": status,
        "seconds": time.monotonic() - started,
        "during_import": child.poll() is None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--sign-ins", type=int, default=5)
    parser.add_argument("--every", type=float, default=0.25, help="seconds between requests")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    os.environ.pop("DATABASE_URL", None)  # this benchmark is about SQLite
    folder = start_django()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from saferplan.partnerships.models import Person
    from saferplan.plans.models import ProgressUpdate

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    action = thanet_action()
    path = build_file(Path(folder.name), options.megabytes)
    officer = Client(raise_request_exception=False)
    officer.force_login(Person.objects.get(email=EMAIL))
    update_url = reverse("plans:action", args=["thanet", action.pk])

    def update(n):
        return officer.post(update_url, {"status": "underway", "note": f"Update {n}"})

    def sign_in(n):
        return Client(raise_request_exception=False).post(
            reverse("login"), {"username": EMAIL, "password": PASSWORD}
        )

    # Four updates, then a sign-in, over and over while the import runs (at least the numbers
    # asked for), so that some come while the import reads and some while it saves.
    started = time.monotonic()
    child, progress = start_import(path)
    answers, sent = [], Counter()
    while (
        child.poll() is None or sent[update] < options.updates or sent[sign_in] < options.sign_ins
    ):
        send = sign_in if len(answers) % 5 == 4 else update
        answers.append((send, timed(child, lambda send=send: send(sent[send]))))
        sent[send] += 1
        time.sleep(options.every)
    out, _ = child.communicate()
    import_seconds = time.monotonic() - started

    updates = [answer for send, answer in answers if send is not sign_in]
    sign_ins = [answer for send, answer in answers if send is sign_in]
    waits = [answer["seconds"] for _, answer in answers]
    figures = {
        "megabytes": path.stat().st_size >> 20,
        "import_exit": child.returncode,
        "import_output": out.strip().splitlines()[-1:] or progress[-1:],
        "import_seconds": round(import_seconds, 1),
        "updates_sent": len(updates),
        "updates_ok": sum(answer["status"] == 302 for answer in updates),
        "updates_saved": ProgressUpdate.objects.filter(action=action).count(),
        "sign_ins_sent": len(sign_ins),
        "sign_ins_ok": sum(answer["status"] == 302 for answer in sign_ins),
        "answered_during_import": sum(answer["during_import"] for _, answer in answers),
        "statuses": sorted({answer["status"] for _, answer in answers}),
        "median_wait": round(statistics.median(waits), 3),
        "longest_wait": round(max(waits), 3),
    }
    if options.json:
        print(json.dumps(figures))
        return
    print(
        f"import of {figures['megabytes']} MB: {figures['import_seconds']} s, "
        f"exit {child.returncode}"
    )
    print(f"  {' '.join(figures['import_output'])}")
    print(
        f"updates: {figures['updates_ok']} of {figures['updates_sent']} succeeded, "
        f"{figures['updates_saved']} saved"
    )
    print(f"sign-ins: {figures['sign_ins_ok']} of {figures['sign_ins_sent']} succeeded")
    print(
        f"answered while the import ran: {figures['answered_during_import']} of {len(answers)}; "
        f"statuses {figures['statuses']}"
    )
    print(f"wait: median {figures['median_wait']} s, longest {figures['longest_wait']} s")


if __name__ == "__main__":
    main()
