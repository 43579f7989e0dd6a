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


def test_the_commenter_hears_when_their_comment_is_answered(client, world, smtp_server):
    draft = Plan.objects.create(partnership=world.thanet, year=2015)
    draft.put_out_for_consultation(on=datetime.date(2015, 3, 3))
    client.force_login(world.councillor)
    client.post(
        "/p/thanet/plan/2015/consultation/", {"about": "plan", "body": "Name Cliftonville."}
    )
    comment = draft.comments.get()
    outbox.deliver_due()
    smtp_server.clear()  # the coordinator heard of the comment

    client.force_login(world.coordinator)
    answer_url = f"/p/thanet/plan/comments/{comment.pk}/answer/"
    assert "Cllr Dee is emailed your answer" in client.get(answer_url).content.decode()
    note = "Cliftonville is named in 1.2 <b>now</b>."
    client.post(answer_url, {"response": "accepted", "note": note})
    assert outbox.deliver_due() == (1, 0)
    [message] = smtp_server
    assert message["To"] == "councillor@thanet.test"
    assert message["Subject"] == "Your comment on Community Safety Plan 2015-16 has been answered"
    text = message_text(message).replace("\r\n", "\n")
    assert "Alice Coordinator has answered your comment on Community Safety Plan 2015-16" in text
    assert "Name Cliftonville." in text
    assert f"The answer: Accepted and the plan amended\n{note}" in text
    link = f"http://127.0.0.1:8000/p/thanet/plan/2015/consultation/#comment-{comment.pk}"
    assert link in text
    assert "because you commented on Community Safety Plan 2015-16" in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "&lt;b&gt;now&lt;/b&gt;" in html and "<b>now</b>" not in html

    client.force_login(world.councillor)
    page = client.get("/p/thanet/plan/2015/consultation/").content.decode()
    assert "Your comment</strong>" in page and "every one is answered" in page
    assert "Cliftonville is named in 1.2 &lt;b&gt;now&lt;/b&gt;." in page

    # The same answer saved again is no news; a changed answer is.
    client.force_login(world.coordinator)
    client.post(answer_url, {"response": "accepted", "note": note})
    assert outbox.deliver_due() == (0, 0)
    client.post(answer_url, {"response": "noted", "note": "Named in the introduction."})
    assert outbox.deliver_due() == (1, 0)
    assert smtp_server[-1]["Subject"] == (
        "The answer to your comment on Community Safety Plan 2015-16 has changed"
    )
    assert "Alice Coordinator has changed the answer" in message_text(smtp_server[-1])
    assert Email.objects.filter(kind=Email.Kind.COMMENT_ANSWERED).count() == 2


@pytest.mark.parametrize("why", ["turned off", "answered it themselves", "left"])
def test_no_answer_email_to_whoever_should_not_have_it(client, world, smtp_server, why):
    draft = Plan.objects.create(partnership=world.thanet, year=2015)
    draft.put_out_for_consultation(on=datetime.date(2015, 3, 3))
    author = world.coordinator if why == "answered it themselves" else world.councillor
    comment = draft.comments.create(about="the plan", author=author, body="Say more.")
    if why == "turned off":
        EmailPreferences.objects.create(person=world.councillor, comment_answered=False)
    if why == "left":
        Role.objects.filter(person=world.councillor).delete()
    client.force_login(world.coordinator)
    response = client.post(
        f"/p/thanet/plan/comments/{comment.pk}/answer/", {"response": "noted", "note": "Noted."}
    )
    assert response.status_code == 302
    assert outbox.deliver_due() == (0, 0) and smtp_server == []
    comment.refresh_from_db()
    assert comment.response == "noted", "the answer is saved all the same"
