"""The crime statistics that pages, commands and reports read, for one partnership.

Every figure is summed in SQL (one query per function, scoped to the partnership's districts by
`access`): totals by month and category, the latest month and the forces from `OutcomeCount`,
whose rows are the same street rows counted by district rather than by LSOA (ten times fewer to
read than `MonthlyCount` for a county); wards from `MonthlyCount` (by LSOA) with `Area` for wards
and population; `PoliceMonth` for what was loaded and left out. Months are the
first day of the month. Functions take the partnership and optionally the last month to count
(`to`, by default the latest month loaded) and return plain dataclasses that reports can quote.

The comparison, trend, year to date and wards are worked out by `comparison_of`, `trend_of`,
`year_to_date_of` and `wards_of` from plain figures (`MonthlyTotals`, counts by LSOA), so that a
partner's dataset (`saferplan.assessment`) is read the same way, its categories summed as
ALL_CATEGORIES where police.uk's are summed as ALL_CRIME, ASB and TOTAL.

What is summed from the police tables, with the areas, is kept (`kept`) in the shared `charts`
cache under the crime data's version, so that a county's page does not sum hundreds of thousands
of rows per request: the worker fills it after an import (`keep_page_figures`), and any import
changes the version. Today's date (forces' lag) is applied on each request.
"""

import contextlib
import contextvars
import datetime
import hashlib
import json
import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection
from django.db.models import Max, Min, Sum
from django.utils import timezone

from saferplan import financial_years
from saferplan.partnerships import access as rules

from .models import Area, Boundary, MonthlyCount, OutcomeCount, PoliceMonth

# The police.uk "Crime type" of anti-social behaviour; every other type is a crime.
ASB = "Anti-social behaviour"
ALL_CRIME = "All crime (excluding ASB)"
TOTAL = "All crime and ASB"
# A partner's dataset's headline: every category it counts.
ALL_CATEGORIES = "All categories"
# The rows after the categories, in a comparison of police.uk counts (ASB is one of them).
POLICE_SUMMARIES = (ALL_CRIME, ASB, TOTAL)
DATASET_SUMMARIES = (ALL_CATEGORIES,)
# The trend's lines, before any category chosen.
POLICE_HEADLINE = (ALL_CRIME, ASB)
DATASET_HEADLINE = (ALL_CATEGORIES,)
# Crimes of the latest months are mostly still under investigation when published.
STILL_OPEN_MONTHS = 3
# A month whose crimes fall below this share of the median month is flagged as unusual.
UNUSUAL_SHARE = 0.6


def add_months(month, months):
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(earlier, later):
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def month_range(first, last):
    return [add_months(first, n) for n in range(months_between(first, last) + 1)]


# Figures kept per version of the crime data


def data_version():
    """What changes whenever the police rows, areas or boundaries change: every police load
    creates police months (a replaced one is deleted and created anew) and rows, whose ids only
    grow; areas and boundaries are created (their ids grow) or updated in place by an import,
    which marks it (`geography_changed`). Read from primary keys' indexes, the small tables of
    police months and boundaries and the areas' index: a few milliseconds, once for all the
    figures of a page (`one_version`)."""
    if (version := page_version.get()) is not None:
        return version
    police, monthly, outcome, area, boundary = (
        model._meta.db_table for model in (PoliceMonth, MonthlyCount, OutcomeCount, Area, Boundary)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX(id), MAX(imported_at), (SELECT MAX(id) FROM {monthly}), "
            f"(SELECT MAX(id) FROM {outcome}), (SELECT COUNT(*) FROM {area}), "
            f"(SELECT MAX(id) FROM {area}), (SELECT COUNT(*) FROM {boundary}), "
            f"(SELECT MAX(id) FROM {boundary}) FROM {police}"
        )
        counted = [str(value) for value in cursor.fetchone()]
    return [*counted, geography_mark()]


GEOGRAPHY_MARK = "crime:geography"


