"""Charts drawn on the server with matplotlib: SVG for pages and PDF, PNG for Word.

Every chart travels with the numbers behind it (`Chart.headers`, `Chart.rows`), and
`ui/chart.html` shows both: a picture for those who would rather look, a table for everyone.
Figures are built with matplotlib's object API, never pyplot, so nothing global is shared between
requests or threads. matplotlib is imported when a chart is drawn, not with the pages: it takes
seconds, and every web process would pay them before its first answer.

A drawing takes matplotlib a good part of a second, so `drawn_svg` and `drawn_png` keep each one
in the `charts` cache (a database table every process shares), under a digest of its data, title
and drawing code: a chart is drawn once per change of its numbers, not once per request or process.
"""

import functools
import hashlib
import importlib.metadata
import inspect
import io
import json
import math
import re
import sys
from dataclasses import dataclass, field

from django.core.cache import caches

# Colours with at least 3:1 contrast on white (WCAG 2.2, non-text contrast).
BLUE, GREEN, DARK_GREY, ORANGE, PURPLE, RED = (
    "#1d70b8",
    "#00703c",
    "#505a5f",
    "#b14b00",
    "#4c2c92",
    "#d4351c",
)
PALETTE = [BLUE, ORANGE, GREEN, PURPLE, RED, DARK_GREY]
STYLE = {
    # A list of sans-serif faces falls back quietly; a list of families warns on each miss.
    "font.family": "sans-serif",
    "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",  # text stays text: selectable, and read by screen readers
    "svg.hashsalt": "saferplan",  # the same chart gives the same file
    # Titles and labels are people's text: "$x$" is drawn as typed, not read as TeX.
    "text.parse_math": False,
}


@dataclass
class Chart:
    title: str
    svg: str
    headers: list
    rows: list = field(default_factory=list)


def styled():
    import matplotlib

    return matplotlib.rc_context(STYLE)


def new_axes(width=7.5, height=3.5):
    """A figure with one set of axes, in our style."""
    from matplotlib.figure import Figure

    with styled():
        figure = Figure(figsize=(width, height), layout="constrained")
        return figure, figure.add_subplot()


def draw_text_literally(figure):
    """Text added after `new_axes` (labels, legends) took its setting from matplotlib's defaults;
    tick labels made while drawing take it from STYLE."""
    from matplotlib.text import Text

    for text in figure.findobj(Text):
        text.set_parse_math(False)


def to_svg(figure, title):
    """The figure as inline SVG markup, labelled for assistive technology."""
    draw_text_literally(figure)
    out = io.StringIO()
    with styled():
        figure.savefig(out, format="svg", metadata={"Date": None})
    markup = out.getvalue()
    markup = styles_as_attributes(markup[markup.index("<svg") :])
    safe_title = re.sub(r'[<>&"]', "", title)
    return markup.replace("<svg ", f'<svg role="img" aria-label="{safe_title}" ', 1)


STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')
STYLE_ELEMENT = re.compile(r"\s*<style[^>]*>\*\{([^}]*)\}</style>")
SVG_ELEMENT = re.compile(r"<svg .*?</svg>", re.DOTALL)


def styles_as_attributes(markup):
    """Every matplotlib SVG in `markup` with its CSS written as SVG presentation attributes.

    The Content-Security-Policy refuses inline styles (style="" and <style>) but not presentation
    attributes such as fill="#1d70b8", which draw the same. Matplotlib's one <style> rule (`*{...}`)
    becomes attributes of the <svg> element, which its children inherit; a CSS rule would have
    overridden the children's own attributes, an inherited attribute does not. Also applied to
    reports issued before charts were drawn this way.
    """
    return SVG_ELEMENT.sub(lambda match: svg_without_styles(match.group(0)), markup)


def svg_without_styles(svg):
    def attributes(declarations):
        pairs = (part.split(":", 1) for part in declarations.split(";") if ":" in part)
        # Values come from a double-quoted attribute: already escaped for one.
        return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)

    inherited = STYLE_ELEMENT.search(svg)
    if inherited:
        svg = STYLE_ELEMENT.sub("", svg, count=1)
        svg = svg.replace("<svg ", f"<svg{attributes(inherited.group(1))} ", 1)
    return STYLE_ATTRIBUTE.sub(lambda match: attributes(match.group(1)), svg)


