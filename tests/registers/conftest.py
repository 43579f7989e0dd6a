"""Thanet's registers for the personas: an ASB case shared with the police officer and one shared
with nobody, a death review shared with the police officer and a published one shared with
nobody, each with a recommendation; an open plan with an emerging issue and a Working Party agenda
item for the recommendations to go to; and a Canterbury case for the other-partnership rows."""

from dataclasses import dataclass
from datetime import date, time

import pytest

from saferplan.meetings.models import AgendaItem, Committee, Meeting
from saferplan.plans.models import EmergingIssue, Plan, Priority
from saferplan.registers.models import (
    AsbCaseReview,
    AsbRecommendation,
    DeathReview,
    DeathReviewRecommendation,
)

THRESHOLD = "Three complaints in six months."


@dataclass
class Registers:
    case: AsbCaseReview
    private_case: AsbCaseReview
    canterbury_case: AsbCaseReview
    asb_recommendation: AsbRecommendation
    review: DeathReview
    published_review: DeathReview
    review_recommendation: DeathReviewRecommendation
    plan: Plan
    issue: EmergingIssue
    item: AgendaItem


def make_case(partnership, reference, received, **fields):
    fields = {
        "how_made": AsbCaseReview.HowMade.PHONE,
        "threshold": THRESHOLD,
        "applicant_name": f"Applicant of {reference}",
        **fields,
    }
    return AsbCaseReview.objects.create(
        partnership=partnership, reference=reference, received=received, **fields
    )


@pytest.fixture
def registers(world):
    thanet = world.thanet
    case = make_case(
        thanet,
        "ASB-1",
        date(2014, 10, 6),
        applicant_contact="1 High Street, Margate",
        threshold_decision="met",
        review_meeting=date(2014, 11, 11),
        outcome="A joint plan.",
    )
    case.shared_with.add(world.police_officer)
    case.agencies.set([world.police, world.council])
    private_case = make_case(
        thanet, "ASB-2", date(2015, 1, 19), threshold_decision="not_met", why_not_met="Two."
    )
    canterbury_case = make_case(world.canterbury, "CANT-1", date(2014, 5, 1))
    asb_recommendation = case.recommendations.create(
        text="Hold a joint case conference.", owner=world.council, due=date(2014, 12, 31)
    )
    review = DeathReview.objects.create(
        partnership=thanet,
        title="Review into the death of 'Adult B'",
        notified=date(2015, 1, 5),
        decision="review",
        decided=date(2015, 1, 20),
    )
    review.shared_with.add(world.police_officer)
    published_review = DeathReview.objects.create(
        partnership=thanet,
        title="Review into the death of 'Adult A'",
        notified=date(2013, 6, 10),
        decision="review",
        decided=date(2013, 7, 1),
        submitted=date(2013, 12, 20),
        quality_assurance="approved",
        quality_assured=date(2014, 3, 10),
        published=date(2014, 5, 1),
        report_url="https://www.thanet.test/review-adult-a",
    )
    review_recommendation = review.recommendations.create(
        text="Train staff to ask about abuse.", owner=world.police, due=date(2015, 9, 30)
    )
    plan = Plan.objects.create(partnership=thanet, year=2015, status=Plan.Stage.ADOPTED)
    priority = Priority.objects.create(plan=plan, number=1, title="Anti-Social Behaviour")
    issue = EmergingIssue.objects.create(priority=priority, number=1, title="Repeat victims")
    committee = Committee.objects.create(
        partnership=thanet, name="Community Safety Working Party", kind="working_party"
    )
    meeting = Meeting.objects.create(
        committee=committee, date=date(2015, 3, 3), starts=time(19), place="Margate"
    )
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, title="ASB case reviews", purpose="information"
    )
    return Registers(
        case=case,
        private_case=private_case,
        canterbury_case=canterbury_case,
        asb_recommendation=asb_recommendation,
        review=review,
        published_review=published_review,
        review_recommendation=review_recommendation,
        plan=plan,
        issue=issue,
        item=item,
    )


def ids_of(world, registers):
    return {
        "case": registers.case.pk,
        "private_case": registers.private_case.pk,
        "canterbury_case": registers.canterbury_case.pk,
        "asb_recommendation": registers.asb_recommendation.pk,
        "review": registers.review.pk,
        "published_review": registers.published_review.pk,
        "review_recommendation": registers.review_recommendation.pk,
        "issue": registers.issue.pk,
        "item": registers.item.pk,
        "police": world.police.pk,
        "council": world.council.pk,
        "police_officer": world.police_officer.pk,
    }
