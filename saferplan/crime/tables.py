"""The Crime and ASB page's tables: the same headers and rows on the page and in its CSV files."""

import io
from dataclasses import dataclass

from django.http import HttpResponse

from saferplan import safe_cells

from . import selectors as stats
from . import statistics

# How a change is read, wherever changes are shown.
CHANGE_RULE = (
    "A change is called a rise or a fall only where it is beyond chance "
    f"({statistics.EXACT_TEST}, two-sided, p below {statistics.SIGNIFICANCE}); otherwise there is "
    "no change beyond chance."
)
CHANGE = "Change"


@dataclass(frozen=True)
class Change:
    """The change between two periods' counts, with its exact test; None where a period is not
    all loaded. A rise shows red, a fall green, and no change beyond chance grey."""

    counts: statistics.CountChange | None

    def __str__(self):
        if self.counts is None:
            return "no comparison"
        return f"{self.percent_text} ({self.counts.verdict}, {self.counts.p_text})"

    @property
    def percent_text(self):
        percent = self.counts.percent
        if percent is None:
            return "up from none" if self.counts.now else "none in either"
        sign = "+" if percent > 0 else "\u2212" if percent < 0 else ""
        return f"{sign}{abs(percent)}%"

    @property
    def csv(self):
        """The CSV's cells: the change in %, the p-value and the verdict."""
        if self.counts is None:
            return ["", "", ""]
        p_value = float(f"{self.counts.p_value:.4g}")
        percent = "" if self.counts.percent is None else self.counts.percent
        return [percent, p_value, self.counts.verdict]

    @property
    def tag(self):
        verdict = self.counts.verdict if self.counts else None
        return {statistics.RISE: "red", statistics.FALL: "green"}.get(verdict, "grey")


@dataclass
class Table:
    name: str  # the CSV file's name
    title: str
    headers: list
    rows: list


def month_label(month):
    return f"{month:%b %Y}"


def if_complete(value, period):
    """A count of a period to compare with, unless some of its months are not loaded."""
    if period.complete:
        return value
    return "incomplete" if period.loaded else "not loaded"


def forces_table(forces):
    return Table(
        "forces",
        "Latest month loaded, by police force",
        ["Police force", "First month", "Latest month", "Months behind today", "Status"],
        [[f.force, month_label(f.first), month_label(f.latest), f.lag, f.status] for f in forces],
    )


def period_label(period):
    return (
        str(period)
        if period.complete
        else f"{period} ({period.loaded} of {period.months} months loaded)"
    )


def compared(now, before, now_period, before_period):
    """The change between two periods, only where both are fully loaded."""
    if now_period.complete and before_period.complete:
        return Change(
            statistics.compare_counts(
                now, before, now_length=now_period.months, before_length=before_period.months
            )
        )
    return Change(None)


def comparison_table(year, quarter, what="Crime and ASB"):
    """The latest 12 months against the 12 before; the latest 3 against the same 3 a year ago."""
    quarters = {row.category: row for row in quarter.rows}
    return Table(
        "comparison",
        f"{what} by category: the latest 12 months against the 12 before, and the latest "
        "3 months against the same months a year before",
        [
            "Category",
            period_label(year.current),
            period_label(year.previous),
            CHANGE,
            period_label(quarter.current),
            period_label(quarter.year_before),
            CHANGE,
        ],
        [
            [
                row.category,
                row.current,
                if_complete(row.previous, year.previous),
                compared(row.current, row.previous, year.current, year.previous),
                quarters[row.category].current,
                if_complete(quarters[row.category].year_before, quarter.year_before),
                compared(
                    quarters[row.category].current,
                    quarters[row.category].year_before,
                    quarter.current,
                    quarter.year_before,
                ),
            ]
            for row in year.rows
        ],
    )


def trend_table(trend, title="Crime and ASB month by month"):
    headers = ["Month", *trend.headline]
    if trend.category:
        headers.append(trend.category)
    rows = []
    for point in trend.months:
        values = [point.headline[name] for name in trend.headline]
        if trend.category:
            values.append(point.category)
        if not point.loaded:
            values = ["not loaded"] * len(values)
        rows.append([month_label(point.month), *values])
    return Table("trend", title, headers, rows)


