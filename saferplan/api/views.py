from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from saferplan.crime import selectors as crime_stats
from saferplan.crime import tables
from saferplan.partnerships import access as rules

from . import public


@crime_stats.one_version()
def public_page(request, slug):
    """No sign-in: what the partnership publishes, only once it chose to (else 404)."""
    partnership = rules.published_partnership(slug)
    return render(
        request,
        "api/public.html",
        {"partnership": partnership, "sections": public.sections_of(partnership)},
    )


@crime_stats.one_version()
def public_download(request, slug, table):
    partnership = rules.published_partnership(slug)
    found = public.table_of(partnership, table)
    if found is None:
        raise Http404("No such table")
    return tables.csv_download(found, f"{slug}-{table}")


@login_required
@require_POST
def publish(request, slug):
    """The coordinator publishes the public page, or takes it down."""
    access = rules.access_for(request, slug)
    if not rules.may_publish(access):
        raise PermissionDenied("Only a coordinator publishes the partnership's page.")
    partnership = access.partnership
    partnership.public_page = request.POST.get("public_page") == "on"
    partnership.save(update_fields=["public_page"])
    if partnership.public_page:
        messages.success(request, "The public page is published: anyone can read it.")
    else:
        messages.success(request, "The public page is taken down: its address answers not found.")
    return redirect(partnership)
