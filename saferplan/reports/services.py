from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from . import kinds, render
from .models import IssuedReport, Report


def default_title(partnership, year):
    place = partnership.name.removesuffix(" Community Safety Partnership")
    return f"{place} Community Safety Plan update for {year} – {year + 1}"


def new_report(*, partnership, kind, year, author):
    """An unsaved report with what can be known up front filled in."""
    return Report(
        partnership=partnership,
        kind=kind,
        year=year,
        title=default_title(partnership, year),
        author=author.name if author else "",
        author_post=author.job_title if author else "",
        contact_officer=author.name if author else "",
        contact_phone=author.phone if author else "",
        summary="",
        created_by=author,
    )


def issue_report(*, report, by):
    """Freeze the report: its content and its three files as version N+1.

    Everything is rendered before anything is saved, so a failure (no PDF libraries, say) stores
    nothing half-written.
    """
    document = kinds.build(report)
    html = render.to_html(document)
    docx = render.to_docx(document)
    pdf = render.to_pdf(document)
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()  # one version at a time
        latest = report.issues.aggregate(latest=Max("version"))["latest"] or 0
        issued = IssuedReport(
            report=report, version=latest + 1, issued_by=by, content=document.as_json(), html=html
        )
        issued.docx.save("report.docx", ContentFile(docx), save=False)
        issued.pdf.save("report.pdf", ContentFile(pdf), save=False)
        issued.save()
    return issued
