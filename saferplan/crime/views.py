from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from saferplan.jobs.runner import keep_upload, start_job
from saferplan.partnerships import access as rules
from saferplan.ui.middleware import accepts_uploads

from . import districts, tables, tasks
from . import selectors as stats
from .charts import drawn_control_charts, rates_chart, trend_chart
from .forms import MAX_UPLOAD_BYTES, AreaComparisonForm, PoliceImportForm
from .maps import ward_map


@login_required
def overview(request, slug):
    access = rules.access_for(request, slug)
    partnership = access.partnership
    to = stats.latest_month(partnership)
    context = {
        "access": access,
        "has_areas": rules.areas_of(partnership).exists(),
        "data_manager": rules.is_data_manager(request.user),
    }
    if to is None or not context["has_areas"]:
        return render(request, "crime/overview.html", context)
    figures = page_figures(partnership, to, request.GET.get("category"))
    trend = figures["trend"]
    wards = figures["wards"]
    trend_table = tables.trend_table(trend)
    control = request.GET.get("view") == "control"
    context.update(
        figures,
        to=to,
        category=trend.category,
        chart=None if control else trend_chart(trend_table),
        control_charts=drawn_control_charts(trend_table) if control else [],
        change_rule=tables.CHANGE_RULE,
        ward_map=map_of(partnership, wards),
        year_to_date_table=tables.year_to_date_table(figures["year_to_date"]),
        comparison_table=tables.comparison_table(figures["year"], figures["quarter"]),
        wards_table=tables.wards_table(wards),
        outcomes_table=tables.outcomes_table(figures["outcomes"]),
        forces_table=tables.forces_table(figures["forces"]),
    )
    return render(request, "crime/overview.html", context)


@login_required
def download(request, slug, table):
    access = rules.access_for(request, slug)
    if table not in CSV_TABLES:
        raise Http404("No such table")
    to = stats.latest_month(access.partnership)
    if to is None:
        raise Http404("No police data is loaded")
    figures = page_figures(access.partnership, to, request.GET.get("category"), only=table)
    return tables.csv_download(CSV_TABLES[table](figures), f"{slug}-crime-{table}")


@login_required
@accepts_uploads(MAX_UPLOAD_BYTES)
def police_import(request, slug):
    """Upload a police.uk file; the worker imports it while the job's page shows how far."""
    access = rules.access_for(request, slug)
    access.require("import_police_data")
    form = PoliceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = keep_upload(upload)
        job = start_job(
            tasks.import_police_files,
            partnership=access.partnership,
            started_by=request.user,
            title=f"Import {upload.name} from police.uk",
            unit="KB",
            uploads=[path],
            paths=[path],
        )
        return redirect(job)
    return render(request, "crime/import.html", {"access": access, "form": form})


@login_required
def police_loads(request, slug):
    """The partnership's own loads of police data, for its coordinators."""
    access = rules.access_for(request, slug)
    access.require("import_police_data")
    loads = rules.police_loads_of(access.partnership)[:LOADS_SHOWN]
    return render(request, "crime/loads.html", {"access": access, "loads": loads})


LOADS_SHOWN = 200


@login_required
@accepts_uploads(MAX_UPLOAD_BYTES)
def police_data(request):
    """The site's police data, for data managers: every load logged, and an upload that the
    worker imports for every partnership, as `saferplan import_police` does."""
    rules.require_data_manager(request)
    form = PoliceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        tasks.import_police_for_site.enqueue(
            paths=[keep_upload(upload)], started_by_id=request.user.pk
        )
        messages.success(
            request,
            f"{upload.name} is queued: the worker imports it for every partnership, and it "
            "appears below as it starts. Reload this page to follow it.",
        )
        return redirect("police_data")
    loads = rules.all_police_loads()[:LOADS_SHOWN]
    return render(request, "crime/police_data.html", {"form": form, "loads": loads})


CSV_TABLES = {
    "forces": lambda f: tables.forces_table(f["forces"]),
    "comparison": lambda f: tables.comparison_table(f["year"], f["quarter"]),
    "trend": lambda f: tables.trend_table(f["trend"]),
    "year-to-date": lambda f: tables.year_to_date_table(f["year_to_date"]),
    "wards": lambda f: tables.wards_table(f["wards"]),
    "outcomes": lambda f: tables.outcomes_table(f["outcomes"]),
}
# What each CSV file needs read, so that a download reads no more than its table.
NEEDS = {
    "forces": {"forces"},
    "comparison": {"year", "quarter"},
    "trend": {"trend"},
    "year-to-date": {"year_to_date"},
    "wards": {"trend", "wards"},
    "outcomes": {"outcomes"},
}


