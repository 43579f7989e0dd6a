"""The strategic assessment as a committee report: how the candidate issues were weighed, the data
behind them with its caveats and lag, each issue's evidence, the ranking and the priorities it
recommends for next year's plan.

Every figure comes from the selectors the assessment's pages read (`assessment.selectors`), so the
document says what the pages say. A restricted dataset is never named nor quoted, not even in a
Restricted version: everyone in the partnership reads its reports, while a restricted dataset is
for its owner agency's officers and the coordinators alone; the document says only how many
there are.
"""

from decimal import Decimal

from saferplan import financial_years
from saferplan.assessment import selectors as assessment
from saferplan.assessment import surveys
from saferplan.assessment.models import Dimension
from saferplan.crime import selectors as crime
from saferplan.crime import statistics
from saferplan.crime import tables as crime_tables
from saferplan.partnerships import access

from . import kinds
from .content import Block, Chart, Section, Table
from .models import Paragraph

# As many priorities as a plan usually has (the 2014-15 plan of the seed had four).
RECOMMENDED = 4
POLICE_UK = (
    "Police.uk street-level crime and anti-social behaviour, published each month by the Home "
    "Office for every police force (Open Government Licence v3.0)."
)


def sections(report, text):
    partnership = report.partnership
    ranked = assessment.ranking(partnership)
    evidence = assessment.Evidence.of(partnership)
    to = evidence.comparison.current.last if evidence.comparison else None
    totals = crime.two_years_of_totals(partnership, to) if to else None
    recommended = [row for row in ranked.issues if row.total > 0][:RECOMMENDED]
    issue_sections = [
        Section(row.issue.name, issue_blocks(place, row, ranked, evidence, totals))
        for place, row in enumerate(ranked.issues, start=1)
    ]
    drafted = [
        Section("Introduction", introduction(report, ranked, recommended, text)),
        Section("Methods", methods(ranked)),
        Section("Data sources", data_sources(report, to)),
        Section(
            "Evidence for each candidate issue",
            [Block(EVIDENCE_INTRODUCTION)] if issue_sections else [Block(NO_ISSUES)],
            subsections=issue_sections,
        ),
        Section("Ranking", ranking_blocks(ranked)),
        Section(
            "Recommended priorities",
            [recommendation(recommended), *text[Paragraph.Part.RECOMMENDATIONS]],
        ),
        kinds.data_notes_annex(crime.data_quality(partnership, to=to).notes if to else []),
    ]
    return [section for section in drafted if section.blocks or section.subsections]


EVIDENCE_INTRODUCTION = (
    "For each candidate issue, in the order of the ranking: the partners' mean score of each "
    "dimension and, where the issue is about a police.uk category, its count month by month, "
    "its change on the year before and its share of the harm-weighted total."
)
NO_ISSUES = "No candidate issue has been added to the assessment yet."


def introduction(report, ranked, recommended, text):
    blocks = [
        Block(
            "Each Community Safety Partnership must carry out a strategic assessment of the data "
            "its partners collect, and draw it together into the Community Safety Plan's "
            "priorities. This assessment weighs the candidate issues for the "
            f"{financial_years.label(report.year)} plan."
        )
    ]
    if ranked.issues:
        scored = sum(1 for row in ranked.issues if row.scorers)
        blocks.append(
            Block(
                f"The partners scored {scored} of {len(ranked.issues)} candidate issues; "
                + (
                    f"the {len(recommended)} ranked highest are {kinds.join(names(recommended))}."
                    if recommended
                    else "none has a score yet."
                )
            )
        )
    return blocks + text[Paragraph.Part.INTRODUCTION]


def names(rows):
    return [row.issue.name for row in rows]


def methods(ranked):
    weights = Table(
        caption="The dimensions and their weights",
        headers=["Dimension", "Weight"],
        rows=[[label, assessment.number(ranked.weights[key])] for key, label in Dimension.choices],
    )
    return [
        Block(
            "Partners scored each candidate issue from 1 (low) to 5 (high) on the dimensions of "
            "MoRiLE (Management of Risk in Law Enforcement). A dimension's score is the mean of "
            "the partners' scores; an issue's weighted total is the sum of each dimension's score "
            "times its weight, and the issues are ranked by it.",
            table=weights,
        ),
        Block(f"Changes in police.uk counts: {crime_tables.CHANGE_RULE}"),
        Block(
            "Harm: each police.uk category's count over the latest 12 months is multiplied by "
            "the harm weight the partnership chose for it; an issue's harm share is its part of "
            "the total."
        ),
        Block(f"Public concern: {surveys.SCORE_RULE} {surveys.SUGGESTION_RULE}"),
    ]


def data_sources(report, to):
    day = kinds.as_at(report)
    blocks = [Block(police_source(report.partnership, to, day))]
    datasets = access.datasets_of_partnership(report.partnership)
    for dataset in datasets.filter(restricted=False):
        blocks.append(Block(dataset_source(dataset, day)))
    if restricted := datasets.filter(restricted=True).count():
        blocks.append(Block(restricted_datasets_sentence(restricted)))
    weights = access.harm_weights_of(report.partnership)
    if weights:
        blocks.append(Block(harm_source(weights)))
    for survey in access.surveys_of(report.partnership):
        blocks.append(Block(survey_source(survey)))
    return blocks


def restricted_datasets_sentence(count):
    return (
        f"The partnership also holds {count} restricted dataset{'s' * (count != 1)}, which "
        "this document neither names nor quotes: not every reader of its reports may see them. "
        "Their owners and the coordinators read them in SaferPlan."
    )


