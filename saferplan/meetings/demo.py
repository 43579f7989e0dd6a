"""Sample committees and meetings for the demo: Thanet's Community Safety Working Party in 2014-15.

The meeting of 3 March 2015 has the agenda and the three recommendations of the seed document (the
Working Party report of that date); the terms of reference, the two earlier meetings, the people's
words, the notes and the papers are made up, and the papers say so. Its first paper is the sample
draft plan for 2015-16 (plans demo), and its recommendation on that plan is a comment on the plan's
consultation; its item on progress has the issued progress update and draft end-of-year report
(reports demo). Everything is keyed on a natural key, so building twice changes nothing.
"""

from datetime import date, time

from django.core.files.base import ContentFile

from saferplan.partnerships.models import Agency, Partnership, Person
from saferplan.plans.models import Plan

from .models import (
    AgendaItem,
    Attendance,
    Committee,
    CommitteeMember,
    Meeting,
    Paper,
    Recommendation,
    TermsOfReference,
    Topic,
)
from .services import record_recommendation

PLACE = "Council Chamber, Council Offices, Margate"
COORDINATOR = "Alex Morgan, Community Safety and Leisure Manager"
ANALYST = "Jo Fletcher, District Commander's Analyst, Kent Police"

TERMS_TEXT = """\
SAMPLE DATA: made-up wording for the SaferPlan demonstration.

The Community Safety Working Party oversees, on behalf of the Council, the progress of the \
responsible authorities of the Thanet Community Safety Partnership: Kent Police, Thanet District \
Council, Kent County Council, Thanet Clinical Commissioning Group, Kent Fire and Rescue Service \
and Local Probation Services.

Each year these terms of reference are agreed with the agencies. They direct the topics the \
Working Party discusses over the year; members hear presentations from partners, receive progress \
reports and statistics, comment on the draft Community Safety Plan and make recommendations to \
Overview and Scrutiny and on the adoption of the next plan.

The Working Party meets three times a year. Its meetings are open to the public, except for items \
that hold exempt information."""

# title, description, planned meeting (key of MEETINGS or None)
TOPICS = [
    ("Terms of reference and the year's programme", "", "july"),
    ("The 2014-15 plan: priorities and actions", "What partners agreed to do this year.", "july"),
    ("Domestic abuse", "How partners support victims and manage perpetrators.", "november"),
    (
        "Anti-social behaviour: the new powers",
        "The Anti-social Behaviour, Crime and Policing Act 2014.",
        "november",
    ),
    ("Road safety and young drivers", "Kent Fire and Rescue Service's education work.", "november"),
    ("Draft Community Safety Plan 2015-16", "Members comment on the draft plan.", "march"),
    (
        "Progress against the 2014-15 plan",
        "Actions completed, underway and not started, with case studies.",
        "march",
    ),
    ("Crime and anti-social behaviour statistics", "Up-to-date figures from Kent Police.", "march"),
    ("Reducing reoffending: the new probation arrangements", "", None),
]

MEETINGS = {
    "july": date(2014, 7, 15),
    "november": date(2014, 11, 18),
    "march": date(2015, 3, 3),
}

# The paper that is the plans demo's draft plan for 2015-16, not an uploaded file.
DRAFT_PLAN = "plan:2015"

# meeting, position, title, presenter, purpose, topic title, restriction reason, papers, notes
# (The ASB case review once heard here is in the registers demo: case reviews have their register.)
ITEMS = [
    (
        "july",
        1,
        "Terms of reference for 2014-15",
        COORDINATOR,
        "decision",
        "Terms of reference and the year's programme",
        "",
        [],
        "Members agreed the terms of reference.",
    ),
    (
        "july",
        2,
        "The Community Safety Plan 2014-15",
        COORDINATOR,
        "information",
        "The 2014-15 plan: priorities and actions",
        "",
        [],
        "Members asked how progress would be reported; the coordinator described the quarterly "
        "updates.",
    ),
    (
        "november",
        1,
        "Domestic abuse: the partnership's response",
        "Chris Evans, Kent County Council",
        "information",
        "Domestic abuse",
        "",
        [],
        "Members asked about referrals to support services.",
    ),
    (
        "november",
        2,
        "Anti-social behaviour: the new powers",
        "Sam Patel, Thanet District Council",
        "information",
        "Anti-social behaviour: the new powers",
        "",
        [],
        "Members welcomed the community trigger and asked for figures by ward.",
    ),
    (
        "march",
        1,
        "Draft Community Safety Plan 2015-16",
        COORDINATOR,
        "decision",
        "Draft Community Safety Plan 2015-16",
        "",
        [DRAFT_PLAN, "Draft Community Safety Plan 2015-16: presentation"],
        "Members were handed the draft plan and invited to comment on it.",
    ),
    (
        "march",
        2,
        "Update on the 2014-15 plan: progress of actions and case studies",
        COORDINATOR,
        "information",
        "Progress against the 2014-15 plan",
        "",
        [],  # the issued progress update and draft end-of-year report (reports demo)
        "Partners have until 31 March to complete their projects, so the figures are not final.",
    ),
    (
        "march",
        3,
        "Crime and anti-social behaviour statistics",
        ANALYST,
        "information",
        "Crime and anti-social behaviour statistics",
        "",
        ["Crime and anti-social behaviour statistics, April 2014 to January 2015"],
        "",
    ),
]

