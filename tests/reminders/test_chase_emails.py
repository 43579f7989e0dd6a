"""The coordinator emails the chase list to the people on it: a page says who gets what, the
emails go through the outbox to a real SMTP server on loopback, each is logged, and nobody is
chased twice within a week unless the coordinator, told so, chooses to."""

import re

import time_machine

from saferplan.reminders.models import Email
from tests.conftest import message_text
from tests.plans.conftest import at
from tests.reminders.conftest import addressed_to, run_worker

CHASE = "/p/thanet/plan/2014/chase/"
EMAIL = CHASE + "email/"


def ticked(page):
    """{person id: ticked?} of the page's checkboxes."""
    boxes = re.findall(r'<input type="checkbox" name="people" value="(\d+)"([^>]*)>', page)
    return {int(pk): "checked" in rest for pk, rest in boxes}


def batch_of(page):
    return re.search(r'name="batch" value="([0-9a-f-]+)"', page).group(1)


def test_the_chase_list_is_emailed_once_to_the_people_on_it(client, world, cycle, smtp_server):
    bob, fay, gus = world.police_officer, cycle.county_officer, cycle.county_officer_two
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 2, 10, 12), tick=False):
        chase = client.get(CHASE).content.decode()
        assert f'href="{EMAIL}">Email the people on this list</a>' in chase
        page = client.get(EMAIL).content.decode()
        assert "Bob Police (Kent Police): 2 actions (1.1.1, 1.1.3)" in page
        assert "Fay County (Kent County Council): 1 action (1.2.1)" in page
        assert ticked(page) == {bob.pk: True, fay.pk: True, gus.pk: True}
        assert "Carol Council" not in page, "her action was updated recently"
        form = {
            "people": [bob.pk, fay.pk],
            "message": "The Working Party meets on 3 March.",
            "batch": batch_of(page),
        }
        response = client.post(EMAIL, form)
        assert response.status_code == 302 and response.url == CHASE
        client.post(EMAIL, form)  # sent twice (a double click): written once
        assert Email.objects.filter(kind=Email.Kind.CHASE).count() == 2
        run_worker()
    # The worker also sends the reminders due that day: the chases are the emails of the plan.
    chased = [m for m in smtp_server if m["Subject"].endswith(" of Community Safety Plan 2014-15")]
    assert sorted(m["To"] for m in chased) == sorted([bob.email, fay.email])
    [to_bob] = addressed_to(chased, bob.email)
    assert to_bob["Subject"] == "Please update 2 actions of Community Safety Plan 2014-15"
    text = message_text(to_bob).replace("\r\n", "\n")
    assert "Alice Coordinator, a coordinator of Thanet Community Safety Partnership" in text
    assert "Alice Coordinator writes:\nThe Working Party meets on 3 March." in text
    assert "1.1.1 Joint patrols" in text and "1.1.3 CCTV review" in text
    assert "No update for 132 days" in text
    assert "Summer sports sessions" not in text, "Fay's action, not Bob's"
    assert f"/p/thanet/plan/actions/{cycle.patrols.pk}/#record-progress" in text
    assert "you are the lead officer of some of these actions, and an officer of Kent Police" in (
        text
    )
    [to_fay] = addressed_to(chased, fay.email)
    assert "Overdue: its target date was 31 December 2014" in message_text(to_fay)

    with time_machine.travel(at(2015, 2, 12, 9), tick=False):
        chase = client.get(CHASE).content.decode()
        assert "Chase emails sent" in chase and chase.count(">Sent</strong>") == 2
        log = client.get("/p/thanet/reminders/emails/").content.decode()
        assert log.count("Chase from a coordinator") == 2
        again = client.get(EMAIL).content.decode()
    assert ticked(again) == {bob.pk: False, fay.pk: False, gus.pk: True}
    assert "Bob Police (Kent Police): 2 actions (1.1.1, 1.1.3). Already chased on 10 February " in (
        again
    )
    with time_machine.travel(at(2015, 2, 18, 9), tick=False):
        week_later = client.get(EMAIL).content.decode()
    assert ticked(week_later) == {bob.pk: True, fay.pk: True, gus.pk: True}


def test_a_person_chased_recently_is_chased_again_only_when_ticked(client, world, cycle):
    bob = world.police_officer
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 2, 10, 12), tick=False):
        first = client.get(EMAIL).content.decode()
        client.post(EMAIL, {"people": [bob.pk], "batch": batch_of(first)})
        second = client.get(EMAIL).content.decode()
        assert ticked(second)[bob.pk] is False
        client.post(EMAIL, {"people": [bob.pk], "batch": batch_of(second)})
    assert Email.objects.filter(kind=Email.Kind.CHASE, person=bob).count() == 2


def test_bad_choices_are_refused_and_nothing_is_written(client, world, cycle):
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 2, 10, 12), tick=False):
        batch = batch_of(client.get(EMAIL).content.decode())
        for form, error in [
            ({"people": [world.outsider.pk], "batch": batch}, "Select a valid choice."),
            ({"people": ["x' OR 1=1"], "batch": batch}, "Select a valid choice."),
            ({"people": [world.police_officer.pk], "batch": "not-a-batch"}, "Enter a valid UUID"),
            ({"batch": batch}, "This field is required."),
            ({"people": [world.police_officer.pk], "batch": batch, "message": "x" * 2001}, ""),
        ]:
            response = client.post(EMAIL, form)
            assert response.status_code == 200
            assert error in response.content.decode()
    assert not Email.objects.filter(kind=Email.Kind.CHASE).exists()


def test_nothing_to_chase_says_so(client, world, cycle):
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 6, 1, 12), tick=False):  # the plan's year has ended
        assert "Email the people" not in client.get(CHASE).content.decode()
        page = client.get(EMAIL).content.decode()
    assert "Nobody to email: nothing is overdue or stale." in page
    assert 'name="people"' not in page
