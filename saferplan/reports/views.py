from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from saferplan.jobs.runner import start_job
from saferplan.partnerships import access as rules
from saferplan.ui import charts

from . import kinds, tasks
from . import render as renderers
from .forms import ChooseReportForm, ReportWithParagraphs
from .models import IssuedReport, Report
from .services import new_report, suggested_paragraphs

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
def report_list(request, slug):
    access = rules.access_for(request, slug)
    # Each version's title and meta come from its document; its HTML (~50 kB) is not shown.
    issued = (
        IssuedReport.objects.filter(report__partnership=access.partnership)
        .select_related("report", "issued_by")
        .defer("html")
    )
    return render(
        request,
        "reports/list.html",
        {
            "access": access,
            # how many versions each draft has, counted with it rather than one query a draft (a
            # query that counts is not in the model's order unless asked)
            "reports": rules.reports_of(access)
            .annotate(issued_count=Count("issues"))
            .order_by(*Report._meta.ordering),
            "issued": issued,
            "may_read_drafts": rules.may_read_drafts(access),
        },
    )


@login_required
def report_new(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_reports")
    choice = ChooseReportForm(request.GET or None)
    if not choice.is_valid():
        return render(request, "reports/choose.html", {"access": access, "form": choice})
    draft = new_report(partnership=access.partnership, author=request.user, **choice.cleaned_data)
    form = ReportWithParagraphs(
        request.POST or None, instance=draft, suggested=suggested_paragraphs(draft.kind)
    )
    if request.method == "POST" and form.is_valid():
        report = form.save()
        messages.success(request, "Report saved as a draft.")
        return after_saving(request, report)
    return render(
        request, "reports/form.html", {"access": access, "form": form, "title": "Write a report"}
    )


@login_required
def report(request, slug, report_id):
    access = rules.access_for(request, slug)
    report = rules.report_for(access, report_id)
    try:
        body = mark_safe(renderers.to_html(kinds.build(report)))  # our own template
        problem = None
    except kinds.ReportError as error:
        body, problem = None, str(error)
    return render(
        request,
        "reports/report.html",
        {
            "access": access,
            "report": report,
            "body": body,
            "problem": problem,
            # what the page names of each version: not the document, its HTML and files
            "issues": report.issues.only("report_id", "version", "issued_at"),
        },
    )


@login_required
def report_edit(request, slug, report_id):
    access = rules.access_for(request, slug)
    access.require("manage_reports")
    report = rules.report_for(access, report_id)
    form = ReportWithParagraphs(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Report saved.")
        return after_saving(request, report)
    return render(
        request, "reports/form.html", {"access": access, "form": form, "title": f"Change {report}"}
    )


def after_saving(request, report):
    """Back to the form for another paragraph, or on to the preview."""
    if "add_paragraphs" in request.POST:
        return redirect("reports:edit", report.partnership.slug, report.pk)
    return redirect(report)


@login_required
def report_issue(request, slug, report_id):
    """Issuing cannot be undone, so it asks first; then the worker makes the version while the
    job's page, following it, shows how far it has got and what came of it."""
    access = rules.access_for(request, slug)
    access.require("manage_reports")
    report = rules.report_for(access, report_id)
    version = report.issues.count() + 1
    if request.method == "POST":
        if request.POST.get("version") != str(version):
            messages.error(
                request,
                f"The report was issued again since you asked: version {version} would be next. "
                "Read the versions on this page before issuing.",
            )
            return redirect(report)
        job = start_job(
            tasks.issue,
            partnership=access.partnership,
            started_by=request.user,
            title=f"Issue {report}, version {version}",
            report_id=report.pk,
            version=version,
        )
        # The person asked for the version and waits for it: the page follows the job.
        return redirect(job.get_absolute_url() + "?follow=on")
    return render(
        request,
        "reports/issue.html",
        {"access": access, "report": report, "version": version},
    )


@login_required
def draft_file(request, slug, report_id, file_format):
    access = rules.access_for(request, slug)
    report = rules.report_for(access, report_id)
    document = kinds.build(report)
    try:
        content = (
            renderers.to_docx(document) if file_format == "docx" else renderers.to_pdf(document)
        )
    except renderers.PdfUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain")
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="draft-{report.pk}.{file_format}"'
    return response


@login_required
def issued(request, slug, issued_id):
    access = rules.access_for(request, slug)
    issued = rules.issued_report_for(access, issued_id)
    return render(
        request,
        "reports/issued.html",
        {
            "access": access,
            "issued": issued,
            "may_read_drafts": rules.may_read_drafts(access),
            # Reports issued before charts were drawn without inline styles still carry them.
            "body": mark_safe(charts.styles_as_attributes(issued.html)),
        },
    )


@login_required
def issued_file(request, slug, issued_id, field):
    access = rules.access_for(request, slug)
    issued = rules.issued_report_for(access, issued_id)
    name = f"{slug}-{issued.report.kind}-{issued.report.year}-v{issued.version}.{field}"
    return FileResponse(
        getattr(issued, field).open("rb"),
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES[field],
    )
