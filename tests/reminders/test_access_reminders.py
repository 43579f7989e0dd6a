"""Access matrix rows for reminders, emails, background jobs and the plan import.

Coordinator: the partnership's reminder settings, deadlines and email log. Everyone signed in:
their own choice of emails, and the progress of a job they started; a coordinator, every job of the
partnership (a job quotes what it worked on: a draft's title, a restricted dataset's lines). A
person of another partnership: nothing (404).
"""

import datetime

import pytest
from django.utils import timezone

from saferplan.jobs.models import Job
from saferplan.meetings.models import Committee
from saferplan.reminders.models import Email, EmailPreferences, ReminderSettings
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page
from tests.meetings.conftest import make_meeting

COORDINATOR = [200, 403, 403, 403, 404, LOGIN]
NOBODY = [404, 404, 404, 404, 404, LOGIN]
# Another partnership's record on a coordinator's page: the role is refused before any lookup.
NOT_HERE = [404, 403, 403, 403, 404, LOGIN]
SIGNED_IN = [200, 200, 200, 200, 200, LOGIN]

PAGES = [
    ("/p/thanet/reminders/", COORDINATOR),
    ("/p/thanet/reminders/settings/", COORDINATOR),
    ("/p/thanet/reminders/deadlines/{meeting}/", COORDINATOR),
    ("/p/thanet/reminders/deadlines/{canterbury_meeting}/", NOT_HERE),
    ("/p/thanet/reminders/emails/", COORDINATOR),
    ("/p/thanet/reminders/emails/?show=problems&page=2", COORDINATOR),
    ("/p/thanet/reminders/emails/{email}/", COORDINATOR),
    ("/p/thanet/reminders/emails/{canterbury_email}/", NOT_HERE),
    ("/p/thanet/jobs/{job}/", [200, 404, 404, 404, 404, LOGIN]),
    ("/p/thanet/jobs/{police_officers_job}/", [200, 200, 404, 404, 404, LOGIN]),
    ("/p/thanet/jobs/{councillors_job}/", [200, 404, 404, 200, 404, LOGIN]),
    ("/p/thanet/jobs/{canterbury_job}/", NOBODY),
    ("/p/canterbury/jobs/{canterbury_job}/", [404, 404, 404, 404, 200, LOGIN]),
    ("/p/thanet/plan/import/", COORDINATOR),
    ("/account/emails/", SIGNED_IN),
]

ACTIONS = [
    (
        "/p/thanet/reminders/settings/",
        {"deadline_days": "10", "reminder_days": "5"},
        [302, 403, 403, 403, 404, LOGIN],
        lambda w: ReminderSettings.objects.filter(deadline_days=10).exists(),
    ),
    (
        "/p/thanet/reminders/emails/{email}/retry/",
        {},
        [302, 403, 403, 403, 404, LOGIN],
        lambda w: Email.objects.filter(status=Email.Status.RETRYING).exists(),
    ),
    (
        "/p/thanet/reminders/emails/{canterbury_email}/retry/",
        {},
        NOT_HERE,
        lambda w: Email.objects.filter(status=Email.Status.RETRYING).exists(),
    ),
    # Nothing ticked: every kind turned off, for the person signed in and no one else.
    (
        "/account/emails/",
        {},
        [302, 302, 302, 302, 302, LOGIN],
        lambda w: EmailPreferences.objects.filter(reminder=False).exists(),
    ),
    # An upload without a file is refused on the page itself, for those who may upload.
    ("/p/thanet/plan/import/", {"year": "2016"}, COORDINATOR, None),
]


def failed_email(partnership, person):
    return Email.objects.create(
        partnership=partnership,
        person=person,
        kind=Email.Kind.WEEKLY_DIGEST,
        subject="Overdue actions",
        text="Text",
        html="<p>Text</p>",
        reason="Because.",
        status=Email.Status.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused",
        created=timezone.now(),
    )


@pytest.fixture
def ids(world):
    committee = Committee.objects.create(
        partnership=world.thanet, name="Working Party", kind="working_party"
    )
    canterbury = Committee.objects.create(
        partnership=world.canterbury, name="Canterbury Working Party", kind="working_party"
    )
    return {
        "meeting": make_meeting(committee, datetime.date(2015, 3, 3)).pk,
        "canterbury_meeting": make_meeting(canterbury, datetime.date(2015, 3, 10)).pk,
        "email": failed_email(world.thanet, world.coordinator).pk,
        "canterbury_email": failed_email(world.canterbury, world.outsider).pk,
        "job": Job.objects.create(partnership=world.thanet, title="Import a plan").pk,
        "police_officers_job": Job.objects.create(
            partnership=world.thanet, title="Import a dataset", started_by=world.police_officer
        ).pk,
        "councillors_job": Job.objects.create(
            partnership=world.thanet, title="Issue a draft", started_by=world.councillor
        ).pk,
        "canterbury_job": Job.objects.create(partnership=world.canterbury, title="Import").pk,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, ids, persona, path, expected):
    check_page(client, world, persona, path, expected, ids)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, ids, persona, path, data, expected, changed):
    check_action(client, world, persona, path, data, expected, ids, changed)
