from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from saferplan.partnerships import access as rules

REFRESH_SECONDS = 2


@login_required
def job(request, slug, job_id):
    """A job's progress. Until it ends the page reloads itself (a meta refresh, no JavaScript)
    and offers a plain link to do the same."""
    access = rules.access_for(request, slug)
    found = rules.job_for(access, job_id)
    return render(
        request,
        "jobs/job.html",
        {"access": access, "job": found, "refresh": None if found.is_finished else REFRESH_SECONDS},
    )
