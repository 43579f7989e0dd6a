"""What the coordinator reads: the reminders page, a deadline's who-has-updated page, an email."""

import time_machine

from saferplan.reminders.models import Email
from tests.plans.conftest import at
from tests.reminders.conftest import run_worker


def test_the_coordinator_follows_a_deadline_from_the_reminders_page(
    client, world, cycle, smtp_server
):
    with time_machine.travel(at(2015, 2, 10, 9), tick=False):
        run_worker()
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 2, 12, 9), tick=False):
        page = client.get("/p/thanet/reminders/").content.decode()
        deadline = client.get(f"/p/thanet/reminders/deadlines/{cycle.meeting.pk}/")
    assert "14 days before each meeting" in page and "7 days before the deadline" in page
    assert "of every committee" in page
    coming = page[page.index("Coming deadlines") : page.index("Recent deadlines")]
    assert "Community Safety Working Party, 3 March 2015" in coming
    assert "10 February 2015" in coming and "17 February 2015" in coming
    assert "the last meeting, on 18 November 2014" in coming
    recent = page[page.index("Recent deadlines") : page.index("<h2>Emails")]
    assert "Community Safety Working Party, 18 November 2014" in recent
    assert "could not be sent" not in page

    text = deadline.content.decode()
    assert "Update deadline: 17 February 2015" in text
    assert "<strong>1 of 4</strong> actions" in text
    police = text[text.index("Kent Police: 0 updated, 2 not") :]
    bob = Email.objects.get(person=world.police_officer, kind=Email.Kind.REMINDER)
    assert f'<a href="/p/thanet/reminders/emails/{bob.pk}/">Emailed Bob Police</a>: sent' in police
    assert "Bob Police (lead officer)" in police

    email = client.get(f"/p/thanet/reminders/emails/{bob.pk}/").content.decode()
    assert "you are the lead officer of some of these actions" in email
    assert "1.1.3 CCTV review" in email and "officer@police.test" in email
    assert "Try again now" not in email


def test_a_past_deadline_shows_what_was_known_by_the_meeting(client, world, cycle):
    cycle.cctv.record_update(
        status="completed", note="Cameras replaced", by=world.police_officer, when=at(2015, 3, 9)
    )
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 3, 10, 9), tick=False):
        page = client.get(f"/p/thanet/reminders/deadlines/{cycle.meeting.pk}/").content.decode()
        overview = client.get("/p/thanet/reminders/").content.decode()
    assert "Reminders went out on 10 February 2015" in page
    police = page[page.index("Kent Police: 0 updated, 2 not") :]
    assert "1.1.3</a> CCTV review" in police.split("Updated</strong>")[0]
    assert "No meeting is planned: there is no deadline to come." in overview
