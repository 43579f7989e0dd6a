"""The committee cover report: the seed document's structure, with facts from the data."""

import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from saferplan.funding.models import Grant
from saferplan.partnerships import access
from saferplan.reports import kinds, render
from tests.reports.conftest import docx_headers, docx_text, form_data, pdf_pages

SECTIONS = [
    "Introduction",
    "Meeting topics",
    "Options/Actions",
    "Corporate Implications",
    "Recommendation",
]


def authorities():
    return access.agencies_of(Grant.objects.get().partnership).filter(is_responsible_authority=True)


def test_structure_matches_the_working_party_report(cover):
    document = kinds.build(cover)
    assert [(s.number, s.heading) for s in document.sections] == [
        (f"{i}.0", heading) for i, heading in enumerate(SECTIONS, start=1)
    ]
    implications = document.sections[3]
    assert [(s.number, s.heading) for s in implications.subsections] == [
        ("4.1", "Financial"),
        ("4.2", "Legal"),
        ("4.3", "Corporate"),
    ]
    assert [b.number for b in implications.subsections[0].blocks] == ["4.1.1", "4.1.2"]
    assert dict(document.meta)["To"] == "Community Safety Working Party – 3 March 2015"
    assert document.purpose == "For Information"
    assert [label for label, _ in document.contact] == ["Contact Officer", "Reporting to"]


def test_facts_come_from_the_data_in_word_and_pdf(cover):
    document = kinds.build(cover)
    grant = Grant.objects.get(partnership=cover.partnership, year=2014)
    amount = f"£{grant.amount:,.0f}"
    for text in [docx_text(render.to_docx(document)), " ".join(pdf_pages(render.to_pdf(document)))]:
        flat = " ".join(text.split())
        for agency in authorities():
            assert agency.name in flat
        assert f"awarded a grant of {amount}" in flat
        assert re.search(r"4\.1\.2\s+The Kent Police and Crime Commissioner", flat)
        assert "Contact Officer" in flat and "x7301" in flat
    assert amount == "£34,317", "the demo grant should be the seed's"


def test_the_grant_paragraph_follows_the_data(cover):
    Grant.objects.filter(partnership=cover.partnership).update(amount=Decimal("30000.50"))
    text = " ".join(
        b.text for s in kinds.build(cover).sections for x in s.subsections for b in x.blocks
    )
    assert "a grant of £30,000.50" in text


def test_classification_is_printed_on_every_page(cover):
    document = kinds.build(cover)
    pages = pdf_pages(render.to_pdf(document))
    assert len(pages) >= 2
    assert all(page.count("UNRESTRICTED") >= 2 for page in pages), "header and footer on each"
    assert set(docx_headers(render.to_docx(document))) == {"UNRESTRICTED"}


@pytest.mark.parametrize(
    ("classification", "shown"), [("unrestricted", False), ("restricted", True)]
)
def test_restricted_content_stays_out_of_an_unrestricted_report(cover, classification, shown):
    restricted = cover.paragraphs.get(part="topics", classification="restricted")
    assert "two households in Cliftonville West" in restricted.text
    cover.classification = classification
    document = kinds.build(cover)
    text = docx_text(render.to_docx(document))
    assert ("two households in Cliftonville West" in text) is shown
    numbers = [b.number for b in document.sections[1].blocks]
    assert numbers == (["2.1", "2.2", "2.3", "2.4"] if shown else ["2.1", "2.2", "2.3"])


def test_missing_pdf_libraries_give_a_clear_message(cover, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(render.PdfUnavailable, match="apt-get install libpango"):
        render.to_pdf(kinds.build(cover))


def test_a_report_for_a_meeting_is_headed_by_its_committee_and_date(client, cover):
    meeting = cover.meeting
    assert meeting is not None and meeting.date.isoformat() == "2015-03-03"
    client.force_login(cover.created_by)
    data = form_data(title="T", meeting=meeting.pk, committee="x")
    assert client.post(f"/p/thanet/reports/{cover.pk}/edit/", data).status_code == 302
    cover.refresh_from_db()
    assert (cover.committee, cover.meeting_date) == (meeting.committee.name, meeting.date)


def test_without_written_topics_the_agenda_gives_them(cover):
    cover.paragraphs.filter(part="topics").delete()
    topics = [b.text for b in kinds.build(cover).sections[1].blocks]
    public_items = cover.meeting.items.filter(classification="unrestricted")
    assert len(topics) == public_items.count() > 0
    assert all(item.title in text for item, text in zip(public_items, topics, strict=True))


def test_a_meeting_of_another_partnership_is_refused(client, cover):
    from saferplan.meetings.models import Committee, Meeting

    canterbury = Committee.objects.create(
        partnership=cover.partnership.__class__.objects.get(slug="canterbury"),
        name="Canterbury Board",
        kind="board",
    )
    other = Meeting.objects.create(
        committee=canterbury, date="2015-03-04", starts="10:00", place="Guildhall"
    )
    client.force_login(cover.created_by)
    response = client.post(f"/p/thanet/reports/{cover.pk}/edit/", {"meeting": other.pk})
    assert "Select a valid choice" in response.content.decode()
    cover.refresh_from_db()
    assert cover.meeting.date.isoformat() == "2015-03-03"
    with pytest.raises(CommandError, match=f"meeting: {other.pk} is not a meeting of Thanet"):
        call_command(
            "report",
            "cover",
            "--partnership",
            "thanet",
            "--year",
            "2014",
            "--meeting",
            str(other.pk),
            "--format",
            "html",
            "--out",
            "/tmp/never.html",
        )
