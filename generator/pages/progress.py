"""Progress over time: the practices running in each year, from their
periods, per GCM objective, SDG target and world region (the dashboard),
and per city (its timeline).

A practice runs from its start year to its end year, or to this year while
it goes on. A start year that no source gives is not guessed: such a
practice counts only in the years it is known to run (its end year, or this
year). A practice said to be running that no source confirmed in the past
year is counted, and shown as "running, unconfirmed" (the rule of
``publish review``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.catalogue.model import Practice
from generator.catalogue.review import running_unconfirmed
from generator.pages.charts import cell_style

# The years a dashboard table shows, up to this year: a phone scrolls a
# dozen columns; earlier years are in the entries' periods.
YEARS_SHOWN = 12


def years_running(practice: Practice, this_year: int) -> range:
    """The years ``practice`` is known to run."""
    last = practice.end if practice.end is not None else this_year
    first = practice.start if practice.start is not None else last
    return range(first, last + 1)


@dataclass
class ProgressTable:
    """One table of the dashboard: a row per objective (or target, or
    region), a column per year, and this year's unconfirmed practices."""

    key: str
    rows: list[tuple[object, str, str | None]]  # code, label, address of its page
    years: list[int]
    counts: dict[tuple[str, int], int] = field(default_factory=dict)
    unconfirmed: dict[str, int] = field(default_factory=dict)

    def count(self, code: object, year: int) -> int:
        return self.counts.get((str(code), year), 0)

    def unconfirmed_count(self, code: object) -> int:
        return self.unconfirmed.get(str(code), 0)

    def cell_style(self, count: int) -> str:
        return cell_style(count, max(self.counts.values(), default=0))


def _table(key: str, rows: list[tuple[object, str, str | None]], practices: Iterable[Practice],
           codes_of: Callable[[Practice], Iterable[str]], today: datetime.date) -> ProgressTable:
    years = list(range(today.year - YEARS_SHOWN + 1, today.year + 1))
    table = ProgressTable(key, rows, years)
    shown = set(years)
    for practice in practices:
        codes = {str(code) for code in codes_of(practice)}
        running = [year for year in years_running(practice, today.year) if year in shown]
        for code in codes:
            for year in running:
                table.counts[code, year] = table.counts.get((code, year), 0) + 1
            if running_unconfirmed(practice, today):
                table.unconfirmed[code] = table.unconfirmed.get(code, 0) + 1
    return table


def progress_tables(view: Any, gcm: Any, sdg: Any) -> list[ProgressTable]:
    """The dashboard's tables for ``view`` (a CatalogueView), with the rows
    of its coverage tables ``gcm`` and ``sdg`` (objectives and targets, in
    their order, with their pages) and their columns as rows of the third:
    by GCM objective, by SDG target, by world region."""
    vocab, today = view.vocab, view.options.today
    return [
        _table("gcm", list(gcm.rows), view.practices, lambda p: p.gcm_objectives, today),
        _table("sdg", list(sdg.rows), view.practices, lambda p: p.sdg_targets, today),
        _table("region", [(code, name, None) for code, name in gcm.columns], view.practices,
               lambda p: [vocab.region_of(p.country)], today),
    ]


@dataclass(frozen=True)
class TimelineRow:
    """A practice on its city's timeline: where its bar starts and how long
    it is, in percent of the city's years."""

    practice: Practice
    left: float
    width: float
    start_known: bool
    unconfirmed: bool


def city_timeline(practices: Iterable[Practice], today: datetime.date) -> tuple[list[TimelineRow], int, int]:
    """A city's practices in the order they started (unknown starts last),
    with their bars over the city's years, and the first and last year."""
    practices = list(practices)
    spans = {practice.slug: years_running(practice, today.year) for practice in practices}
    first = min((span.start for span in spans.values()), default=today.year)
    last = max((span.stop - 1 for span in spans.values()), default=today.year)
    total = last - first + 1
    ordered = sorted(practices, key=lambda p: (p.start is None, p.start or 0, p.end or today.year, p.slug))
    rows = []
    for practice in ordered:
        span = spans[practice.slug]
        rows.append(TimelineRow(practice, round(100 * (span.start - first) / total, 2), round(100 * len(span) / total, 2),
                                practice.start is not None, running_unconfirmed(practice, today)))
    return rows, first, last
