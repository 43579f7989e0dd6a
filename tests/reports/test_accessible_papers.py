"""The Word and PDF papers are accessible documents, as councils must publish them (Public Sector
Bodies Accessibility Regulations 2018): checked in the files themselves, for every kind of report
on the demo's plan, as a screen reader or Word's accessibility checker reads them."""

import io

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from saferplan.partnerships.models import Partnership, Person
from saferplan.reports import kinds, render
from saferplan.reports.models import Report
from saferplan.reports.services import new_report


@pytest.fixture
def papers(demo):
    """A report of each kind on Thanet's 2014-15 plan, as (document, Word file, PDF)."""
    thanet = Partnership.objects.get(slug="thanet")
    author = Person.objects.get(email="coordinator@thanet.example")
    built = []
    for kind in Report.Kind.values:
        document = kinds.build(new_report(partnership=thanet, kind=kind, year=2014, author=author))
        built.append((document, render.to_docx(document), render.to_pdf(document)))
    return built


def test_word_papers_are_a4_with_real_headings_title_author_and_language(papers):
    for document, content, _ in papers:
        word = WordDocument(io.BytesIO(content))
        for section in word.sections:
            size = (round(section.page_width.cm, 1), round(section.page_height.cm, 1))
            assert size == (21.0, 29.7), document.title
        title = next(p for p in word.paragraphs if p.style.name == "Title")
        assert title.text == document.title.upper()
        top_headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        assert top_headings == [f"{s.number}\t{s.heading}" for s in document.sections]
        assert word.core_properties.title == document.title
        assert word.core_properties.author == document.author != ""
        assert word.core_properties.language == "en-GB"


def test_every_chart_in_word_has_alternative_text_and_every_table_a_repeating_header(papers):
    charts = 0
    for document, content, _ in papers:
        word = WordDocument(io.BytesIO(content))
        for picture in word.inline_shapes:
            charts += 1
            assert picture._inline.docPr.get("descr").endswith("the numbers are in the table below")
        data_tables = word.tables[:-1] if document.contact else word.tables  # contact: layout
        for table in data_tables:
            properties = table.rows[0]._tr.trPr
            assert properties is not None and properties.find(qn("w:tblHeader")) is not None
    assert charts, "the progress update and end-of-year report have charts"


def test_pdf_papers_are_tagged_with_title_author_and_language(papers):
    for document, _, content in papers:
        pdf = PdfReader(io.BytesIO(content))
        catalogue = pdf.trailer["/Root"]
        assert bool(catalogue["/MarkInfo"]["/Marked"]), document.title
        assert "/StructTreeRoot" in catalogue, document.title
        assert catalogue["/Lang"] == "en-GB"
        assert pdf.metadata.title == document.title
        assert pdf.metadata.author == document.author
