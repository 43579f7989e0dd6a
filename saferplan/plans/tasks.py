"""The plan's background work: a spreadsheet uploaded on a page is imported by the worker."""

from pathlib import PurePath

from django.core.files.storage import default_storage

from saferplan.jobs.runner import JobFailed, Outcome, job_progress, job_task

from . import spreadsheet


@job_task
def import_plan(job, *, path, year, status):
    """Import the uploaded spreadsheet at `path` (in the default storage) as the plan for `year`,
    exactly as `saferplan import_plan` does; the job deletes the upload when it ends."""
    name = PurePath(path).name
    try:
        table = spreadsheet.read_table(default_storage.path(path))
        rows = spreadsheet.check_rows(
            table,
            job.partnership,
            progress=lambda checked: job_progress(
                job,
                done=checked,
                total=len(table),
                message=f"Checking row {checked} of {len(table)}",
            ),
        )
        job_progress(job, done=len(table), total=len(table), message=f"Saving {len(rows)} actions")
        plan = spreadsheet.save_plan(
            partnership=job.partnership, year=year, rows=rows, status=status
        )
    except spreadsheet.BadSpreadsheet as error:
        raise JobFailed(
            f"{name}: {error.count:,} problem{'s' * (error.count > 1)}, nothing was imported. "
            "Correct the file and upload it again.",
            error.lines(),
        ) from None
    warnings = spreadsheet.target_date_warnings(rows, year)
    message = f"Imported {plan}: {len(rows)} actions."
    if warnings:
        message += " Some target dates are outside the plan's year: check them below."
    return Outcome(message, url=plan.get_absolute_url(), warnings=warnings)
