"""The reports' background work: a report is issued by the worker while its page shows how far
it has got (drawing the charts and writing the PDF of a long plan takes seconds)."""

from django.urls import reverse

from saferplan.jobs.runner import JobFailed, Outcome, job_progress, job_task

from . import kinds, render
from .models import Report
from .services import ISSUING_STEPS, AlreadyIssued, issue_report


@job_task
def issue(job, *, report_id, version=None):
    """Issue the report as `version`, the one confirmed, in the name of whoever started the job."""
    report = Report.objects.select_related("partnership").get(pk=report_id)

    def progress(done, step):
        job_progress(job, done=done, total=len(ISSUING_STEPS), message=f"{step}…")

    try:
        issued = issue_report(report=report, by=job.started_by, version=version, progress=progress)
    except (render.PdfUnavailable, kinds.ReportError, AlreadyIssued) as error:
        raise JobFailed(f"Nothing was issued. {error}") from None
    job_progress(job, done=len(ISSUING_STEPS), total=len(ISSUING_STEPS))
    return Outcome(
        f"Issued {issued}. It will not change, whatever happens to the data.",
        url=reverse("reports:issued", args=[report.partnership.slug, issued.pk]),
    )
