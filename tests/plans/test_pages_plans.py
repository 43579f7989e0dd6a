"""The plan's pages as their users meet them: forms, the timeline, consultation, roll forward."""

import datetime
import re

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from saferplan.plans.models import Action, Comment, Plan, Priority, ProgressUpdate

from .conftest import at


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_update_form_filled_wrongly_keeps_what_was_typed(client, world, plans):
    client.force_login(world.council_officer)
    path = f"/p/thanet/plan/actions/{plans.council_action.pk}/"
    response = client.post(path, {"note": "Spoke to the licensing team"})
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "This field is required." in page
    assert "Spoke to the licensing team</textarea>" in page
    assert plans.council_action.updates.count() == 1


def test_update_with_evidence_appears_first_on_the_timeline_with_who_and_when(client, world, plans):
    client.force_login(world.council_officer)
    path = f"/p/thanet/plan/actions/{plans.council_action.pk}/"
    with time_machine.travel(at(2015, 2, 2, 9), tick=False):
        response = client.post(
            path,
            {
                "status": "completed",
                "note": "Order made by the council",
                "evidence": [
                    SimpleUploadedFile("order.pdf", b"%PDF-1.4 sample"),
                    SimpleUploadedFile("map.png", b"\x89PNG sample"),
                ],
            },
            follow=True,
        )
    page = text(response)
    assert "Your update to action 1.1.2 is recorded." in page
    timeline = page[page.index("<h2>Updates</h2>") :]
    assert timeline.index("Order made by the council") < timeline.index("Consultation begun")
    assert "2 February 2015, 09:00, by Carol Council (Thanet District Council)" in timeline
    update = plans.council_action.updates.last()
    assert sorted(e.name for e in update.evidence.all()) == ["map.png", "order.pdf"]
    download = client.get(f"/p/thanet/plan/evidence/{update.evidence.get(name='order.pdf').pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 sample"


def test_my_actions_lists_what_my_agency_leads_or_supports(client, world, plans):
    client.force_login(world.police_officer)
    page = text(client.get("/p/thanet/plan/mine/?show=all"))
    assert "Joint patrols" in page  # leads
    assert "Summer sports sessions" in page  # supports
    assert "Mentors for young adults" in page  # leads, in next year's draft
    assert "Designated public place order" not in page and "Theatre" not in page
    assert "Clean-up days" not in page  # Canterbury's


def test_my_actions_shows_what_needs_an_update_with_the_rest_a_click_away(client, world, plans):
    client.force_login(world.police_officer)
    with time_machine.travel(at(2015, 1, 10), tick=False):
        response = client.get("/p/thanet/plan/mine/")
    page = text(response)
    assert "Summer sports sessions" in page  # supports, open, in the running year's plan
    assert "Joint patrols" not in page  # completed in December
    assert "Mentors for young adults" not in page  # next year's draft
    assert 'href="?show=all"' in response.content.decode()
    with time_machine.travel(at(2015, 6, 1), tick=False):
        page = text(client.get("/p/thanet/plan/mine/"))
    assert "Nothing needs an update" in page and "Summer sports sessions" not in page


def test_plan_page_shows_each_action_with_status_and_flags(client, world, plans):
    client.force_login(world.councillor)
    with time_machine.travel(at(2015, 1, 10), tick=False):
        page = text(client.get("/p/thanet/plan/2014/"))
    assert "Emerging issue 1.1: Street drinking" in page
    assert "2 completed, 1 underway, 1 not started" in page
    row = page[page.index("1.1.2 Designated public place order") :]
    row = row[: row.index("</tr>")]
    assert "Underway" in row and "Overdue" in row and "No update for 209 days" in row
    assert "Add an action" not in page, "a councillor is offered the coordinator's forms"


def test_progress_page_as_at_a_past_date_with_chart_and_table(client, world, plans):
    client.force_login(world.councillor)
    page = text(client.get("/p/thanet/plan/2014/progress/?by=agency&as_at=2014-09-01"))
    assert "Progress as at 1 September 2014" in page
    assert '<svg role="img" aria-label="Actions by lead agency, as at 1 September 2014"' in page
    assert (
        '<th scope="row">Kent County Council</th><td class="sp-numeric">1</td>'
        '<td class="sp-numeric">0</td><td class="sp-numeric">1</td>'
    ) in page


def test_progress_page_with_a_bad_date_says_so_and_shows_today(client, world, plans):
    client.force_login(world.councillor)
    with time_machine.travel(at(2015, 1, 10), tick=False):
        response = client.get("/p/thanet/plan/2014/progress/?as_at=31-12-2014")
    page = text(response)
    assert "There is a problem" in page and "Enter a valid date." in page
    assert "Progress as at 10 January 2015" in page


def test_chase_list_groups_by_agency_and_officer(client, world, plans):
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 1, 10), tick=False):
        page = text(client.get("/p/thanet/plan/2014/chase/"))
    assert "Thanet District Council: 1 action" in page
    assert "Carol Council" in page and "No lead officer named" in page
    assert "Joint patrols" not in page


