"""Meetings of the personas' partnerships: Thanet's Working Party with a meeting whose agenda has an
unrestricted and a restricted item, each with a paper and a recommendation, a committee that meets
in private, and a Canterbury meeting for the other-partnership rows."""

from dataclasses import dataclass
from datetime import date, time

import pytest
from django.core.files.base import ContentFile

from saferplan.meetings.models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Meeting,
    Paper,
    Recommendation,
    TermsOfReference,
    Topic,
)


@dataclass
class Meetings:
    committee: Committee
    scrutiny: Committee
    board: Committee
    member: CommitteeMember
    terms: TermsOfReference
    topic: Topic
    meeting: Meeting
    private_meeting: Meeting
    item: AgendaItem
    restricted_item: AgendaItem
    paper: Paper
    restricted_paper: Paper
    recommendation: Recommendation
    restricted_recommendation: Recommendation
    canterbury_meeting: Meeting
    canterbury_item: AgendaItem
    canterbury_paper: Paper


def make_paper(partnership, title, kind=Paper.Kind.REPORT):
    paper = Paper(partnership=partnership, title=title, kind=kind)
    paper.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(title.encode()))
    return paper


def make_meeting(committee, day, **fields):
    fields = {
        "starts": time(19, 0),
        "ends": time(21, 0),
        "place": "Council Chamber, Margate",
        "status": Meeting.Status.HELD,
        "agenda_status": Meeting.AgendaStatus.PUBLISHED,
        **fields,
    }
    return Meeting.objects.create(committee=committee, date=day, **fields)


@pytest.fixture
def meetings(world):
    thanet, canterbury = world.thanet, world.canterbury
    committee = Committee.objects.create(
        partnership=thanet, name="Community Safety Working Party", kind="working_party"
    )
    member = CommitteeMember.objects.create(
        committee=committee, person=world.councillor, capacity="councillor", is_chair=True
    )
    scrutiny = Committee.objects.create(
        partnership=thanet, name="Overview and Scrutiny Panel", kind="scrutiny"
    )
    board = Committee.objects.create(
        partnership=thanet, name="CSP Board", kind="board", meets_in_public=False
    )
    meeting = make_meeting(committee, date(2015, 3, 3))
    terms = TermsOfReference.objects.create(
        committee=committee, year=2014, agreed_on=date(2014, 7, 15), text="Oversee the CSP."
    )
    topic = Topic.objects.create(
        terms=terms, title="Draft Community Safety Plan 2015-16", planned_meeting=meeting
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Draft Community Safety Plan 2015-16",
        presenter="Alice Coordinator",
        purpose="decision",
        topic=topic,
        notes="Members were handed the draft plan.",
    )
    restricted_item = AgendaItem.objects.create(
        meeting=meeting,
        position=2,
        title="Case review of a named repeat victim",
        purpose="decision",
        classification="restricted",
        restriction_reason="Schedule 12A paragraph 1",
    )
    paper = make_paper(thanet, "Draft plan presentation", Paper.Kind.PRESENTATION)
    item.papers.add(paper)
    restricted_paper = make_paper(thanet, "Case file summary")
    restricted_item.papers.add(restricted_paper)
    recommendation = Recommendation.objects.create(
        item=item,
        number="5.3",
        kind="plan",
        text="To recommend adoption of the 2015-16 plan.",
        made_to="partnership",
        due=date(2015, 3, 31),
    )
    restricted_recommendation = Recommendation.objects.create(
        item=restricted_item,
        kind="recommendation",
        text="To hold a case conference on the named victim.",
        made_to="agency",
        to_agency=world.police,
    )
    private_meeting = make_meeting(board, date(2015, 2, 10))
    canterbury_committee = Committee.objects.create(
        partnership=canterbury, name="Canterbury Working Party", kind="working_party"
    )
    canterbury_meeting = make_meeting(canterbury_committee, date(2015, 3, 10))
    canterbury_item = AgendaItem.objects.create(
        meeting=canterbury_meeting, position=1, title="Canterbury statistics", purpose="information"
    )
    canterbury_paper = make_paper(canterbury, "Canterbury statistics paper")
    canterbury_item.papers.add(canterbury_paper)
    return Meetings(
        committee=committee,
        scrutiny=scrutiny,
        board=board,
        member=member,
        terms=terms,
        topic=topic,
        meeting=meeting,
        private_meeting=private_meeting,
        item=item,
        restricted_item=restricted_item,
        paper=paper,
        restricted_paper=restricted_paper,
        recommendation=recommendation,
        restricted_recommendation=restricted_recommendation,
        canterbury_meeting=canterbury_meeting,
        canterbury_item=canterbury_item,
        canterbury_paper=canterbury_paper,
    )