# A control chart's limits come from the first 12 of the months shown: the year before the
# latest 12, which are read against it.
BASELINE = slice(0, 12)


def control_charts(trend):
    """Each series of a `trend_table` on an XmR chart, its limits from BASELINE: (name, the
    `statistics.ControlChart`, or None where too few baseline months are loaded)."""
    labels = [row[0] for row in trend.rows]
    return [
        (
            name,
            statistics.control_chart(
                labels,
                [row[n] if isinstance(row[n], int) else None for row in trend.rows],
                baseline=BASELINE,
            ),
        )
        for n, name in enumerate(trend.headers[1:], start=1)
    ]


def control_table(name, chart):
    first, last = chart.baseline
    return Table(
        "control",
        f"{name} against its control limits: mean and limits from {first} to {last}",
        ["Month", name, "Mean", "Lower limit", "Upper limit", "Outside the limits"],
        [
            [
                point.label,
                "not loaded" if point.value is None else point.value,
                round(chart.mean, 1),
                round(chart.lower, 1),
                round(chart.upper, 1),
                point.signal.capitalize(),
            ]
            for point in chart.points
        ],
    )


def year_to_date_table(ytd):
    return Table(
        "year-to-date",
        f"Financial year {ytd.label} to date ({ytd.this_year}) against the same months a year "
        "before",
        ["Category", period_label(ytd.this_year), period_label(ytd.last_year), CHANGE],
        [
            [
                row.category,
                row.current,
                if_complete(row.previous, ytd.last_year),
                compared(row.current, row.previous, ytd.this_year, ytd.last_year),
            ]
            for row in ytd.rows
        ],
    )


def wards_table(wards):
    what = wards.category or stats.TOTAL
    headers = ["Ward", "Ward code", what]
    if wards.has_population:
        headers += ["Population", "Rate per 1,000 people"]
    rows = []
    for ward in wards.wards:
        row = [ward.name, ward.code, ward.count]
        if wards.has_population:
            row += [ward.population or "not loaded", ward.rate if ward.rate is not None else ""]
        rows.append(row)
    if wards.not_by_ward:
        # A dataset's rows given by district only: in its totals, in no ward.
        rows.append(["Not by ward", "", wards.not_by_ward, *[""] * (len(headers) - 3)])
    period = f"{month_label(wards.first)} to {month_label(wards.last)}"
    return Table("wards", f"{what} by ward, {period}", headers, rows)


def outcomes_table(outcomes):
    total = outcomes.total
    return Table(
        "outcomes",
        f"Crimes of {outcomes.period} by last outcome",
        ["Last outcome", "Crimes", "Share"],
        [[outcome, count, f"{count * 100 / total:.1f}%"] for outcome, count in outcomes.rows],
    )


def flat(table):
    """The table's headers and rows as plain values, each change in three cells (%, p-value,
    verdict), so that they stay numbers: for its CSV and the API."""
    headers = []
    for header in table.headers:
        headers += [f"{CHANGE} (%)", "p-value", "Verdict"] if header == CHANGE else [header]
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            cells += cell.csv if isinstance(cell, Change) else [cell]
        rows.append(cells)
    return headers, rows


def as_csv(table):
    out = io.StringIO()
    writer = safe_cells.csv_writer(out)
    headers, rows = flat(table)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def csv_download(table, name):
    """The table as a CSV file to download, named `name`.csv."""
    response = HttpResponse(as_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@dataclass(frozen=True)
class Headline:
    category: str
    current: int
    previous: object  # a count, or why there is none (`if_complete`)
    change: Change


def headlines(year):
    """All crime and ASB of a 12-month `compare_periods`, each against the 12 months before:
    what the partnership's overview leads with."""
    rows = {row.category: row for row in year.rows}
    return [
        Headline(
            name,
            rows[name].current,
            if_complete(rows[name].previous, year.previous),
            compared(rows[name].current, rows[name].previous, year.current, year.previous),
        )
        for name in stats.POLICE_HEADLINE
        if name in rows
    ]
