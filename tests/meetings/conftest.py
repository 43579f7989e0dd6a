"""Meetings of the personas' partnerships: Thanet's Working Party with a meeting whose agenda has an
unrestricted and a restricted item, each with a paper and a recommendation, a committee that meets
in private, and a Canterbury meeting for the other-partnership rows; `links` adds the plans and
issued reports that papers and recommendations link to."""

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
from saferplan.plans.models import Action, EmergingIssue, Plan, Priority
from saferplan.reports.models import IssuedReport, Report


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


@dataclass
class Links:
    """Plans and issued reports to link meetings to, and papers that are them.

    Thanet: `consultation` (2015, out for consultation, one action), `draft` (2016, not yet out),
    `adopted` (2014); an issued report classified Unrestricted and one Restricted. Canterbury: a
    plan out for consultation and an issued report. The papers of Thanet's plans and reports sit
    on the unrestricted item of the published, public meeting.
    """

    consultation: Plan
    draft: Plan
    adopted: Plan
    action: Action
    issued: IssuedReport
    restricted_issued: IssuedReport
    canterbury_plan: Plan
    canterbury_issued: IssuedReport
    consultation_paper: Paper
    draft_paper: Paper
    adopted_paper: Paper
    issued_paper: Paper
    restricted_issued_paper: Paper
    canterbury_issued_paper: Paper


def make_plan(partnership, year, agency, stage=Plan.Stage.DRAFT):
    plan = Plan.objects.create(partnership=partnership, year=year)
    priority = Priority.objects.create(plan=plan, number=1, title="Reducing reoffending")
    issue = EmergingIssue.objects.create(priority=priority, number=1, title="Mentoring")
    Action.objects.create(
        issue=issue,
        number=1,
        title="Mentors for young adults",
        lead_agency=agency,
        target_date=plan.ends,
        success_measure="Fewer young adults reoffend",
    )
    if stage != Plan.Stage.DRAFT:
        plan.put_out_for_consultation(on=date(year + 1, 3, 3))
    if stage == Plan.Stage.ADOPTED:
        plan.adopt(on=date(year + 1, 3, 31), by="Cabinet")
    return plan


def make_issued_report(partnership, classification, by=None):
    report = Report.objects.create(
        partnership=partnership,
        kind=Report.Kind.COVER,
        year=2014,
        title=f"{partnership.name} plan update ({classification})",
        author="Alice Coordinator",
        classification=classification,
    )
    label = Report.Classification(classification).label
    issued = IssuedReport(
        report=report,
        version=1,
        issued_by=by,
        content={"title": report.title, "classification": label},
        html=f"<p>{label}</p>",
    )
    issued.docx.save("report.docx", ContentFile(b"PK sample"), save=False)
    issued.pdf.save("report.pdf", ContentFile(f"%PDF-1.4 {report.title}".encode()), save=False)
    issued.save()
    return issued


def make_linked_paper(source, kind, partnership=None):
    """A paper that is the plan or issued report `source`; of `partnership` if given, else of
    the partnership of the source."""
    field = "plan" if kind == Paper.Kind.PLAN else "issued_report"
    owner = source.partnership if field == "plan" else source.report.partnership
    return Paper.objects.create(
        partnership=partnership or owner, title=str(source), kind=kind, **{field: source}
    )


@pytest.fixture
def links(world, meetings):
    thanet, canterbury = world.thanet, world.canterbury
    consultation = make_plan(thanet, 2015, world.police, Plan.Stage.CONSULTATION)
    draft = make_plan(thanet, 2016, world.police)
    adopted = make_plan(thanet, 2014, world.police, Plan.Stage.ADOPTED)
    canterbury_plan = make_plan(canterbury, 2015, world.canterbury_council, Plan.Stage.CONSULTATION)
    issued = make_issued_report(thanet, Report.Classification.UNRESTRICTED, world.coordinator)
    restricted_issued = make_issued_report(thanet, Report.Classification.RESTRICTED)
    canterbury_issued = make_issued_report(canterbury, Report.Classification.UNRESTRICTED)
    papers = {
        "consultation_paper": make_linked_paper(consultation, Paper.Kind.PLAN),
        "draft_paper": make_linked_paper(draft, Paper.Kind.PLAN),
        "adopted_paper": make_linked_paper(adopted, Paper.Kind.PLAN),
        "issued_paper": make_linked_paper(issued, Paper.Kind.REPORT),
        "restricted_issued_paper": make_linked_paper(restricted_issued, Paper.Kind.REPORT),
    }
    meetings.item.papers.add(*papers.values())
    canterbury_issued_paper = make_linked_paper(canterbury_issued, Paper.Kind.REPORT)
    meetings.canterbury_item.papers.add(canterbury_issued_paper)
    return Links(
        consultation=consultation,
        draft=draft,
        adopted=adopted,
        action=Action.objects.of_plan(consultation).get(),
        issued=issued,
        restricted_issued=restricted_issued,
        canterbury_plan=canterbury_plan,
        canterbury_issued=canterbury_issued,
        canterbury_issued_paper=canterbury_issued_paper,
        **papers,
    )
