"""The figures the assessment's pages read: a dataset's monthly totals by category, and the
police.uk counts weighted by the partnership's harm weights.

Counts are summed by the crime selectors (`totals_of`), which read a dataset's rows as they read
police.uk counts; the tables here are `crime.tables.Table`s, shown with their chart or alone.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min

from saferplan.crime import districts
from saferplan.crime import selectors as crime
from saferplan.crime.tables import Table, compared, month_label
from saferplan.partnerships import access as rules

from .models import DEFAULT_WEIGHT, HIGHEST_SCORE, Dimension

# Lines a chart can tell apart (ui.charts.PALETTE); more categories share the last one.
CHART_LINES = 6
OTHERS = "All other categories"
NOT_IN_FILE = "no rows"


@dataclass
class DatasetFigures:
    months: list  # every month from the dataset's first to its latest
    totals: crime.MonthlyTotals
    categories: list  # by their total over every month, largest first

    def total(self, category=None):
        return self.totals.sum(self.months, category)


def dataset_figures(dataset):
    """The dataset's totals by month and category, or None while it has no rows."""
    span = dataset.rows.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] is None:
        return None
    months = crime.month_range(span["first"], span["last"])
    totals = crime.totals_of(dataset.rows.all(), span["first"], span["last"])
    categories = sorted(
        totals.categories(months), key=lambda name: (-totals.sum(months, name), name)
    )
    return DatasetFigures(months, totals, categories)


def chart_lines(figures):
    """The categories drawn as lines: all of them if few enough, else the largest and the rest
    added up as one line."""
    if len(figures.categories) <= CHART_LINES:
        return figures.categories, []
    return figures.categories[: CHART_LINES - 1], figures.categories[CHART_LINES - 1 :]


def monthly_table(dataset, figures):
    """Month by month, the chart's lines; a month the file has no row of says so."""
    shown, others = chart_lines(figures)
    headers = ["Month", *shown, *([OTHERS] if others else []), "Total"]
    rows = []
    for month in figures.months:
        if month not in figures.totals.by_month:
            rows.append([month_label(month), *[NOT_IN_FILE] * (len(headers) - 1)])
            continue
        values = [figures.totals.sum([month], name) for name in shown]
        if others:
            values.append(sum(figures.totals.sum([month], name) for name in others))
        rows.append([month_label(month), *values, figures.totals.sum([month])])
    return Table("months", f"{dataset.name} month by month", headers, rows)


def category_table(dataset, figures):
    """Every category's total over the dataset's months, with its share."""
    total = figures.total()
    period = f"{month_label(figures.months[0])} to {month_label(figures.months[-1])}"
    rows = [
        [name, figures.total(name), share(figures.total(name), total)]
        for name in figures.categories
    ]
    rows.append(["Total", total, share(total, total)])
    return Table(
        "categories", f"{dataset.name} by category, {period}", ["Category", "Count", "Share"], rows
    )


def share(part, whole):
    return f"{part * 100 / whole:.1f}%" if whole else ""


# Harm


@dataclass(frozen=True)
class HarmRow:
    category: str
    count: int
    weight: Decimal | None  # None: the partnership gave this category no weight

    @property
    def harm(self):
        return None if self.weight is None else self.count * self.weight


@dataclass
class Harm:
    period: crime.Period
    rows: list  # of HarmRow, most harm first, then the categories without a weight
    illustrative: bool

    @property
    def count(self):
        return sum(row.count for row in self.rows)

    @property
    def harm(self):
        return sum(row.harm for row in self.rows if row.harm is not None)

    @property
    def unweighted(self):
        return [row.category for row in self.rows if row.weight is None]


def police_harm(partnership, *, months=12, to=None):
    """The police.uk counts of the latest `months` months by category, each weighted by the
    partnership's harm weight; None while no police data or no weights are loaded."""
    to = to or crime.latest_month(partnership)
    weights = rules.harm_weights_of(partnership)
    if to is None or weights is None:
        return None
    first = crime.add_months(to, 1 - months)
    wanted = crime.month_range(first, to)
    totals = crime.monthly_totals(partnership, first, to)
    by_category = dict(weights.rows.values_list("category", "weight"))
    rows = [
        HarmRow(name, totals.sum(wanted, name), by_category.get(name))
        for name in totals.categories(wanted)
    ]
    rows.sort(key=lambda row: (row.harm is None, -(row.harm or 0), -row.count, row.category))
    return Harm(crime.Period(first, to, totals.loaded(wanted)), rows, weights.illustrative)


def harm_table(harm):
    total_count, total_harm = harm.count, harm.harm
    rows = [
        [
            row.category,
            row.count,
            share(row.count, total_count),
            "no weight" if row.weight is None else number(row.weight),
            "" if row.harm is None else number(row.harm),
            "" if row.harm is None else share(row.harm, total_harm),
        ]
        for row in harm.rows
    ]
    rows.append(["Total", total_count, share(total_count, total_count), "", number(total_harm), ""])
    title = f"Police.uk crime and ASB, {harm.period}: counts and harm-weighted totals"
    if harm.illustrative:
        title += " (illustrative weights, not an official index)"
    return Table(
        "harm",
        title,
        ["Category", "Count", "Share of count", "Weight", "Harm (count × weight)", "Share of harm"],
        rows,
    )


def number(value):
    """A weight or a harm total as written: no trailing zeros, thousands separated."""
    value = Decimal(value).normalize()
    if value == value.to_integral():
        return f"{value:,.0f}"
    return f"{value:,f}"