def test_objectives_page_shows_the_objective_with_no_action(client, world, plans):
    client.force_login(world.councillor)
    page = text(client.get("/p/thanet/plan/2014/objectives/"))
    row = page[page.index("To influence the work") :]
    assert "No action" in row[: row.index("</tr>")]


def test_plan_page_says_which_objectives_each_priority_serves(
    client, world, plans, django_assert_num_queries
):
    client.force_login(world.councillor)
    client.get("/p/thanet/plan/2014/")
    road = Priority.objects.get(plan__partnership=world.thanet, plan__year=2014, number=2)
    road.objectives.set([plans.objective, plans.uncovered_objective])
    with django_assert_num_queries(12):  # one for every priority's objectives
        page = text(client.get("/p/thanet/plan/2014/"))
    served = re.findall(r"Serves ([^<]*)", page)
    assert len(served) == 2 and all("To make our district a safer place" in s for s in served)
    assert "To influence the work of other agencies" in served[1]


def test_plan_cannot_be_adopted_while_a_comment_is_unanswered(client, world, plans):
    client.force_login(world.coordinator)
    response = client.post("/p/thanet/plan/2015/stage/", {"stage": "adopted"}, follow=True)
    page = text(response)
    assert "1 comment still needs an answer before the plan can be adopted." in page
    assert "Adopt the plan</button>" not in page
    today = timezone.localdate().isoformat()
    refused = text(
        client.post("/p/thanet/plan/2015/adopt/", {"adopted_on": today, "adopted_by": "Cabinet"})
    )
    assert "There is a problem" in refused
    assert "1 comment still needs an answer before the plan can be adopted." in refused
    plans.draft.refresh_from_db()
    assert plans.draft.status == Plan.Stage.CONSULTATION


def test_declining_a_comment_needs_a_reason(client, world, plans):
    client.force_login(world.coordinator)
    path = f"/p/thanet/plan/comments/{plans.comment.pk}/answer/"
    page = text(client.post(path, {"response": "declined"}))
    assert "Give the reason for declining." in page
    assert Comment.objects.get().response == ""