def police_source(partnership, to, day):
    if to is None:
        return f"{POLICE_UK} No police.uk data is loaded for the partnership's area."
    return (
        f"{POLICE_UK} The latest month loaded is {to:%B %Y}, "
        f"{months_behind(to, day)} before this report's date: police.uk publishes each month a "
        "month or two after it ends, and its counts are of crimes as first recorded."
    )


def dataset_source(dataset, day):
    figures = assessment.dataset_figures(dataset)
    text = f"{dataset.name}, from {dataset.owner}: {dataset.counts}."
    if figures is None:
        text += " No counts are loaded."
    else:
        first, last = figures.months[0], figures.months[-1]
        span = f"in {last:%B %Y}" if first == last else f"from {first:%B %Y} to {last:%B %Y}"
        text += (
            f" {figures.total():,} {span}; the latest month is {months_behind(last, day)} "
            "before this report's date."
        )
    text += f" Licence: {dataset.licence}. Caveats: {one_line(dataset.caveats) or 'none given'}."
    return text


def harm_source(weights):
    sources = sorted(set(weights.rows.values_list("source", flat=True)))
    text = (
        f"Harm weights for {weights.rows.count()} categories, from: {'; '.join(sources)}."
        if sources
        else "No harm weight is loaded."
    )
    if weights.illustrative:
        text += " They are illustrative, made up for the demonstration: not an official index."
    return text


def survey_source(survey):
    caveats = one_line(survey.caveats) or "none given"
    return (
        f"{survey.title} ({survey.carried_out}): {survey.respondents:,} people answered. "
        f"Caveats: {caveats}."
    )


def months_behind(month, day):
    behind = crime.months_between(month, day.replace(day=1))
    return f"{behind} month{'s' * (behind != 1)}"


def one_line(text):
    """The author's text on one line, without the full stop the sentence adds."""
    return " ".join(text.split()).rstrip(".")


def issue_blocks(place, row, ranked, evidence, totals):
    blocks = [
        Block(
            f"Ranked {place} of {len(ranked.issues)}, with a weighted total of "
            f"{plain(row.total)} of {plain(ranked.highest_possible)}, scored by {row.scorers} "
            f"partner{'s' * (row.scorers != 1)}."
            + (f" About: {row.issue.about}." if row.issue.about else ""),
            table=Table(
                caption=f"{row.issue.name}: the partners' mean scores",
                headers=["Dimension", "Mean score", "What the data says"],
                rows=[
                    [label, "not scored" if mean is None else plain(mean), found or ""]
                    for label, mean, found in row.dimensions()
                ],
            ),
        )
    ]
    police = police_evidence(row, evidence, totals)
    if police:
        blocks.append(police)
    suggested = surveys.suggested_score(row.issue)
    if suggested:
        blocks.append(Block(f"Public concern: {suggested.sentence()}."))
    return blocks


def police_evidence(row, evidence, totals):
    """The police.uk figures of the issue's category: the sentences of the ranking, with the
    months they come from as a chart and the two periods as a table."""
    category = row.issue.category
    found = {r.category: r for r in evidence.comparison.rows} if evidence.comparison else {}
    counted = found.get(category)
    if counted is None:
        return None
    comparison = evidence.comparison
    said = row.evidence
    sentences = [
        f"{category}: {said[Dimension.FREQUENCY]}.",
        f"Change: {said[Dimension.TREND]} ({statistics.EXACT_TEST}).",
    ]
    harm = said.get(Dimension.HARM_TO_INDIVIDUALS)
    sentences.append(f"Harm: {harm}." if harm else "Harm: no harm weight is given to it.")
    months = crime.month_range(comparison.previous.first, comparison.current.last)
    return Block(
        " ".join(sentences),
        chart=Chart(
            title=f"{category}, police.uk, month by month to {comparison.current.last:%B %Y}",
            labels=[crime_tables.month_label(month) for month in months],
            series={category: [totals.sum([month], category) for month in months]},
            lines=True,
        ),
        table=Table(
            caption=f"{category}: the latest 12 months and the 12 before",
            headers=["Period", "Count"],
            rows=[
                [crime_tables.period_label(comparison.current), counted.current],
                [crime_tables.period_label(comparison.previous), counted.previous],
            ],
        ),
    )


def ranking_blocks(ranked):
    if not ranked.issues:
        return [Block(NO_ISSUES)]
    table = assessment.ranking_table(ranked)
    return [
        Block(
            "The candidate issues by weighted total, highest first; the first row gives each "
            "dimension's weight.",
            chart=Chart(
                title="Weighted total of each candidate issue",
                labels=names(ranked.issues),
                series={"Weighted total": [float(row.total) for row in ranked.issues]},
            ),
            table=Table(
                caption=table.title,
                headers=table.headers,
                rows=[[plain(cell) for cell in row] for row in table.rows],
            ),
        )
    ]


def recommendation(recommended):
    if not recommended:
        return Block("No candidate issue has been scored, so none is recommended yet.")
    return Block(
        "The partnership is recommended to adopt the highest-ranked candidate issues as the "
        "priorities of next year's Community Safety Plan:",
        items=[
            f"{place}. {row.issue.name} (weighted total {plain(row.total)})"
            for place, row in enumerate(recommended, start=1)
        ],
    )


def plain(value):
    """A Decimal as the pages print it (and as JSON can keep it); other values unchanged."""
    return str(value) if isinstance(value, Decimal) else value
