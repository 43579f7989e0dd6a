"""A sample cover report for the Working Party of 3 March 2015, shaped like the real one that
started SaferPlan. The wording is ours; the facts it quotes come from the demo data. One topic is
restricted: it is printed only in a version classified Restricted."""

from datetime import date

from simple_history.utils import bulk_create_with_history

from saferplan.partnerships import access
from saferplan.partnerships.models import Partnership, Person

from .models import Paragraph, Report

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


def build():
    thanet = Partnership.objects.get(slug="thanet")
    author = Person.objects.get(email="coordinator@thanet.example")
    meeting = access.meetings_of(thanet).get(
        committee__name="Community Safety Working Party", date=date(2015, 3, 3)
    )
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
