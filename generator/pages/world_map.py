"""A world map drawn at build time as SVG, in the Equal Earth projection.

Country shapes come from Natural Earth (data/world-110m.topo.json); the
practices' cities are points on it. No tile server, no script needed to see it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TOPOLOGY = Path(__file__).parent / "data" / "world-110m.topo.json"
WIDTH = 1000.0

# Equal Earth (Šavrič, Patterson, Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
_X_MAX = math.pi / (M * A1)  # x at the equator and longitude 180°
_Y_MAX = None  # set below


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Projected (x, y), with x in [-_X_MAX, _X_MAX] and y growing north."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


_Y_MAX = equal_earth(0, 90)[1]
SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = round(2 * _Y_MAX * SCALE, 1)


def to_svg(lon: float, lat: float) -> tuple[float, float]:
    x, y = equal_earth(lon, lat)
    return round((x + _X_MAX) * SCALE, 1), round((_Y_MAX - y) * SCALE, 1)


@dataclass(frozen=True)
class CountryShape:
    numeric_code: str  # ISO 3166-1 numeric, as Natural Earth gives it
    name: str
    path: str  # SVG path data


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
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


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


@lru_cache(maxsize=1)
def country_shapes() -> tuple[CountryShape, ...]:
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])
        commands = []
        for polygon in polygons:
            for ring in polygon:
                points = [to_svg(lon, lat) for lon, lat in _ring(arcs, ring)]
                if len(points) > 2:
                    commands.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        if commands:
            shapes.append(CountryShape(str(geometry.get("id", "")), geometry["properties"]["name"], "".join(commands)))
    return tuple(shapes)


@lru_cache(maxsize=1)
def graticule_path() -> str:
    """The outline of the world and meridians every 30°, for orientation."""
    commands = []
    for lon in range(-180, 181, 30):
        points = [to_svg(lon, lat) for lat in range(-90, 91, 5)]
        commands.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points))
    for lat in range(-60, 61, 30):
        points = [to_svg(lon, lat) for lon in range(-180, 181, 5)]
        commands.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points))
    return "".join(commands)
