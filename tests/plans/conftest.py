"""A small Thanet plan for 2014-15 with a known history, and next year's draft in consultation.

Actions (the ids are in `PlanWorld`):
  1.1.1 police_action   Kent Police leads, the council supports: underway 10 Jun 2014,
                        completed 15 Dec 2014
  1.1.2 council_action  the council leads alone, due 31 Dec 2014: underway 15 Jun 2014, then silent
  1.2.1 county_action   Kent County Council leads, police support: no update at all
  2.1.1 road_action     Kent County Council leads: completed 1 Sep 2014, with a file of evidence
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from saferplan.meetings.models import AgendaItem, Committee, Meeting, Recommendation
from saferplan.meetings.services import record_recommendation
from saferplan.plans.models import (
    Action,
    CaseStudy,
    Comment,
    CorporateObjective,
    EmergingIssue,
    Plan,
    Priority,
    Status,
)


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def make_action(issue, number, title, lead, supporting=(), **fields):
    fields.setdefault("target_date", issue.priority.plan.ends)
    action = Action.objects.create(
        issue=issue, number=number, title=title, lead_agency=lead, **fields
    )
    action.supporting_agencies.set(supporting)
    return action


@dataclass
class PlanWorld:
    plan: Plan
    draft: Plan
    priority: Priority
    issue: EmergingIssue
    police_action: Action
    council_action: Action
    county_action: Action
    road_action: Action
    draft_action: Action
    canterbury_action: Action
    objective: CorporateObjective
    uncovered_objective: CorporateObjective
    comment: Comment
    study: CaseStudy

    def ids(self, world):
        return {
            "priority": self.priority.pk,
            "issue": self.issue.pk,
            "police_action": self.police_action.pk,
            "council_action": self.council_action.pk,
            "county_action": self.county_action.pk,
            "canterbury_action": self.canterbury_action.pk,
            "objective": self.objective.pk,
            "comment": self.comment.pk,
            "study": self.study.pk,
            "evidence": self.road_action.updates.get().evidence.get().pk,
            "council": world.council.pk,
            "police": world.police.pk,
        }


@pytest.fixture
def plans(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    S = Status
    objective = CorporateObjective.objects.create(
        partnership=world.thanet,
        corporate_plan="Corporate Plan 2012-2016",
        number=4,
        title="To make our district a safer place to live",
    )
    uncovered = CorporateObjective.objects.create(
        partnership=world.thanet,
        corporate_plan="Corporate Plan 2012-2016",
        number=10,
        title="To influence the work of other agencies to ensure the best outcomes for Thanet",
    )
    plan = Plan.objects.create(partnership=world.thanet, year=2014, status=Plan.Stage.ADOPTED)
    asb = Priority.objects.create(plan=plan, number=1, title="Anti-Social Behaviour")
    asb.objectives.set([objective])
    road = Priority.objects.create(plan=plan, number=2, title="Road Safety")
    drinking = EmergingIssue.objects.create(priority=asb, number=1, title="Street drinking")
    youth = EmergingIssue.objects.create(priority=asb, number=2, title="Youth nuisance")
    drivers = EmergingIssue.objects.create(priority=road, number=1, title="Young drivers")

    police_action = make_action(
        drinking, 1, "Joint patrols", world.police, [world.council], lead_officer="Sgt Barker"
    )
    police_action.record_update(
        status=S.UNDERWAY, note="Rota agreed", by=world.police_officer, when=at(2014, 6, 10)
    )
    police_action.record_update(
        status=S.COMPLETED, note="Patrols held", by=world.police_officer, when=at(2014, 12, 15)
    )
    council_action = make_action(
        drinking,
        2,
        "Designated public place order",
        world.council,
        lead_officer="Carol Council",
        target_date=datetime.date(2014, 12, 31),
    )
    council_action.record_update(
        status=S.UNDERWAY, note="Consultation begun", by=world.council_officer, when=at(2014, 6, 15)
    )
    county_action = make_action(youth, 1, "Summer sports sessions", world.county, [world.police])
    road_action = make_action(drivers, 1, "Theatre for sixth formers", world.county)
    road_action.record_update(
        status=S.COMPLETED,
        note="Performed in every school",
        by=world.coordinator,
        when=at(2014, 9, 1),
        files=[SimpleUploadedFile("audience.csv", b"school,pupils\nA,90\n")],
    )

    draft = Plan.objects.create(partnership=world.thanet, year=2015, rolled_from=plan)
    reoffending = Priority.objects.create(plan=draft, number=1, title="Reducing reoffending")
    mentoring = EmergingIssue.objects.create(priority=reoffending, number=1, title="Mentoring")
    draft_action = make_action(mentoring, 1, "Mentors for young adults", world.police)
    draft.put_out_for_consultation(on=datetime.date(2015, 3, 3))
    comment = Comment.objects.create(
        plan=draft,
        priority=reoffending,
        about=str(reoffending),
        author=world.councillor,
        body="Name the probation service here.",
    )

    canterbury_plan = Plan.objects.create(partnership=world.canterbury, year=2014)
    canterbury_issue = EmergingIssue.objects.create(
        priority=Priority.objects.create(plan=canterbury_plan, number=1, title="ASB"),
        number=1,
        title="Graffiti",
    )
    canterbury_action = make_action(canterbury_issue, 1, "Clean-up days", world.canterbury_council)

    study = CaseStudy.objects.create(
        partnership=world.thanet,
        plan=plan,
        title="Taking back the square",
        summary="Street drinking fell.",
        outcome="Families came back.",
        publishable=True,
    )
    study.actions.set([police_action])
    study.agencies.set([world.police, world.council])
    return PlanWorld(
        plan=plan,
        draft=draft,
        priority=asb,
        issue=drinking,
        police_action=police_action,
        council_action=council_action,
        county_action=county_action,
        road_action=road_action,
        draft_action=draft_action,
        canterbury_action=canterbury_action,
        objective=objective,
        uncovered_objective=uncovered,
        comment=comment,
        study=study,
    )


@pytest.fixture
def committee_comment(world, plans):
    """The Working Party's recommendation on the draft, put to its consultation as a comment."""
    committee = Committee.objects.create(
        partnership=world.thanet, name="Community Safety Working Party", kind="working_party"
    )
    meeting = Meeting.objects.create(
        committee=committee,
        date=datetime.date(2015, 3, 3),
        starts=datetime.time(19),
        place="Margate",
    )
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Draft plan 2015-16", purpose="decision"
    )
    recommendation = record_recommendation(
        recommendation=Recommendation(
            item=item,
            number="5.3",
            kind="plan",
            text="To recommend the plan for adoption.",
            made_to="partnership",
            plan=plans.draft,
        ),
        by=world.coordinator,
    )
    return recommendation.comment
