"""The figures the assessment's pages read: a dataset's monthly totals by category, and the
police.uk counts weighted by the partnership's harm weights.

Counts are summed by the crime selectors (`totals_of`), which read a dataset's rows as they read
police.uk counts; the tables here are `crime.tables.Table`s, shown with their chart or alone.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Sum

from saferplan.crime import districts, statistics
from saferplan.crime import selectors as crime
from saferplan.crime.tables import Table, compared, month_label
from saferplan.partnerships import access as rules

from .models import DEFAULT_WEIGHT, HIGHEST_SCORE, DatasetCount, Dimension

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


# A dataset read as the crime page reads police.uk: trend, comparisons, year to date and wards


def latest_month_of(dataset):
    return dataset.rows.aggregate(latest=Max("month"))["latest"]


def read_as_crime(dataset, to, *, category=None):
    """The crime page's figures of the dataset up to month `to`, from three queries: the trend of
    ALL_CATEGORIES and the chosen category, the periods compared by category, the financial year
    to date and the wards."""
    totals = crime.totals_of(dataset.rows.all(), crime.add_months(to, -23), to)
    summaries = crime.DATASET_SUMMARIES
    trend = crime.trend_of(totals, to, category=category, headline=crime.DATASET_HEADLINE)
    return {
        "trend": trend,
        "year": crime.comparison_of(totals, to, months=12, summaries=summaries),
        "quarter": crime.comparison_of(totals, to, months=3, summaries=summaries),
        "year_to_date": crime.year_to_date_of(totals, to, summaries=summaries),
        "wards": dataset_wards(dataset, to, trend.category or crime.ALL_CATEGORIES),
    }


def dataset_wards(dataset, to, category, *, months=12):
    """The dataset's `category` (or ALL_CATEGORIES) by ward over the latest `months` months: rows
    by LSOA or ward in their ward, rows by district only counted as not by ward."""
    first = crime.add_months(to, 1 - months)
    counts = crime.of_category(dataset.rows.filter(month__range=(first, to)), category)
    by_level = {level: {} for level in DatasetCount.Level.values}
    for level, code, total in (
        counts.values_list("level", "area_code").annotate(total=Sum("count")).order_by()
    ):
        by_level[level][code] = total
    return crime.wards_of(
        dataset.partnership,
        first,
        to,
        category,
        by_level[DatasetCount.Level.LSOA],
        by_ward=by_level[DatasetCount.Level.WARD],
        not_by_ward=sum(by_level[DatasetCount.Level.DISTRICT].values()),
    )


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


@crime.one_version()
def police_harm(partnership, *, months=12, to=None, weights=None):
    """The police.uk counts of the latest `months` months by category, each weighted by the
    partnership's harm weight (its HarmWeights `weights` when already read); None while no
    police data or no weights are loaded."""
    to = to or crime.latest_month(partnership)
    weights = weights or rules.harm_weights_of(partnership)
    if to is None or weights is None:
        return None
    first = crime.add_months(to, 1 - months)
    return harm_of(crime.monthly_totals(partnership, first, to), first, to, weights)


def harm_of(totals, first, to, weights):
    """`Harm` of any `MonthlyTotals` covering `first` to `to`, by the `HarmWeights` given."""
    wanted = crime.month_range(first, to)
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


@crime.one_version()
def ranking(partnership, *, access=None):
    """The partnership's candidate issues ranked by the weighted total of their mean scores,
    each with the evidence of the datasets `access` reads (without, the unrestricted ones).
    The crime data's version is read once for every issue's evidence."""
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
    sources = EvidenceSources(partnership, access)
    issues = []
    # With their partnership: each links to its page, whose address names it.
    for issue in rules.candidate_issues_of(partnership).select_related("partnership"):
        issue_means = {key: means.get(issue.pk, {}).get(key) for key in Dimension.values}
        total = sum(
            (weights[key] * mean for key, mean in issue_means.items() if mean is not None),
            Decimal(0),
        )
        issues.append(
            RankedIssue(issue, issue_means, scorers.get(issue.pk, 0), total, sources.on(issue))
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
    """The figures of the latest 12 months of a source, police.uk or a dataset, that can fill a
    dimension of an issue about one of its categories; for police.uk, its count beside the peer
    districts' too (its rate's position among theirs)."""

    comparison: crime.Comparison | None
    harm: Harm | None
    source: str = "police.uk"
    peers: dict = field(default_factory=dict)  # {category: districts.PeerPosition}

    @classmethod
    def of(cls, partnership):
        to = crime.latest_month(partnership)
        if to is None:
            return cls(None, None)
        return cls(
            crime.compare_periods(partnership, to=to),
            police_harm(partnership, to=to),
            peers=districts.peer_positions(partnership, to=to),
        )

    @classmethod
    def of_dataset(cls, dataset):
        """As police.uk's, from the dataset's own latest 24 months and the partnership's harm
        weights of its categories."""
        to = latest_month_of(dataset)
        if to is None:
            return cls(None, None, dataset.name)
        totals = crime.totals_of(dataset.rows.all(), crime.add_months(to, -23), to)
        comparison = crime.comparison_of(totals, to, summaries=crime.DATASET_SUMMARIES)
        weights = rules.harm_weights_of(dataset.partnership)
        first = crime.add_months(to, -11)
        harm = harm_of(totals, first, to, weights) if weights else None
        return cls(comparison, harm, dataset.name)

    def on(self, category):
        """{dimension: sentence} for `category`; empty where the source says nothing of it."""
        rows = {row.category: row for row in self.comparison.rows} if self.comparison else {}
        row = rows.get(category)
        if row is None:
            return {}
        frequency = f"{row.current:,} in {self.comparison.current} ({self.source})"
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
        if self.source != Evidence.source:
            sentence += f" of {self.source}"
        return sentence + (" (illustrative weights)" if self.harm.illustrative else "")


class EvidenceSources:
    """The evidence of each source the issues name, each read once, from the datasets the
    person may read: an issue of a dataset they may not read has none."""

    def __init__(self, partnership, access=None):
        self.partnership = partnership
        self.readable = rules.datasets_for_evidence(partnership, access)
        self.read = {}

    def on(self, issue):
        if not issue.category:
            return {}
        key = issue.dataset_id
        if key not in self.read:
            self.read[key] = self.evidence_of(key)
        return self.read[key].on(issue.category) if self.read[key] else {}

    def evidence_of(self, dataset_id):
        if dataset_id is None:
            return Evidence.of(self.partnership)
        dataset = self.readable.filter(pk=dataset_id).first()
        return Evidence.of_dataset(dataset) if dataset else None


@crime.one_version()
def evidence_on(access, issue):
    """The figures beside one issue's scores, from its source if the person may read it; the
    crime data's version read once for all of them."""
    return EvidenceSources(access.partnership, access).on(issue)


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