def geography_mark():
    """The mark of the latest import of areas or boundaries; one made afresh if the cache lost
    it, so that a lost mark never brings back figures kept under an earlier one."""
    cache = caches["charts"]
    if (mark := cache.get(GEOGRAPHY_MARK)) is None:
        cache.add(GEOGRAPHY_MARK, uuid.uuid4().hex, timeout=None)
        mark = cache.get(GEOGRAPHY_MARK)
    return mark


def geography_changed():
    """Areas or boundaries were updated in place (their ids unchanged): what was kept of them
    is read afresh."""
    caches["charts"].set(GEOGRAPHY_MARK, uuid.uuid4().hex, timeout=None)


page_version = contextvars.ContextVar("page_version", default=None)


@contextlib.contextmanager
def one_version():
    """Within: the crime data's version is read once, for a page's figures read in a moment (an
    import committed meanwhile shows on the next page)."""
    token = page_version.set(data_version())
    try:
        yield
    finally:
        page_version.reset(token)


def figures_key(name, partnership, *args):
    """The cache key of figure `name` of the partnership's districts (whatever partnership
    covers them) for `args`, in this version of the crime data."""
    described = [name, sorted(rules.districts_of(partnership)), args, data_version()]
    digest = hashlib.sha256(json.dumps(described, default=str).encode()).hexdigest()
    return f"figures:{digest}"


def kept(name, partnership, *args, compute):
    """`compute()`, summed once per version of the crime data and kept for every process."""
    cache, key = caches["charts"], figures_key(name, partnership, *args)
    found = cache.get(key, NOT_KEPT)
    if found is NOT_KEPT:
        found = compute()
        cache.set(key, found)
    return found


NOT_KEPT = object()


def latest_month(partnership, *, before=None):
    """The latest month with any police row in the partnership's districts, or None; with
    `before` (a day), the latest month that had ended by then."""
    counts = rules.outcome_counts_of(partnership)
    if before:
        counts = counts.filter(month__lt=before.replace(day=1))
    return kept(
        "latest_month",
        partnership,
        before,
        compute=lambda: counts.aggregate(latest=Max("month"))["latest"],
    )


@dataclass
class MonthlyTotals:
    """The partnership's counts by month and category, from `first` to `last`, read in one query
    that a page can share among the functions below (their `totals=`)."""

    first: datetime.date
    last: datetime.date
    by_month: dict  # {month: {category: count}}, only months with rows

    def covers(self, first, last):
        return self.first <= first and last <= self.last

    def loaded(self, months):
        return sum(month in self.by_month for month in months)

    def categories(self, months):
        return sorted({name for month in months for name in self.by_month.get(month, {})})

    def sum(self, months, category=None):
        """Counts of `months`: of one category, of ALL_CRIME, or (TOTAL, ALL_CATEGORIES or None)
        all."""
        total = 0
        for month in months:
            counts = self.by_month.get(month, {})
            if category in (None, TOTAL, ALL_CATEGORIES):
                total += sum(counts.values())
            elif category == ALL_CRIME:
                total += sum(counts.values()) - counts.get(ASB, 0)
            else:
                total += counts.get(category, 0)
        return total


def monthly_totals(partnership, first, last):
    # Summed by district, not LSOA: the same figures from a tenth of the rows.
    return kept(
        "monthly_totals",
        partnership,
        first,
        last,
        compute=lambda: totals_of(rules.outcome_counts_of(partnership), first, last),
    )


def totals_of(counts, first, last):
    """`MonthlyTotals` of any counts with a month, a category and a count: the police.uk counts
    of a partnership, or a partner's dataset (`saferplan.assessment`)."""
    rows = (
        counts.filter(month__range=(first, last))
        .values_list("month", "category")
        .annotate(total=Sum("count"))
        .order_by()
    )
    by_month = defaultdict(dict)
    for month, category, total in rows:
        by_month[month][category] = total
    return MonthlyTotals(first, last, dict(by_month))


def two_years_of_totals(partnership, to):
    """The totals by month and category of the 24 months to `to`: enough for the trend, both
    comparisons, the year to date and the data-quality notes, read once."""
    return monthly_totals(partnership, add_months(to, -23), to)


