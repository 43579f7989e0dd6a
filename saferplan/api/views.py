from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from saferplan.crime import selectors as crime_stats
from saferplan.crime import tables
from saferplan.partnerships import access as rules

from . import public, tokens
from .forms import ApiTokenForm


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


# Personal API tokens, on the person's account page: their own, never anyone else's


@never_cache
@login_required
def token_new(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = tokens.create_token(person=request.user, name=form.cleaned_data["name"])
        # Shown once, in the answer to the POST that made it: only its digest is stored.
        return render(request, "api/token_made.html", {"token": token, "secret": secret})
    return render(request, "api/token_new.html", {"form": form})


@login_required
@require_POST
def token_revoke(request, token_id):
    token = get_object_or_404(request.user.api_tokens, pk=token_id)
    tokens.revoke(token)
    messages.success(request, f"The API token “{token.name}” is revoked: it no longer works.")
    return redirect("account")
