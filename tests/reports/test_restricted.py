"""No restricted paragraph reaches a version classified Unrestricted: the preview, Word and PDF
(draft and issued), the issued page, the public meeting pages and `saferplan report`.

The reproductions of issue 13 were old text whose RESTRICTED marker the old parser missed. Each is
now the paragraphs the data migration makes of that text, and is checked in every output.
"""

import importlib
import io
import re
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saferplan.meetings.models import Paper
from saferplan.partnerships.models import Person
from saferplan.reports import kinds, render
from saferplan.reports.models import IssuedReport, Paragraph, Report
from tests.reminders.conftest import run_worker
from tests.reports.conftest import confirm_issue, docx_text, form_data, issued_link, pdf_pages

migration = importlib.import_module("saferplan.reports.migrations.0004_paragraphs_from_text")

SECRET = "zsecretz"  # in every restricted paragraph of these tests, and in no other text
DEMO_SECRET = "Cliftonville West"  # the demo's restricted topic


def coordinator():
    return Person.objects.get(email="coordinator@thanet.example")


def streamed(response):
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def unrestricted_outputs(client, report, *, draft_pdf=False):
    """Every version of `report` that a reader of an Unrestricted report gets, as text: issued,
    put on the public agenda item of its meeting, and written by the command."""
    client.force_login(coordinator())
    base = f"/p/thanet/reports/{report.pk}/"
    outputs = {
        "preview": client.get(base).content.decode(),
        "draft Word": docx_text(client.get(base + "draft.docx").content),
    }
    if draft_pdf:
        outputs["draft PDF"] = " ".join(pdf_pages(client.get(base + "draft.pdf").content))
    job_url = confirm_issue(client, report).url
    run_worker()
    issued_url = issued_link(client.get(job_url).content.decode())
    issued = IssuedReport.objects.get(pk=issued_url.rstrip("/").rsplit("/", 1)[1])
    outputs |= {
        "issued page": client.get(issued_url).content.decode(),
        "issued HTML": issued.html,
        "issued Word": docx_text(streamed(client.get(issued_url + "report.docx"))),
        "issued PDF": " ".join(pdf_pages(streamed(client.get(issued_url + "report.pdf")))),
    }
    item = report.meeting.items.get(position=2)
    link = f"/p/thanet/meetings/items/{item.pk}/papers/link/"
    assert client.post(link, {"issued_report": issued.pk}).status_code == 302
    paper = Paper.objects.get(issued_report=issued)
    client.logout()
    public = f"/p/thanet/meetings/public/{report.meeting.pk}/"
    outputs["public meeting page"] = client.get(public).content.decode()
    assert f"/public/papers/{paper.pk}/" in outputs["public meeting page"]
    paper_pdf = streamed(client.get(f"/p/thanet/meetings/public/papers/{paper.pk}/"))
    outputs["public paper"] = " ".join(pdf_pages(paper_pdf))
    outputs["command"] = command_output(report)
    return outputs


def command_output(report):
    """`saferplan report` for the report's kind and year: it writes the latest draft."""
    with tempfile.NamedTemporaryFile(suffix=".html") as out:
        call_command(
            "report",
            report.kind,
            "--partnership=thanet",
            f"--year={report.year}",
            "--format=html",
            f"--out={out.name}",
            stdout=io.StringIO(),
        )
        return Path(out.name).read_text()


def write_paragraphs(report, part, paragraphs):
    """Replace the paragraphs of one part of `report` with [(restricted, text)]."""
    report.paragraphs.filter(part=part).delete()
    for position, (restricted, text) in enumerate(paragraphs, start=1):
        report.paragraphs.create(
            part=part,
            position=position,
            text=text,
            classification="restricted" if restricted else "unrestricted",
        )