def totals_for(partnership, first, last, totals):
    """`totals` where they cover the months wanted, else read afresh."""
    if totals is not None and totals.covers(first, last):
        return totals
    return monthly_totals(partnership, first, last)


# Latest month loaded and data lag


@dataclass(frozen=True)
class ForceMonths:
    force: str
    first: datetime.date
    latest: datetime.date
    lag: int  # whole months between the latest month loaded and this month

    @property
    def status(self):
        """Police.uk publishes a month about two months later: more than that is behind."""
        if self.lag <= 2:
            return "Up to date"
        return "Behind" if self.lag <= 4 else "Out of date"


def forces_of(partnership, today=None):
    """Each force whose files hold rows of the partnership, with the months loaded from it."""
    today = today or timezone.localdate()
    rows = (
        PoliceMonth.objects.filter(
            kind=PoliceMonth.Kind.STREET,
            pk__in=rules.outcome_counts_of(partnership).values("police_month_id"),
        )
        .values("force")
        .annotate(first=Min("month"), latest=Max("month"))
        .order_by("force")
    )
    return [
        ForceMonths(row["force"], row["first"], row["latest"], months_between(row["latest"], today))
        for row in kept("forces", partnership, compute=lambda: list(rows))
    ]


# Periods compared, by category


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date
    loaded: int  # months of the period with any row

    @property
    def months(self):
        return months_between(self.first, self.last) + 1

    @property
    def complete(self):
        return self.loaded == self.months

    def __str__(self):
        if self.first == self.last:
            return f"{self.first:%B %Y}"
        return f"{self.first:%b %Y} to {self.last:%b %Y}"


@dataclass(frozen=True)
class CategoryRow:
    category: str
    current: int
    previous: int
    year_before: int


@dataclass
class Comparison:
    current: Period
    previous: Period  # the months just before the current ones
    year_before: Period  # the current months a year earlier
    rows: list = field(default_factory=list)  # by category, then ALL_CRIME, ASB and TOTAL


def compare_periods(partnership, *, months=12, to=None, totals=None):
    """The latest `months` months against the months before and the same months a year before."""
    to = to or latest_month(partnership)
    if to is None:
        return None
    first = add_months(to, 1 - months)
    earliest = min(add_months(first, -months), add_months(first, -12))
    totals = totals_for(partnership, earliest, to, totals)
    return comparison_of(totals, to, months=months)


def comparison_of(totals, to, *, months=12, summaries=POLICE_SUMMARIES):
    """`compare_periods` of any `MonthlyTotals` reaching back far enough: each category, then the
    `summaries` (of police.uk counts, ALL_CRIME, ASB and TOTAL; of a dataset, ALL_CATEGORIES)."""
    first = add_months(to, 1 - months)
    now, before, last_year = (
        month_range(start, add_months(start, months - 1))
        for start in (first, add_months(first, -months), add_months(first, -12))
    )
    rows = [
        CategoryRow(
            name, totals.sum(now, name), totals.sum(before, name), totals.sum(last_year, name)
        )
        for name in rows_of(totals.categories(now + before + last_year), summaries)
    ]
    return Comparison(
        *(Period(m[0], m[-1], totals.loaded(m)) for m in (now, before, last_year)), rows
    )


def rows_of(categories, summaries):
    """The categories that are not summaries, then the summaries."""
    return [*(name for name in categories if name not in summaries), *summaries]


# Monthly trend


@dataclass(frozen=True)
class TrendMonth:
    month: datetime.date
    loaded: bool
    headline: dict  # {line: count}, of the trend's `headline` lines
    category: int | None  # the chosen category, if any

    @property
    def all_crime(self):
        return self.headline[ALL_CRIME]

    @property
    def asb(self):
        return self.headline[ASB]


@dataclass
class Trend:
    category: str | None
    categories: list  # every category seen in the months shown, for choosing one
    months: list  # of TrendMonth, oldest first
    headline: tuple = POLICE_HEADLINE  # the lines drawn whatever the category