def test_consultation_answered_amended_adopted_and_the_changes_shown(client, world, plans):
    client.force_login(world.councillor)
    client.post(
        "/p/thanet/plan/2015/consultation/",
        {
            "about": f"action-{plans.draft_action.pk}",
            "body": "Say who the mentors are.",
        },
    )
    comment = Comment.objects.get(body="Say who the mentors are.")
    assert comment.action == plans.draft_action
    assert comment.about == "Action 1.1.1 Mentors for young adults"
    client.force_login(world.coordinator)
    for answered in Comment.objects.all():
        client.post(
            f"/p/thanet/plan/comments/{answered.pk}/answer/",
            {"response": "accepted", "note": "Amended."},
        )
    client.post(
        f"/p/thanet/plan/actions/{plans.draft_action.pk}/edit/",
        {
            "issue": plans.draft_action.issue_id,
            "number": 1,
            "lead_agency": world.police.pk,
            "title": "Volunteer mentors for young adults",
            "supporting_agencies": [world.council.pk],
        },
    )
    Plan.objects.filter(pk=plans.draft.pk).update(created=at(2015, 2, 1))
    response = client.post(
        "/p/thanet/plan/2015/adopt/",
        {"adopted_on": "2015-03-19", "adopted_by": "Cabinet"},
        follow=True,
    )
    assert "is adopted by Cabinet on 19 March 2015." in text(response)
    client.force_login(world.councillor)
    page = text(client.get("/p/thanet/plan/2015/changes/"))
    assert "Action 1.1.1: Volunteer mentors for young adults" in page
    assert "<del>Mentors for young adults</del>" in page
    assert "<ins>Volunteer mentors for young adults</ins>" in page
    assert "<ins>Thanet District Council</ins>" in page
    consultation = text(client.get("/p/thanet/plan/2015/consultation/"))
    assert (
        "Accepted and the plan amended" in consultation and "Send your comment" not in consultation
    )


def test_roll_forward_carries_the_chosen_actions_with_a_link_back(client, world, plans):
    plans.draft.delete()
    client.force_login(world.coordinator)
    form = text(client.get("/p/thanet/plan/2014/roll-forward/"))
    assert "Designated public place order" in form and "Summer sports sessions" in form
    assert "Joint patrols" not in form, "a completed action is offered for carrying over"
    response = client.post(
        "/p/thanet/plan/2014/roll-forward/", {"actions": [plans.council_action.pk]}
    )
    assert response.url == "/p/thanet/plan/2015/"
    carried = Action.objects.get(issue__priority__plan__year=2015)
    assert carried.carried_from == plans.council_action
    assert carried.target_date == datetime.date(2016, 3, 31)
    assert not carried.updates.exists()
    assert "Carried over from" in text(client.get(f"/p/thanet/plan/actions/{carried.pk}/"))


def test_new_action_defaults_to_the_end_of_the_plan_year(client, world, plans):
    client.force_login(world.coordinator)
    client.post(
        "/p/thanet/plan/2014/actions/new/",
        {
            "issue": plans.issue.pk,
            "number": 3,
            "title": "Leaflets",
            "lead_agency": world.council.pk,
        },
    )
    assert Action.objects.get(title="Leaflets").target_date == datetime.date(2015, 3, 31)


def test_action_form_refuses_the_lead_agency_as_a_supporter_and_keeps_the_input(
    client, world, plans
):
    client.force_login(world.coordinator)
    page = text(
        client.post(
            "/p/thanet/plan/2014/actions/new/",
            {
                "issue": plans.issue.pk,
                "number": 3,
                "title": "Leaflets for pubs",
                "lead_agency": world.council.pk,
                "supporting_agencies": [world.council.pk],
                "target_date": "2015-02-30",
            },
        )
    )
    assert "Thanet District Council is already the lead agency." in page
    assert "Enter a valid date." in page
    assert "Leaflets for pubs</textarea>" in page
    assert not Action.objects.filter(title="Leaflets for pubs").exists()


def test_an_update_to_another_agencys_action_is_refused(client, world, plans):
    client.force_login(world.police_officer)
    response = client.post(
        f"/p/thanet/plan/actions/{plans.council_action.pk}/",
        {"status": "completed", "note": "Not mine"},
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.filter(note="Not mine").exists()
    assert "Record progress" not in text(
        client.get(f"/p/thanet/plan/actions/{plans.council_action.pk}/")
    )


def test_export_from_the_page_is_the_spreadsheet(client, world, plans):
    client.force_login(world.councillor)
    response = client.get("/p/thanet/plan/2014/export/?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="thanet-plan-2014-15.csv"'
    assert response.content.decode().splitlines()[0].startswith("Priority,Emerging issue,Action")
