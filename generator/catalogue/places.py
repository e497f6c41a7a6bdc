"""Where countries are: Natural Earth's shapes at 1:110 million
(data/world-110m.topo.json), for the check that an entry's coordinates
fall in its country and for the world map of the pages.

The shapes are coarse (a small island state may be missing, a coast is cut
straight), so a point counts as in its country when it is inside a shape
or near one (``NEAR_KM``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.core import get_global

TOPOLOGY = Path(__file__).parent / "data" / "world-110m.topo.json"
# A city on a coast or a border may sit outside a shape drawn at this scale.
NEAR_KM = 150
KM_PER_DEGREE = 111.32

Point = tuple[float, float]  # (lon, lat)


@dataclass(frozen=True)
class Country:
    numeric_code: str  # ISO 3166-1 numeric, as Natural Earth gives it
    name: str  # Natural Earth's English name
    rings: tuple[tuple[Point, ...], ...]  # outer rings and holes alike, (lon, lat)


def _decode_arcs(topology: dict) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[Point]], indexes: list[int]) -> tuple[Point, ...]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return tuple(points)


@cache
def countries() -> tuple[Country, ...]:
    """Every country of the shapes, in the file's order."""
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])
        rings = tuple(ring for polygon in polygons for ring in (_ring(arcs, indexes) for indexes in polygon) if len(ring) > 2)
        if rings:
            found.append(Country(str(geometry.get("id", "")), geometry["properties"]["name"], rings))
    return tuple(found)


@cache
def _by_alpha2() -> dict[str, Country]:
    # Natural Earth names countries by their numeric code; CLDR (Babel) knows
    # which two-letter code each stands for.
    aliases = get_global("territory_aliases")
    found: dict[str, Country] = {}
    for country in countries():
        for code in aliases.get(country.numeric_code, [])[:1]:
            found.setdefault(code, country)
    return found


def _inside(point: Point, ring: tuple[Point, ...]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _km_to_segment(point: Point, start: Point, end: Point) -> float:
    # Near enough to flat at the scale of NEAR_KM: degrees of longitude shrink with the latitude.
    scale = math.cos(math.radians(point[1]))
    px, py = point[0] * scale, point[1]
    ax, ay, bx, by = start[0] * scale, start[1], end[0] * scale, end[1]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy)) * KM_PER_DEGREE


def km_from_country(country_code: str, lat: float, lon: float) -> float | None:
    """How far (lat, lon) is from the country ``country_code`` (ISO 3166-1
    alpha-2): 0 inside one of its shapes; None when the shapes have no
    such country (a small island state, say)."""
    country = _by_alpha2().get(country_code)
    if country is None:
        return None
    point = (lon, lat)
    # Inside an odd number of its rings: in the country (holes are lakes and enclaves).
    if sum(_inside(point, ring) for ring in country.rings) % 2:
        return 0.0
    return min(_km_to_segment(point, a, b) for ring in country.rings for a, b in zip(ring, ring[1:] + ring[:1]))
