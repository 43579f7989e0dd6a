"""The Crime and ASB page's tables: the same headers and rows on the page and in its CSV files."""

import io
from dataclasses import dataclass

from saferplan import safe_cells

from . import selectors as stats


@dataclass(frozen=True)
class Change:
    """A percentage change; more crime shows red, less green, within 5% grey."""

    percent: float | None

    def __str__(self):
        if self.percent is None:
            return "no comparison"
        sign = "+" if self.percent > 0 else "\u2212" if self.percent < 0 else ""
        return f"{sign}{abs(self.percent)}%"

    @property
    def csv(self):
        return "" if self.percent is None else self.percent

    @property
    def tag(self):
        if self.percent is None or abs(self.percent) < 5:
            return "grey"
        return "red" if self.percent > 0 else "green"


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
        return Change(stats.change(now, before))
    return Change(None)


def comparison_table(year, quarter):
    """The latest 12 months against the 12 before; the latest 3 against the same 3 a year ago."""
    quarters = {row.category: row for row in quarter.rows}
    return Table(
        "comparison",
        "Crime and ASB by category: the latest 12 months against the 12 before, and the latest "
        "3 months against the same months a year before",
        [
            "Category",
            period_label(year.current),
            period_label(year.previous),
            "Change",
            period_label(quarter.current),
            period_label(quarter.year_before),
            "Change",
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


def trend_table(trend):
    headers = ["Month", stats.ALL_CRIME, stats.ASB]
    if trend.category:
        headers.append(trend.category)
    rows = []
    for point in trend.months:
        values = [point.all_crime, point.asb]
        if trend.category:
            values.append(point.category)
        if not point.loaded:
            values = ["not loaded"] * len(values)
        rows.append([month_label(point.month), *values])
    return Table("trend", "Crime and ASB month by month", headers, rows)


def year_to_date_table(ytd):
    return Table(
        "year-to-date",
        f"Financial year {ytd.label} to date ({ytd.this_year}) against the same months a year "
        "before",
        ["Category", period_label(ytd.this_year), period_label(ytd.last_year), "Change"],
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


def as_csv(table):
    out = io.StringIO()
    writer = safe_cells.csv_writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([cell.csv if isinstance(cell, Change) else cell for cell in row])
    return out.getvalue()
