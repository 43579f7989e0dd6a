"""Plans adopted before versions were frozen on import get their version, so the public can
still read them (the public pages show only frozen versions)."""

import datetime

import pytest

from tests.migrations import migrate

BEFORE = [("plans", "0003_link_lead_officers")]
AFTER = [("plans", "0004_freeze_plans_without_a_version")]


@pytest.mark.django_db(transaction=True)
def test_an_adopted_plan_without_a_version_is_frozen_as_it_is(back_to_the_latest):
    apps = migrate(BEFORE)
    Partnership = apps.get_model("partnerships", "Partnership")
    Agency = apps.get_model("partnerships", "Agency")
    Plan = apps.get_model("plans", "Plan")
    thanet = Partnership.objects.create(slug="thanet", name="Thanet CSP")
    police = Agency.objects.create(name="Kent Police", kind="police")
    council = Agency.objects.create(name="Thanet District Council", kind="district_council")
    adopted = Plan.objects.create(partnership=thanet, year=2014, status="adopted")
    objective = apps.get_model("plans", "CorporateObjective").objects.create(
        partnership=thanet, corporate_plan="Corporate Plan", number=3, title="A safer place"
    )
    priority = adopted.priorities.create(number=1, title="Road Safety")
    priority.objectives.add(objective)
    issue = priority.issues.create(number=1, title="Young drivers")
    action = issue.actions.create(
        number=1,
        title="Speed checks",
        lead_agency=police,
        target_date=datetime.date(2015, 3, 31),
    )
    action.supporting_agencies.add(council)
    draft = Plan.objects.create(partnership=thanet, year=2015, status="draft")

    apps = migrate(AFTER)
    PlanVersion = apps.get_model("plans", "PlanVersion")
    version = PlanVersion.objects.get(plan_id=adopted.pk)
    assert version.stage == "adopted"
    [frozen_priority] = version.content["priorities"]
    assert frozen_priority["objectives"] == "Priority 3: A safer place"
    [frozen_action] = frozen_priority["issues"][0]["actions"]
    assert frozen_action == {
        "id": action.pk,
        "code": "1.1.1",
        "title": "Speed checks",
        "lead_agency": "Kent Police",
        "supporting_agencies": "Thanet District Council",
        "lead_officer": "",
        "target_date": "2015-03-31",
        "success_measure": "",
    }
    assert not PlanVersion.objects.filter(plan_id=draft.pk).exists()
