"""Coverage of the catalogue: how many practices address each objective (or
target) in each world region, drawn at build time as an accessible SVG."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

CELL_WIDTH, CELL_HEIGHT = 86, 26
LABEL_WIDTH = 330
HEADER_HEIGHT = 34


@dataclass
class CoverageMatrix:
    key: str  # the catalogue filter the rows are ("gcm", "sdg")
    rows: list[tuple[object, str, str]]  # (code, label, address of the row's page)
    columns: list[tuple[str, str]]  # (region code, region name)
    counts: dict[tuple[object, str], int]
    row_totals: dict[object, int]
    column_totals: dict[str, int]
    maximum: int

    label_width = LABEL_WIDTH
    cell_width = CELL_WIDTH
    cell_height = CELL_HEIGHT
    header_height = HEADER_HEIGHT

    def column_x(self, index: int) -> int:
        """Left edge of column ``index`` (the total is the last column)."""
        return LABEL_WIDTH + CELL_WIDTH * index

    def row_y(self, index: int) -> int:
        return HEADER_HEIGHT + CELL_HEIGHT * index

    @property
    def width(self) -> int:
        return LABEL_WIDTH + CELL_WIDTH * (len(self.columns) + 1)

    @property
    def height(self) -> int:
        return HEADER_HEIGHT + CELL_HEIGHT * len(self.rows)

    def shade(self, count: int) -> str:
        """A fill from white to the site's dark blue; text stays readable (see text_colour)."""
        if count == 0 or self.maximum == 0:
            return "#f4f6f8"
        strength = 0.18 + 0.82 * count / self.maximum
        low, high = (232, 240, 246), (11, 79, 108)
        r, g, b = (round(l + (h - l) * strength) for l, h in zip(low, high))
        return f"#{r:02x}{g:02x}{b:02x}"

    def text_colour(self, count: int) -> str:
        return "#ffffff" if self.maximum and count / self.maximum > 0.45 else "#1a1a1a"


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
