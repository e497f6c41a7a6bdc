"""Coverage of the catalogue: how many practices address each objective (or
target) in each world region, shown as an HTML table whose cells are coloured
by their count, each cell's number readable on its colour (WCAG AA)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The colour scale, from no practice to the most practices in one cell:
# (background, text). The text colour is the one of DARK_TEXT and LIGHT_TEXT
# that contrasts most with the background (checked >= 4.5:1 by the tests).
ZERO_SHADE = "#f4f6f8"
SHADES = ["#dcebf3", "#a9cde0", "#6fa7c4", "#1f6a8f", "#0b4f6c"]
DARK_TEXT, LIGHT_TEXT, ZERO_TEXT = "#1a1a1a", "#ffffff", "#595959"


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(background: str, text: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(background), _luminance(text)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass
class CoverageMatrix:
    key: str  # the catalogue filter the rows are ("gcm", "sdg")
    rows: list[tuple[object, str, str]]  # (code, label, address of the row's page)
    columns: list[tuple[str, str]]  # (region code, region name)
    counts: dict[tuple[object, str], int]
    row_totals: dict[object, int]
    column_totals: dict[str, int]
    maximum: int

    def count(self, code: object, region: str) -> int:
        return self.counts.get((code, region), 0)

    def shade(self, count: int) -> str:
        return shade(count, self.maximum)

    def text_colour(self, count: int) -> str:
        return text_colour(count, self.maximum)

    def cell_style(self, count: int) -> str:
        return cell_style(count, self.maximum)


def shade(count: int, maximum: int) -> str:
    """A cell's background: pale grey for none, then five blues, darker for more."""
    if count <= 0 or maximum <= 0:
        return ZERO_SHADE
    level = -(-len(SHADES) * count // maximum)  # 1 … len(SHADES)
    return SHADES[min(level, len(SHADES)) - 1]


def text_colour(count: int, maximum: int) -> str:
    background = shade(count, maximum)
    if background == ZERO_SHADE:
        return ZERO_TEXT
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast(background, text))


def cell_style(count: int, maximum: int) -> str:
    """The cell's colours, its number readable on its background (WCAG AA)."""
    return f"background-color:{shade(count, maximum)};color:{text_colour(count, maximum)}"


def coverage_matrix(key: str, view, rows: Iterable[tuple[object, str, str]], values_of: Callable) -> CoverageMatrix:
    rows = list(rows)
    columns = [(region, view.region(region)) for region in view.vocab.regions]
    counts: dict[tuple[object, str], int] = {}
    for practice in view.practices:
        region = view.vocab.region_of(practice.country)
        for value in values_of(practice):
            counts[(value, region)] = counts.get((value, region), 0) + 1
    row_totals = {code: sum(1 for p in view.practices if code in values_of(p)) for code, _, _ in rows}
    column_totals = {region: sum(1 for p in view.practices if view.vocab.region_of(p.country) == region) for region, _ in columns}
    return CoverageMatrix(key, rows, columns, counts, row_totals, column_totals, max(counts.values(), default=0))
