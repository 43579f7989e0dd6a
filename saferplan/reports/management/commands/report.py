from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.partnerships.models import Partnership, Role
from saferplan.reports import kinds, render
from saferplan.reports.models import Report
from saferplan.reports.services import new_report

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
        parser.add_argument("--format", required=True, choices=["html", "docx", "pdf"])
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, kind, partnership, year, **options):
        try:
            partnership = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            raise CommandError(f"partnership: there is no partnership {partnership!r}") from None
        report = latest_draft(partnership, kind, year)
        document = kinds.build(report)
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


def latest_draft(partnership, kind, year):
    draft = Report.objects.filter(partnership=partnership, kind=kind, year=year).first()
    if draft:
        return draft
    coordinator = Role.objects.filter(partnership=partnership, kind=Role.Kind.COORDINATOR).first()
    return new_report(
        partnership=partnership, kind=kind, year=year, author=coordinator and coordinator.person
    )