# The reproductions: (part of the report, text as the author typed it before classifications).
REPRODUCTIONS = {
    "blank line holding a space": ("topics", f"Members will hear.\n \nRESTRICTED: {SECRET} a"),
    "blank line holding a tab": ("topics", f"Members will hear.\r\n\t\r\nRESTRICTED: {SECRET} b"),
    "single line break": ("topics", f"Members will hear.\nRESTRICTED: {SECRET} c"),
    "RESTRICTED :": ("financial", f"RESTRICTED : {SECRET} d\n\nStaff costs are met."),
    "Restricted -": ("financial", f"Restricted - {SECRET} e"),
    "summary": ("summary", f"What this report is.\n\nRESTRICTED: {SECRET} f"),
}


@pytest.mark.parametrize("old", REPRODUCTIONS.values(), ids=REPRODUCTIONS.keys())
def test_a_reproduction_leaks_into_no_unrestricted_output(client, cover, old):
    part, text = old
    write_paragraphs(cover, part, migration.old_paragraphs(text))
    outputs = unrestricted_outputs(client, cover, draft_pdf=True)
    leaked = [name for name, output in outputs.items() if SECRET in output]
    assert leaked == []
    assert all(DEMO_SECRET not in output for output in outputs.values())
    visible = "Members will hear" if part == "topics" else "report is" if part == "summary" else ""
    assert visible in outputs["issued PDF"] and visible in outputs["public paper"]


def test_a_restricted_report_prints_every_paragraph(cover):
    write_paragraphs(cover, "summary", [(False, "What it is."), (True, f"{SECRET} summary")])
    cover.classification = Report.Classification.RESTRICTED
    document = kinds.build(cover)
    for output in [render.to_html(document), docx_text(render.to_docx(document))]:
        assert f"{SECRET} summary" in output and DEMO_SECRET in output
        assert "Restricted" in output


# Property-based: whatever the author typed, however it was separated and marked.

MARKS = [
    "RESTRICTED",
    "RESTRICTED:",
    "RESTRICTED :",
    "Restricted -",
    "restricted:",
    "Restricted:",
    "RESTRICTED -",
    "Restricted –",
    "RESTRICTED—",
    "[RESTRICTED]",
    "(Restricted)",
    "Restricted.",
]
WORDS = ["the", "park", "Members", "£34,317", "access", "is", "restricted", "to", "&", "<b>", "ASB"]
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
SPACE = st.text(alphabet=" \t\u00a0", max_size=3)


@st.composite
def old_paragraph(draw, restricted, n, wrapped):
    """One paragraph as typed before classifications: a restricted one starts with a marker;
    `wrapped`, it may go on over a second line."""
    words = draw(st.lists(st.sampled_from(WORDS), max_size=6))
    token = f"{SECRET}{n}" if restricted else f"zpublicz{n}"
    if not restricted and draw(st.booleans()):
        words = ["Restricted", "parking", *words]  # a sentence, not a marker
    body = [*words[:3], token, *words[3:]]
    line_end = draw(LINE_ENDS) if wrapped and len(body) > 2 else " "
    text = " ".join(body[:2]) + line_end + " ".join(body[2:])
    if restricted:
        mark = draw(st.sampled_from(MARKS))
        gap = [" ", "  "] if mark[-1].isalpha() else ["", " ", "\t"]  # RESTRICTEDthe is a word
        text = mark + draw(st.sampled_from(gap)) + text
    return draw(SPACE) + text + draw(SPACE)


@st.composite
def old_text(draw, n0, one_per_line):
    """The text typed for a few paragraphs, separated by a blank line (which may hold spaces or
    tabs) or, before a marked paragraph, by a single line break. In a list of one item per line
    (options, recommendations) no item goes over two lines."""
    restricted = draw(st.lists(st.booleans(), max_size=5))
    text = ""
    for i, marked in enumerate(restricted):
        paragraph = draw(old_paragraph(marked, n0 + i, wrapped=not one_per_line))
        if i:
            line_end = draw(LINE_ENDS)
            blank = line_end + draw(SPACE) + line_end
            text += draw(st.sampled_from([blank, line_end])) if marked else blank
        text += paragraph
    return text


