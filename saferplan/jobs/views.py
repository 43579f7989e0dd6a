from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from saferplan.partnerships import access as rules

REFRESH_SECONDS = 5


@login_required
def job(request, slug, job_id):
    """A job's progress, without JavaScript. A page that reloads by itself is an interruption
    (WCAG 2.2.1), so it only does when the person asks it to (?follow=on), a meta refresh every
    REFRESH_SECONDS that a link turns off again; otherwise a plain link shows the latest."""
    access = rules.access_for(request, slug)
    found = rules.job_for(access, job_id)
    following = request.GET.get("follow") == "on" and not found.is_finished
    return render(
        request,
        "jobs/job.html",
        {"access": access, "job": found, "refresh": REFRESH_SECONDS if following else None},
    )
