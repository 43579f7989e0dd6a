from django.core.files.base import ContentFile
from django.db.models import Max

from saferplan import financial_years
from saferplan.storage import atomic_with_files

from . import kinds, render
from .models import IssuedReport, Paragraph, Report

# What each kind is called and says it is, until the author writes otherwise.
TITLES = {
    Report.Kind.COVER: "{place} Community Safety Plan update for {year} – {next_year}",
    Report.Kind.PROGRESS: "{place} Community Safety Plan {label}: progress update",
    Report.Kind.END_OF_YEAR: "{place} Community Safety Plan {label}: end-of-year report",
    Report.Kind.SCRUTINY: "{place} Community Safety Partnership {label}: summary for Overview "
    "and Scrutiny",
    Report.Kind.STRATEGIC_ASSESSMENT: "{place} Community Safety Partnership strategic assessment "
    "for the {label} plan",
}
SUMMARIES = {
    Report.Kind.COVER: "This report sets out the topics for the meeting.",
    Report.Kind.PROGRESS: "How many of the plan's actions are completed, underway and not "
    "started, what is overdue, and case studies of successful projects.",
    Report.Kind.END_OF_YEAR: "What the partnership's agencies achieved against the plan over "
    "the year, and how the grant was spent.",
    Report.Kind.SCRUTINY: "The performance of each agency and the progress made against the "
    "plan's objectives.",
    Report.Kind.STRATEGIC_ASSESSMENT: "The assessment of the partners' data that ranks the "
    "candidate issues and recommends the priorities of next year's Community Safety Plan.",
}

# Who a kind is addressed to, until the author writes otherwise or chooses a meeting.
COMMITTEES = {Report.Kind.SCRUTINY: "Overview and Scrutiny Panel"}
# What a kind recommends, until the author writes otherwise.
RECOMMENDATIONS = {
    Report.Kind.SCRUTINY: "That the Panel notes the performance of the partnership's agencies and "
    "the progress made against the objectives of the plan, and makes any recommendations it "
    "wishes to the Community Safety Partnership.",
}


def default_title(partnership, kind, year):
    place = partnership.name.removesuffix(" Community Safety Partnership")
    return TITLES[kind].format(
        place=place, year=year, next_year=year + 1, label=financial_years.label(year)
    )


def new_report(*, partnership, kind, year, author):
    """An unsaved report with what can be known up front filled in."""
    return Report(
        partnership=partnership,
        kind=kind,
        year=year,
        title=default_title(partnership, kind, year),
        committee=COMMITTEES.get(kind, ""),
        author=author.name if author else "",
        author_post=author.job_title if author else "",
        contact_officer=author.name if author else "",
        contact_phone=author.phone if author else "",
        created_by=author,
    )


def suggested_paragraphs(kind):
    """What an unwritten report of that kind says: its summary and, for some, its
    recommendation, for everyone."""
    suggested = {Paragraph.Part.SUMMARY: SUMMARIES[kind]}
    if kind in RECOMMENDATIONS:
        suggested[Paragraph.Part.RECOMMENDATIONS] = RECOMMENDATIONS[kind]
    return [
        Paragraph(
            part=part, position=1, text=text, classification=Report.Classification.UNRESTRICTED
        )
        for part, text in suggested.items()
    ]


# The steps of issuing, as `issue_report` tells its `progress`.
ISSUING_STEPS = [
    "Gathering the figures",
    "Writing the web page",
    "Writing the Word file",
    "Writing the PDF",
    "Saving the version",
]


class AlreadyIssued(Exception):
    """The version asked for exists: someone issued it first (two people, or a double click)."""


def issue_report(*, report, by, version=None, progress=lambda done, step: None):
    """Freeze the report: its content and its three files as version N+1. `progress(done,
    step)` hears of each of ISSUING_STEPS as it starts. Given `version`, the one the person
    confirmed, nothing is issued unless that is still the next one.

    Everything is rendered before anything is saved, so a failure (no PDF libraries, say) stores
    nothing half-written.
    """
    steps = iter(enumerate(ISSUING_STEPS))
    progress(*next(steps))
    document = kinds.build(report)
    progress(*next(steps))
    html = render.to_html(document)
    progress(*next(steps))
    docx = render.to_docx(document)
    progress(*next(steps))
    pdf = render.to_pdf(document)
    progress(*next(steps))
    with atomic_with_files():
        Report.objects.select_for_update().filter(pk=report.pk).first()  # one version at a time
        latest = report.issues.aggregate(latest=Max("version"))["latest"] or 0
        if version is not None and version != latest + 1:
            raise AlreadyIssued(f"Version {version} of {report} has been issued already.")
        issued = IssuedReport(
            report=report, version=latest + 1, issued_by=by, content=document.as_json(), html=html
        )
        issued.docx.save("report.docx", ContentFile(docx), save=False)
        issued.pdf.save("report.pdf", ContentFile(pdf), save=False)
        issued.save()
    return issued
