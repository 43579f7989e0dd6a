"""A meeting cycle of Thanet's Working Party: it met on 18 November 2014 and meets again on
3 March 2015, so with the default settings the update deadline is Tuesday 17 February and the
reminders go on Tuesday 10 February.

The adopted 2014-15 plan (ids in `Cycle`):
  1.1.1 patrols    Kent Police, lead officer Bob Police's account; last update October 2014
  1.1.2 order      the council, "Carol Council, ASB Officer" (her account, found by name);
                   updated 1 December 2014, after the last meeting
  1.1.3 cctv       Kent Police, "Sgt Barker" (no account): every police officer is reminded
  1.2.1 sports     Kent County Council, no lead officer, due 31 December 2014, never updated:
                   both county officers are reminded
  2.1.1 theatre    Kent County Council, completed in September: nothing more to report
"""

import datetime
import signal
from dataclasses import dataclass
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from saferplan.meetings.models import Committee, Meeting
from saferplan.partnerships.models import Person, Role
from saferplan.plans.models import Action, EmergingIssue, Plan, Priority, Status
from tests.conftest import make_person
from tests.meetings.conftest import make_meeting
from tests.plans.conftest import at, make_action

REMINDER_DAY = datetime.date(2015, 2, 10)
DEADLINE = datetime.date(2015, 2, 17)


@dataclass
class Cycle:
    plan: Plan
    committee: Committee
    last_meeting: Meeting
    meeting: Meeting
    patrols: Action
    order: Action
    cctv: Action
    sports: Action
    theatre: Action
    county_officer: Person
    county_officer_two: Person


@pytest.fixture
def cycle(world):
    S = Status
    county_officer = make_person(
        "fay@county.test", "Fay County", world.county, [(world.thanet, Role.Kind.OFFICER)]
    )
    county_officer_two = make_person(
        "gus@county.test", "Gus County", world.county, [(world.thanet, Role.Kind.OFFICER)]
    )
    plan = Plan.objects.create(partnership=world.thanet, year=2014, status=Plan.Stage.ADOPTED)
    asb = Priority.objects.create(plan=plan, number=1, title="Anti-Social Behaviour")
    road = Priority.objects.create(plan=plan, number=2, title="Road Safety")
    drinking = EmergingIssue.objects.create(priority=asb, number=1, title="Street drinking")
    youth = EmergingIssue.objects.create(priority=asb, number=2, title="Youth nuisance")
    drivers = EmergingIssue.objects.create(priority=road, number=1, title="Young drivers")
    patrols = make_action(
        drinking,
        1,
        "Joint patrols",
        world.police,
        [world.council],
        lead_officer="PC Bob Police",
        lead_officer_person=world.police_officer,
    )
    patrols.record_update(
        status=S.UNDERWAY, note="Rota agreed", by=world.police_officer, when=at(2014, 10, 1)
    )
    order = make_action(
        drinking,
        2,
        "Designated public place order",
        world.council,
        lead_officer="Carol Council, ASB Officer",
        lead_officer_person=world.council_officer,
    )
    order.record_update(
        status=S.UNDERWAY, note="Order drafted", by=world.council_officer, when=at(2014, 12, 1)
    )
    cctv = make_action(drinking, 3, "CCTV review", world.police, lead_officer="Sgt Barker")
    cctv.record_update(status=S.UNDERWAY, note="Cameras listed", by=None, when=at(2014, 9, 1))
    sports = make_action(
        youth,
        1,
        "Summer sports sessions",
        world.county,
        target_date=datetime.date(2014, 12, 31),
    )
    theatre = make_action(drivers, 1, "Theatre for sixth formers", world.county)
    theatre.record_update(status=S.COMPLETED, note="Done", by=None, when=at(2014, 9, 1))

    committee = Committee.objects.create(
        partnership=world.thanet, name="Community Safety Working Party", kind="working_party"
    )
    last_meeting = make_meeting(committee, datetime.date(2014, 11, 18))
    meeting = make_meeting(committee, datetime.date(2015, 3, 3), status=Meeting.Status.SCHEDULED)
    return Cycle(
        plan=plan,
        committee=committee,
        last_meeting=last_meeting,
        meeting=meeting,
        patrols=patrols,
        order=order,
        cctv=cctv,
        sports=sports,
        theatre=theatre,
        county_officer=county_officer,
        county_officer_two=county_officer_two,
    )


def run_worker():
    """`saferplan worker --batch`: the schedule's tick, then every queued task, then stop.

    Between tasks the worker closes connections that are no longer usable, and one inside a
    transaction counts as such: in a test, inside the test's transaction, that would close the
    test's own connection (PostgreSQL), so here it keeps it. The worker sets its own Ctrl-C
    handlers; the test run gets its own back."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("worker", "--batch", verbosity=0, stdout=StringIO())
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def addressed_to(messages, address):
    return [message for message in messages if message["To"] == address]
