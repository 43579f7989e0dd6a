"""A whole meeting cycle with the clock frozen at each step, `saferplan worker --batch` doing the
work and every email read back from a real SMTP server on loopback."""

import re

import time_machine

from saferplan.reminders.models import Email, Reminder
from tests.conftest import message_text
from tests.plans.conftest import at
from tests.reminders.conftest import addressed_to, run_worker

BOB = "officer@police.test"
CAROL = "officer@thanet.test"
FAY, GUS = "fay@county.test", "gus@county.test"
ALICE = "coordinator@thanet.test"


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def test_reminders_then_the_deadline_digest_each_sent_once(client, world, cycle, smtp_server):
    # Monday 9 February: the weekly digest only; the reminders are for tomorrow.
    with time_machine.travel(at(2015, 2, 9, 12), tick=False):
        run_worker()
    assert [m["To"] for m in smtp_server] == [ALICE]
    [weekly] = smtp_server
    assert weekly["Subject"] == "1 overdue and 3 stale actions in Community Safety Plan 2014-15"
    assert "1.2.1 Summer sports sessions" in message_text(weekly)
    assert "each Monday" in message_text(weekly)

    # Tuesday 10 February before 08:00: nothing yet.
    with time_machine.travel(at(2015, 2, 10, 7), tick=False):
        run_worker()
    assert len(smtp_server) == 1

    with time_machine.travel(at(2015, 2, 10, 8), tick=False):
        run_worker()
    reminders = smtp_server[1:]
    assert sorted(m["To"] for m in reminders) == sorted([BOB, FAY, GUS])
    [bob] = addressed_to(reminders, BOB)
    assert bob["Subject"] == (
        "Please update 2 actions by 17 February 2015 for the Community Safety Working Party on "
        "3 March"
    )
    text = message_text(bob)
    assert "1.1.1 Joint patrols" in text and "1.1.3 CCTV review" in text
    assert "Designated public place order" not in text, "updated since the last meeting"
    assert "Theatre" not in text, "completed before the last meeting"
    assert "since the last meeting, on 18 November 2014" in text
    assert "you are the lead officer of some of these actions, and an officer of Kent Police" in (
        text
    )
    links = re.findall(r"http://\S+#record-progress", text)
    assert links == [
        f"http://127.0.0.1:8000/p/thanet/plan/actions/{cycle.patrols.pk}/#record-progress",
        f"http://127.0.0.1:8000/p/thanet/plan/actions/{cycle.cctv.pk}/#record-progress",
    ]
    assert f'href="{links[0]}"' in html_of(bob)
    assert "Choose which emails SaferPlan sends you: http://127.0.0.1:8000/account/emails/" in text
    [fay] = addressed_to(reminders, FAY)
    assert "you are an officer of Kent County Council, which leads these actions" in (
        message_text(fay)
    )

    # The link leads to the update form, after signing in.
    path = links[0].removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 302
    client.force_login(world.police_officer)
    assert "Record progress" in client.get(path).content.decode()

    # A restart later that day sends nothing again.
    with time_machine.travel(at(2015, 2, 10, 15), tick=False):
        run_worker()
    assert len(smtp_server) == 4

    # Bob updates his patrols; the coordinator adds an action for the police on the 12th.
    with time_machine.travel(at(2015, 2, 11, 10), tick=False):
        response = client.post(path.split("#")[0], {"status": "underway", "note": "Rota renewed"})
        assert response.status_code == 302
    new = cycle.cctv.issue.actions.create(
        number=4, title="Licensing visits", lead_agency=world.police, target_date=cycle.plan.ends
    )
    with time_machine.travel(at(2015, 2, 12, 9), tick=False):
        run_worker()
    [again] = smtp_server[4:]
    assert again["To"] == BOB
    assert "1.1.4 Licensing visits" in message_text(again)
    assert "Joint patrols" not in message_text(again) and "CCTV" not in message_text(again)

    # Monday 16 February: the week's digest, which now knows of Bob's update.
    with time_machine.travel(at(2015, 2, 16, 9), tick=False):
        run_worker()
    [weekly] = smtp_server[5:]
    assert "Joint patrols" not in message_text(weekly)
    assert "1.1.4 Licensing visits (no lead officer named), no update for" in message_text(weekly)

    # The deadline: the coordinator hears who has updated and who has not, once.
    with time_machine.travel(at(2015, 2, 17, 9), tick=False):
        run_worker()
        run_worker()
    [digest] = smtp_server[6:]
    assert digest["To"] == ALICE
    assert digest["Subject"] == (
        "Update deadline for the Community Safety Working Party on 3 March: 2 of 5 actions updated"
    )
    text = message_text(digest)
    police = text[text.index("KENT POLICE") :]
    assert "Updated: 1.1.1 Joint patrols, by Bob Police on 11 February" in police
    assert "Not updated: 1.1.3 CCTV review, reminded: Bob Police" in police
    assert "Not updated: 1.2.1 Summer sports sessions, reminded: Fay County, Gus County" in text
    assert "Updated: 1.1.2 Designated public place order, by Carol Council" in text

    # After the meeting, no more reminders and no deadline digest: only that week's digest.
    with time_machine.travel(at(2015, 3, 4, 9), tick=False):
        run_worker()
    [weekly] = smtp_server[7:]
    assert weekly["To"] == ALICE and "each Monday" in message_text(weekly)
    assert Reminder.objects.filter(person=world.police_officer).count() == 3
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}
    assert new.reminders.get().email.person == world.police_officer


def test_a_person_who_turned_reminders_off_gets_none(client, world, cycle, smtp_server):
    client.force_login(world.police_officer)
    response = client.post(
        "/account/emails/",
        {"deadline_digest": "on", "weekly_digest": "on", "new_comment": "on"},
    )
    assert response.status_code == 302
    with time_machine.travel(at(2015, 2, 10, 9), tick=False):
        run_worker()
    reminders = [m for m in smtp_server if m["Subject"].startswith("Please update")]
    assert sorted(m["To"] for m in reminders) == [FAY, GUS]


def test_changed_settings_move_the_reminder_day(client, world, cycle, smtp_server):
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/reminders/settings/",
        {"deadline_days": "7", "reminder_days": "3", "committees": [cycle.committee.pk]},
    )
    assert response.status_code == 302
    # Deadline 24 February, reminders on the 21st.
    with time_machine.travel(at(2015, 2, 20, 9), tick=False):
        run_worker()
    assert [m for m in smtp_server if "Please update" in m["Subject"]] == []
    with time_machine.travel(at(2015, 2, 21, 9), tick=False):
        run_worker()
    reminders = [m for m in smtp_server if "Please update" in m["Subject"]]
    assert sorted(m["To"] for m in reminders) == sorted([BOB, FAY, GUS])
    assert "by 24 February 2015" in reminders[0]["Subject"]
