"""The plan's figures: counts by status as at any date, overdue, stale, chase list, coverage."""

import datetime

import pytest
import time_machine

from saferplan.plans import selectors
from saferplan.plans.models import PlanSettings, Status
from saferplan.plans.synthetic import build_large_plan

from .conftest import at

D = datetime.date

# Every figure is the same whether the whole plan is built or only what the page shows.
BOTH_SELECTORS = pytest.mark.parametrize(
    "progress_of", [selectors.plan_progress, selectors.chase_progress], ids=["whole", "chase"]
)


def counts(result):
    return (result.total.completed, result.total.underway, result.total.not_started)


@pytest.mark.parametrize(
    ("as_at", "expected"),
    [
        (D(2014, 6, 9), (0, 0, 4)),  # before any update
        (D(2014, 6, 10), (0, 1, 3)),  # an update counts on the day it was made
        (D(2014, 9, 1), (1, 2, 1)),
        (D(2014, 12, 31), (2, 1, 1)),  # what the December meeting was told
    ],
)
@BOTH_SELECTORS
def test_status_as_at_a_date_comes_from_the_updates_made_by_then(
    progress_of, plans, as_at, expected
):
    assert counts(progress_of(plans.plan, as_at=as_at)) == expected


@BOTH_SELECTORS
def test_a_later_update_does_not_change_what_an_earlier_date_shows(progress_of, plans, world):
    before = counts(progress_of(plans.plan, as_at=D(2014, 12, 31)))
    plans.council_action.record_update(
        status=Status.COMPLETED, note="Order made", by=world.council_officer, when=at(2015, 1, 8)
    )
    assert counts(progress_of(plans.plan, as_at=D(2014, 12, 31))) == before
    assert counts(progress_of(plans.plan, as_at=D(2015, 1, 8))) == (3, 0, 1)


@time_machine.travel(at(2015, 2, 1), tick=False)
@BOTH_SELECTORS
def test_today_is_the_default(progress_of, plans):
    result = progress_of(plans.plan)
    assert result.as_at == D(2015, 2, 1)
    assert counts(result) == (2, 1, 1)


@BOTH_SELECTORS
def test_groups_by_priority_issue_and_lead_agency(progress_of, plans, world):
    as_at = D(2014, 12, 31)
    by_priority = progress_of(plans.plan, by="priority", as_at=as_at).groups
    assert [(g.label, g.completed, g.underway, g.not_started) for g in by_priority] == [
        ("Priority 1: Anti-Social Behaviour", 1, 1, 1),
        ("Priority 2: Road Safety", 1, 0, 0),
    ]
    by_issue = progress_of(plans.plan, by="issue", as_at=as_at).groups
    assert [g.total for g in by_issue] == [2, 1, 1]
    by_agency = {
        g.label: g.as_dict() for g in progress_of(plans.plan, by="agency", as_at=as_at).groups
    }
    assert by_agency["Kent County Council"] == {
        "completed": 1,
        "underway": 0,
        "not_started": 1,
        "total": 2,
    }
    assert by_agency["Kent Police"]["completed"] == 1
    assert sum(g["total"] for g in by_agency.values()) == 4


@BOTH_SELECTORS
def test_overdue_is_past_target_and_not_completed(progress_of, plans):
    on_target_day = progress_of(plans.plan, as_at=D(2014, 12, 31))
    assert on_target_day.overdue == []
    next_day = progress_of(plans.plan, as_at=D(2015, 1, 1))
    assert [a.title for a in next_day.overdue] == ["Designated public place order"]


@BOTH_SELECTORS
def test_stale_uses_the_partnership_threshold(progress_of, plans, world):
    as_at = D(2014, 10, 1)
    stale = {a.title for a in progress_of(plans.plan, as_at=as_at).stale}
    # 113, 108 and (never updated, from 1 April) 183 days without an update; the road action
    # was updated a month ago.
    assert stale == {"Joint patrols", "Designated public place order", "Summer sports sessions"}
    PlanSettings.objects.create(partnership=world.thanet, stale_after_days=110)
    stale = {a.title for a in progress_of(plans.plan, as_at=as_at).stale}
    assert stale == {"Joint patrols", "Summer sports sessions"}


@BOTH_SELECTORS
def test_chase_list_groups_by_agency_then_lead_officer(progress_of, plans):
    result = progress_of(plans.plan, as_at=D(2015, 1, 5))
    chase = selectors.chase_list(result)
    assert [(g.agency.name, [o for o, _ in g.officers], g.count) for g in chase] == [
        ("Kent County Council", [""], 1),
        ("Thanet District Council", ["Carol Council"], 1),
    ]


def test_objective_with_no_action_is_not_covered(plans):
    coverage = selectors.objectives_coverage(plans.plan)
    assert [(c.objective.number, c.actions, c.covered) for c in coverage] == [
        (4, 3, True),
        (10, 0, False),
    ]


@BOTH_SELECTORS
def test_unknown_grouping_is_refused(progress_of, plans):
    with pytest.raises(ValueError, match="by must be one of priority, issue, agency"):
        progress_of(plans.plan, by="ward")


@pytest.mark.parametrize("by", list(selectors.GROUPINGS))
def test_chase_progress_agrees_with_the_whole_plan_on_every_day(world, by):
    agencies = [world.police, world.council, world.county]
    plan = build_large_plan(
        world.thanet, agencies, year=2014, priorities=2, issues=2, actions=6, updates=5
    )
    PlanSettings.objects.create(partnership=world.thanet, stale_after_days=30)
    flagged = set()
    for as_at in [D(2014, 4, 1), D(2014, 5, 20), D(2014, 7, 25), D(2014, 12, 31), D(2015, 6, 1)]:
        whole = selectors.plan_progress(plan, by=by, as_at=as_at)
        chased = selectors.chase_progress(plan, by=by, as_at=as_at)
        assert [g.as_dict() for g in chased.groups] == [g.as_dict() for g in whole.groups]
        assert chased.total.as_dict() == whole.total.as_dict()
        assert [a.pk for a in chased.overdue] == [a.pk for a in whole.overdue]
        assert [a.pk for a in chased.stale] == [a.pk for a in whole.stale]
        # The week's digests read every plan's chase at once: the same actions.
        chase = selectors.chases([plan], as_at=as_at)[plan.pk]
        assert [a.pk for a in chase.overdue] == [a.pk for a in whole.overdue]
        assert [a.pk for a in chase.stale] == [a.pk for a in whole.stale]
        flagged |= {("overdue", a.pk) for a in whole.overdue} | {
            ("stale", a.pk) for a in whole.stale
        }
    assert {kind for kind, _ in flagged} == {"overdue", "stale"}
