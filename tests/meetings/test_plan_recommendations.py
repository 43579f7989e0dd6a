"""A committee's recommendation on the draft plan becomes a consultation comment on that plan;
the coordinator's answer to the comment is the recommendation's response, and a response cannot
be recorded on the recommendation while its comment waits for an answer."""

import html
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from saferplan.meetings.models import ANSWER_ON_PLAN_FIRST, Recommendation
from saferplan.meetings.services import record_recommendation
from saferplan.plans.models import Comment, Plan

M = "/p/thanet/meetings"
TEXT = "To name Cliftonville in the priority on the drivers of anti-social behaviour."


def text(response):
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def recommend(client, item, plan, **changes):
    data = {"number": "5.4", "kind": "plan", "text": TEXT, "made_to": "partnership"}
    data |= {"plan": plan.pk if plan else ""} | changes
    return client.post(f"{M}/items/{item.pk}/recommendations/new/", data, follow=True)


def answer(client, comment, response, note=""):
    return client.post(
        f"/p/thanet/plan/comments/{comment.pk}/answer/",
        {"response": response, "note": note},
        follow=True,
    )


@pytest.fixture
def on_plan(world, meetings, links):
    """Recommendation 5.4 of the 3 March 2015 meeting on the plan out for consultation."""
    return record_recommendation(
        recommendation=Recommendation(
            item=meetings.item,
            number="5.4",
            kind="plan",
            text=TEXT,
            made_to="partnership",
            plan=links.consultation,
        ),
        by=world.coordinator,
    )


def fresh(instance):
    return type(instance).objects.get(pk=instance.pk)


def test_a_recommendation_on_the_draft_plan_becomes_a_comment_from_the_committee(
    client, world, meetings, links
):
    client.force_login(world.coordinator)
    page = text(recommend(client, meetings.item, links.consultation))
    assert "put to the consultation on Community Safety Plan 2015-16" in page
    recommendation = Recommendation.objects.get(number="5.4")
    comment = recommendation.comment
    assert (comment.plan, comment.body, comment.author) == (
        links.consultation,
        TEXT,
        world.coordinator,
    )
    assert comment.about == "The plan as a whole"
    # Made at the meeting of 3 March 2015, at 7 pm, whenever it was recorded.
    assert comment.created.date() == date(2015, 3, 3)

    client.force_login(world.councillor)
    consultation = text(client.get("/p/thanet/plan/2015/consultation/"))
    byline = (
        "Recommendation 5.4 of the Community Safety Working Party, 3 March 2015</a> "
        "(recorded by Alice Coordinator)"
    )
    assert byline in consultation and TEXT in consultation
    assert "Awaiting an answer" in consultation


def test_the_plan_cannot_be_adopted_until_the_committee_is_answered(client, world, on_plan):
    client.force_login(world.coordinator)
    page = text(client.post("/p/thanet/plan/2015/stage/", {"stage": "adopted"}, follow=True))
    assert "1 comment still needs an answer before the plan can be adopted." in page
    assert fresh(on_plan.plan).status == Plan.Stage.CONSULTATION
    answer(client, on_plan.comment, "accepted", "Cliftonville is named.")
    decision = {"adopted_on": timezone.localdate().isoformat(), "adopted_by": "Cabinet"}
    page = text(client.post("/p/thanet/plan/2015/adopt/", decision, follow=True))
    assert "is adopted by Cabinet" in page
    assert fresh(on_plan.plan).status == Plan.Stage.ADOPTED


def test_a_draft_not_yet_out_for_consultation_takes_it_too(client, world, meetings, links):
    client.force_login(world.coordinator)
    recommend(client, meetings.item, links.draft)
    assert Comment.objects.get(body=TEXT).plan == links.draft


