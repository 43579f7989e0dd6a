"""Who is reminded of an action: its lead officer's account, filled in where the lead officer's
name is that of a person of the lead agency, or else every officer of the lead agency."""

import datetime

import pytest
from django.core.management import call_command

from saferplan.partnerships.models import Role
from saferplan.plans.models import Action, lead_officer_person_named
from saferplan.reminders.deadlines import deadline_of, with_actions
from saferplan.reminders.models import ReminderSettings
from tests.conftest import make_person


def edit(client, world, action, **changes):
    client.force_login(world.coordinator)
    data = {
        "issue": action.issue_id,
        "number": action.number,
        "title": action.title,
        "lead_agency": action.lead_agency_id,
        "lead_officer": action.lead_officer,
        "target_date": "2015-03-31",
        **changes,
    }
    return client.post(f"/p/thanet/plan/actions/{action.pk}/edit/", data)


def test_a_lead_officer_named_on_the_form_is_linked_and_the_page_says_who_is_reminded(
    client, world, cycle
):
    assert cycle.cctv.lead_officer_person is None
    page = client_page(client, world, cycle.cctv)
    assert "every officer of Kent Police (no lead officer's account is linked)" in page

    response = edit(client, world, cycle.cctv, lead_officer="bob police, Licensing Sergeant")
    assert response.status_code == 302
    cycle.cctv.refresh_from_db()
    assert cycle.cctv.lead_officer_person == world.police_officer
    assert "Bob Police, its lead officer's account" in client_page(client, world, cycle.cctv)


def client_page(client, world, action):
    client.force_login(world.coordinator)
    return client.get(f"/p/thanet/plan/actions/{action.pk}/").content.decode()


def test_a_person_of_another_agency_is_refused_and_what_was_typed_kept(client, world, cycle):
    response = edit(
        client,
        world,
        cycle.cctv,
        lead_officer="Sgt Barker, Licensing",
        lead_officer_person=world.council_officer.pk,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Carol Council is not of Kent Police: choose a person of the lead agency" in page
    assert 'value="Sgt Barker, Licensing"' in page
    cycle.cctv.refresh_from_db()
    assert cycle.cctv.lead_officer_person is None


def test_names_shared_by_two_people_or_of_another_agency_link_no_one(world):
    people = [world.police_officer, world.council_officer]
    named = lead_officer_person_named
    assert named("Carol Council (ASB)", agency=world.council, people=people) == (
        world.council_officer
    )
    assert named("Carol Council", agency=world.police, people=people) is None
    assert named("Carol Councillor", agency=world.council, people=people) is None
    twin = make_person(
        "carol2@thanet.test", "Carol Council", world.council, [(world.thanet, Role.Kind.OFFICER)]
    )
    assert named("Carol Council", agency=world.council, people=[*people, twin]) is None


def test_an_imported_plan_links_lead_officers_by_name(world, tmp_path):
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "Priority,Emerging issue,Action,Lead agency,Lead officer\n"
        "ASB,Drinking,Patrols,Kent Police,Bob Police\n"
        "ASB,Drinking,Order,Thanet District Council,Somebody Else\n"
    )
    call_command("import_plan", str(sheet), "--partnership", "thanet", "--year", "2016")
    linked = dict(Action.objects.values_list("title", "lead_officer_person"))
    assert linked == {"Patrols": world.police_officer.pk, "Order": None}


@pytest.mark.parametrize("left", [True, False])
def test_a_lead_officer_who_left_the_partnership_hands_over_to_the_agency(world, cycle, left):
    second = make_person(
        "dan@police.test", "Dan Police", world.police, [(world.thanet, Role.Kind.OFFICER)]
    )
    if left:
        world.police_officer.roles.all().delete()
    found = with_actions(deadline_of(ReminderSettings.of(world.thanet), cycle.meeting))
    patrols = next(a for a in found.actions if a.pk == cycle.patrols.pk)
    expected = [second] if left else [world.police_officer]
    assert patrols.recipients == expected
    assert found.deadline == datetime.date(2015, 2, 17)
