"""What a partnership's public page shows, section by section: the page, its CSV files and the API
read the same figures from here, and these read the plans', crime and meetings' own selectors,
scoped by access.py. A new section is one function in SECTIONS and its template."""

from dataclasses import dataclass, field

from django.utils import timezone

from saferplan.crime import selectors as crime_stats
from saferplan.crime import tables as crime_tables
from saferplan.crime.tables import Table
from saferplan.partnerships import access as rules
from saferplan.plans import selectors as plan_selectors
from saferplan.plans.changes import published_content
from saferplan.registers import selectors as registers

# Said wherever the police.uk summary is shown or served.
PUBLICATION_LAG = (
    "Police.uk publishes each month's figures a month or two after it ends, so the most recent "
    "weeks are not included."
)
COUNTED = (
    "Counts are of rows in the police.uk street files whose LSOA is in the partnership's "
    "districts; one row is one crime or one ASB incident. Contains public sector information "
    "licensed under the Open Government Licence v3.0."
)


@dataclass
class Section:
    id: str  # its anchor on the page, and the start of its CSV files' names
    heading: str
    template: str
    data: object
    tables: list = field(default_factory=list)  # each downloads as CSV


# The adopted plan, as adopted


@dataclass
class PublishedPlan:
    plan: object
    content: dict  # its adopted version (plans.changes.published_content)


def published_plan(partnership):
    """The partnership's latest public plan (access.public_plans_of) as adopted, or None: read
    once for the plan's section and its progress, and kept on the partnership read for the page."""
    if not hasattr(partnership, "published_plan"):
        plan = rules.public_plans_of(partnership).order_by("-year").first()
        partnership.published_plan = PublishedPlan(plan, published_content(plan)) if plan else None
    return partnership.published_plan


def plan_table(published):
    rows = [
        [
            action["code"],
            action["title"],
            f"{priority['code']} {priority['title']}",
            f"{issue['code']} {issue['title']}",
            action["lead_agency"],
            action["supporting_agencies"],
            action["target_date"].isoformat(),
            action["success_measure"],
        ]
        for priority in published.content["priorities"]
        for issue in priority["issues"]
        for action in issue["actions"]
    ]
    return Table(
        "plan",
        f"{published.plan}: its actions as adopted",
        [
            "Action",
            "Title",
            "Priority",
            "Emerging issue",
            "Lead agency",
            "Supporting agencies",
            "Target date",
            "How success will be measured",
        ],
        rows,
    )


def plan_section(partnership):
    published = published_plan(partnership)
    tables = [plan_table(published)] if published else []
    return Section("plan", "The Community Safety Plan", "api/public_plan.html", published, tables)


# Its progress: the same counts as the reports (plans.selectors)


def progress_table(progress):
    return Table(
        "progress",
        f"Actions by priority, as at {progress.as_at:%-d %B %Y}",
        ["Priority", "Completed", "Underway", "Not started", "Total"],
        [
            [g.label, g.completed, g.underway, g.not_started, g.total]
            for g in [*progress.groups, progress.total]
        ],
    )


def published_progress(plan, content=None):
    """`progress_counts` by priority of an adopted plan, each priority under its title as
    adopted: wording changed since is not published yet, so a renamed priority keeps its adopted
    title and one added since shows its number only. `content`: the plan's `published_content`,
    when the caller has it."""
    progress = plan_selectors.progress_counts(plan, by="priority")
    content = published_content(plan) if content is None else content
    adopted = {p["code"]: p["title"] for p in content["priorities"]}
    for group in progress.groups:
        number = str(group.key.number)
        title = adopted.get(number)
        group.label = f"Priority {number}: {title}" if title else f"Priority {number}"
    return progress


def progress_section(partnership):
    published = published_plan(partnership)
    progress = published_progress(published.plan, published.content) if published else None
    tables = [progress_table(progress)] if progress else []
    return Section("progress", "Progress of the plan", "api/public_progress.html", progress, tables)


# Case studies cleared for publication


def case_studies_table(studies):
    return Table(
        "case-studies",
        "Case studies",
        ["Title", "Summary", "Outcome", "Plan", "Agencies"],
        [
            [
                study.title,
                study.summary,
                study.outcome,
                str(study.plan) if study.plan else "",
                ", ".join(agency.name for agency in study.agencies.all()),
            ]
            for study in studies
        ],
    )


