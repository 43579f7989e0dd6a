"""Issuing freezes a report: what it quoted never changes; issuing again makes a new version."""

import io
import sys
from decimal import Decimal

from django.core.management import call_command

from saferplan.funding.models import Grant
from saferplan.reports.models import IssuedReport
from tests.reports.conftest import docx_text, pdf_pages


def issue(client, world_person, cover):
    client.force_login(world_person)
    return client.post(f"/p/thanet/reports/{cover.pk}/issue/")


def coordinator():
    from saferplan.partnerships.models import Person

    return Person.objects.get(email="coordinator@thanet.example")


def test_an_issued_report_keeps_its_figures_when_the_data_changes(client, cover):
    response = issue(client, coordinator(), cover)
    first = IssuedReport.objects.get()
    assert response.url == f"/p/thanet/reports/issued/{first.pk}/"
    assert "£34,317" in first.html

    Grant.objects.filter(partnership=cover.partnership).update(amount=Decimal("40000"))
    page = client.get(f"/p/thanet/reports/issued/{first.pk}/").content.decode()
    assert "£34,317" in page and "£40,000" not in page
    word = client.get(f"/p/thanet/reports/issued/{first.pk}/report.docx")
    assert "£34,317" in docx_text(b"".join(word.streaming_content))
    pdf = client.get(f"/p/thanet/reports/issued/{first.pk}/report.pdf")
    assert "£34,317" in " ".join(pdf_pages(b"".join(pdf.streaming_content)))

    issue(client, coordinator(), cover)
    second = IssuedReport.objects.get(version=2)
    assert "£40,000" in second.html
    first.refresh_from_db()
    assert "£34,317" in first.html


def test_the_list_shows_each_issue_with_date_meeting_author_and_version(client, cover):
    issue(client, coordinator(), cover)
    issue(client, coordinator(), cover)
    page = client.get("/p/thanet/reports/").content.decode()
    assert page.count("/report.docx") == 2
    assert "Community Safety Working Party, 3 Mar 2015" in page
    assert "<td>2</td>" in page and "<td>1</td>" in page


def test_nothing_is_stored_when_the_pdf_cannot_be_made(client, cover, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    response = issue(client, coordinator(), cover)
    assert IssuedReport.objects.count() == 0
    message = client.get(response.url).content.decode()
    assert "Nothing was issued" in message and "libpango" in message


def test_command_writes_each_format(cover, tmp_path):
    for file_format in ["html", "docx", "pdf"]:
        out = tmp_path / f"cover.{file_format}"
        call_command(
            "report",
            "cover",
            "--partnership",
            "thanet",
            "--year",
            "2014",
            "--format",
            file_format,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 1000
    assert "£34,317" in docx_text((tmp_path / "cover.docx").read_bytes())