def monthly_trend(partnership, *, category=None, months=24, to=None, totals=None):
    """All crime (excluding ASB), ASB and optionally one category, month by month, for the
    latest `months` months. A category of none of these months is ignored."""
    to = to or latest_month(partnership)
    if to is None:
        return None
    totals = totals_for(partnership, add_months(to, 1 - months), to, totals)
    return trend_of(totals, to, category=category, months=months)


def trend_of(totals, to, *, category=None, months=24, headline=POLICE_HEADLINE):
    """`monthly_trend` of any `MonthlyTotals` covering the months: the `headline` lines and
    optionally one category."""
    wanted = month_range(add_months(to, 1 - months), to)
    categories = totals.categories(wanted)
    if category not in categories:
        category = None
    return Trend(
        category=category,
        categories=categories,
        months=[
            TrendMonth(
                month,
                month in totals.by_month,
                {name: totals.sum([month], name) for name in headline},
                totals.sum([month], category) if category else None,
            )
            for month in wanted
        ],
        headline=headline,
    )


# Financial year to date


@dataclass
class YearToDate:
    year: int
    this_year: Period
    last_year: Period
    rows: list  # CategoryRow with `previous` = `year_before` = the same months last year

    @property
    def label(self):
        return financial_years.label(self.year)


def financial_year_to_date(partnership, *, to=None, totals=None):
    """April to the latest month of its financial year, against the same months a year before."""
    to = to or latest_month(partnership)
    if to is None:
        return None
    first = add_months(financial_years.starts(financial_years.of(to)), -12)
    return year_to_date_of(totals_for(partnership, first, to, totals), to)


def year_to_date_of(totals, to, *, summaries=POLICE_SUMMARIES):
    """`financial_year_to_date` of any `MonthlyTotals` covering the months, its rows as in
    `comparison_of`."""
    year = financial_years.of(to)
    now = month_range(financial_years.starts(year), to)
    before = [add_months(month, -12) for month in now]
    rows = []
    for name in rows_of(totals.categories(now + before), summaries):
        last_year = totals.sum(before, name)
        rows.append(CategoryRow(name, totals.sum(now, name), last_year, last_year))
    return YearToDate(
        year,
        Period(now[0], to, totals.loaded(now)),
        Period(before[0], before[-1], totals.loaded(before)),
        rows,
    )


# Wards


@dataclass(frozen=True)
class WardRow:
    code: str
    name: str
    count: int
    population: int | None

    @property
    def rate(self):
        """Per 1,000 people, where the ward's population is loaded."""
        if not self.population:
            return None
        return round(self.count * 1000 / self.population, 1)


@dataclass
class WardTable:
    first: datetime.date
    last: datetime.date
    category: str | None
    wards: list  # of WardRow, by name
    unattributed: int  # counted in the districts but in an LSOA with no ward
    not_by_ward: int = 0  # a dataset's counts given only by district

    @property
    def has_population(self):
        return any(ward.population for ward in self.wards)


def ward_table(partnership, *, category=None, months=12, to=None):
    """Crimes and ASB (or one category, or ALL_CRIME) by ward over the latest `months` months."""
    to = to or latest_month(partnership)
    if to is None:
        return None
    first = add_months(to, 1 - months)
    return kept(
        "ward_table",
        partnership,
        first,
        to,
        category,
        compute=lambda: summed_by_ward(partnership, first, to, category),
    )


def summed_by_ward(partnership, first, to, category):
    counts = of_category(rules.counts_of(partnership).filter(month__range=(first, to)), category)
    by_lsoa = kept(
        "ward_counts",
        partnership,
        first,
        to,
        category,
        compute=lambda: dict(
            counts.values_list("lsoa_code").annotate(total=Sum("count")).order_by()
        ),
    )
    return wards_of(partnership, first, to, category, by_lsoa)


def of_category(counts, category):
    """The counts of one category, of ALL_CRIME, or (TOTAL, ALL_CATEGORIES or None) all."""
    if category == ALL_CRIME:
        return counts.exclude(category=ASB)
    if category and category not in (TOTAL, ALL_CATEGORIES):
        return counts.filter(category=category)
    return counts


