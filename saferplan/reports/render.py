"""Draw a `content.Document` as a web page, a Word file and a PDF.

The three share the document, so they say the same things with the same numbers; charts are drawn
from the numbers they carry (SVG on the page and in the PDF, PNG in Word), each with its table.
The classification is printed on every page of Word and PDF. Both files are accessible documents,
as councils must publish (Public Sector Bodies Accessibility Regulations 2018): the PDF is tagged
(PDF/UA-1), the Word file uses heading styles, every chart has alternative text, table header rows
repeat on each page, and both carry the title, author and language.
"""

import contextlib
import gc
import io

from django.template.loader import render_to_string

from .content import shown


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
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


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

    word = WordDocument()
    set_up_styles(word)
    set_up_pages(word, document)
    properties = word.core_properties
    properties.title, properties.author, properties.language = (
        document.title,
        document.author,
        LANGUAGE,
    )
    if document.notice:
        word.add_paragraph().add_run(document.notice).bold = True
    word.add_heading(document.title.upper(), level=0).alignment = WD_ALIGN_PARAGRAPH.LEFT
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


LANGUAGE = "en-GB"
# Word's built-in styles, in the council's look (black Arial, no theme colours): the title and
# the section headings are real headings, so a screen reader and the navigation pane list them.
STYLES = {"Normal": 12, "Title": 14, "Heading 1": 12, "Heading 2": 12, "Heading 3": 12}


def set_up_styles(word):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name, size in STYLES.items():
        style = word.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        style.font.bold = name != "Normal"
        style.font.italic = False
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(script), None)  # a theme font would win over Arial
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    word.styles["Normal"].element.get_or_add_rPr().append(language)
    title = word.styles["Title"]
    title.paragraph_format.space_after = Pt(12)
    # The Title style's blue rule beneath it is not the council's.
    borders = title.element.pPr.find(qn("w:pBdr"))
    if borders is not None:
        title.element.pPr.remove(borders)


def set_up_pages(word, document):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    for section in word.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, not US Letter
        section.left_margin = section.right_margin = Cm(2.2)
        for part in (section.header, section.footer):
            mark = part.paragraphs[0]
            mark.text = document.classification.upper()
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_section(word, section, level):
    from docx.shared import Cm

    word.add_heading(f"{section.number}\t{section.heading}", level=min(level, 3))
    for block in section.blocks:
        if block.text:
            paragraph = word.add_paragraph(f"{block.number}\t{block.text}")
            paragraph.paragraph_format.left_indent = Cm(1.25 * level)
            paragraph.paragraph_format.first_line_indent = Cm(-1.25)
        if block.chart:
            add_chart(word, block.chart)
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


def add_chart(word, chart):
    from docx.shared import Cm

    picture = word.add_picture(io.BytesIO(chart.png()), width=Cm(16))
    # The picture's alternative text, as the web page's and the PDF's image has.
    picture._inline.docPr.set("descr", chart.alternative_text())
    caption = word.add_paragraph()
    caption.add_run(chart.title).italic = True
    add_table(word, chart.as_table())


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
        cell.paragraphs[0].add_run(shown(value))
    repeat_on_each_page(grid.rows[0])
    word.add_paragraph()


def repeat_on_each_page(row):
    """Mark a table's first row as its header row: Word repeats it at the top of each page and
    tells a screen reader it heads the columns."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
