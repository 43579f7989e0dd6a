"""Server-side charts: inline SVG that is labelled, deterministic and keeps its text as text."""

from datetime import date
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from matplotlib.figure import Figure

from saferplan.funding.models import Grant, Spend
from saferplan.partnerships.models import Partnership, Person
from saferplan.reports.models import Report
from saferplan.reports.services import new_report
from saferplan.ui import charts


def test_stacked_bars_are_labelled_svg_with_their_text():
    figure = charts.stacked_bars(
        ["Anti-Social Behaviour", "Road Safety"],
        {"Completed": [3, 1], "Underway": [1, 2], "Not started": [0, 1]},
        colours=[charts.GREEN, charts.BLUE, charts.DARK_GREY],
    )
    svg = charts.to_svg(figure, "Actions by priority")
    assert svg.startswith('<svg role="img" aria-label="Actions by priority" ')
    assert "Road Safety" in svg and "Not started" in svg
    assert svg == charts.to_svg(figure, "Actions by priority"), "the same chart drew differently"


def test_line_chart_as_png():
    figure = charts.line_chart(["2018-10", "2018-11"], {"All crime": [1400, 1100]})
    assert charts.to_png(figure).startswith(b"\x89PNG")


def test_charts_need_no_inline_style_which_the_content_security_policy_refuses():
    figure = charts.line_chart(["2018-10", "2018-11"], {"All crime": [1400, 1100]})
    svg = charts.to_svg(figure, "Crime")
    assert "style=" not in svg and "<style" not in svg
    assert 'stroke-linejoin="round"' in svg.split(">", 1)[0]  # inherited from the <svg> element
    assert 'font-size="10px"' in svg and 'fill="#ffffff"' in svg


def test_reports_issued_with_styled_charts_are_shown_without_their_styles():
    issued = (
        '<p>1.1 Crime fell.</p><svg width="10pt"><defs><style type="text/css">'
        "*{stroke-linejoin: round; stroke-linecap: butt}</style></defs>"
        '<path d="M 0 0" style="fill: #1d70b8; stroke: #000000"/></svg><p>A &quot;quote&quot;</p>'
    )
    shown = charts.styles_as_attributes(issued)
    assert shown == (
        '<p>1.1 Crime fell.</p><svg stroke-linejoin="round" stroke-linecap="butt" width="10pt">'
        '<defs></defs><path d="M 0 0" fill="#1d70b8" stroke="#000000"/></svg>'
        "<p>A &quot;quote&quot;</p>"
    )


TEX = r"$\x$ and $x^2$"


def test_text_is_drawn_as_typed_never_read_as_tex():
    """A priority called "$\\x$" once stopped the progress page and report (matplotlib read it
    as TeX and failed); every piece of text is now drawn literally, in SVG and PNG."""
    bars = charts.stacked_bars([TEX, "Road Safety"], {TEX: [1, 2], "Underway": [3, 4]})
    svg = charts.to_svg(bars, TEX)
    assert svg.count(TEX) >= 2, "the label and the legend, as typed"
    assert charts.to_png(bars).startswith(b"\x89PNG")
    line = charts.line_chart([TEX, "$1$"], {TEX: [1, 2]})
    assert "$1$" in charts.to_svg(line, "trend")
    assert charts.to_png(line).startswith(b"\x89PNG")


@pytest.fixture
def drawings(monkeypatch):
    """Every picture matplotlib writes, counted: each chart drawn ends in one savefig."""
    written = []
    savefig = Figure.savefig

    def counted(figure, *args, **kwargs):
        written.append(kwargs.get("format"))
        return savefig(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", counted)
    return written


def sample_bars(labels, series):
    return charts.stacked_bars(labels, series, colours=[charts.GREEN, charts.BLUE])


@pytest.mark.django_db
def test_the_same_chart_is_drawn_once_and_changed_numbers_are_drawn_again(drawings):
    numbers = {"labels": ["Road Safety"], "series": {"Completed": [3], "Underway": [1]}}
    first = charts.drawn_svg(sample_bars, "Actions by priority", **numbers)
    assert charts.drawn_svg(sample_bars, "Actions by priority", **numbers) == first
    assert drawings == ["svg"]
    assert "Road Safety" in first and first.startswith('<svg role="img"')

    changed = {"labels": ["Road Safety"], "series": {"Completed": [4], "Underway": [0]}}
    assert charts.drawn_svg(sample_bars, "Actions by priority", **changed) != first
    assert charts.drawn_svg(sample_bars, "Actions by agency", **numbers) != first
    reordered = {"labels": ["Road Safety"], "series": {"Underway": [1], "Completed": [3]}}
    charts.drawn_svg(sample_bars, "Actions by priority", **reordered)  # another legend
    assert charts.drawn_png(sample_bars, **numbers).startswith(b"\x89PNG")
    assert charts.drawn_png(sample_bars, **numbers).startswith(b"\x89PNG")
    assert drawings == ["svg", "svg", "svg", "svg", "png"]


@pytest.mark.django_db
def test_drawings_are_kept_in_the_database_every_process_reads(drawings):
    charts.drawn_svg(sample_bars, "Kept", labels=["A"], series={"Completed": [1]})
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM saferplan_charts")
        assert cursor.fetchone()[0] == 1
    caches.close_all()  # what a new process starts with: no connection, nothing in memory
    charts.drawn_svg(sample_bars, "Kept", labels=["A"], series={"Completed": [1]})
    assert drawings == ["svg"]


@pytest.mark.django_db
def test_each_demo_chart_is_drawn_once_until_its_numbers_change(drawings, client):
    call_command("demo", "--no-serve", stdout=StringIO())
    caches["charts"].clear()  # the demo's issued reports drew some of these already
    grant = Grant.objects.get(partnership__slug="thanet", year=2014)
    thanet = Partnership.objects.get(slug="thanet")
    report = new_report(partnership=thanet, kind=Report.Kind.PROGRESS, year=2014, author=None)
    report.save()
    pages = [
        "/p/thanet/crime/",
        "/p/thanet/plan/2014/progress/",
        grant.get_absolute_url(),
        f"/p/thanet/reports/{report.pk}/",
        f"/p/thanet/reports/{report.pk}/draft.docx",
    ]
    client.force_login(Person.objects.get(email="coordinator@thanet.example"))
    for path in pages:
        before = len(drawings)
        assert client.get(path).status_code == 200, path
        assert len(drawings) > before, f"{path} drew no chart"
    drawn = len(drawings)
    for path in pages:
        client.get(path)
    assert len(drawings) == drawn, "a chart was drawn again for the same numbers"

    allocation = grant.allocations.first()
    Spend.objects.create(allocation=allocation, date=date(2014, 6, 1), amount=100, payee="Hall")
    assert client.get(grant.get_absolute_url()).status_code == 200
    assert len(drawings) == drawn + 1