PAPERS = {
    "Draft Community Safety Plan 2015-16: presentation": Paper.Kind.PRESENTATION,
    "Crime and anti-social behaviour statistics, April 2014 to January 2015": Paper.Kind.OTHER,
}

R = Recommendation
# (meeting, item position, number), kind, text, made to, due, [(status, response, reported at)]
RECOMMENDATIONS = [
    (
        ("july", 1, "1"),
        R.Kind.DECISION,
        "To agree the terms of reference for 2014-15.",
        None,
        None,
        [(R.Status.ACCEPTED, "", "july"), (R.Status.IMPLEMENTED, "Agreed by members.", "july")],
    ),
    (
        ("november", 2, "2"),
        R.Kind.RECOMMENDATION,
        "To ask Kent Police to include anti-social behaviour figures by ward in each statistics "
        "paper.",
        ("agency", "Kent Police"),
        date(2015, 3, 3),
        [
            (R.Status.ACCEPTED, "Kent Police agreed.", "november"),
            (
                R.Status.IMPLEMENTED,
                "Figures by ward are in the statistics paper for 3 March 2015.",
                "march",
            ),
        ],
    ),
    (
        ("march", 2, "5.1"),
        R.Kind.DECISION,
        "To note the updates.",
        None,
        None,
        [
            (R.Status.ACCEPTED, "", "march"),
            (R.Status.IMPLEMENTED, "Members noted the updates.", "march"),
        ],
    ),
    (
        ("march", 2, "5.2"),
        R.Kind.RECOMMENDATION,
        "To prepare a summary for Overview and Scrutiny on the performance of CSP agencies and "
        "progress made against the objectives set in the plan.",
        ("committee", "Overview and Scrutiny Panel"),
        date(2015, 4, 30),
        [
            (
                R.Status.ACCEPTED,
                "The Community Safety and Leisure Manager will prepare it for the "
                "Panel's next meeting.",
                "march",
            )
        ],
    ),
    (
        ("march", 1, "5.3"),
        R.Kind.PLAN,
        "To make recommendations for adoption or amendment of the 2015-16 Community Safety Plan.",
        ("partnership", None),
        date(2015, 3, 31),
        [],
    ),
]

# committee, kind, meets in public, purpose, [(email, capacity, chair)]
COMMITTEES = [
    (
        "Community Safety Working Party",
        Committee.Kind.WORKING_PARTY,
        True,
        "Oversees the progress of the responsible authorities of the Community Safety Partnership.",
        [
            ("councillor.one@thanet.example", "councillor", True),
            ("councillor.two@thanet.example", "councillor", False),
            ("councillor.three@thanet.example", "councillor", False),
            ("coordinator@thanet.example", "officer", False),
        ],
    ),
    (
        "Overview and Scrutiny Panel",
        Committee.Kind.SCRUTINY,
        True,
        "Scrutinises the performance of the Council and its partners.",
        [("councillor.three@thanet.example", "councillor", True)],
    ),
    (
        "Community Safety Partnership Board",
        Committee.Kind.BOARD,
        False,
        "The responsible authorities' senior officers; agrees the plan and the use of the grant.",
        [
            ("coordinator@thanet.example", "officer", True),
            ("police.officer@kent.example", "officer", False),
            ("county.officer@kent.example", "officer", False),
            ("fire.officer@kent.example", "officer", False),
        ],
    ),
]

# meeting: {email: status}; the Working Party's members and the presenters who came.
ATTENDANCE = {
    "july": {
        "councillor.one@thanet.example": "present",
        "councillor.two@thanet.example": "present",
        "councillor.three@thanet.example": "present",
        "coordinator@thanet.example": "present",
    },
    "november": {
        "councillor.one@thanet.example": "present",
        "councillor.two@thanet.example": "present",
        "councillor.three@thanet.example": "apologies",
        "coordinator@thanet.example": "present",
        "council.officer@thanet.example": "present",
        "county.officer@kent.example": "present",
    },
    "march": {
        "councillor.one@thanet.example": "present",
        "councillor.two@thanet.example": "present",
        "councillor.three@thanet.example": "present",
        "coordinator@thanet.example": "present",
        "police.officer@kent.example": "present",
    },
}


