"""A world map drawn at build time as SVG, in the Equal Earth projection.

Country shapes come from Natural Earth (generator/catalogue/places.py); the
practices' cities are points on it. No tile server, no script needed to see it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from generator.catalogue.places import countries

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


@lru_cache(maxsize=1)
def country_shapes() -> tuple[CountryShape, ...]:
    shapes = []
    for country in countries():
        commands = []
        for ring in country.rings:
            points = [to_svg(lon, lat) for lon, lat in ring]
            commands.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        shapes.append(CountryShape(country.numeric_code, country.name, "".join(commands)))
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


# Layout for a finger ----------------------------------------------------------
# Every target is a square of TARGET_PX CSS pixels (WCAG 2.2, 2.5.8 asks for
# 24), whatever the zoom: a layout is computed for a reference width (the
# narrowest rendered width it serves) and for one view (a viewBox); the
# script scales markers back to TARGET_PX on wider screens, so a layout that
# holds at its reference width holds at any wider one. Two targets are apart
# when their squares do not meet (Chebyshev distance >= TARGET_PX).

TARGET_PX = 30.0
LABEL_PX = 13.0  # font size of the names, in CSS pixels
REFERENCE_WIDTHS = {"narrow": 340.0, "wide": 900.0}
ASPECT = WIDTH / HEIGHT


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def attribute(self) -> str:
        return f"{self.x:g} {self.y:g} {self.width:g} {self.height:g}"


WORLD = Box(0.0, 0.0, WIDTH, HEIGHT)


def region_box(points: list[tuple[float, float]], min_width: float = 110.0) -> Box:
    """The view of a region: its cities' extent with room around, in the
    world's proportions (the map keeps its height), inside the world."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    pad_x = 0.06 * (max(xs) - min(xs)) + 9
    pad_y = 0.06 * (max(ys) - min(ys)) + 9
    width = max(max(xs) - min(xs) + 2 * pad_x, (max(ys) - min(ys) + 2 * pad_y) * ASPECT, min_width)
    width = min(width, WIDTH)
    height = width / ASPECT
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, 0.0), WIDTH - width)
    y = min(max(cy - height / 2, 0.0), HEIGHT - height)
    return Box(round(x, 1), round(y, 1), round(width, 1), round(height, 1))


@dataclass
class Marker:
    """One target of a layout: a city, or a group of nearby cities."""

    x: float  # where the target is drawn, in map units
    y: float
    members: list[str]  # keys of the cities, the seed first
    anchor: tuple[float, float] | None = None  # the city's own place, when the target was moved aside
    label: tuple[float, float, str] | None = None  # (dx, dy, text-anchor) in CSS pixels, or None: no room


def _apart(a: tuple[float, float], b: tuple[float, float], gap: float) -> bool:
    return abs(a[0] - b[0]) >= gap or abs(a[1] - b[1]) >= gap