def wards_of(partnership, first, last, category, by_lsoa, *, by_ward=None, not_by_ward=0):
    """The `WardTable` of counts summed by LSOA ({code: count}) and, for a dataset, by ward."""
    by_ward = by_ward or {}
    names, totals, population = {}, defaultdict(int), defaultdict(int)
    attributed = 0
    areas = rules.areas_of(partnership).exclude(ward_code="")
    for code, ward, name, people in areas.values_list(
        "code", "ward_code", "ward_name", "population"
    ):
        names[ward] = name
        population[ward] += people or 0
        if code in by_lsoa:
            totals[ward] += by_lsoa[code]
            attributed += by_lsoa[code]
    for ward, count in by_ward.items():
        if ward in names:
            totals[ward] += count
            attributed += count
    wards = [
        WardRow(code, names[code], totals[code], population[code] or None)
        for code in sorted(names, key=names.get)
    ]
    unattributed = sum(by_lsoa.values()) + sum(by_ward.values()) - attributed
    return WardTable(first, last, category, wards, unattributed, not_by_ward)


def keep_ward_counts(partnership, *, months=12, to):
    """Keep what `ward_table` sums, by LSOA, of all categories and of each one, for the latest
    `months` to `to`, read in one query: a category chosen on the page then reads no counts."""
    first = add_months(to, 1 - months)
    rows = (
        rules.counts_of(partnership)
        .filter(month__range=(first, to))
        .values_list("category", "lsoa_code")
        .annotate(total=Sum("count"))
        .order_by()
    )
    by_category, everything = defaultdict(dict), defaultdict(int)
    for category, lsoa, total in rows:
        by_category[category][lsoa] = total
        everything[lsoa] += total
    by_category[None] = dict(everything)
    caches["charts"].set_many(
        {
            figures_key("ward_counts", partnership, first, to, category): by_lsoa
            for category, by_lsoa in by_category.items()
        }
    )


def keep_page_figures(partnership, to):
    """Sum and keep, once the police data changed, every figure the crime page reads."""
    two_years_of_totals(partnership, to)
    forces_of(partnership)
    outcomes(partnership, to=to)
    keep_ward_counts(partnership, to=to)


# Outcomes


@dataclass
class Outcomes:
    period: Period
    rows: list  # (last outcome, count), most first
    still_open_from: datetime.date  # crimes from this month on are mostly still being dealt with

    @property
    def total(self):
        return sum(count for _, count in self.rows)


NO_OUTCOME = "No outcome recorded"


def outcomes(partnership, *, months=12, to=None):
    """The crimes (not ASB, which has no outcome) of the latest `months` by last outcome."""
    to = to or latest_month(partnership)
    if to is None:
        return None
    first = add_months(to, 1 - months)
    rows = (
        rules.outcome_counts_of(partnership)
        .filter(month__range=(first, to))
        .exclude(category=ASB)
        .values_list("last_outcome")
        .annotate(total=Sum("count"))
        .order_by("-total", "last_outcome")
    )
    rows = kept("outcomes", partnership, first, to, compute=lambda: list(rows))
    return Outcomes(
        Period(first, to, months),
        [(outcome or NO_OUTCOME, total) for outcome, total in rows],
        add_months(to, 1 - STILL_OPEN_MONTHS),
    )


# Data quality


@dataclass
class DataQuality:
    missing: list  # (force, month) with no street file loaded between the force's first and latest
    no_location: int  # force-wide rows with no location, in the forces' months of the period
    unknown_lsoa: int  # force-wide rows whose LSOA is in no lookup loaded
    unattributed: int  # the partnership's rows in an LSOA with no ward
    unusual: list  # (month, crimes, median) where crimes fall far below the median month
    period: Period | None = None

    @property
    def notes(self):
        """The notes in plain words; empty when there is nothing to say."""
        notes = [
            f"{force}: no file loaded for {month:%B %Y}, between months that are loaded."
            for force, month in self.missing
        ]
        if self.no_location:
            notes.append(
                f"{self.no_location:,} rows of the force files of {self.period} had no location "
                "(force-wide), so no partnership's counts include them."
            )
        if self.unknown_lsoa:
            notes.append(
                f"{self.unknown_lsoa:,} rows of the force files of {self.period} were in an LSOA "
                "that no loaded lookup names, so they could not be attributed to a district."
            )
        if self.unattributed:
            notes.append(
                f"{self.unattributed:,} of the partnership's rows are in an LSOA with no ward: "
                "they are in the totals but not in the ward table."
            )
        notes.extend(
            f"{month:%B %Y} has {crimes:,} crimes, far below the usual {median:,.0f} a month "
            "(ASB aside): check before quoting it."
            for month, crimes, median in self.unusual
        )
        return notes