def paper_text(title):
    return (
        f"SAMPLE DATA: a made-up paper for the SaferPlan demonstration.\n\n{title}\n\n"
        "Thanet Community Safety Partnership, Community Safety Working Party.\n"
    ).encode()


def build():
    """Create what is missing of Thanet's sample committees and meetings; keep what exists."""
    thanet = Partnership.objects.get(slug="thanet")
    people = {p.email: p for p in Person.objects.filter(roles__partnership=thanet)}
    draft_plan = Plan.objects.get(partnership=thanet, year=2015)
    committees = build_committees(thanet, people)
    working_party = committees["Community Safety Working Party"]
    meetings = {
        key: Meeting.objects.get_or_create(
            committee=working_party,
            date=day,
            defaults={
                "starts": time(19, 0),
                "ends": time(21, 0),
                "place": PLACE,
                "status": Meeting.Status.HELD,
                "agenda_status": Meeting.AgendaStatus.PUBLISHED,
            },
        )[0]
        for key, day in MEETINGS.items()
    }
    terms, _ = TermsOfReference.objects.get_or_create(
        committee=working_party,
        year=2014,
        defaults={"agreed_on": MEETINGS["july"], "text": TERMS_TEXT},
    )
    topics = {
        title: Topic.objects.get_or_create(
            terms=terms,
            title=title,
            defaults={"description": text, "planned_meeting": meetings.get(key)},
        )[0]
        for title, text, key in TOPICS
    }
    items = build_items(thanet, meetings, topics, people, draft_plan)
    build_recommendations(committees, meetings, items, people, draft_plan)
    for key, statuses in ATTENDANCE.items():
        for email, status in statuses.items():
            Attendance.objects.get_or_create(
                meeting=meetings[key], person=people[email], defaults={"status": status}
            )


def build_committees(thanet, people):
    committees = {}
    for name, kind, public, purpose, members in COMMITTEES:
        committee, _ = Committee.objects.get_or_create(
            partnership=thanet,
            name=name,
            defaults={"kind": kind, "meets_in_public": public, "purpose": purpose},
        )
        for email, capacity, chair in members:
            CommitteeMember.objects.get_or_create(
                committee=committee,
                person=people[email],
                defaults={"capacity": capacity, "is_chair": chair},
            )
        committees[name] = committee
    return committees


def build_items(thanet, meetings, topics, people, draft_plan):
    coordinator = people["coordinator@thanet.example"]
    items = {}
    for key, position, title, presenter, purpose, topic, reason, papers, notes in ITEMS:
        item, created = AgendaItem.objects.get_or_create(
            meeting=meetings[key],
            position=position,
            defaults={
                "title": title,
                "presenter": presenter,
                "purpose": purpose,
                "topic": topics.get(topic),
                "classification": "restricted" if reason else "unrestricted",
                "restriction_reason": reason,
                "notes": notes,
            },
        )
        if created:
            item.link_papers(
                [
                    plan_paper(draft_plan, coordinator)
                    if paper == DRAFT_PLAN
                    else sample_paper(thanet, paper, coordinator)
                    for paper in papers
                ]
            )
        items[key, position] = item
    return items


def plan_paper(plan, uploaded_by):
    paper, _ = Paper.objects.get_or_create(
        partnership=plan.partnership,
        plan=plan,
        defaults={"title": str(plan), "kind": Paper.Kind.PLAN, "uploaded_by": uploaded_by},
    )
    return paper


def sample_paper(thanet, title, uploaded_by):
    paper = Paper.objects.filter(partnership=thanet, title=title).first()
    if paper is None:
        paper = Paper(partnership=thanet, title=title, kind=PAPERS[title], uploaded_by=uploaded_by)
        name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
        paper.file.save(f"{name}.txt", ContentFile(paper_text(title)), save=True)
    return paper


def build_recommendations(committees, meetings, items, people, draft_plan):
    coordinator = people["coordinator@thanet.example"]
    for (key, position, number), kind, text, made_to, due, updates in RECOMMENDATIONS:
        if Recommendation.objects.filter(item=items[key, position], number=number).exists():
            continue
        to_kind, to_name = made_to or ("", None)
        recommendation = record_recommendation(
            recommendation=Recommendation(
                item=items[key, position],
                number=number,
                kind=kind,
                text=text,
                made_to=to_kind,
                to_committee=committees.get(to_name) if to_kind == "committee" else None,
                to_agency=Agency.objects.get(name=to_name) if to_kind == "agency" else None,
                due=due,
                plan=draft_plan if kind == R.Kind.PLAN else None,
            ),
            by=coordinator,
        )
        for status, response, reported_at in updates:
            recommendation.record_response(
                status=status,
                response=response,
                reported_at=meetings[reported_at],
                by=coordinator,
            )
