"""The Word and PDF papers are accessible documents, as councils must publish them (Public Sector
Bodies Accessibility Regulations 2018): checked in the files themselves, for every kind of report
on the demo's plan, as a screen reader or Word's accessibility checker reads them."""

import io
from datetime import date

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from saferplan.partnerships.models import Partnership, Person
from saferplan.reports import kinds, render
from saferplan.reports.content import Block, Chart, Document, Section
from saferplan.reports.models import Report
from saferplan.reports.services import new_report, suggested_paragraphs
from tests.reports.conftest import pdf_pages


@pytest.fixture
def papers(demo):
    """A report of each kind on Thanet's 2014-15 plan, as (document, Word file, PDF)."""
    built = []
    for kind in Report.Kind.values:
        document = kinds.build(thanet_report(kind))
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


def thanet_report(kind, **fields):
    thanet = Partnership.objects.get(slug="thanet")
    author = Person.objects.get(email="coordinator@thanet.example")
    report = new_report(partnership=thanet, kind=kind, year=2014, author=author)
    for name, value in fields.items():
        setattr(report, name, value)
    return report


def all_blocks(document):
    def walk(sections):
        for section in sections:
            yield from section.blocks
            yield from walk(section.subsections)

    return list(walk(document.sections))


def test_the_analysts_checks_are_in_a_labelled_annex_not_in_the_crime_section(demo):
    document = kinds.build(thanet_report("progress", meeting_date=date(2015, 3, 3)))
    crime = next(s for s in document.sections if s.heading == kinds.CRIME_HEADING)
    assert not any("before quoting" in item for b in crime.blocks for item in b.items)
    annex = document.sections[-1]
    assert annex.heading == "Annex: notes on the police.uk data"
    notes = " ".join(annex.blocks[0].items)
    assert "check before quoting it" in notes and "December 2014" in notes


def test_the_not_yet_final_caveat_stops_on_31_march(demo):
    def says_caveat(day):
        document = kinds.build(thanet_report("progress", meeting_date=day))
        return any(block.text == kinds.CAVEAT for block in all_blocks(document))

    assert says_caveat(date(2015, 3, 3))
    assert not says_caveat(date(2015, 3, 31))
    assert not says_caveat(date(2015, 6, 10))


def test_the_scrutiny_summary_is_addressed_to_the_panel_and_ends_with_a_recommendation(demo):
    report = thanet_report("scrutiny")
    document = kinds.build(report, paragraphs=suggested_paragraphs(report.kind))
    assert dict(document.meta)["To"] == "Overview and Scrutiny Panel"
    last = document.sections[-1]
    assert last.heading == "Recommendation"
    assert last.blocks[0].text.startswith("That the Panel notes the performance")


def test_the_contact_line_gives_name_post_and_telephone(demo):
    report = thanet_report("cover", contact_phone="x7367")
    report.author_post = "Community Safety and Leisure Manager"
    contact = dict(kinds.build(report).contact)["Contact Officer"]
    assert contact == f"{report.author}, Community Safety and Leisure Manager x7367"


def test_the_cover_report_keeps_the_terms_of_reference_and_what_it_details(demo):
    report = thanet_report("cover", committee="Community Safety Working Party")
    introduction = [b.text for b in kinds.build(report).sections[0].blocks]
    assert introduction[2].endswith(
        "Each year a terms of reference is agreed with the agencies and directs the topics for "
        "discussion over the year."
    )
    assert introduction[3] == (
        "This report details the key topics for discussion at the meeting and how the Community "
        "Safety Working Party is kept up to date on progress against the 2014-15 Community "
        "Safety Plan."
    )


def test_numbers_have_separators_and_every_column_a_header_in_every_version(demo):
    chart = Chart(
        title="Crimes by month",
        labels=["Jan 2015", "Feb 2015"],
        series={"All crime": [12345, 1001]},
        labels_heading="Month",
    )
    table = chart.as_table()
    assert table.headers == ["Month", "All crime"]
    assert table.caption != chart.title
    document = Document(
        title="Figures",
        classification="Unrestricted",
        meta=[("By", "An analyst")],
        summary=[Block("Summary.")],
        purpose="For Information",
        sections=[Section("Figures", [Block("Crime:", chart=chart)], number="1.0")],
    )
    assert '<td class="sp-numeric">12,345</td>' in render.to_html(document)
    word = WordDocument(io.BytesIO(render.to_docx(document)))
    assert [c.text for c in word.tables[0].rows[1].cells] == ["Jan 2015", "12,345"]
    pdf = " ".join(pdf_pages(render.to_pdf(document)))
    assert "12,345" in pdf
