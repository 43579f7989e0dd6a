"""Ward maps drawn on the server as SVG from the loaded boundaries: no tiles, no script.

Boundaries are GeoJSON polygons in longitude/latitude. Over a district, an equirectangular
projection with longitude scaled by the cosine of the middle latitude is close enough to true
shape. Each ward is one <path> with a <title> of its name and figure; the legend says which
shade means what, and the ward table beside the map gives every number.
"""

import math
from dataclasses import dataclass
from html import escape

# Light to dark: more crime, darker. The outline keeps even the lightest shade visible.
SHADES = ["#d2e2f1", "#9dc3e6", "#5694ca", "#1d70b8", "#003078"]
NO_DATA = "#f3f2f1"
OUTLINE = "#505a5f"
WIDTH = 600


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


@dataclass(frozen=True)
class WardMap:
    svg: str
    legend: list


def rings(geometry):
    """Every ring of a Polygon or MultiPolygon, as lists of (longitude, latitude)."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def class_breaks(values):
    """Upper bounds of up to five classes holding about as many wards each."""
    ordered, classes = sorted(values), len(SHADES)
    if not ordered:
        return []
    breaks = []
    for n in range(1, classes + 1):
        bound = ordered[max(0, math.ceil(n * len(ordered) / classes) - 1)]
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    return breaks


def shade(value, breaks):
    if value is None:
        return NO_DATA
    for colour, bound in zip(SHADES[-len(breaks) :], breaks, strict=True):
        if value <= bound:
            return colour
    return SHADES[-1]


def legend(breaks, number):
    entries, low = [], None
    for colour, bound in zip(SHADES[-len(breaks) :], breaks, strict=True):
        label = number(bound) if low is None else f"{number(low)} to {number(bound)}"
        if low is None:
            label = f"up to {label}"
        entries.append(LegendEntry(colour, label))
        low = bound
    return entries


def ward_map(boundaries, values, titles, title, number=str):
    """An SVG choropleth of `boundaries` (code, geometry) shaded by `values` {code: number}.

    `titles` {code: text} is each ward's tooltip; `number` formats a value for the legend.
    """
    shapes = [(code, rings(geometry)) for code, geometry in boundaries]
    points = [point for _, parts in shapes for ring in parts for point in ring]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / max((east - west) * squeeze, 1e-9)
    height = math.ceil((north - south) * scale)

    def path(parts):
        out = []
        for ring in parts:
            xy = [
                (round((lon - west) * squeeze * scale, 1), round((north - lat) * scale, 1))
                for lon, lat, *_ in ring
            ]
            kept = [p for n, p in enumerate(xy) if n == 0 or p != xy[n - 1]]
            out.append("M" + "L".join(f"{x} {y}" for x, y in kept) + "Z")
        return "".join(out)

    breaks = class_breaks([v for v in values.values() if v is not None])
    body = "".join(
        f'<path d="{path(parts)}" fill="{shade(values.get(code), breaks)}" '
        f'stroke="{OUTLINE}" stroke-width="0.8"><title>{escape(titles.get(code, code))}</title>'
        "</path>"
        for code, parts in shapes
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 {WIDTH + 4} {height + 4}" '
        f'role="img" aria-label="{escape(title)}" class="sp-map__image">{body}</svg>'
    )
    entries = legend(breaks, number)
    if any(values.get(code) is None for code, _ in shapes):
        entries.append(LegendEntry(NO_DATA, "no figure"))
    return WardMap(svg, entries)