def data_quality(partnership, *, months=12, to=None, forces=None, wards=None, totals=None):
    """What a reader should know before quoting the latest `months` months.

    `forces` (from `forces_of`), `wards` (from `ward_table`) and `totals` can be passed in by a
    page that has them already, saving their queries.
    """
    to = to or latest_month(partnership)
    if to is None:
        return None
    first = add_months(to, 1 - months)
    forces = forces if forces is not None else forces_of(partnership)
    names = [force.force for force in forces]
    loaded = defaultdict(set)
    force_wide = {}  # (force, month): rows with no location, and in an unknown LSOA
    street = rules.police_months_of(partnership).filter(
        kind=PoliceMonth.Kind.STREET, force__in=names
    )
    for force, month, none, unknown, own in street.values_list(
        "force", "month", "no_location", "unknown_lsoa", "partnership"
    ):
        loaded[force].add(month)
        # The site's month, if loaded, not the partnership's own upload of it, says these.
        if first <= month <= to and (own is None or (force, month) not in force_wide):
            force_wide[force, month] = (none, unknown)
    no_location = sum(none for none, _ in force_wide.values())
    unknown_lsoa = sum(unknown for _, unknown in force_wide.values())
    missing = [
        (force.force, month)
        for force in forces
        for month in month_range(force.first, force.latest)
        if month not in loaded[force.force]
    ]
    wards = wards if wards is not None else ward_table(partnership, months=months, to=to)
    totals = totals_for(partnership, first, to, totals)
    crimes = {
        month: totals.sum([month], ALL_CRIME)
        for month in month_range(first, to)
        if month in totals.by_month
    }
    unusual = []
    if len(crimes) >= 3:
        median = statistics.median(crimes.values())
        unusual = [
            (month, n, median) for month, n in sorted(crimes.items()) if n < UNUSUAL_SHARE * median
        ]
    return DataQuality(
        missing,
        no_location,
        unknown_lsoa,
        wards.unattributed,
        unusual,
        Period(first, to, len(crimes)),
    )


# Counts by group, for the crime_stats command and CSV downloads


def counts_by(partnership, *, by_ward=False, first=None, last=None):
    """Rows (month, category[, ward code, ward name], count), in that order, for the months given.

    An LSOA with no ward is grouped under a blank ward, so the counts still add up.
    """
    return grouped_counts(
        rules.counts_of(partnership), rules.areas_of(partnership), by_ward, first, last
    )


def counts_by_district(code, *, by_ward=False, first=None, last=None):
    """`counts_by` of any one district in the files loaded, a partnership's or not."""
    return grouped_counts(
        rules.counts_of_districts([code]), rules.areas_of_districts([code]), by_ward, first, last
    )


def grouped_counts(counts, areas, by_ward, first, last):
    if first:
        counts = counts.filter(month__gte=first)
    if last:
        counts = counts.filter(month__lte=last)
    if not by_ward:
        rows = counts.values_list("month", "category").annotate(total=Sum("count"))
        return list(rows.order_by("month", "category"))
    wards = {
        code: (ward, name)
        for code, ward, name in areas.values_list("code", "ward_code", "ward_name")
    }
    grouped = defaultdict(int)
    rows = counts.values_list("month", "category", "lsoa_code").annotate(total=Sum("count"))
    for month, category, lsoa, total in rows.order_by():
        grouped[(month, category, *wards.get(lsoa, ("", "")))] += total
    return [(*key, total) for key, total in sorted(grouped.items())]
