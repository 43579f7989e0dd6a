"""Each kind of report, built from the data as a `content.Document`.

Facts come from the data where the data has them (the responsible authorities, the grant, the
plan's objectives); the author's own words come from the report's narrative fields.
"""

from saferplan.funding.models import Allocation, Grant
from saferplan.partnerships import access

from .content import Block, Document, Section, number_sections, without_restricted
from .models import Report

RESTRICTED_MARK = "RESTRICTED:"
SAMPLE_NOTICE = "Sample data: this partnership and its figures are made up for demonstration."


def build(report):
    sections = BUILDERS[report.kind](report)
    if not report.is_restricted:
        sections = without_restricted(sections)
    return Document(
        title=report.title,
        classification=report.get_classification_display(),
        meta=meta_rows(report),
        summary=report.summary,
        purpose=report.get_purpose_display(),
        sections=number_sections(sections),
        contact=contact_rows(report),
        notice=SAMPLE_NOTICE if report.partnership.is_sample else "",
    )


def cover(report):
    return [
        Section("Introduction", introduction(report)),
        Section("Meeting topics", paragraphs(report.topics)),
        Section("Options/Actions", lines(report.options)),
        Section(
            "Corporate Implications",
            subsections=[
                Section("Financial", paragraphs(report.financial) + grant_paragraphs(report)),
                Section("Legal", [Block(LEGAL)]),
            ],
        ),
        Section("Recommendation", lines(report.recommendations)),
    ]


BUILDERS = {Report.Kind.COVER: cover}

LEGAL = (
    "The Community Safety Plan is evidence that the council and the other responsible "
    "authorities meet their statutory duties under the Crime and Disorder Act 1998 and the "
    "legislation that has amended it since."
)


def introduction(report):
    authorities = responsible_authorities(report.partnership)
    host = next((a for a in authorities if a.kind == a.Kind.DISTRICT_COUNCIL), None)
    partners = [a.name for a in authorities if a != host]
    standard = [
        Block(
            "The Crime and Disorder Act 1998, as amended since, requires the council and the "
            f"other responsible authorities ({join(partners)}) to form a Community Safety "
            "Partnership, so that agencies work together to reduce crime and disorder, substance "
            "misuse and re-offending in the local area."
            + (
                f" {host.name} facilitates the partnership on behalf of these agencies."
                if host
                else ""
            )
        ),
        Block(
            "Each partnership must carry out a strategic assessment of the data its partners "
            "collect and draw it together into a strategy, the Community Safety Plan, that "
            "identifies the priority issues and the actions to resolve or reduce them."
        ),
        Block(
            f"The {report.committee} oversees the progress of the partnership's responsible "
            f"authorities: {join([a.name for a in authorities])}."
        ),
    ]
    return standard + paragraphs(report.introduction)


def grant_paragraphs(report):
    grants = Grant.objects.filter(partnership=report.partnership, year=report.year)
    return [Block(grant_sentence(grant)) for grant in grants]


def grant_sentence(grant):
    uses = [
        USES[kind]
        for kind in Allocation.Kind.values
        if grant.allocations.filter(kind=kind).exists() and kind in USES
    ]
    text = (
        f"The {grant.funder} has confirmed that {grant.partnership} will be awarded a grant of "
        f"{pounds(grant.amount)} to assist in the delivery of the partnership's functions."
    )
    if uses:
        text += f" It will be used for {join(uses)}."
    return text


USES = {
    Allocation.Kind.COMMISSIONING: "commissioning organisations",
    Allocation.Kind.SMALL_GRANTS: (
        "distributing to local groups for specific crime prevention projects"
    ),
    Allocation.Kind.PUBLICITY: (
        "publicity material to better inform residents of the help available to them"
    ),
}


def pounds(amount):
    """£34,317 for whole pounds, as councils write them; £1,250.50 otherwise."""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def responsible_authorities(partnership):
    return list(
        access.agencies_of(partnership).filter(is_responsible_authority=True).order_by("pk")
    )


def meta_rows(report):
    to = report.committee
    if report.meeting_date:
        to += f" – {report.meeting_date:%-d %B %Y}"
    by = report.author + (f" – {report.author_post}" if report.author_post else "")
    return [
        ("To", to),
        ("By", by),
        ("Classification", report.get_classification_display()),
        ("Ward", report.ward),
    ]


def contact_rows(report):
    rows = []
    for label, name, phone in [
        ("Contact Officer", report.contact_officer, report.contact_phone),
        ("Reporting to", report.reporting_to, report.reporting_to_phone),
    ]:
        if name:
            rows.append((label, f"{name} {phone}".strip()))
    return rows


def paragraphs(text):
    """Blocks from text with a blank line between paragraphs; RESTRICTED: marks a restricted one."""
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        restricted = chunk.upper().startswith(RESTRICTED_MARK)
        if restricted:
            chunk = chunk[len(RESTRICTED_MARK) :].strip()
        blocks.append(Block(chunk, restricted=restricted))
    return blocks


def lines(text):
    return paragraphs("\n\n".join(text.splitlines()))


def join(names):
    """'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
