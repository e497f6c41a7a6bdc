"""The coverage dashboard: one accessible HTML table per matrix, a number in
every cell on a colour it can be read on, readable on a 390 px phone."""

from __future__ import annotations

import re

import pytest

from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages import links
from generator.pages.catalogue_pages import catalogue_pages
from generator.pages.charts import SHADES, ZERO_SHADE, CoverageMatrix, contrast
from tests.conftest import PROJECT_DIR, parse

pytestmark = pytest.mark.catalogue

V = load_vocabularies()

LANGS = {"fr": "", "en": "en/", "es": "es/"}
OLD_WORDING = ["An empty cell", "Une case vide", "Una celda vacía"]
INTRO_ZERO = {
    "fr": "une case à 0 est un manque",
    "en": "a cell showing 0 is a gap",
    "es": "una celda con 0 es un vacío",
}


@pytest.fixture(scope="module")
def shipped():
    return load_catalogue(PROJECT_DIR / "practices").practices


def dashboard(built_site, lang):
    return parse(built_site.site_dir / LANGS[lang] / "catalogue" / "dashboard" / "index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_one_table_per_matrix_with_headers_and_a_caption(built_site, lang):
    soup = dashboard(built_site, lang)
    article = soup.select_one("article")
    assert article.find("svg") is None, "the grid is a table now, not a picture"
    tables = article.select("table.catalogue-coverage:not(.catalogue-progress)")
    assert [t.caption["id"] for t in tables] == ["gcm-heatmap-title", "sdg-heatmap-title"]
    for table in tables:
        assert table.caption and table.caption.get_text(strip=True)
        heads = table.select("thead th")
        assert heads and all(th["scope"] == "col" for th in heads)
        assert len(heads) == len(V.regions) + 2  # the row header's column, the regions, the total
        rows = table.select("tbody tr")
        assert rows
        for row in rows:
            assert row.th["scope"] == "row" and row.th.get_text(strip=True)
            assert len(row.find_all("td")) == len(V.regions) + 1
        # The box that scrolls sideways, if it has to, is reachable and named.
        box = table.parent
        assert "catalogue-coverage-scroll" in box["class"]
        assert box["tabindex"] == "0" and box["role"] == "region"
        assert box["aria-labelledby"] == table.caption["id"]
    assert len(tables[0].select("tbody tr")) == 23  # every GCM objective


@pytest.mark.parametrize("lang", LANGS)
def test_every_cell_shows_its_count_and_the_intro_says_what_0_means(built_site, lang):
    soup = dashboard(built_site, lang)
    intro = soup.select_one("article").get_text(" ")
    assert INTRO_ZERO[lang] in intro
    assert not any(old in intro for old in OLD_WORDING), "cells show 0, not an empty cell"
    zeros = 0
    for table in soup.select("table.catalogue-coverage:not(.catalogue-progress)"):
        for row in table.select("tbody tr"):
            cells = [td.get_text(strip=True) for td in row.find_all("td")]
            assert all(re.fullmatch(r"\d+", text) for text in cells), cells
            *regions, total = map(int, cells)
            assert sum(regions) == total  # a practice is in one region
            zeros += regions.count(0)
            for td in row.find_all("td")[:-1]:
                if td.get_text(strip=True) != "0":
                    assert td.a and td.a["href"].startswith("../?")
    assert zeros, "the shipped catalogue has gaps, shown as 0"


@pytest.mark.parametrize("lang", LANGS)
def test_the_years_tables_count_in_every_cell_and_unconfirmed_among_this_years(built_site, lang):
    tables = dashboard(built_site, lang).select("table.catalogue-progress")
    assert [t.caption["id"] for t in tables] == ["gcm-progress-title", "sdg-progress-title", "region-progress-title"]
    for table in tables:
        years = [th.get_text(strip=True) for th in table.select("thead th")][1:-1]
        assert years == [str(year) for year in range(int(years[-1]) - len(years) + 1, int(years[-1]) + 1)]
        assert table.parent["role"] == "region" and table.parent["aria-labelledby"] == table.caption["id"]
        for row in table.select("tbody tr"):
            assert row.th["scope"] == "row" and row.th.get_text(strip=True)
            *by_year, unconfirmed = [int(td.get_text(strip=True)) for td in row.find_all("td")]
            assert len(by_year) == len(years) and unconfirmed <= by_year[-1]


def test_counts_match_the_data(shipped):
    page = catalogue_pages(shipped, V, "en")[links.DASHBOARD]
    europe_16 = sum(1 for p in shipped if 16 in p.gcm_objectives and V.region_of(p.country) == "150")
    assert europe_16
    assert f'aria-label="16. Inclusion and social cohesion, Europe: {europe_16}">{europe_16}</a>' in page


def test_every_colour_keeps_the_number_readable():
    """WCAG AA (4.5:1) between each cell's number and its background, at every count."""
    for maximum in (1, 2, 3, 7, 9, 40):
        matrix = CoverageMatrix("gcm", [], [], {}, {}, {}, maximum)
        for count in range(0, maximum + 1):
            assert contrast(matrix.shade(count), matrix.text_colour(count)) >= 4.5, (maximum, count)
        assert matrix.shade(0) == ZERO_SHADE
        assert matrix.shade(maximum) == SHADES[-1]
        shades = [matrix.shade(count) for count in range(1, maximum + 1)]
        assert [SHADES.index(s) for s in shades] == sorted(SHADES.index(s) for s in shades)  # darker for more


# In Chromium: the page as a phone shows it.

FONT_SIZES = """() => {
  const small = [];
  for (const el of document.querySelectorAll('article *')) {
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (text && size < 12) small.push(`${el.tagName} ${size}px: ${text.slice(0, 30)}`);
  }
  return small;
}"""

ROW_HEADERS = """() => [...document.querySelectorAll('.catalogue-coverage tbody th')].map(th => {
  const style = getComputedStyle(th), link = th.querySelector('a');
  const linkStyle = link ? getComputedStyle(link) : style;
  // The widest word, measured in the header's own font.
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const widest = Math.max(...th.textContent.trim().split(/\\s+/).map(w => canvas.measureText(w).width));
  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  return {
    text: th.textContent.trim(),
    wrap: [style.overflowWrap, style.wordBreak, style.hyphens, linkStyle.overflowWrap, linkStyle.wordBreak, linkStyle.hyphens],
    room: th.clientWidth - padding, widest,
  };
})"""

CAPTIONS = """() => [...document.querySelectorAll('.catalogue-coverage caption')].map(c => {
  const r = c.getBoundingClientRect();
  return {left: r.left, right: r.right, scrollWidth: c.scrollWidth, clientWidth: c.clientWidth};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [320, 390, 1366])
def test_the_dashboard_reads_on_a_phone_and_a_desk(browser, site_url, lang, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + LANGS[lang] + "catalogue/dashboard/")
        # The two coverage tables, and the three of the practices running each year.
        assert page.locator("table.catalogue-coverage").count() == 5
        assert page.evaluate(FONT_SIZES) == [], "text under 12 px"
        # The page never scrolls sideways; only a table's own box could.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for header in page.evaluate(ROW_HEADERS):
            assert header["wrap"] == ["normal", "normal", "manual"] * 2, header
            assert header["widest"] <= header["room"] + 0.5, f"a word is cut: {header}"
        for caption in page.evaluate(CAPTIONS):
            assert caption["left"] >= 0 and caption["right"] <= width, caption
            assert caption["scrollWidth"] <= caption["clientWidth"], caption
        # The scrolling box, if it scrolls, is reached by the keyboard.
        box = page.locator(".catalogue-coverage-scroll").first
        box.focus()
        assert page.evaluate("document.activeElement.classList.contains('catalogue-coverage-scroll')")
    finally:
        context.close()