@pytest.mark.parametrize("which", ["canterbury_plan", "adopted"])
def test_a_plan_of_another_partnership_or_adopted_is_refused_and_nothing_saved(
    client, world, meetings, links, which
):
    client.force_login(world.coordinator)
    response = recommend(client, meetings.item, getattr(links, which))
    page = text(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert "Choose a draft plan of this partnership, or one out for consultation." in page
    assert TEXT in page  # what was typed is kept
    assert not Recommendation.objects.filter(number="5.4").exists()
    assert not Comment.objects.filter(body=TEXT).exists()


def test_the_form_offers_only_this_partnerships_plans_not_yet_adopted(
    client, world, meetings, links
):
    client.force_login(world.coordinator)
    form = text(client.get(f"{M}/items/{meetings.item.pk}/recommendations/new/"))
    options = re.findall(
        r'<option value="(\d+)"', form.split('name="plan"')[1].split("</select>")[0]
    )
    assert sorted(int(pk) for pk in options) == sorted([links.consultation.pk, links.draft.pk])


def test_a_recommendation_on_the_draft_plan_needs_the_plan(client, world, meetings, links):
    client.force_login(world.coordinator)
    page = text(recommend(client, meetings.item, None))
    assert "Choose the draft plan the recommendation is on." in page
    assert not Recommendation.objects.filter(number="5.4").exists()


@pytest.mark.parametrize(
    ("which", "error"),
    [
        ("canterbury_plan", "Choose a plan of this partnership."),
        ("adopted", "Community Safety Plan 2014-15 is already adopted: choose a draft plan"),
    ],
)
def test_the_service_refuses_them_too_whoever_calls_it(world, meetings, links, which, error):
    recommendation = Recommendation(
        item=meetings.item, kind="plan", text=TEXT, made_to="partnership"
    )
    recommendation.plan = getattr(links, which)
    with pytest.raises(ValidationError, match=error):
        record_recommendation(recommendation=recommendation, by=world.coordinator)
    assert not Recommendation.objects.filter(text=TEXT).exists()
    assert not Comment.objects.filter(body=TEXT).exists()


def test_other_kinds_keep_no_plan_and_make_no_comment(client, world, meetings, links):
    client.force_login(world.coordinator)
    recommend(client, meetings.item, links.consultation, kind="recommendation")
    recommendation = Recommendation.objects.get(number="5.4")
    assert recommendation.plan is None and recommendation.comment is None
    assert not Comment.objects.exists()


def test_the_recommendation_and_its_comment_are_saved_together_or_not_at_all(
    world, meetings, links, monkeypatch
):
    def broken(**fields):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Comment.objects, "create", broken)
    recommendation = Recommendation(
        item=meetings.item, kind="plan", text=TEXT, made_to="partnership", plan=links.draft
    )
    with pytest.raises(RuntimeError):
        record_recommendation(recommendation=recommendation, by=world.coordinator)
    assert not Recommendation.objects.filter(text=TEXT).exists()


# The coordinator's answer to the comment is the recommendation's response.


@pytest.mark.parametrize(
    ("reply", "note", "status"),
    [
        ("accepted", "The priority now names Cliftonville.", "accepted"),
        ("declined", "The assessment found no rise in Cliftonville.", "declined"),
    ],
)
def test_the_answer_to_the_comment_is_the_recommendations_response(
    client, world, on_plan, reply, note, status
):
    client.force_login(world.coordinator)
    page = text(answer(client, on_plan.comment, reply, note))
    assert (
        f"Recommendation 5.4 of the Community Safety Working Party, 3 March 2015 is {status} "
        "in the recommendations register." in page
    )
    recommendation = fresh(on_plan)
    assert (recommendation.status, recommendation.response) == (status, note)
    update = recommendation.updates.get()
    assert (update.status, update.recorded_by, update.reported_at) == (
        status,
        world.coordinator,
        None,
    )
    register = text(client.get(f"{M}/recommendations/?status={status}"))
    assert TEXT in register and note in register


