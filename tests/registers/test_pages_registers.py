"""The registers' pages as their users meet them: who sees an applicant's details, the forms'
checks (an error summary, never a 500, nothing saved), late milestones, what of a death review is
published, and a recommendation becoming a plan action or a register entry, once."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.meetings.models import Recommendation
from saferplan.partnerships.models import Agency, Role
from saferplan.plans.models import Action, Plan
from saferplan.registers.models import AsbCaseReview, DeathReview
from saferplan.registers.selectors import PublishedReview, published_reviews
from tests.conftest import make_person

CASE = {
    "reference": "ASB-9",
    "received": "2015-02-02",
    "how_made": "email",
    "threshold": "Three complaints in six months.",
    "threshold_decision": "undecided",
}
REVIEW = {"title": "Review into the death of 'Adult C'", "notified": "2015-02-01"}
REVIEW |= {"decision": "undecided", "quality_assurance": "awaited"}


def page(client, person, path):
    client.force_login(person)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_applicants_details_only_for_coordinators_and_those_the_case_is_shared_with(
    world, registers, client
):
    case = f"/p/thanet/registers/asb/{registers.case.pk}/"
    for person in [world.coordinator, world.police_officer]:
        shown = page(client, person, case)
        assert "Applicant of ASB-1" in shown and "1 High Street, Margate" in shown
    for person in [world.council_officer, world.councillor]:
        listing = page(client, person, "/p/thanet/registers/asb/")
        assert "holds 2 applications" in listing
        assert "ASB-1" not in listing and "Applicant of" not in listing
        assert "No case is shared with you." in listing
        assert client.get(case).status_code == 404
    assert "ASB-1" in page(client, world.police_officer, "/p/thanet/registers/asb/")


def test_a_case_form_with_mistakes_says_what_is_wrong_and_saves_nothing(world, registers, client):
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/registers/asb/new/",
        CASE
        | {
            "reference": "asb-1",  # the same reference as ASB-1, in another case
            "received": "2015-13-45",
            "threshold_decision": "not_met",
            "review_meeting": "2015-01-01",
            "shared_with": [str(world.outsider.pk)],
            "agencies": [str(world.canterbury_council.pk)],
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text
    assert "The register already has a case with this reference." in text
    assert "Enter a valid date." in text
    assert "Select a valid choice." in text
    assert AsbCaseReview.objects.filter(partnership=world.thanet).count() == 2
    response = client.post(
        "/p/thanet/registers/asb/new/",
        CASE | {"threshold_decision": "not_met", "review_meeting": "2015-01-01"},
    )
    text = response.content.decode()
    assert "Say why the threshold was not met" in text
    assert "A review is held only where the threshold was met." in text
    assert not AsbCaseReview.objects.filter(reference="ASB-9").exists()


def test_hostile_input_is_shown_as_text(world, registers, client):
    client.force_login(world.coordinator)
    hostile = "<script>alert(1)</script>"
    response = client.post(
        "/p/thanet/registers/asb/new/",
        CASE | {"reference": "X<b>1", "applicant_name": hostile, "threshold": hostile},
    )
    assert response.status_code == 302
    shown = client.get(response.url).content.decode()
    assert hostile not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "X&lt;b&gt;1" in shown
    assert client.get("/p/thanet/registers/asb/not-a-number/").status_code == 404
    response = client.post(
        f"/p/thanet/registers/asb/{registers.case.pk}/recommendations/new/",
        {"text": "x", "owner": "'; DROP TABLE x", "due": "\x00"},
    )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_milestones_are_flagged_late_against_the_statutory_timescales():
    review = DeathReview(
        title="R", notified=date(2015, 1, 31), decision="review", decided=date(2015, 3, 2)
    )
    # Decision due a month after the notification (28 Feb), report six months after the decision.
    decision, report, assurance, published = review.milestones(today=date(2015, 9, 1))
    assert (decision.due, decision.late) == (date(2015, 2, 28), True)
    assert (report.due, report.done, report.late) == (date(2015, 9, 2), None, False)
    assert review.milestones(today=date(2015, 9, 3))[1].late
    review.submitted = date(2015, 9, 2)
    assert not review.milestones(today=date(2016, 1, 1))[1].late
    assert (assurance.due, published.due) == (None, None)
    undecided = DeathReview(title="U", notified=date(2015, 1, 10))
    [only] = undecided.milestones(today=date(2015, 2, 10))
    assert not only.late and undecided.milestones(today=date(2015, 2, 11))[0].late


def test_the_register_and_the_review_show_the_late_tag(world, registers, client):
    listing = page(client, world.police_officer, "/p/thanet/registers/dardr/")
    row = listing.split("Adult B")[1].split("</tr>")[0]
    assert '<strong class="sp-tag sp-tag--red">Late</strong>' in row
    shown = page(client, world.police_officer, f"/p/thanet/registers/dardr/{registers.review.pk}/")
    report = shown.split("Report sent to the Home Office")[1].split("</tr>")[0]
    assert "20 Jul 2015" in report and "Late" in report


def test_a_review_is_public_only_once_published_and_then_only_its_title_dates_and_link(
    world, registers, client
):
    assert published_reviews(world.thanet) == [
        PublishedReview(
            title="Review into the death of 'Adult A'",
            notified=date(2013, 6, 10),
            decided=date(2013, 7, 1),
            submitted=date(2013, 12, 20),
            published=date(2014, 5, 1),
            report_url="https://www.thanet.test/review-adult-a",
        )
    ]
    assert published_reviews(world.canterbury) == []
    listing = page(client, world.councillor, "/p/thanet/registers/dardr/")
    assert "Adult A" in listing and "https://www.thanet.test/review-adult-a" in listing
    assert "Adult B" not in listing


def test_a_review_is_published_only_once_approved_and_at_a_web_address(world, registers, client):
    client.force_login(world.coordinator)
    path = f"/p/thanet/registers/dardr/{registers.review.pk}/edit/"
    data = REVIEW | {"decision": "review", "decided": "2015-02-10", "published": "2015-06-01"}
    text = client.post(path, data | {"report_url": "javascript:alert(1)"}).content.decode()
    assert "A report is published once the panel has approved it." in text
    assert "Enter a valid URL." in text
    text = client.post(path, REVIEW | {"decided": "2015-01-01"}).content.decode()
    assert "Say what was decided on that date." in text
    text = client.post(path, REVIEW | {"decision": "review", "decided": "2015-01-01"}).content
    assert "This date cannot be before the date the partnership was notified." in text.decode()
    assert DeathReview.objects.get(pk=registers.review.pk).published is None


def test_a_recommendation_becomes_an_action_of_the_current_plan_once(world, registers, client):
    client.force_login(world.coordinator)
    path = f"/p/thanet/registers/asb/recommendations/{registers.asb_recommendation.pk}/action/"
    form = client.get(path).content.decode()
    assert "Make it an action of Community Safety Plan 2015-16" in form
    assert "Hold a joint case conference.</textarea>" in form
    assert 'value="2014-12-31"' in form  # its target date
    data = {"issue": registers.issue.pk, "number": 1, "title": "Hold a joint case conference."}
    data |= {"lead_agency": world.council.pk, "target_date": "2015-12-31"}
    response = client.post(path, data)
    action = Action.objects.get(title="Hold a joint case conference.")
    assert response.url == action.get_absolute_url()
    assert action.plan == registers.plan and action.lead_agency == world.council
    registers.asb_recommendation.refresh_from_db()
    assert registers.asb_recommendation.action == action
    case = page(client, world.coordinator, f"/p/thanet/registers/asb/{registers.case.pk}/")
    assert "Action 1.1.1 of Community Safety Plan 2015-16" in case
    again = client.post(path, data, follow=True).content.decode()
    assert "already an action of the plan" in again
    assert Action.objects.filter(title="Hold a joint case conference.").count() == 1


def test_with_no_open_plan_the_coordinator_is_told_to_add_one(world, registers, client):
    Plan.objects.filter(pk=registers.plan.pk).update(closed_on=date(2016, 4, 30))
    client.force_login(world.coordinator)
    path = f"/p/thanet/registers/dardr/recommendations/{registers.review_recommendation.pk}/action/"
    response = client.get(path, follow=True)
    assert "There is no plan whose year is open: add the plan first." in response.content.decode()


def test_a_recommendation_becomes_an_entry_of_the_recommendations_register_once(
    world, registers, client
):
    client.force_login(world.coordinator)
    path = f"/p/thanet/registers/asb/recommendations/{registers.asb_recommendation.pk}/register/"
    text = client.post(path, {"item": "", "text": ""}).content.decode()
    assert "There is a problem" in text and not Recommendation.objects.exists()
    response = client.post(path, {"item": registers.item.pk, "text": "Hold a case conference."})
    entry = Recommendation.objects.get()
    assert response.url == f"/p/thanet/meetings/recommendations/{entry.pk}/"
    assert (entry.item, entry.addressee, entry.due) == (
        registers.item,
        "Thanet District Council",
        date(2014, 12, 31),
    )
    register = page(client, world.councillor, "/p/thanet/meetings/recommendations/")
    assert "Hold a case conference." in register
    client.force_login(world.coordinator)
    client.post(path, {"item": registers.item.pk, "text": "Again."})
    assert Recommendation.objects.count() == 1


@pytest.mark.parametrize("field", ["received", "told_decision"])
def test_any_date_field_takes_garbage_without_a_500(world, registers, client, field):
    client.force_login(world.coordinator)
    response = client.post("/p/thanet/registers/asb/new/", CASE | {field: "9" * 50})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


@pytest.mark.parametrize(
    "dates",
    [
        {"decision": "undecided", "notified": "9999-12-20"},  # no day a month after it
        {"decision": "review", "decided": "9999-12-31"},  # no day six months after it
    ],
)
def test_a_death_review_dated_in_a_far_year_is_a_form_error_not_a_broken_register(
    world, registers, client, dates
):
    client.force_login(world.coordinator)
    response = client.post("/p/thanet/registers/dardr/new/", REVIEW | dates)
    assert response.status_code == 200
    assert "This date is in the future: record it once it is done." in response.content.decode()
    assert not DeathReview.objects.filter(title="Review into the death of 'Adult C'").exists()
    assert client.get("/p/thanet/registers/dardr/").status_code == 200


def test_a_report_to_be_published_later_is_not_public_before(world, registers, client):
    client.force_login(world.coordinator)
    path = f"/p/thanet/registers/dardr/{registers.review.pk}/edit/"
    later = (date.today() + timedelta(days=30)).isoformat()
    data = REVIEW | {"decision": "review", "decided": "2015-01-20", "submitted": "2015-06-01"}
    data |= {"quality_assurance": "approved", "quality_assured": "2015-09-01"}
    data |= {"published": later, "report_url": "https://www.thanet.test/review-adult-b"}
    text = client.post(path, data).content.decode()
    assert "This date is in the future: record it once it is done." in text
    assert [review.title for review in published_reviews(world.thanet)] == [
        "Review into the death of 'Adult A'"
    ]


@pytest.mark.parametrize(
    "form, data, field",
    [
        ("asb/new/", CASE, "agencies"),
        ("asb/new/", CASE, "shared_with"),
        ("dardr/new/", REVIEW, "panel_agencies"),
        ("dardr/new/", REVIEW, "shared_with"),
        (
            "asb/recommendations/{asb_recommendation}/action/",
            {"issue": "{issue}", "number": "2", "title": "T", "lead_agency": "{council}"},
            "supporting_agencies",
        ),
    ],
)
def test_a_list_of_choices_takes_an_id_too_large_for_any_database_without_a_500(
    world, registers, client, form, data, field
):
    client.force_login(world.coordinator)
    ids = {"asb_recommendation": registers.asb_recommendation.pk}
    ids |= {"issue": registers.issue.pk, "council": world.council.pk}
    data = {name: value.format(**ids) for name, value in data.items()}
    path = "/p/thanet/registers/" + form.format(**ids)
    response = client.post(path, data | {field: ["9" * 20, str(world.police.pk)]})
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text
    assert "99999999999999999999 is not one of the available choices." in text
    assert AsbCaseReview.objects.count() == 3 and DeathReview.objects.count() == 2
    assert not Action.objects.filter(title="T").exists()


@pytest.mark.parametrize("path", ["/p/thanet/registers/asb/new/", "/p/thanet/registers/dardr/new/"])
def test_a_form_offering_the_people_to_share_with_costs_the_same_queries_for_many(
    world, registers, client, path
):
    client.force_login(world.coordinator)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    for number in range(5):
        make_person(
            f"officer{number}@kent.example",
            f"Officer {number}",
            Agency.objects.create(name=f"Agency {number}"),
            [(world.thanet, Role.Kind.OFFICER)],
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(path).content.decode()
    assert "Officer 4 (Agency 4)" in page
    assert len(many) == len(few), [query["sql"][:80] for query in many]
