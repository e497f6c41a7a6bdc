"""Progress over time (generator/pages/progress.py): the practices running
each year on the dashboard, and each city's timeline."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from generator.catalogue.model import Practice, Source
from generator.catalogue.vocabularies import load_vocabularies
from generator.catalogue.yaml_source import read_located_yaml
from generator.pages import links
from generator.pages.catalogue_pages import CatalogueOptions, catalogue_pages
from generator.pages.progress import city_timeline, years_running

V = load_vocabularies()
VALID_ENTRY = Path(__file__).parent / "valid_practice.yml"
TODAY = datetime.date(2026, 12, 3)
CONFIRMED = (Source("Ville de Lisbonne", "https://www.lisboa.pt/", None, TODAY - datetime.timedelta(days=20)),)
UNCHECKED = (Source("Ville de Lisbonne", "https://www.lisboa.pt/", None, None),)


def practice(slug: str, start: int | None, end: int | None, sources=CONFIRMED, gcm=(16,)) -> Practice:
    base = Practice.from_data(read_located_yaml(VALID_ENTRY).data, Path(f"practices/{slug}.yml"))
    return dataclasses.replace(base, slug=slug, start=start, end=end, sources=sources, gcm_objectives=gcm)


ENDED = practice("lisbon-ended", 2016, 2020)
RUNNING = practice("lisbon-running", 2022, None)
UNCONFIRMED = practice("lisbon-unconfirmed", 2019, None, sources=UNCHECKED)
START_UNKNOWN = practice("lisbon-start-unknown", None, 2021)


def test_a_practice_runs_from_its_start_to_its_end_or_this_year():
    assert list(years_running(ENDED, 2026)) == [2016, 2017, 2018, 2019, 2020]
    assert list(years_running(RUNNING, 2026)) == [2022, 2023, 2024, 2025, 2026]
    # A start year no source gives is not guessed: only the year it is known to run.
    assert list(years_running(START_UNKNOWN, 2026)) == [2021]


def dashboard(lang: str = "en") -> str:
    pages = catalogue_pages([ENDED, RUNNING, UNCONFIRMED, START_UNKNOWN], V, lang, CatalogueOptions(today=TODAY))
    return pages[links.DASHBOARD]


def row(html: str, table: str, label: str) -> list[str]:
    """The cells of the row headed ``label`` in the table captioned ``table``."""
    body = html[html.index(f">{table}</caption>"):]
    body = body[: body.index("</table>")]
    line = next(line for line in body.splitlines() if f">{label}</a></th>" in line or f">{label}</th>" in line)
    return [cell.split(">", 1)[1].split("<", 1)[0] for cell in line.split("<td")[1:]]


def test_the_dashboard_counts_the_practices_running_each_year_and_the_unconfirmed_ones():
    cells = row(dashboard(), "Practices running each year, by GCM objective", "16. Inclusion and social cohesion")
    years = list(range(2015, 2027))
    by_year = dict(zip(years, map(int, cells[:-1])))
    assert by_year == {2015: 0, 2016: 1, 2017: 1, 2018: 1, 2019: 2, 2020: 2, 2021: 2, 2022: 2, 2023: 2, 2024: 2,
                       2025: 2, 2026: 2}
    assert cells[-1] == "1"  # running, unconfirmed: lisbon-unconfirmed
    region = row(dashboard(), "Practices running each year, by world region", "Europe")
    assert region == cells


@pytest.mark.parametrize(("lang", "title"), [("fr", "Pratiques en cours, année par année"),
                                             ("es", "Prácticas en curso, año por año")])
def test_the_year_tables_speak_the_pages_language(lang, title):
    assert f"## {title} {{ #progress }}" in dashboard(lang)


def test_a_citys_timeline_orders_its_practices_and_marks_what_is_unconfirmed():
    rows, first, last = city_timeline([UNCONFIRMED, START_UNKNOWN, RUNNING, ENDED], TODAY)
    assert (first, last) == (2016, 2026)
    assert [r.practice.slug for r in rows] == ["lisbon-ended", "lisbon-unconfirmed", "lisbon-running", "lisbon-start-unknown"]
    assert [r.unconfirmed for r in rows] == [False, True, False, False]
    assert [(r.left, r.width) for r in rows][0] == (0.0, round(100 * 5 / 11, 2))  # 2016-2020 of 2016-2026
    assert not rows[-1].start_known

    pages = catalogue_pages([ENDED, UNCONFIRMED, START_UNKNOWN], V, "fr", CatalogueOptions(today=TODAY))
    city = next(page for path, page in pages.items() if path.startswith("catalogue/cities/lisbon"))
    assert "## Chronologie { #timeline }" in city
    assert "depuis 2019 (en cours)" in city and "en cours, non confirmée" in city
    assert "jusqu’en 2021 (année de début inconnue)" in city


def test_a_practice_page_says_when_no_source_confirmed_it_runs():
    # The page is cached without the day, but with whether it is still confirmed.
    for running, said in ((UNCONFIRMED, True), (RUNNING, False), (ENDED, False)):
        page = catalogue_pages([running], V, "en", CatalogueOptions(today=TODAY))[links.practice_page(running.slug)]
        assert ("(running, unconfirmed)" in page) is said, running.slug
