"""Coordinators hear of each new consultation comment and each new recommendation, once, unless
they turned that kind off; whoever wrote it is not told of their own."""

import datetime

import pytest

from saferplan.meetings.models import AgendaItem
from saferplan.partnerships.models import Role
from saferplan.plans.models import Plan
from saferplan.reminders import outbox, services
from saferplan.reminders.models import Email, EmailPreferences
from tests.conftest import make_person, message_text


@pytest.fixture
def second_coordinator(world):
    return make_person(
        "deputy@thanet.test", "Dev Deputy", world.council, [(world.thanet, Role.Kind.COORDINATOR)]
    )


def test_a_new_comment_reaches_the_coordinators_but_its_author(
    client, world, second_coordinator, smtp_server
):
    draft = Plan.objects.create(partnership=world.thanet, year=2015)
    draft.put_out_for_consultation(on=datetime.date(2015, 3, 3))
    client.force_login(world.councillor)
    response = client.post(
        "/p/thanet/plan/2015/consultation/",
        {"about": "plan", "body": "Say more about Cliftonville."},
    )
    assert response.status_code == 302
    assert outbox.deliver_due() == (2, 0)
    assert sorted(m["To"] for m in smtp_server) == ["coordinator@thanet.test", "deputy@thanet.test"]
    text = message_text(smtp_server[0])
    assert smtp_server[0]["Subject"] == "New comment on Community Safety Plan 2015-16 from Cllr Dee"
    assert "Say more about Cliftonville." in text
    comment = draft.comments.get()
    assert f"http://127.0.0.1:8000/p/thanet/plan/comments/{comment.pk}/answer/" in text
    assert "because you are a coordinator of Thanet Community Safety Partnership" in text

    # The deputy comments and has turned these off: Alice alone hears of it.
    EmailPreferences.objects.create(person=second_coordinator, new_comment=False)
    client.force_login(second_coordinator)
    client.post("/p/thanet/plan/2015/consultation/", {"about": "plan", "body": "And Margate."})
    assert outbox.deliver_due() == (1, 0)
    assert smtp_server[-1]["To"] == "coordinator@thanet.test"
    assert services.notify_comment(comment) == 0, "each comment is told once"


def test_a_new_recommendation_reaches_the_other_coordinators(
    client, world, cycle, second_coordinator, smtp_server
):
    item = AgendaItem.objects.create(
        meeting=cycle.meeting, position=1, title="Partner updates", purpose="information"
    )
    client.force_login(world.coordinator)
    response = client.post(
        f"/p/thanet/meetings/items/{item.pk}/recommendations/new/",
        {
            "number": "5.1",
            "kind": "recommendation",
            "text": "To ask the police for monthly figures.",
            "made_to": "agency",
            "to_agency": world.police.pk,
            "due": "2015-06-30",
        },
    )
    assert response.status_code == 302
    outbox.deliver_due()
    [message] = smtp_server
    assert message["To"] == "deputy@thanet.test"
    assert message["Subject"] == (
        "New recommendation of the Community Safety Working Party, 3 March 2015"
    )
    text = message_text(message)
    assert "Alice Coordinator has recorded a new recommendation" in text
    assert "5.1 To ask the police for monthly figures." in text
    assert "Made to: Kent Police" in text and "Due: 30 June 2015" in text
    assert Email.objects.get().kind == Email.Kind.NEW_RECOMMENDATION
