from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from saferplan.partnerships import access as rules
from saferplan.ui import charts
from saferplan.ui.templatetags.ui import money

from . import returns
from .figures import grant_figures, project_figures, spend_totals
from .forms import (
    AllocationForm,
    ApplicationForm,
    GrantForm,
    MoveForm,
    ProjectForm,
    ReturnDateForm,
    SpendForm,
)
from .models import Allocation, Application, FundedProject, ReturnDate, Spend


@login_required
def overview(request, slug):
    access = rules.access_for(request, slug)
    grants = [(grant, grant_figures(grant)[1]) for grant in access.partnership.grants.all()]
    return render(request, "funding/overview.html", {"access": access, "grants": grants})


@login_required
def grant_new(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_funding")
    form = GrantForm(request.POST or None, partnership=access.partnership)
    return save_form(request, access, form, "Record a grant", "Save grant")


@login_required
def grant(request, slug, grant_id):
    access = rules.access_for(request, slug)
    grant = rules.grant_for(access, grant_id)
    totals = spend_totals(grant)
    projects = project_figures(grant, totals=totals)
    rows, total = grant_figures(grant, projects=projects, totals=totals)
    return render(
        request,
        "funding/grant.html",
        {
            "access": access,
            "grant": grant,
            "rows": rows,
            "total": total,
            "not_allocated": grant.amount - sum(row.budget for row in rows),
            "chart": money_chart(grant, rows),
            "projects": projects,
            "spend": grant_spend(grant),
            "stages": stage_counts(grant),
            "quarters": ReturnDate.Period.choices,
        },
    )


@login_required
def grant_edit(request, slug, grant_id):
    access = rules.access_for(request, slug)
    access.require("manage_funding")
    grant = rules.grant_for(access, grant_id)
    form = GrantForm(request.POST or None, instance=grant, partnership=access.partnership)
    return save_form(request, access, form, f"Change the {grant}", "Save grant", grant)


@login_required
def return_date_new(request, slug, grant_id):
    return grant_part_form(request, slug, grant_id, ReturnDateForm, "Add a return date")


@login_required
def allocation_new(request, slug, grant_id):
    return grant_part_form(request, slug, grant_id, AllocationForm, "Add an allocation")


@login_required
def allocation_edit(request, slug, grant_id, allocation_id):
    return grant_part_form(
        request, slug, grant_id, AllocationForm, "Change an allocation", Allocation, allocation_id
    )


@login_required
def project_new(request, slug, grant_id):
    return grant_part_form(request, slug, grant_id, ProjectForm, "Add a funded project")


@login_required
def project_edit(request, slug, grant_id, project_id):
    return grant_part_form(
        request, slug, grant_id, ProjectForm, "Change a funded project", FundedProject, project_id
    )


@login_required
def spend_new(request, slug, grant_id):
    return grant_part_form(request, slug, grant_id, SpendForm, "Record spend")


@login_required
def application_new(request, slug, grant_id):
    return grant_part_form(request, slug, grant_id, ApplicationForm, "Record an application")


@login_required
def applications(request, slug, grant_id):
    access = rules.access_for(request, slug)
    grant = rules.grant_for(access, grant_id)
    received = Application.objects.filter(allocation__grant=grant).select_related("project")
    by_stage = [
        (label, [a for a in received if a.stage == stage])
        for stage, label in Application.Stage.choices
    ]
    return render(
        request,
        "funding/applications.html",
        {"access": access, "grant": grant, "by_stage": by_stage},
    )


@login_required
def application(request, slug, grant_id, application_id):
    access = rules.access_for(request, slug)
    grant = rules.grant_for(access, grant_id)
    application = get_object_or_404(
        Application.objects.filter(allocation__grant=grant), pk=application_id
    )
    form = None
    if Application.NEXT[application.stage] and access.can("manage_funding"):
        form = MoveForm(request.POST or None, application=application)
    if request.method == "POST":
        access.require("manage_funding")
        if form is not None and form.is_valid():
            try:
                application.move_to(
                    form.cleaned_data["stage"],
                    on=form.cleaned_data["on"],
                    by=request.user,
                    amount=form.cleaned_data["amount"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"{application} is now {application.get_stage_display().lower()}."
                )
                return redirect("funding:application", slug, grant.pk, application.pk)
    return render(
        request,
        "funding/application.html",
        {"access": access, "grant": grant, "application": application, "form": form},
    )


@login_required
def monitoring_return(request, slug, grant_id, file_format):
    access = rules.access_for(request, slug)
    grant = rules.grant_for(access, grant_id)
    try:
        quarter = int(request.GET.get("quarter", 0))
        ReturnDate.Period(quarter)
    except ValueError:
        raise Http404("A return is for quarter 1 to 4, or 0 for the whole year") from None
    content = returns.monitoring_return(grant, quarter)
    body, content_type = {
        "csv": (returns.as_csv, "text/csv; charset=utf-8"),
        "xlsx": (
            returns.as_xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    }[file_format]
    response = HttpResponse(body(content), content_type=content_type)
    name = f"{slug}-grant-{grant.year_label}-{'year' if not quarter else f'q{quarter}'}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def grant_part_form(request, slug, grant_id, form_class, title, model=None, object_id=None):
    """Create or change something that belongs to one of the partnership's grants."""
    access = rules.access_for(request, slug)
    access.require("manage_funding")
    grant = rules.grant_for(access, grant_id)
    instance = None
    if model is not None:
        parent = "grant" if model is Allocation else "allocation__grant"
        instance = get_object_or_404(model.objects.filter(**{parent: grant}), pk=object_id)
    form = form_class(request.POST or None, request.FILES or None, instance=instance, grant=grant)
    if hasattr(form.instance, "recorded_by_id") and not form.instance.pk:
        form.instance.recorded_by = request.user
    return save_form(request, access, form, title, "Save", grant, caption=str(grant))


def save_form(request, access, form, title, button, next_object=None, caption=None):
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Saved: {saved}.")
        return redirect(next_object or saved)
    return render(
        request,
        "funding/form.html",
        {
            "access": access,
            "form": form,
            "title": title,
            "button": button,
            "caption": caption or str(access.partnership),
            "back": (next_object or form.instance).get_absolute_url()
            if (next_object or form.instance.pk)
            else reverse("funding:overview", args=[access.partnership.slug]),
        },
    )


def money_chart(grant, rows):
    labels = [row.name for row in rows]
    spent = [float(row.spent) for row in rows]
    to_draw = [float(max(row.forecast - row.spent, 0)) for row in rows]
    free = [float(max(row.unallocated, 0)) for row in rows]
    title = f"Spend against each allocation of the {grant}"
    svg = charts.drawn_svg(
        charts.stacked_bars,
        title,
        labels=labels,
        series={"Spent": spent, "Still to be drawn": to_draw, "Not yet committed": free},
        colours=[charts.GREEN, charts.BLUE, charts.DARK_GREY],
        pounds=True,
    )
    return charts.Chart(
        title=title,
        svg=svg,
        headers=["Allocation", "Budget", "Committed", "Spent", "Forecast", "Unallocated"],
        rows=[
            [r.name, *map(money, [r.budget, r.committed, r.spent, r.forecast, r.unallocated])]
            for r in rows
        ],
    )


def grant_spend(grant):
    return Spend.objects.filter(allocation__grant=grant).select_related("allocation", "project")


def stage_counts(grant):
    received = Application.objects.filter(allocation__grant=grant)
    return [
        (label, sum(1 for a in received if a.stage == stage))
        for stage, label in Application.Stage.choices
    ]