def test_noted_leaves_the_recommendation_open_for_its_response(client, world, on_plan):
    client.force_login(world.coordinator)
    answer(client, on_plan.comment, "noted", "We will look at Cliftonville next year.")
    recommendation = fresh(on_plan)
    assert recommendation.status == "open" and not recommendation.updates.exists()
    page = text(client.get(f"{M}/recommendations/{on_plan.pk}/"))
    assert "Noted</strong> We will look at Cliftonville next year." in page
    assert "Record a response" in page  # the committee now hears its response
    client.post(
        f"{M}/recommendations/{on_plan.pk}/",
        {"status": "declined", "response": "Not this year: see the consultation answer."},
    )
    assert fresh(on_plan).status == "declined"


def test_a_response_waits_for_the_answer_to_the_comment(client, world, on_plan):
    client.force_login(world.coordinator)
    page = text(client.get(f"{M}/recommendations/{on_plan.pk}/"))
    assert "Record a response" not in page
    assert f'href="/p/thanet/plan/comments/{on_plan.comment.pk}/answer/">answer the comment' in page
    response = client.post(
        f"{M}/recommendations/{on_plan.pk}/",
        {"status": "accepted", "response": "Agreed."},
        follow=True,
    )
    assert ANSWER_ON_PLAN_FIRST in text(response)
    assert fresh(on_plan).status == "open" and not fresh(on_plan).updates.exists()
    with pytest.raises(ValidationError, match="answer the comment on the plan's consultation"):
        fresh(on_plan).record_response(status="declined", response="No.", by=world.coordinator)
    assert fresh(on_plan.comment).response == ""


def test_an_answer_that_contradicts_the_register_is_refused_and_nothing_saved(
    client, world, on_plan
):
    client.force_login(world.coordinator)
    answer(client, on_plan.comment, "noted", "Thank you.")
    fresh(on_plan).record_response(status="declined", response="Not now.", by=world.coordinator)
    page = text(answer(client, on_plan.comment, "accepted", "Amended after all."))
    assert "There is a problem" in page
    assert (
        "Recommendation 5.4 of the Community Safety Working Party, 3 March 2015 is already "
        "declined in the recommendations register" in page
    )
    comment = fresh(on_plan.comment)
    assert (comment.response, comment.response_note) == ("noted", "Thank you.")
    assert fresh(on_plan).status == "declined"


def test_changing_an_answer_the_same_way_keeps_the_register_as_it_is(client, world, on_plan):
    client.force_login(world.coordinator)
    answer(client, on_plan.comment, "accepted", "Named.")
    fresh(on_plan).record_response(
        status="implemented", response="In the adopted plan.", by=world.coordinator
    )
    answer(client, on_plan.comment, "accepted", "Named in priority 3.")
    assert fresh(on_plan.comment).response_note == "Named in priority 3."
    assert fresh(on_plan).status == "implemented" and fresh(on_plan).updates.count() == 2


def test_the_answer_page_names_the_committee(client, world, on_plan):
    client.force_login(world.coordinator)
    page = text(client.get(f"/p/thanet/plan/comments/{on_plan.comment.pk}/answer/"))
    assert "Answer the Community Safety Working Party’s recommendation" in page
    assert "noted” leaves it open" in page


def test_the_meeting_and_recommendation_pages_link_to_the_consultation(client, world, on_plan):
    client.force_login(world.councillor)
    meeting = text(client.get(f"{M}/{on_plan.item.meeting_id}/"))
    assert 'A comment on <a href="/p/thanet/plan/2015/consultation/">' in meeting
    page = text(client.get(f"{M}/recommendations/{on_plan.pk}/"))
    assert "Awaiting an answer" in page
    assert f"/p/thanet/plan/2015/consultation/#comment-{on_plan.comment.pk}" in page
    assert "the coordinator answers the comment" in page
    public = text(client.get(f"{M}/public/{on_plan.item.meeting_id}/"))
    assert TEXT in public and "consultation" not in public.split(TEXT)[1].split("</li>")[0]
