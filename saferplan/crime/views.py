import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from saferplan.assessment import selectors as datasets
from saferplan.jobs.runner import keep_upload, start_job
from saferplan.partnerships import access as rules
from saferplan.ui.middleware import accepts_uploads

from . import districts, tables, tasks
from . import selectors as stats
from .charts import drawn_control_charts, map_of, rates_chart, trend_chart
from .forms import MAX_UPLOAD_BYTES, AreaComparisonForm, PoliceImportForm


@login_required
@stats.one_version()
def overview(request, slug):
    access = rules.access_for(request, slug)
    if request.GET.get("dataset"):
        return dataset_overview(request, access)
    partnership = access.partnership
    to = stats.latest_month(partnership)
    context = {
        "access": access,
        "has_areas": rules.areas_of(partnership).exists(),
        "data_manager": rules.is_data_manager(request.user),
        "datasets": rules.datasets_of(access),
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
@stats.one_version()
def download(request, slug, table):
    access = rules.access_for(request, slug)
    if table not in CSV_TABLES:
        raise Http404("No such table")
    if request.GET.get("dataset"):
        return dataset_download(request, access, table)
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
            again_url=request.path,
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


# A partner's dataset in place of police.uk (?dataset=ID): its trend, comparisons, year to date
# and wards, read and shown as police.uk's are.


def dataset_overview(request, access):
    dataset = source_dataset(request, access)
    to = datasets.latest_month_of(dataset)
    context = {"access": access, "dataset": dataset, "datasets": rules.datasets_of(access)}
    if to is None:
        return render(request, "crime/dataset.html", context)
    figures = datasets.read_as_crime(dataset, to, category=request.GET.get("category"))
    trend_table = DATASET_TABLES["trend"](dataset, figures)
    control = request.GET.get("view") == "control"
    category = figures["trend"].category
    context.update(
        figures,
        to=to,
        category=category,
        download_query="?" + urlencode({"dataset": dataset.pk, "category": category or ""}),
        chart=None if control else trend_chart(trend_table),
        control_charts=drawn_control_charts(trend_table) if control else [],
        change_rule=tables.CHANGE_RULE,
        ward_map=map_of(access.partnership, figures["wards"]),
        year_to_date_table=tables.year_to_date_table(figures["year_to_date"]),
        comparison_table=DATASET_TABLES["comparison"](dataset, figures),
        wards_table=tables.wards_table(figures["wards"]),
    )
    return render(request, "crime/dataset.html", context)


def dataset_download(request, access, table):
    dataset = source_dataset(request, access)
    to = datasets.latest_month_of(dataset)
    if table not in DATASET_TABLES or to is None:
        raise Http404("No such table of this dataset")
    figures = datasets.read_as_crime(dataset, to, category=request.GET.get("category"))
    name = f"{access.partnership.slug}-dataset-{dataset.pk}-{table}"
    return tables.csv_download(DATASET_TABLES[table](dataset, figures), name)


def source_dataset(request, access):
    """The dataset of ?dataset=, if the person may read it; 404 for any other value."""
    wanted = request.GET["dataset"]
    if not DATASET_ID.fullmatch(wanted):
        raise Http404("No such dataset")
    return rules.dataset_for(access, int(wanted))


DATASET_ID = re.compile(r"[0-9]{1,9}")
DATASET_TABLES = {
    "comparison": lambda d, f: tables.comparison_table(f["year"], f["quarter"], str(d)),
    "trend": lambda d, f: tables.trend_table(f["trend"], f"{d} month by month"),
    "year-to-date": lambda d, f: tables.year_to_date_table(f["year_to_date"]),
    "wards": lambda d, f: tables.wards_table(f["wards"]),
}


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
