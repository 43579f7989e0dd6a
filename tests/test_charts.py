"""Server-side charts: inline SVG that is labelled, deterministic and keeps its text as text."""

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