def layout(
    cities: list[tuple[str, float, float]],
    box: Box,
    reference_width: float,
    *,
    spread: bool,
    names: dict[str, str] | None = None,
) -> list[Marker]:
    """Targets for ``cities`` (key, x, y in map units, most important first)
    seen through ``box`` at ``reference_width`` CSS pixels.

    A city closer than a target to an earlier one joins its group, so that
    no two targets meet. With ``spread``, the cities of a group are then
    moved apart, each to the nearest free place close to its own, when every
    one of them finds one (a line joins each to its place); else the group
    stays. Names are placed where they meet no target and no other name."""
    scale = reference_width / box.width  # CSS px per map unit
    height_px = box.height * scale

    def px(x: float, y: float) -> tuple[float, float]:
        return (x - box.x) * scale, (y - box.y) * scale

    inside = [(key, *px(x, y)) for key, x, y in cities
              if 0 <= px(x, y)[0] <= reference_width and 0 <= px(x, y)[1] <= height_px]
    # Groups: a grid of TARGET_PX cells finds the seeds near a city.
    seeds: list[tuple[float, float, list[str]]] = []
    grid: dict[tuple[int, int], list[int]] = {}
    for key, x, y in inside:
        cell = (int(x // TARGET_PX), int(y // TARGET_PX))
        near = [i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in grid.get((cell[0] + dx, cell[1] + dy), [])
                if not _apart(seeds[i][:2], (x, y), TARGET_PX)]
        if near:
            seeds[min(near, key=lambda i: max(abs(seeds[i][0] - x), abs(seeds[i][1] - y)))][2].append(key)
        else:
            grid.setdefault(cell, []).append(len(seeds))
            seeds.append((x, y, [key]))
    where = {key: (x, y) for key, x, y in inside}
    placed: list[tuple[float, float, list[str], tuple[float, float] | None]] = [(x, y, members, None) for x, y, members in seeds]
    if spread:
        for index, (_, _, members, _) in enumerate(list(placed)):
            if len(members) < 2 or len(members) > 8:
                continue
            others = [(x, y) for i, (x, y, _, _) in enumerate(placed) if i != index and x is not None]
            spots = _spread(members, where, others, reference_width, height_px)
            if spots is not None:
                placed[index] = (None, None, [], None)  # the group gives way to its cities
                placed.extend((sx, sy, [key], where[key] if (sx, sy) != where[key] else None)
                              for key, (sx, sy) in zip(members, spots))
        placed = [p for p in placed if p[0] is not None]
    markers = [Marker(round(box.x + x / scale, 2), round(box.y + y / scale, 2), members,
                      None if anchor is None else (round(box.x + anchor[0] / scale, 2), round(box.y + anchor[1] / scale, 2)))
               for x, y, members, anchor in placed]
    if names:
        _place_labels(markers, [(x, y) for x, y, _, _ in placed], names, reference_width, height_px)
    return markers


def _spread(members, where, others, width, height):
    """A free place for each member, near its own, or None."""
    step = TARGET_PX / 3
    taken = list(others)
    spots = []
    for key in members:
        x0, y0 = where[key]
        candidates = sorted(
            ((x0 + i * step, y0 + j * step) for i in range(-6, 7) for j in range(-6, 7)
             if (i * i + j * j) * step * step <= (2 * TARGET_PX) ** 2),
            key=lambda p: ((p[0] - x0) ** 2 + (p[1] - y0) ** 2, p),
        )
        for spot in candidates:
            if (TARGET_PX / 2 <= spot[0] <= width - TARGET_PX / 2 and TARGET_PX / 2 <= spot[1] <= height - TARGET_PX / 2
                    and all(_apart(spot, t, TARGET_PX + 2) for t in taken)):
                spots.append(spot)
                taken.append(spot)
                break
        else:
            return None
    return spots


def _text_width(text: str) -> float:
    return 0.62 * LABEL_PX * len(text) + 4


def _place_labels(markers, centres, names, width, height) -> None:
    half = TARGET_PX / 2
    boxes = [(x - half, y - half, x + half, y + half) for x, y in centres]
    for marker, (x, y) in zip(markers, centres):
        if len(marker.members) != 1:
            continue
        text = names[marker.members[0]]
        w, h = _text_width(text), LABEL_PX * 1.3
        options = [
            (half + 3, LABEL_PX * 0.35, "start", (x + half + 1, y - h / 2, x + half + 3 + w, y + h / 2)),
            (-half - 3, LABEL_PX * 0.35, "end", (x - half - 3 - w, y - h / 2, x - half - 1, y + h / 2)),
            (0.0, -half - 4, "middle", (x - w / 2, y - half - 3 - h, x + w / 2, y - half - 1)),
            (0.0, half + LABEL_PX + 1, "middle", (x - w / 2, y + half + 1, x + w / 2, y + half + 3 + h)),
        ]
        for dx, dy, anchor, (a, b, c, d) in options:
            if a < 0 or b < 0 or c > width or d > height:
                continue
            if any(a < r and c > p and b < s and d > q for p, q, r, s in boxes):
                continue
            marker.label = (round(dx, 1), round(dy, 1), anchor)
            boxes.append((a, b, c, d))
            break