def page_figures(partnership, to, category, only=None):
    """The figures of the page (or of one CSV file), up to month `to`."""
    needs = NEEDS[only] if only else None

    def wanted(name):
        return needs is None or name in needs

    figures = {}
    # Two years of counts by month and category serve every table but the wards and outcomes.
    totals = None
    if needs is None or needs & {"trend", "year", "quarter", "year_to_date"}:
        totals = stats.two_years_of_totals(partnership, to)
    if wanted("trend"):
        figures["trend"] = stats.monthly_trend(partnership, category=category, to=to, totals=totals)
    chosen = figures["trend"].category if "trend" in figures else None
    if wanted("forces"):
        figures["forces"] = stats.forces_of(partnership)
    if wanted("year"):
        figures["year"] = stats.compare_periods(partnership, months=12, to=to, totals=totals)
    if wanted("quarter"):
        figures["quarter"] = stats.compare_periods(partnership, months=3, to=to, totals=totals)
    if wanted("year_to_date"):
        figures["year_to_date"] = stats.financial_year_to_date(partnership, to=to, totals=totals)
    if wanted("wards"):
        figures["wards"] = stats.ward_table(partnership, category=chosen, to=to)
    if wanted("outcomes"):
        figures["outcomes"] = stats.outcomes(partnership, to=to)
    if needs is None:
        figures["quality"] = stats.data_quality(
            partnership, to=to, forces=figures["forces"], wards=figures["wards"], totals=totals
        )
    return figures


def map_of(partnership, wards):
    """The ward map: rates per 1,000 where every ward's population is loaded, else counts."""
    by_rate = wards.wards and all(ward.population for ward in wards.wards)
    values, titles = {}, {}
    for ward in wards.wards:
        values[ward.code] = ward.rate if by_rate else ward.count
        titles[ward.code] = f"{ward.name}: {ward.count:,}" + (
            f" ({ward.rate} per 1,000 people)" if by_rate else ""
        )
    what = wards.category or stats.TOTAL
    boundaries = rules.ward_boundaries_of(partnership).values_list("code", "geometry")
    drawn = ward_map(
        boundaries,
        values,
        titles,
        f"Map of {what} by ward{' per 1,000 people' if by_rate else ''}; the ward table gives "
        "each ward's figures",
        number=(lambda v: f"{v:,.1f}") if by_rate else (lambda v: f"{v:,}"),
    )
    return {"drawn": drawn, "by_rate": by_rate, "what": what}


# The partnership beside the area around it


@login_required
def compare(request, slug):
    access = rules.access_for(request, slug)
    form = AreaComparisonForm(request.GET or None)
    comparison = districts.compare_areas(access.partnership, **form.values())
    context = {
        "access": access,
        "form": form,
        "comparison": comparison,
        "periods": districts.PERIODS,
        "against": districts.AGAINST,
        "change_rule": tables.CHANGE_RULE,
        "may_choose_peers": rules.may_choose_peers(access),
        "choices": [stats.ALL_CRIME, *comparison.categories] if comparison else [],
    }
    if comparison:
        areas = districts.areas_table(comparison)
        context.update(
            areas_table=areas,
            chart=rates_chart(areas),
            force_districts_table=districts.force_districts_table(comparison),
            query=request.GET.urlencode(),
        )
    return render(request, "crime/compare.html", context)


@login_required
def compare_download(request, slug, table):
    access = rules.access_for(request, slug)
    if table not in COMPARISON_TABLES:
        raise Http404("No such table")
    form = AreaComparisonForm(request.GET or None)
    comparison = districts.compare_areas(access.partnership, **form.values())
    if comparison is None:
        raise Http404("No police data is loaded")
    return tables.csv_download(COMPARISON_TABLES[table](comparison), f"{slug}-compared-{table}")


COMPARISON_TABLES = {
    "areas": districts.areas_table,
    "force-districts": districts.force_districts_table,
}
