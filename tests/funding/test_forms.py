"""A coordinator records grants, allocations and spend; bad amounts and dates change nothing."""

from decimal import Decimal

import pytest

from saferplan.funding.models import Allocation, Grant, Spend


def page_text(response):
    return response.content.decode()


def test_coordinator_records_a_grant(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/funding/grants/new/",
        {"funder": "Kent PCC", "year": "2015", "amount": "£30,000", "conditions": ""},
    )
    grant = Grant.objects.get(funder="Kent PCC")
    assert response.url == f"/p/thanet/funding/grants/{grant.pk}/"
    assert grant.amount == Decimal("30000.00") and grant.partnership == world.thanet


def test_a_second_grant_from_the_same_funder_in_a_year_is_refused(client, world, grant):
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/funding/grants/new/",
        {"funder": grant.funder, "year": "2014", "amount": "100"},
    )
    assert "already has a grant for 2014-15" in page_text(response)
    assert Grant.objects.count() == 1


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-50", "Enter an amount of at least £0.01."),
        ("fifty pounds", "Enter a number."),
        ("12.345", "Ensure that there are no more than 2 decimal places."),
    ],
)
def test_a_bad_amount_is_refused_and_what_was_typed_is_kept(client, world, grant, amount, message):
    client.force_login(world.coordinator)
    response = client.post(
        f"/p/thanet/funding/grants/{grant.pk}/spend/new/",
        {
            "allocation": Allocation.objects.get(name="Publicity").pk,
            "date": "2014-10-01",
            "amount": amount,
            "payee": "Printer of leaflets",
        },
    )
    text = page_text(response)
    assert "There is a problem" in text and message in text
    assert 'value="Printer of leaflets"' in text
    assert Spend.objects.count() == 4


def test_spend_dated_outside_the_grants_year_is_refused(client, world, grant):
    client.force_login(world.coordinator)
    response = client.post(
        f"/p/thanet/funding/grants/{grant.pk}/spend/new/",
        {
            "allocation": Allocation.objects.get(name="Publicity").pk,
            "date": "2015-04-01",
            "amount": "10",
            "payee": "Printer",
        },
    )
    assert (
        "The date must fall in the grant&#x27;s year, 1 April 2014 to 31 March 2015"
        in page_text(response)
    )
    assert Spend.objects.count() == 4


def test_an_allocation_above_what_is_left_is_refused(client, world, grant):
    client.force_login(world.coordinator)
    response = client.post(
        f"/p/thanet/funding/grants/{grant.pk}/allocations/new/",
        {"kind": "other", "name": "Training", "budget": "0.01"},
    )
    assert "Only £0.00 of the £34,317.00 grant is left to allocate." in page_text(response)
    assert not Allocation.objects.filter(name="Training").exists()


def test_an_allocation_can_grow_into_what_is_left(client, world, grant):
    publicity = Allocation.objects.get(name="Publicity")
    publicity.budget = Decimal("5000")
    publicity.save()
    client.force_login(world.coordinator)
    url = f"/p/thanet/funding/grants/{grant.pk}/allocations/{publicity.pk}/"
    assert "Only £6,000.00 of the £34,317.00 grant is left" in page_text(
        client.post(url, {"kind": "publicity", "name": "Publicity", "budget": "6000.01"})
    )
    response = client.post(url, {"kind": "publicity", "name": "Publicity", "budget": "6000.00"})
    assert response.status_code == 302
    publicity.refresh_from_db()
    assert publicity.budget == Decimal("6000.00")
    assert publicity.history.count() == 3


def test_spend_on_a_project_of_another_allocation_is_refused(client, world, grant):
    client.force_login(world.coordinator)
    project = grant.allocations.get(name="Commissioning").projects.get()
    response = client.post(
        f"/p/thanet/funding/grants/{grant.pk}/spend/new/",
        {
            "allocation": Allocation.objects.get(name="Publicity").pk,
            "project": project.pk,
            "date": "2014-10-01",
            "amount": "10",
            "payee": "Advocacy Service",
        },
    )
    assert "That project is paid from another allocation." in page_text(response)


def test_a_project_serves_a_priority_and_actions_of_the_grants_own_plan(client, world, grant):
    from saferplan.plans.models import Action, EmergingIssue, Plan, Priority

    def plan_with_action(partnership, year):
        plan = Plan.objects.create(partnership=partnership, year=year)
        priority = Priority.objects.create(plan=plan, number=1, title=f"ASB {year}")
        issue = EmergingIssue.objects.create(priority=priority, number=1, title="Street drinking")
        action = Action.objects.create(
            issue=issue,
            number=1,
            title="Patrols",
            lead_agency=world.police,
            target_date=plan.ends,
        )
        return priority, action

    mine, my_action = plan_with_action(world.thanet, 2014)
    next_year, _ = plan_with_action(world.thanet, 2015)
    theirs, their_action = plan_with_action(world.canterbury, 2014)
    client.force_login(world.coordinator)
    url = f"/p/thanet/funding/grants/{grant.pk}/projects/new/"
    fields = {
        "allocation": grant.allocations.get(name="Commissioning").pk,
        "organisation": "Youth Club",
        "title": "Summer sessions",
        "amount_awarded": "2000",
        "status": "planned",
    }
    for wrong in [
        {"priority": theirs.pk},
        {"priority": next_year.pk},
        {"actions": [their_action.pk]},
    ]:
        response = client.post(url, {**fields, **wrong})
        assert "Select a valid choice" in response.content.decode()
    response = client.post(url, {**fields, "priority": mine.pk, "actions": [my_action.pk]})
    assert response.status_code == 302
    project = grant.allocations.get(name="Commissioning").projects.get(title="Summer sessions")
    assert project.priority == mine and list(project.actions.all()) == [my_action]
    assert "serves ASB 2014" in client.get(f"/p/thanet/funding/grants/{grant.pk}/").content.decode()