PARTS = [part.value for part in Paragraph.Part]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.fixed_dictionaries(
        {
            part: old_text(10 * i, one_per_line=part in migration.LINE_PARTS)
            for i, part in enumerate(PARTS)
        }
    )
)
def test_old_marked_text_never_reaches_an_unrestricted_version(cover, texts):
    """The migration's reading of old text, then the one filter and the page."""
    paragraphs = [
        Paragraph(part=part, position=n, text=text, classification=classification(restricted))
        for part, typed in texts.items()
        for n, (restricted, text) in enumerate(
            migration.old_paragraphs(typed, one_per_line=part in migration.LINE_PARTS), start=1
        )
    ]
    typed = "".join(texts.values())
    cover.classification = Report.Classification.UNRESTRICTED  # the fixture outlives an example
    html = render.to_html(kinds.build(cover, paragraphs=paragraphs))
    assert SECRET not in html
    assert set(re.findall(r"zpublicz\d+", html)) == set(re.findall(r"zpublicz\d+", typed))
    cover.classification = Report.Classification.RESTRICTED
    everything = render.to_html(kinds.build(cover, paragraphs=paragraphs))
    assert set(re.findall(r"zsecretz\d+", everything)) == set(re.findall(r"zsecretz\d+", typed))


def classification(restricted):
    return Report.Classification.RESTRICTED if restricted else Report.Classification.UNRESTRICTED


# Paragraphs as they come from the form: any text, any whitespace, each with its classification.
written_text = st.lists(
    st.sampled_from([*WORDS, *MARKS, " ", "\t", "\n", "\r\n", "\r"]), max_size=8
).map("".join)


@st.composite
def written_paragraphs(draw):
    """{part: [(restricted, text)]}, each text holding its own token."""
    parts = {}
    n = 0
    for part in PARTS:
        paragraphs = []
        for restricted in draw(st.lists(st.booleans(), max_size=3)):
            n += 1
            before, after = draw(written_text), draw(written_text)
            if restricted:
                text = f"{before} {SECRET}{n} {after}"
            else:  # the form refuses an Unrestricted paragraph that starts with the old marker
                start = draw(st.sampled_from(["The", "Members", "Restricted parking"]))
                text = f"{start} {before} zpublicz{n} {after}"
            paragraphs.append((restricted, text))
        parts[part] = paragraphs
    if not any(not restricted for restricted, _ in parts["summary"]):
        parts["summary"].append((False, "What this is. zpublicz0"))
    return parts


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=written_paragraphs())
def test_no_restricted_paragraph_reaches_the_unrestricted_page(cover, parts):
    paragraphs = [
        Paragraph(part=part, position=n, text=text, classification=classification(restricted))
        for part, written in parts.items()
        for n, (restricted, text) in enumerate(written, start=1)
    ]
    html = render.to_html(kinds.build(cover, paragraphs=paragraphs))
    assert SECRET not in html and DEMO_SECRET not in html
    public = {re.search(r"zpublicz\d+", text)[0] for p in parts.values() for r, text in p if not r}
    assert public == set(re.findall(r"zpublicz\d+", html))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=written_paragraphs())
def test_no_restricted_paragraph_reaches_any_unrestricted_output(client, cover, parts):
    """Written on the form, saved, previewed, issued, put on the public agenda: Word read back
    with python-docx, PDF with pypdf."""
    cover.paragraphs.all().delete()
    paragraphs = {
        part: [(text, classification(restricted)) for restricted, text in written]
        for part, written in parts.items()
    }
    client.force_login(coordinator())
    data = form_data(paragraphs, title=cover.title, meeting=cover.meeting.pk)
    response = client.post(f"/p/thanet/reports/{cover.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    outputs = unrestricted_outputs(client, cover)
    assert [name for name, output in outputs.items() if SECRET in output] == []
    public = {re.search(r"zpublicz\d+", text)[0] for p in parts.values() for r, text in p if not r}
    for name in ["preview", "issued Word", "issued PDF", "public paper", "command"]:
        assert public <= set(re.findall(r"zpublicz\d+", outputs[name])), name
