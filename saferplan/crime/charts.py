"""The crime page's trend and control charts and ward map, and their drawing once the data
changes.

matplotlib takes seconds to import and most of a second a chart on a busy machine, so a page
must never be the one to draw: after an import the worker draws each partnership's trend charts,
control charts and ward maps (of all crime and ASB, and with each category) into the shared
`charts` cache, where the next page view finds them whatever process serves it, and sums the
page's figures into it too.
"""

import logging
from math import nan

from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Partnership
from saferplan.ui import charts

from . import selectors as stats
from . import statistics, tables
from .maps import ward_map

# Month labels ("Oct 2018") look like dates to matplotlib, which says so on every chart drawn.
logging.getLogger("matplotlib.category").setLevel(logging.WARNING)


def trend_chart(table):
    """The trend as a line chart with its table; months not loaded are gaps in the lines."""
    labels = tuple(row[0] for row in table.rows)
    series = tuple(
        (name, tuple(row[n] if isinstance(row[n], int) else None for row in table.rows))
        for n, name in enumerate(table.headers[1:], start=1)
    )
    svg = charts.drawn_svg(trend_figure, table.title, labels=labels, series=series)
    return charts.Chart(table.title, svg, table.headers, table.rows)


def trend_figure(labels, series):
    return charts.line_chart(
        list(labels),
        {name: [nan if v is None else v for v in values] for name, values in series},
    )


def drawn_control_charts(trend_table):
    """Each series of the trend as a control chart with its table: (chart, None), or (None, why
    not) where too few baseline months are loaded."""
    labels = [row[0] for row in trend_table.rows[tables.BASELINE]]
    drawn = []
    for name, control in tables.control_charts(trend_table):
        if control is None:
            why = (
                f"No control chart of {name}: fewer than {statistics.MIN_BASELINE} months of its "
                f"baseline, {labels[0]} to {labels[-1]}, are loaded."
            )
            drawn.append((None, why))
            continue
        table = tables.control_table(name, control)
        svg = charts.drawn_svg(
            charts.control_chart,
            table.title,
            x_labels=[point.label for point in control.points],
            values=[point.value for point in control.points],
            mean=control.mean,
            lower=control.lower,
            upper=control.upper,
            baseline=control.baseline,
            outside=[point.label for point in control.outside],
        )
        drawn.append((charts.Chart(table.title, svg, table.headers, table.rows), None))
    return drawn


def map_of(partnership, wards):
    """The ward map: rates per 1,000 where every ward's population is loaded, else counts."""
    by_rate = wards.wards and all(ward.population for ward in wards.wards)
    values, titles = {}, {}
    for ward in wards.wards:
        values[ward.code] = ward.rate if by_rate else ward.count
        titles[ward.code] = f"{ward.name}: {ward.count:,}" + (
            f" ({ward.rate} per 1,000 people)" if by_rate else ""
        )
    what = wards.category or stats.TOTAL
    title = (
        f"Map of {what} by ward{' per 1,000 people' if by_rate else ''}; the ward table gives "
        "each ward's figures"
    )
    number = (lambda v: f"{v:,.1f}") if by_rate else (lambda v: f"{v:,}")

    def draw():
        boundaries = rules.ward_boundaries_of(partnership).values_list("code", "geometry")
        return ward_map(boundaries, values, titles, title, number=number)

    # Drawing a county's hundreds of wards took longer than the rest of the page: the map is
    # drawn once for its ward table (which is kept for the data's version) and drawing code.
    args = (wards.first, wards.last, wards.category, charts.drawing_code(ward_map))
    drawn = stats.kept("ward_map", partnership, *args, compute=draw)
    return {"drawn": drawn, "by_rate": by_rate, "what": what}


def draw_trend_charts(partnerships=None):
    """Sum the crime page's figures and draw its trend and control charts and ward maps (as the
    page opens, and with each category chosen) of each partnership (all by default) with police
    data; figures and drawings already kept for the same numbers are not summed or drawn again."""
    partnerships = Partnership.objects.all() if partnerships is None else partnerships
    for partnership in partnerships:
        with stats.one_version():
            draw_page(partnership)


def draw_page(partnership):
    """What `draw_trend_charts` does for one partnership, with the police data's version read
    once."""
    to = stats.latest_month(partnership)
    if to is None:
        return
    stats.keep_page_figures(partnership, to)
    totals = stats.two_years_of_totals(partnership, to)
    categories = stats.monthly_trend(partnership, to=to, totals=totals).categories
    for category in [None, *categories]:
        trend = stats.monthly_trend(partnership, category=category, to=to, totals=totals)
        trend_table = tables.trend_table(trend)
        trend_chart(trend_table)
        drawn_control_charts(trend_table)  # the page's "control chart" view
        map_of(partnership, stats.ward_table(partnership, category=category, to=to))


def rates_chart(table):
    """The rates of an areas table (`districts.areas_table`) as bars, with the areas' rates as
    its table; counts where no area's population is loaded."""
    rate = table.headers.index("Rate per 1,000 people")
    count = rate - 1
    column = rate if any(isinstance(row[rate], float) for row in table.rows) else count
    rows = [[row[0], row[column]] for row in table.rows if isinstance(row[column], int | float)]
    what = table.headers[column] if column == rate else f"Count, {table.headers[column]}"
    title = f"{table.title.split(':')[0]}: {what.lower() if column == rate else what}"
    svg = charts.drawn_svg(
        charts.stacked_bars,
        title,
        labels=[row[0] for row in rows],
        series={what: [row[1] for row in rows]},
    )
    return charts.Chart(title, svg, ["Area", what], rows)
