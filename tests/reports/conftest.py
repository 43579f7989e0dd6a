import io
import re

import pytest
from django.core.management import call_command
from docx import Document as WordDocument
from pypdf import PdfReader

from saferplan.reports.models import Paragraph, Report


@pytest.fixture
def demo(db):
    call_command("demo", "--no-serve", stdout=io.StringIO())


@pytest.fixture
def cover(demo):
    return Report.objects.get(partnership__slug="thanet", kind="cover", year=2014)


def docx_text(content):
    word = WordDocument(io.BytesIO(content))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        lines += [" ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def docx_headers(content):
    word = WordDocument(io.BytesIO(content))
    return [section.header.paragraphs[0].text for section in word.sections]


def pdf_pages(content):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


REPORT_FIELDS = {
    "kind": "cover",
    "year": "2014",
    "title": "Update",
    "committee": "Working Party",
    "author": "A",
    "classification": "unrestricted",
    "ward": "All wards",
    "purpose": "information",
}


def form_data(paragraphs=None, **fields):
    """What the report form posts: the report's fields and, for each part, its paragraphs as
    new boxes [(text, classification)], by default one unrestricted summary paragraph."""
    data = {**REPORT_FIELDS, **fields}
    paragraphs = {"summary": [("What this is.", "unrestricted")], **(paragraphs or {})}
    for part in Paragraph.Part:
        written = paragraphs.get(part, [])
        data |= {f"{part}-TOTAL_FORMS": len(written), f"{part}-INITIAL_FORMS": 0}
        for n, (text, classification) in enumerate(written):
            data |= {f"{part}-{n}-text": text, f"{part}-{n}-classification": classification}
    return data


def issued_link(page):
    """The issued version's address on the page of the job that issued it."""
    return re.search(r'href="(/p/thanet/reports/issued/\d+/)">See the result', page)[1]


def confirm_issue(client, report):
    """Issue `report` as a person does: read the confirmation page, press its button (which
    names the version it confirms). Returns the response: a redirect to the job's page."""
    url = f"/p/thanet/reports/{report.pk}/issue/"
    version = re.search(r'name="version" value="(\d+)"', client.get(url).content.decode())
    return client.post(url, {"version": version[1]})