def known_categories(access):
    """The categories a weight may be given to: the police.uk categories loaded for the
    partnership, and those of the datasets the person reads."""
    police = rules.counts_of(access.partnership).values_list("category", flat=True).distinct()
    datasets = rules.dataset_counts_of(access).values_list("category", flat=True).distinct()
    return set(police.order_by()) | set(datasets.order_by())


# Candidate issues: the partners' scores, weighted and ranked, with the data's evidence beside


def weights_of(partnership):
    """{dimension: weight} of every dimension, the default where the coordinator set none."""
    chosen = dict(rules.dimension_weights_of(partnership).values_list("dimension", "weight"))
    return {key: chosen.get(key, Decimal(DEFAULT_WEIGHT)) for key in Dimension.values}


@dataclass
class RankedIssue:
    issue: object  # CandidateIssue
    means: dict  # {dimension: mean of the partners' scores, or None while none scored it}
    scorers: int  # how many partners gave it any score
    total: Decimal  # the weighted sum of the means of the dimensions scored
    evidence: dict  # {dimension: a sentence of figures}, where the data can fill it
    percent: int = 0  # of the highest total possible, for its bar

    @property
    def complete(self):
        return None not in self.means.values()

    def dimensions(self):
        """(label, mean, evidence) of each dimension, in the matrix's order."""
        return [
            (label, self.means[key], self.evidence.get(key)) for key, label in Dimension.choices
        ]


@dataclass
class Ranking:
    weights: dict
    issues: list  # of RankedIssue, highest total first

    @property
    def highest_possible(self):
        return sum(self.weights.values()) * HIGHEST_SCORE


def ranking(partnership):
    """The partnership's candidate issues ranked by the weighted total of their mean scores."""
    weights = weights_of(partnership)
    scores = rules.scores_of(partnership)
    means = {}
    for issue_id, dimension, mean in (
        scores.values_list("issue_id", "dimension").annotate(mean=Avg("value")).order_by()
    ):
        means.setdefault(issue_id, {})[dimension] = Decimal(mean).quantize(Decimal("0.1"))
    scorers = dict(
        scores.values_list("issue_id").annotate(n=Count("scorer", distinct=True)).order_by()
    )
    evidence = Evidence.of(partnership)
    issues = []
    for issue in rules.candidate_issues_of(partnership):
        issue_means = {key: means.get(issue.pk, {}).get(key) for key in Dimension.values}
        total = sum(
            (weights[key] * mean for key, mean in issue_means.items() if mean is not None),
            Decimal(0),
        )
        issues.append(
            RankedIssue(
                issue, issue_means, scorers.get(issue.pk, 0), total, evidence.on(issue.category)
            )
        )
    issues.sort(key=lambda row: (-row.total, row.issue.name))
    found = Ranking(weights, issues)
    for row in issues:
        row.percent = round(row.total * 100 / found.highest_possible)
    return found


def ranking_table(ranking):
    headers = ["Rank", "Issue", *Dimension.labels, "Weighted total", "Partners who scored"]
    rows = [
        [
            place,
            row.issue.name,
            *("" if mean is None else mean for mean in row.means.values()),
            row.total,
            row.scorers,
        ]
        for place, row in enumerate(ranking.issues, start=1)
    ]
    weights = ["", "Weight", *(number(weight) for weight in ranking.weights.values()), "", ""]
    return Table("ranking", "Candidate issues ranked", headers, [weights, *rows])


@dataclass
class Evidence:
    """The police.uk figures of the latest 12 months that can fill a dimension of an issue
    about a police.uk category: its count beside the peer districts' (its rate's position among
    theirs), its trend and its share of the harm."""

    comparison: crime.Comparison | None
    harm: Harm | None
    peers: dict = field(default_factory=dict)  # {category: districts.PeerPosition}

    @classmethod
    def of(cls, partnership):
        to = crime.latest_month(partnership)
        if to is None:
            return cls(None, None)
        return cls(
            crime.compare_periods(partnership, to=to),
            police_harm(partnership, to=to),
            districts.peer_positions(partnership, to=to),
        )

    def on(self, category):
        """{dimension: sentence} for `category`; empty where the police data says nothing."""
        rows = {row.category: row for row in self.comparison.rows} if self.comparison else {}
        row = rows.get(category)
        if row is None:
            return {}
        frequency = f"{row.current:,} in {self.comparison.current} (police.uk)"
        if category in self.peers:
            frequency += f"; the {self.peers[category]}"
        found = {
            Dimension.FREQUENCY.value: frequency,
            Dimension.TREND.value: trend_sentence(row, self.comparison),
        }
        harm = self.harm_sentence(category)
        if harm:
            found[Dimension.HARM_TO_INDIVIDUALS.value] = harm
        return found

    def harm_sentence(self, category):
        weighted = {row.category: row for row in self.harm.rows} if self.harm else {}
        row = weighted.get(category)
        if row is None or row.harm is None:
            return None
        sentence = f"{share(row.harm, self.harm.harm)} of the harm-weighted total"
        return sentence + (" (illustrative weights)" if self.harm.illustrative else "")


def evidence_on(partnership, category):
    """The police figures beside one issue's scores; none read for an issue of no category."""
    return Evidence.of(partnership).on(category) if category else {}


def trend_sentence(row, comparison):
    """The change on the 12 months before, called a rise or a fall only beyond chance, as on the
    crime page; none where either period is not all loaded."""
    change = compared(row.current, row.previous, comparison.current, comparison.previous)
    if change.counts is None:
        return f"no change worked out: {comparison.previous} is not all loaded"
    return (
        f"{change.percent_text} on {comparison.previous} ({row.previous:,}): "
        f"{change.counts.verdict}, {change.counts.p_text}"
    )
