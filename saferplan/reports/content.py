"""What a report says, independent of how it is drawn: a document of numbered sections holding
paragraphs, tables and charts. A kind (kinds.py) builds it from the data; the renderers
(render.py) draw it as a web page, Word and PDF; issuing stores it as JSON so the figures an issued
report quotes never change.
"""

import base64
import dataclasses
from dataclasses import asdict, dataclass, field

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from saferplan.ui import charts


@dataclass
class Table:
    caption: str
    headers: list
    rows: list

    def cells(self):
        """Rows of (value as printed, is a number), so that numbers line up on the right."""
        return [[(shown(value), is_number(value)) for value in row] for row in self.rows]

    def body_rows(self):
        """The rows of `cells` as HTML: each row headed by its first cell, numbers marked. Written
        here, not in the template: a report's few hundred cells were most of drawing its page."""
        return mark_safe("".join(f"<tr>{''.join(row_html(row))}</tr>" for row in self.cells()))


def row_html(row):
    (first, _), *others = row
    yield f'<th scope="row">{conditional_escape(first)}</th>'
    for value, numeric in others:
        yield (
            f'<td class="sp-numeric">{conditional_escape(value)}</td>'
            if numeric
            else f"<td>{conditional_escape(value)}</td>"
        )


def shown(value):
    """A cell as printed: whole numbers with thousands separators, as on the pages."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def is_number(value):
    return isinstance(value, int | float) or (isinstance(value, str) and value.startswith("£"))


@dataclass
class Chart:
    """A chart kept as its numbers, so that every renderer draws it and shows its table."""

    title: str
    labels: list
    series: dict
    colours: list = field(default_factory=list)
    labels_heading: str = ""  # what the labels are ("Month", "Priority"): the table's first header
    lines: bool = False  # a line per series over the labels (months), not stacked bars

    def as_table(self):
        """The numbers drawn, as a table under the chart (its caption names it, so the table's
        does not repeat it)."""
        headers = [self.labels_heading, *self.series]
        rows = [
            [label, *(values[i] for values in self.series.values())]
            for i, label in enumerate(self.labels)
        ]
        return Table(caption="The figures in the chart above", headers=headers, rows=rows)

    def alternative_text(self):
        return f"{self.title}: the numbers are in the table below"

    def numbers(self):
        return {"labels": self.labels, "series": self.series, "colours": self.colours or None}

    def svg(self):
        draw, numbers = self.drawing()
        return charts.drawn_svg(draw, self.title, **numbers)

    def png(self):
        draw, numbers = self.drawing()
        return charts.drawn_png(draw, **numbers)

    def drawing(self):
        """The function that draws it, and its arguments."""
        if not self.lines:
            return charts.stacked_bars, self.numbers()
        numbers = self.numbers()
        return charts.line_chart, {"x_labels": numbers.pop("labels"), **numbers}

    def svg_data_uri(self):
        """The SVG as an image address: WeasyPrint draws an SVG image faithfully, while inline
        SVG goes through its CSS parser, which does not know SVG's properties."""
        encoded = base64.b64encode(self.svg().encode()).decode()
        return f"data:image/svg+xml;base64,{encoded}"


@dataclass
class Block:
    """A numbered paragraph, with a table, a chart or a list after it where it has one."""

    text: str = ""
    number: str = ""
    table: Table | None = None
    chart: Chart | None = None
    items: list = field(default_factory=list)  # a list after the paragraph
    restricted: bool = False


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)
    subsections: list = field(default_factory=list)
    number: str = ""


@dataclass
class Document:
    title: str
    classification: str
    meta: list  # [(label, value)]: To, By, Classification, Ward
    summary: list  # of Blocks
    purpose: str
    sections: list
    contact: list = field(default_factory=list)  # [(label, value)]
    notice: str = ""  # e.g. that the data is made up

    @property
    def author(self):
        """Who wrote it, as the "By" line says: the title and author of the Word and PDF files."""
        return dict(self.meta).get("By", "")

    def as_json(self):
        return asdict(self)


def number_sections(sections):
    """Council numbering: sections 1.0, 2.0; their paragraphs 1.1, 1.2; a subsection 4.1 and its
    paragraphs 4.1.1, 4.1.2. Numbers follow what is left once restricted blocks are filtered."""
    for i, section in enumerate(sections, start=1):
        section.number = f"{i}.0"
        number_blocks(section.blocks, f"{i}")
        for j, subsection in enumerate(section.subsections, start=len(section.blocks) + 1):
            subsection.number = f"{i}.{j}"
            number_blocks(subsection.blocks, subsection.number)
    return sections


def number_blocks(blocks, prefix):
    for k, block in enumerate(blocks, start=1):
        block.number = f"{prefix}.{k}"


def unrestricted_version(document):
    """The document without any restricted block, summary included: the one filter that every
    version classified Unrestricted goes through (page, Word, PDF, issued, public)."""
    return dataclasses.replace(
        document,
        summary=[block for block in document.summary if not block.restricted],
        sections=unrestricted_sections(document.sections),
    )


def unrestricted_sections(sections):
    """New sections holding only unrestricted blocks; a section left empty is left out."""
    kept = []
    for section in sections:
        section = dataclasses.replace(
            section,
            blocks=[block for block in section.blocks if not block.restricted],
            subsections=unrestricted_sections(section.subsections),
        )
        if section.blocks or section.subsections:
            kept.append(section)
    return kept
