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
