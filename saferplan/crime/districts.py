"""The partnership beside the area around it: any district's police.uk counts, summed by district
from `MonthlyCount` (which holds every LSOA of the files loaded), with populations from `Area`.

The force area is every district whose rows in the latest month come mostly from the force (or
forces) whose files hold the partnership's rows: a force's files also place a few rows in the
districts over its border, and a national force (British Transport Police) places some
everywhere, but neither is the main source of those districts' rows; and where the neighbours'
files are not loaded, a district with fewer than a tenth of the median district's rows is over
the border. A district's count is every row of the files loaded in its LSOAs, whichever force's
file it is in, as the partnership's own figures are. Rates are per 1,000 people of the
districts' LSOAs whose population is loaded.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Sum

from saferplan.partnerships import access as rules

from . import selectors as stats
from . import tables
from .models import PoliceMonth
from .statistics import compare_counts

# The periods a comparison may be of (months up to the latest), and what each is compared with.
PERIODS = {1: "The latest month", 3: "The latest 3 months", 12: "The latest 12 months"}
AGAINST = {"year": "the same months a year before", "before": "the months just before"}


@dataclass(frozen=True)
class District:
    code: str
    name: str
    population: int | None  # of its LSOAs whose population is loaded; None if of none


def districts(codes=None):
    """{code: District} of the districts given (every district of the lookup by default) that
    the area lookup knows, in one query."""
    areas = rules.all_areas() if codes is None else rules.areas_of_districts(codes)
    rows = (
        areas.values_list("district_code")
        .annotate(name=Max("district_name"), population=Sum("population"))
        .order_by()
    )
    return {code: District(code, name or code, people or None) for code, name, people in rows}


BORDER_SHARE = 0.1


def force_area(forces, month):
    """The codes of the districts whose rows in `month` come mostly from the `forces`' files,
    and the forces that are the main source of at least one of them (a national force, whose
    files hold the partnership's rows too, is the main source of none)."""
    if not forces:
        return [], []
    force_of = dict(
        PoliceMonth.objects.filter(kind=PoliceMonth.Kind.STREET, month=month).values_list(
            "id", "force"
        )
    )
    # By every district and the month, so that the counts' index answers it (its first columns).
    every = rules.all_areas().values_list("district_code", flat=True).distinct().order_by()
    rows = (
        rules.counts_of_districts(every)
        .filter(month=month, police_month__in=list(force_of))
        .values_list("district_code", "police_month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    by_force = defaultdict(lambda: defaultdict(int))
    for code, police_month, total in rows:
        by_force[code][force_of[police_month]] += total
    main = {code: max(sorted(totals), key=totals.get) for code, totals in by_force.items()}
    theirs = {code: by_force[code][force] for code, force in main.items() if force in forces}
    if not theirs:
        return [], []
    # Where the neighbours' files are not loaded, the few rows over the border are the main
    # source of a district too: a district is the force's only with a tenth of the median
    # district's rows (Kent, February 2019: the least of its 13 districts has 673 rows, the
    # median 1,064; Bexley, over the border, 8).
    least = statistics.median(theirs.values()) * BORDER_SHARE
    area = sorted(code for code, count in theirs.items() if count >= least)
    return area, sorted({main[code] for code in area})


def totals_by_district(codes, first, last):
    """{district: `MonthlyTotals`} of the districts from month `first` to `last`, in one query."""
    rows = (
        rules.counts_of_districts(codes)
        .filter(month__range=(first, last))
        .values_list("district_code", "month", "category")
        .annotate(total=Sum("count"))
        .order_by()
    )
    by_district = defaultdict(lambda: defaultdict(dict))
    for code, month, category, total in rows:
        by_district[code][month][category] = total
    return {
        code: stats.MonthlyTotals(first, last, dict(by_district.get(code, {}))) for code in codes
    }


@dataclass(frozen=True)
class AreaRow:
    """One area's counts: a district, or several added up (the partnership, the force area)."""

    name: str
    codes: tuple
    count: int
    before: int  # of the period compared with
    current: stats.Period  # its months loaded: those with rows in every one of its districts
    previous: stats.Period
    population: int | None
    group: str = ""  # a peer's group, as the partnership labelled it

    @property
    def rate(self):
        """Per 1,000 people, where the population is loaded."""
        if not self.population:
            return None
        return round(self.count * 1000 / self.population, 1)

    def ranks_above(self, other):
        """A higher rate than `other`'s, unrounded (both populations loaded)."""
        return self.count * other.population > other.count * self.population


@dataclass
class Figures:
    """The districts' names, populations and monthly totals, from which any area's row is
    added up."""

    known: dict  # {code: District}
    totals: dict  # {code: MonthlyTotals}

    def name(self, code):
        return self.known[code].name if code in self.known else code

    def row(self, name, codes, category, now, before, group=""):
        people = [self.known[code].population for code in codes if code in self.known]

        def period(months):
            loaded = min(self.totals[code].loaded(months) for code in codes)
            return stats.Period(months[0], months[-1], loaded)

        return AreaRow(
            name,
            tuple(codes),
            sum(self.totals[code].sum(now, category) for code in codes),
            sum(self.totals[code].sum(before, category) for code in codes),
            period(now),
            period(before),
            sum(people) if people and all(people) else None,
            group,
        )


@dataclass
class AreaComparison:
    category: str
    categories: list  # every category of the partnership's months, for choosing one
    current: stats.Period
    before: stats.Period
    against: str  # a key of AGAINST
    forces: list  # whose files make the force area
    partnership: AreaRow
    own_districts: list  # AreaRow of each of the partnership's districts, if it has several
    force: AreaRow | None  # every district of the force area
    rest: AreaRow | None  # the force area without the partnership's districts
    force_districts: list  # AreaRow of each district of the force area, by name
    peers: list  # AreaRow of each peer district, by name
    unknown_peers: list = field(default_factory=list)  # codes no area lookup loaded names

    @property
    def versus_rest(self):
        """The partnership's rate against the rest of the force area's: an exact test of the two
        counts, each area's population its exposure; None without both populations."""
        if self.rest is None or not (self.partnership.population and self.rest.population):
            return None
        return compare_counts(
            self.partnership.count,
            self.rest.count,
            now_length=self.partnership.population,
            before_length=self.rest.population,
        )

    @property
    def peer_position(self):
        return peer_position(self.partnership, self.peers)


@dataclass(frozen=True)
class PeerPosition:
    place: int  # 1: the highest rate
    of: int  # the partnership and its peers with a population
    left_out: int  # peers without a population loaded

    def __str__(self):
        peers = self.of - 1
        text = (
            f"{ordinal(self.place)} highest rate per 1,000 people of {self.of} (the partnership "
            f"and its {peers} peer district{'s' * (peers > 1)}"
        )
        if self.left_out:
            text += f"; {self.left_out} without a population loaded left out"
        return text + ")"


def ordinal(number):
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def peer_position(partnership, peers):
    """Where the partnership's rate falls among its own and its peers'; None without peers or
    without its population."""
    rated = [peer for peer in peers if peer.rate is not None]
    if partnership.rate is None or not rated:
        return None
    place = 1 + sum(peer.ranks_above(partnership) for peer in rated)
    return PeerPosition(place, len(rated) + 1, len(peers) - len(rated))


def compare_areas(partnership, *, category=None, months=12, against="year", to=None):
    """The partnership's counts and rates of `category` (None: all crime and ASB) in the latest
    `months` months, beside the force area's, each of its districts' and each peer district's,
    with the months compared with; None while no police data is loaded."""
    to = to or stats.latest_month(partnership)
    if to is None:
        return None
    first = stats.add_months(to, 1 - months)
    back = 12 if against == "year" else months
    now = stats.month_range(first, to)
    before = [stats.add_months(month, -back) for month in now]
    own = list(rules.districts_of(partnership))
    area, forces = force_area([force.force for force in stats.forces_of(partnership)], to)
    peer_rows = list(rules.peer_districts_of(partnership).values_list("code", "name", "group"))
    known = districts({*own, *area, *(code for code, _, _ in peer_rows)})
    figures = Figures(known, totals_by_district(sorted({*own, *known}), before[0], to))
    categories = sorted({name for code in own for name in figures.totals[code].categories(now)})
    if category not in [*categories, stats.ALL_CRIME]:
        category = stats.TOTAL

    def row(name, codes, group=""):
        return figures.row(name, codes, category, now, before, group)

    partnership_row = row(str(partnership), own)
    rest = [code for code in area if code not in own]
    return AreaComparison(
        category=category,
        categories=categories,
        current=partnership_row.current,
        before=partnership_row.previous,
        against=against,
        forces=forces,
        partnership=partnership_row,
        own_districts=[row(figures.name(code), [code]) for code in own] if len(own) > 1 else [],
        force=row(f"{' and '.join(forces)} area", area) if area else None,
        rest=row("The rest of the force area", rest) if rest else None,
        force_districts=sorted(
            (row(figures.name(code), [code]) for code in area), key=lambda r: r.name
        ),
        peers=sorted(
            (
                row(peer_name or figures.name(code), [code], group)
                for code, peer_name, group in peer_rows
                if code in known
            ),
            key=lambda r: r.name,
        ),
        unknown_peers=[code for code, _, _ in peer_rows if code not in known],
    )


def peer_positions(partnership, *, months=12, to=None):
    """{category: PeerPosition} of the police.uk categories (and ALL_CRIME and TOTAL) over the
    latest `months` months, for the evidence of candidate issues; empty without peers."""
    peers = list(rules.peer_districts_of(partnership).values_list("code", flat=True))
    to = to or stats.latest_month(partnership)
    if not peers or to is None:
        return {}
    now = stats.month_range(stats.add_months(to, 1 - months), to)
    own = list(rules.districts_of(partnership))
    known = districts([*own, *peers])
    figures = Figures(known, totals_by_district(sorted({*own, *known}), now[0], to))
    categories = {name for code in own for name in figures.totals[code].categories(now)}
    positions = {}
    for category in [*categories, stats.ALL_CRIME, stats.TOTAL]:
        peer_rows = [figures.row("", [code], category, now, now) for code in peers if code in known]
        position = peer_position(figures.row("", own, category, now, now), peer_rows)
        if position:
            positions[category] = position
    return positions


# Tables: on the page and in its CSV files


def areas_table(comparison):
    """The partnership, the force area, the rest of it and each peer district, with the change
    on the months compared with."""
    rows = [
        (comparison.partnership, "Partnership"),
        *((row, "Partnership's district") for row in comparison.own_districts),
        *((row, "Force area") for row in [comparison.force] if row),
        *((row, "Force area without the partnership") for row in [comparison.rest] if row),
        *((row, row.group or "Peer district") for row in comparison.peers),
    ]
    return area_rows_table(
        "areas",
        f"{comparison.category}, {comparison.current}: the partnership beside the area around "
        "it and its peer districts",
        comparison,
        rows,
    )


def force_districts_table(comparison):
    """Every district of the force area."""
    rows = [
        (row, "Partnership" if set(row.codes) <= set(comparison.partnership.codes) else "")
        for row in comparison.force_districts
    ]
    return area_rows_table(
        "force-districts",
        f"{comparison.category}, {comparison.current}: each district of the force area",
        comparison,
        rows,
    )


def area_rows_table(name, title, comparison, rows):
    current, before = comparison.current, comparison.before
    return tables.Table(
        name,
        title,
        [
            "Area",
            "Which",
            "District codes",
            "Population",
            tables.period_label(current),
            "Rate per 1,000 people",
            tables.period_label(before),
            tables.CHANGE,
            "Months loaded",
        ],
        [
            [
                row.name,
                which,
                " ".join(row.codes),
                row.population or "not loaded",
                row.count,
                "" if row.rate is None else row.rate,
                tables.if_complete(row.before, row.previous),
                tables.compared(row.count, row.before, row.current, row.previous),
                f"{row.current.loaded} of {row.current.months}",
            ]
            for row, which in rows
        ],
    )
