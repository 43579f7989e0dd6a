import io

import pytest
from django.core.management import call_command
from docx import Document as WordDocument
from pypdf import PdfReader

from saferplan.reports.models import Report


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