# Why an issue was chosen for the plan: one sentence of its place and its figures, worked out when
# the coordinator chooses it and kept as it was (assessment.choosing).

VERDICT_WORDS = {statistics.RISE: "a rise beyond chance", statistics.FALL: "a fall beyond chance"}


def chosen_because(ranking, row, evidence):
    """'Ranked 2 of 14 candidate issues (weighted total 21.5 of 30). Police.uk, Feb 2014 to
    Jan 2015: 1,234 Burglary; harm share 18.0% (illustrative weights); +12.0% on Feb 2013 to
    Jan 2014 (1,102), a rise beyond chance (p = 0.0030).' The figures are those `evidence` shows
    beside the issue's scores."""
    place = ranking.issues.index(row) + 1
    sentence = (
        f"Ranked {place} of {len(ranking.issues)} candidate issues (weighted total "
        f"{number(row.total)} of {number(ranking.highest_possible)})."
    )
    figures = police_figures(evidence, row.issue.category) if row.issue.category else None
    if figures is None:
        return sentence
    return f"{sentence} Police.uk, {evidence.comparison.current}: {'; '.join(figures)}."


def police_figures(evidence, category):
    """The category's count, harm share and change in the latest 12 months, as clauses; None
    where the police data has no row of it."""
    rows = {row.category: row for row in evidence.comparison.rows} if evidence.comparison else {}
    row = rows.get(category)
    if row is None:
        return None
    clauses = [f"{row.current:,} {category}"]
    weighted = {each.category: each for each in evidence.harm.rows} if evidence.harm else {}
    if category in weighted and weighted[category].harm is not None:
        clauses.append(
            f"harm share {share(weighted[category].harm, evidence.harm.harm)}"
            + (" (illustrative weights)" if evidence.harm.illustrative else "")
        )
    now, before = evidence.comparison.current, evidence.comparison.previous
    change = compared(row.current, row.previous, now, before)
    if change.counts is None:
        clauses.append(f"no change worked out: {before} is not all loaded")
    else:
        verdict = VERDICT_WORDS.get(change.counts.verdict, change.counts.verdict)
        clauses.append(
            f"{change.percent_text} on {before} ({row.previous:,}), {verdict} "
            f"({change.counts.p_text})"
        )
    return clauses