def case_studies_section(partnership):
    studies = list(
        rules.public_case_studies_of(partnership)
        .select_related("plan")
        .prefetch_related("agencies")
        .order_by("title")
    )
    tables = [case_studies_table(studies)] if studies else []
    return Section("case-studies", "Case studies", "api/public_case_studies.html", studies, tables)


# Crime and ASB: the police.uk summary of the reports (reports.kinds.crime_sections)


@dataclass
class CrimeSummary:
    to: object  # the latest month loaded
    year: crime_stats.Comparison  # the latest 12 months against the 12 before
    quarter: crime_stats.Comparison  # the latest 3 against the same 3 a year before
    year_to_date: crime_stats.YearToDate
    notes: list  # the data's own caveats (crime_stats.DataQuality)

    caveats = (PUBLICATION_LAG, crime_tables.CHANGE_RULE, COUNTED)


def crime_summary(partnership):
    to = crime_stats.latest_month(partnership)
    if to is None:
        return None
    totals = crime_stats.two_years_of_totals(partnership, to)
    return CrimeSummary(
        to=to,
        year=crime_stats.compare_periods(partnership, to=to, totals=totals),
        quarter=crime_stats.compare_periods(partnership, months=3, to=to, totals=totals),
        year_to_date=crime_stats.financial_year_to_date(partnership, to=to, totals=totals),
        notes=crime_stats.data_quality(partnership, to=to, totals=totals).notes,
    )


def crime_tables_of(summary):
    comparison = crime_tables.comparison_table(summary.year, summary.quarter)
    year_to_date = crime_tables.year_to_date_table(summary.year_to_date)
    comparison.name, year_to_date.name = "crime-comparison", "crime-year-to-date"
    return [comparison, year_to_date]


def crime_section(partnership):
    summary = crime_summary(partnership)
    tables = crime_tables_of(summary) if summary else []
    return Section(
        "crime", "Crime and anti-social behaviour", "api/public_crime.html", summary, tables
    )


# Public meetings (meetings' own public pages)


def meetings_table(meetings):
    return Table(
        "meetings",
        "Public meetings",
        ["Date", "Committee", "Starts", "Place", "Status"],
        [
            [
                meeting.date.isoformat(),
                str(meeting.committee),
                meeting.starts.strftime("%H:%M"),
                meeting.place,
                meeting.get_status_display(),
            ]
            for meeting in meetings
        ],
    )


def meetings_section(partnership):
    today = timezone.localdate()
    upcoming, past = rules.public_meetings_of(partnership).upcoming_and_past(today)
    tables = [meetings_table([*upcoming, *past])] if upcoming or past else []
    return Section("meetings", "Public meetings", "api/public_meetings.html", upcoming, tables)


# Case reviews: the ASB Case Review figures s.104 of the 2014 Act requires to be published each
# year, and the death reviews whose reports are published (registers.selectors)


def asb_figures_table(figures):
    return Table(
        "asb-case-reviews",
        "Anti-social behaviour case reviews by financial year",
        registers.ASB_FIGURES_HEADERS,
        [year.as_row() for year in figures],
    )


def published_reviews_table(reviews):
    return Table(
        "death-reviews",
        "Published domestic abuse related death reviews",
        ["Title", "Notified", "Published", "Report"],
        [
            [
                review.title,
                review.notified.isoformat(),
                review.published.isoformat(),
                review.report_url,
            ]
            for review in reviews
        ],
    )


@dataclass
class CaseReviews:
    asb_figures: list  # registers.AsbFigures, oldest year first
    death_reviews: list  # registers.PublishedReview, newest first


def case_reviews_section(partnership):
    reviews = CaseReviews(
        registers.asb_case_review_figures(partnership), registers.published_reviews(partnership)
    )
    tables = [asb_figures_table(reviews.asb_figures)] if reviews.asb_figures else []
    if reviews.death_reviews:
        tables.append(published_reviews_table(reviews.death_reviews))
    return Section("case-reviews", "Case reviews", "api/public_case_reviews.html", reviews, tables)


SECTIONS = [
    plan_section,
    progress_section,
    case_studies_section,
    case_reviews_section,
    crime_section,
    meetings_section,
]


def sections_of(partnership):
    return [section(partnership) for section in SECTIONS]


def table_of(partnership, name):
    """The public table `name`, or None."""
    for section in SECTIONS:
        for table in section(partnership).tables:
            if table.name == name:
                return table
    return None
