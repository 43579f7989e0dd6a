"""The case study form offers the current plan's actions as checkboxes under their priorities,
and takes no action of another plan or partnership."""

import re

import time_machine

from saferplan.plans.models import CaseStudy
from tests.plans.conftest import at

NEW = "/p/thanet/plan/case-studies/new/"


def study(**fields):
    return {"title": "Quieter nights", "summary": "S", "outcome": "O", **fields}


def test_a_new_case_study_offers_the_running_plans_actions_by_priority(client, world, plans):
    client.force_login(world.coordinator)
    with time_machine.travel(at(2014, 10, 1), tick=False):
        page = client.get(NEW).content.decode()
    assert "Ctrl" not in page
    assert '<legend class="sp-checkbox-group__legend">1. Anti-Social Behaviour</legend>' in page
    assert '<legend class="sp-checkbox-group__legend">2. Road Safety</legend>' in page
    assert page.count('type="checkbox" name="actions"') == 4
    assert f'value="{plans.police_action.pk}"' in page and "1.1.1 Joint patrols" in page
    assert "Mentors for young adults" not in page, "next year's draft is not the current plan"
    assert "Clean-up days" not in page, "another partnership's action"
    assert f'<option value="{plans.plan.pk}" selected>' in page


def test_the_actions_ticked_are_saved_with_their_plan(client, world, plans):
    client.force_login(world.coordinator)
    chosen = [plans.council_action.pk, plans.road_action.pk]
    with time_machine.travel(at(2014, 10, 1), tick=False):
        response = client.post(NEW, study(actions=chosen))
    assert response.status_code == 302
    saved = CaseStudy.objects.get(title="Quieter nights")
    assert saved.plan == plans.plan, "the plan of the actions ticked"
    assert set(saved.actions.values_list("pk", flat=True)) == set(chosen)


def test_an_action_of_another_plan_or_partnership_is_refused(client, world, plans):
    client.force_login(world.coordinator)
    with time_machine.travel(at(2014, 10, 1), tick=False):
        for other in [plans.draft_action, plans.canterbury_action]:
            response = client.post(NEW, study(actions=[other.pk]))
            assert response.status_code == 200
            assert f"Select a valid choice. {other.pk} is not one of the available choices." in (
                response.content.decode()
            )
        mismatched = client.post(
            NEW, study(plan=plans.draft.pk, actions=[plans.police_action.pk])
        ).content.decode()
    assert (
        "These actions are of Community Safety Plan 2014-15: choose that plan, or no actions."
        in (mismatched)
    )
    assert not CaseStudy.objects.filter(title="Quieter nights").exists()


def test_editing_offers_the_studys_own_plan_with_its_actions_ticked(client, world, plans):
    client.force_login(world.coordinator)
    with time_machine.travel(at(2015, 6, 1), tick=False):  # the 2015-16 plan's year
        page = client.get(f"/p/thanet/plan/case-studies/{plans.study.pk}/edit/").content.decode()
    ticked = re.findall(r'<input type="checkbox" name="actions" value="(\d+)"[^>]* checked', page)
    assert ticked == [str(plans.police_action.pk)]
    assert "1.2.1 Summer sports sessions" in page
    assert "Mentors for young adults" not in page
