"""The demo's sample plans: Thanet 2014-15 ends where the real plan ended; 2015-16 in draft."""

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from saferplan.plans import selectors
from saferplan.plans.models import (
    Action,
    CaseStudy,
    Comment,
    CorporateObjective,
    EmergingIssue,
    Plan,
    Priority,
    ProgressUpdate,
)

pytestmark = pytest.mark.django_db
END_OF_YEAR = datetime.date(2015, 3, 31)
# The Working Party the real progress update went to: 29 completed, 6 underway, 2 not started.
MEETING = datetime.date(2015, 3, 3)
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_c668259aaa4ca6b6.txt"


@pytest.fixture
def demo():
    call_command("demo", "--no-serve", stdout=StringIO())
    return Plan.objects.get(partnership__slug="thanet", year=2014)


def test_2014_plan_has_the_shape_of_the_real_one(demo):
    result = selectors.plan_progress(demo, as_at=END_OF_YEAR)
    assert [p.title for p in result.priorities] == [
        "Anti-Social Behaviour",
        "Domestic Abuse",
        "Violent Crime",
        "Substance Misuse",
        "Acquisitive Crime",
        "Road Safety",
        "Public and Agency Engagement",
    ]
    assert EmergingIssue.objects.filter(priority__plan=demo).count() == 15
    assert result.total.as_dict() == {
        "completed": 29,
        "underway": 6,
        "not_started": 2,
        "total": 37,
    }
    by_agency = selectors.plan_progress(demo, by="agency", as_at=END_OF_YEAR).groups
    assert len(by_agency) == 6 and all(g.total > 0 for g in by_agency)
    underway = [a for a in result.actions if a.status == "underway"]
    assert {a.target_date for a in underway} == {END_OF_YEAR}
    assert result.overdue and result.stale, "the demo shows no overdue or stale action"


def test_the_3_march_2015_meeting_is_told_what_the_real_report_said(demo):
    at_meeting = selectors.plan_progress(demo, as_at=MEETING)
    assert at_meeting.total.as_dict() == {
        "completed": 29,
        "underway": 6,
        "not_started": 2,
        "total": 37,
    }
    assert at_meeting.overdue and at_meeting.stale


def test_updates_run_through_the_year_to_the_march_2015_meeting(demo):
    dates = ProgressUpdate.objects.filter(action__issue__priority__plan=demo).values_list(
        "recorded_at", flat=True
    )
    assert min(dates).date() >= datetime.date(2014, 4, 1)
    assert datetime.date(2015, 2, 1) <= max(dates).date() <= MEETING
    december = selectors.plan_progress(demo, as_at=datetime.date(2014, 12, 31)).total
    assert december.completed < 29, "nothing was still in progress at the December meeting"


def test_the_corporate_objectives_are_the_seeds_priorities_4_and_10(demo):
    if not SEED.exists():
        pytest.skip(f"the seed document {SEED} is absent")
    # Section 4.3.1: "(mainly priority 4 'To make our district a safer place to live' and ...)".
    named = re.findall(r"priority (\d+) '([^']+)'", SEED.read_text())
    objectives = CorporateObjective.objects.filter(partnership__slug="thanet")
    assert [(str(o.number), o.title) for o in objectives.order_by("number")] == named
    assert {o.corporate_plan for o in objectives} == {
        "Thanet District Council Corporate Plan 2012-2016"
    }
    assert all(o.priorities.exists() for o in objectives)


def test_2015_draft_is_out_for_consultation_with_the_two_carried_actions(demo):
    draft = Plan.objects.get(partnership__slug="thanet", year=2015)
    assert draft.status == Plan.Stage.CONSULTATION and draft.rolled_from == demo
    assert [p.title for p in draft.priorities.all()] == [
        "Safeguarding people vulnerable to committing or being a victim of crime",
        "Reducing reoffending",
        "Tackling the drivers of crime and anti-social behaviour",
        "Engaging with partners and the community",
    ]
    carried = Action.objects.of_plan(draft).exclude(carried_from=None)
    not_started = [
        a
        for a in selectors.plan_progress(demo, as_at=END_OF_YEAR).actions
        if a.status == "not_started"
    ]
    assert {a.carried_from_id for a in carried} == {a.pk for a in not_started}
    # The councillors' own comments; the Working Party's recommendation 5.3 is one more.
    comments = Comment.objects.filter(plan=draft, recommendation=None)
    assert comments.count() == 3
    assert {c.author.roles.get().kind for c in comments} == {"member"}
    assert draft.unanswered_comments().filter(recommendation=None).count() == 1


def test_case_studies_are_linked_and_some_publishable(demo):
    studies = CaseStudy.objects.filter(partnership__slug="thanet")
    assert 3 <= studies.count() <= 4
    assert studies.filter(publishable=True).exists() and studies.filter(publishable=False).exists()
    assert all(s.actions.exists() and s.agencies.exists() for s in studies)


def test_building_twice_adds_nothing(demo):
    models = [Plan, Priority, EmergingIssue, Action, ProgressUpdate, Comment, CaseStudy]
    before = {m: m.objects.count() for m in models}
    call_command("demo", "--no-serve", stdout=StringIO())
    assert {m: m.objects.count() for m in models} == before
