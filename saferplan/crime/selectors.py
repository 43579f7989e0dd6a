"""The crime statistics that pages, commands and reports read, for one partnership.

Every figure is summed in SQL (one query per function, scoped to the partnership's districts by
`access`): totals by month and category, the latest month and the forces from `OutcomeCount`,
whose rows are the same street rows counted by district rather than by LSOA (ten times fewer to
read than `MonthlyCount` for a county); wards from `MonthlyCount` (by LSOA) with `Area` for wards
and population; `PoliceMonth` for what was loaded and left out. Months are the
first day of the month. Functions take the partnership and optionally the last month to count
(`to`, by default the latest month loaded) and return plain dataclasses that reports can quote.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Min, Sum
from django.utils import timezone

from saferplan import financial_years
from saferplan.partnerships import access as rules

from .models import PoliceMonth

# The police.uk "Crime type" of anti-social behaviour; every other type is a crime.
ASB = "Anti-social behaviour"
ALL_CRIME = "All crime (excluding ASB)"
TOTAL = "All crime and ASB"
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


def latest_month(partnership, *, before=None):
    """The latest month with any police row in the partnership's districts, or None; with
    `before` (a day), the latest month that had ended by then."""
    counts = rules.outcome_counts_of(partnership)
    if before:
        counts = counts.filter(month__lt=before.replace(day=1))
    return counts.aggregate(latest=Max("month"))["latest"]


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
        """Crimes and ASB of `months`: of one category, of ALL_CRIME, or (TOTAL or None) all."""
        total = 0
        for month in months:
            counts = self.by_month.get(month, {})
            if category in (None, TOTAL):
                total += sum(counts.values())
            elif category == ALL_CRIME:
                total += sum(counts.values()) - counts.get(ASB, 0)
            else:
                total += counts.get(category, 0)
        return total


def monthly_totals(partnership, first, last):
    # Summed by district, not LSOA: the same figures from a tenth of the rows.
    return totals_of(rules.outcome_counts_of(partnership), first, last)


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
        for row in rows
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
    now, before, last_year = (
        month_range(start, add_months(start, months - 1))
        for start in (first, add_months(first, -months), add_months(first, -12))
    )
    categories = [name for name in totals.categories(now + before + last_year) if name != ASB]
    rows = [
        CategoryRow(
            name, totals.sum(now, name), totals.sum(before, name), totals.sum(last_year, name)
        )
        for name in [*categories, ALL_CRIME, ASB, TOTAL]
    ]
    return Comparison(
        *(Period(m[0], m[-1], totals.loaded(m)) for m in (now, before, last_year)), rows
    )


# Monthly trend


@dataclass(frozen=True)
class TrendMonth:
    month: datetime.date
    loaded: bool
    all_crime: int
    asb: int
    category: int | None  # the chosen category, if any


@dataclass
class Trend:
    category: str | None
    categories: list  # every category seen in the months shown, for choosing one
    months: list  # of TrendMonth, oldest first


def monthly_trend(partnership, *, category=None, months=24, to=None, totals=None):
    """All crime (excluding ASB), ASB and optionally one category, month by month, for the
    latest `months` months. A category of none of these months is ignored."""
    to = to or latest_month(partnership)
    if to is None:
        return None
    wanted = month_range(add_months(to, 1 - months), to)
    totals = totals_for(partnership, wanted[0], to, totals)
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
                totals.sum([month], ALL_CRIME),
                totals.sum([month], ASB),
                totals.sum([month], category) if category else None,
            )
            for month in wanted
        ],
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
    year = financial_years.of(to)
    now = month_range(financial_years.starts(year), to)
    before = [add_months(month, -12) for month in now]
    totals = totals_for(partnership, before[0], to, totals)
    categories = [name for name in totals.categories(now + before) if name != ASB]
    rows = []
    for name in [*categories, ALL_CRIME, ASB, TOTAL]:
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

    @property
    def has_population(self):
        return any(ward.population for ward in self.wards)


def ward_table(partnership, *, category=None, months=12, to=None):
    """Crimes and ASB (or one category, or ALL_CRIME) by ward over the latest `months` months."""
    to = to or latest_month(partnership)
    if to is None:
        return None
    first = add_months(to, 1 - months)
    counts = rules.counts_of(partnership).filter(month__range=(first, to))
    if category == ALL_CRIME:
        counts = counts.exclude(category=ASB)
    elif category and category != TOTAL:
        counts = counts.filter(category=category)
    by_lsoa = dict(counts.values_list("lsoa_code").annotate(total=Sum("count")).order_by())
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
    wards = [
        WardRow(code, names[code], totals[code], population[code] or None)
        for code in sorted(names, key=names.get)
    ]
    return WardTable(first, to, category, wards, sum(by_lsoa.values()) - attributed)


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
