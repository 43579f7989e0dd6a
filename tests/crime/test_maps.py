"""Ward maps: polygons and multipolygons projected into an SVG with a legend."""

from saferplan.crime.maps import NO_DATA, SHADES, class_breaks, ward_map

SQUARE = {"type": "Polygon", "coordinates": [[[1.3, 51.3], [1.4, 51.3], [1.4, 51.4], [1.3, 51.3]]]}
ISLANDS = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[1.4, 51.3], [1.5, 51.3], [1.5, 51.35], [1.4, 51.3]]],
        [[[1.45, 51.36], [1.5, 51.36], [1.5, 51.4], [1.45, 51.36]]],
    ],
}


def test_each_ward_is_a_path_with_a_title_and_a_shade():
    drawn = ward_map(
        [("W1", SQUARE), ("W2", ISLANDS)],
        {"W1": 5, "W2": None},
        {"W1": "Beacon Road: 5", "W2": "Bradstowe & <Sea>"},
        "Map of crimes by ward",
    )
    assert drawn.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 604 ')
    assert 'aria-label="Map of crimes by ward"' in drawn.svg
    assert drawn.svg.count("<path ") == 2
    assert "<title>Bradstowe &amp; &lt;Sea&gt;</title>" in drawn.svg
    assert f'fill="{NO_DATA}"' in drawn.svg and f'fill="{SHADES[-1]}"' in drawn.svg
    w2 = drawn.svg.split("<path ")[2]
    assert w2.count("M") == 2, "both islands are drawn"
    assert [entry.label for entry in drawn.legend] == ["up to 5", "no figure"]


def test_east_west_is_shortened_by_the_cosine_of_the_latitude():
    drawn = ward_map([("W1", SQUARE)], {"W1": 1}, {}, "Map")
    height = float(drawn.svg.split('viewBox="')[1].split('"')[0].split()[3]) - 4
    assert 600 / height == pytest_approx(0.1 * 0.6252 / 0.1)


def pytest_approx(value):
    import pytest

    return pytest.approx(value, rel=0.01)


def test_classes_hold_about_as_many_wards_each():
    assert class_breaks(range(1, 11)) == [2, 4, 6, 8, 10]
    assert class_breaks([3, 3, 3]) == [3]
    assert class_breaks([]) == []
