from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.partnerships import access
from saferplan.partnerships.models import Partnership, Role
from saferplan.reports import kinds, render
from saferplan.reports.models import Report
from saferplan.reports.services import new_report, suggested_paragraphs

KINDS = {kind.value: kind for kind in Report.Kind}


class Command(BaseCommand):
    help = (
        "Write a report as HTML, Word or PDF. The text comes from the partnership's latest draft "
        "of that kind and year, if there is one; the figures always come from the data."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument(
            "--year", required=True, type=int, help="2014 for April 2014 to March 2015"
        )
        parser.add_argument("--meeting", type=int, metavar="ID", help="the meeting it goes to")
        parser.add_argument("--format", required=True, choices=["html", "docx", "pdf"])
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, kind, partnership, year, meeting, **options):
        try:
            partnership = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            raise CommandError(f"partnership: there is no partnership {partnership!r}") from None
        if meeting is not None:
            found = access.meetings_of(partnership).filter(pk=meeting).first()
            if found is None:
                raise CommandError(f"meeting: {meeting} is not a meeting of {partnership}")
            meeting = found
        report = latest_draft(partnership, kind, year, meeting)
        try:
            document = kinds.build(
                report, paragraphs=None if report.pk else suggested_paragraphs(kind)
            )
        except kinds.ReportError as error:
            raise CommandError(str(error)) from None
        try:
            content = {
                "html": lambda: render.to_html(document, standalone=True).encode(),
                "docx": lambda: render.to_docx(document),
                "pdf": lambda: render.to_pdf(document),
            }[options["format"]]()
        except render.PdfUnavailable as error:
            raise CommandError(str(error)) from None
        options["out"].write_bytes(content)
        self.stdout.write(f"Wrote {report} ({Report.Kind(kind).label}) to {options['out']}")


def latest_draft(partnership, kind, year, meeting):
    drafts = Report.objects.filter(partnership=partnership, kind=kind, year=year)
    if meeting:
        drafts = drafts.filter(meeting=meeting)
    if draft := drafts.first():
        return draft
    coordinator = Role.objects.filter(partnership=partnership, kind=Role.Kind.COORDINATOR).first()
    report = new_report(
        partnership=partnership, kind=kind, year=year, author=coordinator and coordinator.person
    )
    report.meeting = meeting
    report.clean()
    return report
