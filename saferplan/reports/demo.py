"""The sample reports for the Working Party of 3 March 2015, as the real meeting had them.

A cover report shaped like the real one that started SaferPlan: the wording is ours, the facts it
quotes come from the demo data, and one topic is restricted (printed only in a version classified
Restricted). As the seed's section 2.5 says, the meeting considered an update on the plan's
progress, supported by a draft end-of-year report circulated with it: both are issued, with the
figures as at the meeting, and are the papers of its agenda item on progress. Run after the
crime and assessment demos, whose figures they quote.
"""

from datetime import date, datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from saferplan.meetings.models import Paper
from saferplan.partnerships import access
from saferplan.partnerships.models import Partnership, Person

from .models import Paragraph, Report
from .services import issue_report, suggested_paragraphs

U, R = Report.Classification.UNRESTRICTED, Report.Classification.RESTRICTED
P = Paragraph.Part

SUMMARY = (
    "This report explains how progress against the actions for the emerging issues of the "
    "Community Safety Plan is monitored, and sets out the topics the Working Party will discuss "
    "at this meeting."
)
TOPICS = [
    (
        "Members will hear a presentation on the draft Community Safety Plan for 2015-16. They "
        "will be given a copy of the draft and can comment on it and suggest amendments.",
        U,
    ),
    (
        "Members will consider an update on how the agencies are doing against the emerging "
        "issues and actions of this year's plan: how many actions are completed, underway or not "
        "started, with case studies of successful projects. Partners have until 31 March to "
        "complete their projects, and the statistics take a while to analyse, so this is not the "
        "final picture: the full end-of-year report will come to the first meeting of the next "
        "Working Party.",
        U,
    ),
    (
        "The coordinator will brief members on the two households in Cliftonville West whose "
        "anti-social behaviour cases the partnership's case conference reviewed in February "
        "(sample).",
        R,
    ),
    (
        "Finally, members will receive up-to-date statistics on crime and anti-social behaviour "
        "from Kent Police.",
        U,
    ),
]

NOTE = "To note the updates."
SUMMARY_FOR_SCRUTINY = (
    "To prepare a summary for Overview and Scrutiny on the performance of the partnership's "
    "agencies and the progress made against the plan's objectives."
)
OPTIONS = [
    NOTE,
    SUMMARY_FOR_SCRUTINY,
    "To make recommendations for the adoption or amendment of the 2015-16 Community Safety Plan.",
]
RECOMMENDATIONS = [
    NOTE,
    SUMMARY_FOR_SCRUTINY,
    "To recommend the 2015-16 Community Safety Plan for adoption.",
]

FINANCIAL = (
    "The district council's community safety staff facilitate the partnership alongside their "
    "anti-social behaviour casework; their salaries are met from the council's budget for 2014-15."
)


# Issued with the agenda, a week before the meeting.
ISSUED = datetime(2015, 2, 23, 12)
DRAFT_END_OF_YEAR = (
    "This draft supports the update on the plan's progress. Partners have until 31 March to "
    "complete their projects and the statistics take a while to analyse, so it is not the final "
    "outcome: the full report will come to the first meeting of the next Working Party."
)
# Kind, title, the author's introduction
PAPERS = [
    (Report.Kind.PROGRESS, "Thanet Community Safety Plan 2014-15: progress update", ""),
    (
        Report.Kind.END_OF_YEAR,
        "Thanet Community Safety Plan 2014-15: draft end-of-year report",
        DRAFT_END_OF_YEAR,
    ),
]
PROGRESS_ITEM = 2  # the position of the meeting's item on the plan's progress


def build():
    thanet = Partnership.objects.get(slug="thanet")
    author = Person.objects.get(email="coordinator@thanet.example")
    meeting = access.meetings_of(thanet).get(
        committee__name="Community Safety Working Party", date=date(2015, 3, 3)
    )
    build_cover(thanet, author, meeting)
    item = meeting.items.get(position=PROGRESS_ITEM)
    for kind, title, introduction in PAPERS:
        paper = issued_paper(thanet, author, meeting, kind, title, introduction)
        if not item.papers.filter(pk=paper.pk).exists():  # adding again would add history
            item.papers.add(paper)


def build_cover(thanet, author, meeting):
    report, created = Report.objects.get_or_create(
        partnership=thanet,
        kind=Report.Kind.COVER,
        year=2014,
        meeting_date=date(2015, 3, 3),
        defaults={
            "meeting": meeting,
            "title": "Thanet Community Safety Plan update for 2014 – 2015",
            "committee": "Community Safety Working Party",
            "author": author.name,
            "author_post": author.job_title,
            "contact_officer": f"{author.name}, {author.job_title}",
            "contact_phone": "x7301",
            "reporting_to": "Jamie Rowe, Environmental Health Manager (sample)",
            "reporting_to_phone": "x7402",
            "created_by": author,
        },
    )
    if created:
        bulk_create_with_history(paragraphs(report), Paragraph)


def paragraphs(report):
    parts = {
        P.SUMMARY: [(SUMMARY, U)],
        P.TOPICS: TOPICS,
        P.OPTIONS: [(text, U) for text in OPTIONS],
        P.FINANCIAL: [(FINANCIAL, U)],
        P.RECOMMENDATIONS: [(text, U) for text in RECOMMENDATIONS],
    }
    return [
        Paragraph(report=report, part=part, position=n, text=text, classification=classification)
        for part, written in parts.items()
        for n, (text, classification) in enumerate(written, start=1)
    ]


def issued_paper(thanet, author, meeting, kind, title, introduction):
    """The report of `kind` for the meeting, issued once, as a paper."""
    report, created = Report.objects.get_or_create(
        partnership=thanet,
        kind=kind,
        year=2014,
        meeting=meeting,
        defaults={
            "title": title,
            "committee": meeting.committee.name,
            "meeting_date": meeting.date,
            "author": author.name,
            "author_post": author.job_title,
            "contact_officer": author.name,
            "contact_phone": "x7301",
            "created_by": author,
        },
    )
    if created:
        written = suggested_paragraphs(kind)
        if introduction:
            written.append(
                Paragraph(
                    part=Paragraph.Part.INTRODUCTION,
                    position=1,
                    text=introduction,
                    classification=U,
                )
            )
        for paragraph in written:
            paragraph.report = report
        bulk_create_with_history(written, Paragraph)
        issued = issue_report(report=report, by=author)
        issued.issued_at = timezone.make_aware(ISSUED)
        issued.save(update_fields=["issued_at"])
    issued = report.issues.get(version=1)
    paper, _ = Paper.objects.get_or_create(
        partnership=thanet,
        issued_report=issued,
        defaults={"title": str(issued), "kind": Paper.Kind.REPORT, "uploaded_by": author},
    )
    return paper