def to_png(figure, dpi=150):
    draw_text_literally(figure)
    out = io.BytesIO()
    with styled():
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def stacked_bars(labels, series, colours=None, pounds=False):
    """Horizontal bars, one per label, stacked from `series` ({name: [value per label]});
    with `pounds`, the values are money and the axis reads £12,000."""
    figure, axes = new_axes(height=max(1.5, 0.45 * len(labels) + 1))
    left = [0] * len(labels)
    colours = colours or PALETTE
    for (name, values), colour in zip(series.items(), colours, strict=False):
        axes.barh(labels, values, left=left, label=name, color=colour)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(series), frameon=False)
    axes.xaxis.get_major_locator().set_params(integer=True)
    if pounds:
        axes.xaxis.set_major_formatter(pounds_label)
    return figure


def pounds_label(value, position=None):
    """A money axis's tick: £12,000 (whole pounds: the table beside it has the pence)."""
    return f"{'-' if value < 0 else ''}£{abs(value):,.0f}"


def line_chart(x_labels, series, colours=None):
    """One line per entry of `series` ({name: [value per x label]})."""
    figure, axes = new_axes()
    for (name, values), colour in zip(series.items(), colours or PALETTE, strict=False):
        axes.plot(x_labels, values, label=name, color=colour, marker="o", markersize=3)
    axes.set_ylim(bottom=0)
    axes.tick_params(axis="x", labelrotation=45)
    if len(series) > 1:
        axes.legend(frameon=False)
    return figure


def control_chart(x_labels, values, mean, lower, upper, baseline, outside):
    """A control chart: `values` (None where missing) as a line, the mean and the limits as lines
    across, the `baseline` ((first, last) label) shaded, and the points of `outside` (labels)
    marked with a red diamond, so that shape and not colour alone says so."""
    figure, axes = new_axes()
    axes.plot(
        x_labels,
        [math.nan if v is None else v for v in values],
        color=BLUE,
        marker="o",
        markersize=3,
        label="Count",
    )
    first, last = (x_labels.index(label) for label in baseline)
    axes.axvspan(first - 0.5, last + 0.5, color="#f3f2f1", label="Baseline", zorder=0)
    axes.axhline(mean, color=DARK_GREY, linewidth=1.5, label=f"Mean ({mean:,.1f})")
    axes.axhline(
        upper,
        color=RED,
        linestyle="--",
        linewidth=1.5,
        label=f"Limits ({lower:,.1f} and {upper:,.1f})",
    )
    if lower > 0:
        axes.axhline(lower, color=RED, linestyle="--", linewidth=1.5)
    if outside:
        axes.plot(
            outside,
            [values[x_labels.index(label)] for label in outside],
            linestyle="none",
            marker="D",
            markersize=7,
            color=RED,
            label="Outside the limits",
        )
    axes.set_ylim(bottom=0)
    axes.tick_params(axis="x", labelrotation=45)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
    return figure


def drawn_svg(draw, title, **data):
    """`draw(**data)`'s figure as labelled SVG (`to_svg`), drawn once for every process."""
    return drawn("svg", draw, data, title)


def drawn_png(draw, **data):
    """`draw(**data)`'s figure as PNG (`to_png`), drawn once for every process."""
    return drawn("png", draw, data)


def drawn(output, draw, data, title=""):
    cache = caches["charts"]
    key = f"{output}:{digest(draw, title, data)}"
    picture = cache.get(key)
    if picture is None:
        figure = draw(**data)
        picture = to_svg(figure, title) if output == "svg" else to_png(figure)
        cache.set(key, picture)
    return picture


def digest(draw, title, data):
    """What a picture depends on, hashed. Keys keep their order: it is the legend's order."""
    described = json.dumps([drawing_code(draw), title, data], default=str)
    return hashlib.sha256(described.encode()).hexdigest()


@functools.cache
def drawing_code(draw):
    """The code that draws, hashed: a chart whose code or matplotlib changed is drawn anew."""
    code = [
        f"{draw.__module__}.{draw.__qualname__}",
        inspect.getsource(draw),
        inspect.getsource(sys.modules[__name__]),
        importlib.metadata.version("matplotlib"),
    ]
    return hashlib.sha256(json.dumps(code).encode()).hexdigest()
