"""Draw a `content.Document` as a web page, a Word file and a PDF.

The three share the document, so they say the same things with the same numbers; charts are drawn
from the numbers they carry (SVG on the page and in the PDF, PNG in Word), each with its table.
The classification is printed on every page of Word and PDF.
"""

import contextlib
import gc
import io

from django.template.loader import render_to_string


class PdfUnavailable(Exception):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""


def to_html(document, *, standalone=False):
    """The report's body (for a page of the site) or a whole HTML page (for the PDF)."""
    template = "reports/standalone.html" if standalone else "reports/document.html"
    return render_to_string(template, {"document": document, "for_print": standalone})


def to_pdf(document):
    try:
        from weasyprint import HTML  # imported here: it needs Pango, which a server may lack
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            "PDF needs the Pango libraries that WeasyPrint uses "
            f"({error}); on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from error
    html = to_html(document, standalone=True)
    with collector_paused():
        return HTML(string=html).write_pdf()


@contextlib.contextmanager
def collector_paused():
    """WeasyPrint makes hundreds of thousands of objects while it lays a long report out, and each
    full collection then walks every object of the process (Django's too): a third of the time of
    a 1,000-action PDF. What it leaves in cycles is collected once drawing is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_docx(document):
    # python-docx is imported when a Word file is made, not with the pages (it takes a second).
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    word = WordDocument()
    style = word.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    for section in word.sections:
        section.left_margin = section.right_margin = Cm(2.2)
        for part in (section.header, section.footer):
            mark = part.paragraphs[0]
            mark.text = document.classification.upper()
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.notice:
        word.add_paragraph().add_run(document.notice).bold = True
    title = word.add_paragraph()
    title.add_run(document.title.upper()).bold = True
    for label, value in document.meta:
        line = word.add_paragraph()
        line.add_run(f"{label}: ")
        line.add_run(value).bold = True
    summary = word.add_paragraph()
    summary.add_run("Summary: ").bold = True
    for n, block in enumerate(document.summary):
        (summary if n == 0 else word.add_paragraph()).add_run(block.text)
    word.add_paragraph().add_run(document.purpose).bold = True
    for section in document.sections:
        add_section(word, section, level=1)
    if document.contact:
        table = word.add_table(rows=0, cols=2)
        for label, value in document.contact:
            cells = table.add_row().cells
            cells[0].text = f"{label}:"
            cells[1].text = value
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def add_section(word, section, level):
    from docx.shared import Cm

    heading = word.add_paragraph()
    heading.add_run(f"{section.number}\t{section.heading}").bold = True
    for block in section.blocks:
        if block.text:
            paragraph = word.add_paragraph(f"{block.number}\t{block.text}")
            paragraph.paragraph_format.left_indent = Cm(1.25 * level)
            paragraph.paragraph_format.first_line_indent = Cm(-1.25)
        if block.chart:
            image = io.BytesIO(block.chart.png())
            word.add_picture(image, width=Cm(16))
            caption = word.add_paragraph()
            caption.add_run(block.chart.title).italic = True
            add_table(word, block.chart.as_table())
        if block.table:
            add_table(word, block.table)
        if block.items:
            # One paragraph with a line per item: python-docx adds each paragraph by searching
            # the whole body, which is quadratic on a long list.
            listing = word.add_paragraph()
            listing.paragraph_format.left_indent = Cm(1.25 * level + 0.5)
            listing.paragraph_format.first_line_indent = Cm(-0.5)
            for n, item in enumerate(block.items):
                run = listing.add_run(f"– {item}")
                if n < len(block.items) - 1:
                    run.add_break()
    for subsection in section.subsections:
        add_section(word, subsection, level + 1)


def add_table(word, table):
    columns = len(table.headers)
    grid = word.add_table(rows=len(table.rows) + 1, cols=columns)
    grid.style = "Table Grid"
    # All cells in one list: asking row by row for cells is quadratic in python-docx.
    cells = grid._cells
    for cell, header in zip(cells[:columns], table.headers, strict=True):
        cell.paragraphs[0].add_run(str(header)).bold = True
    values = [value for row in table.rows for value in row]
    for cell, value in zip(cells[columns:], values, strict=True):
        cell.paragraphs[0].add_run(str(value))
    word.add_paragraph()
