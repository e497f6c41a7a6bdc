"""Search leads to the practices and the two texts: the catalogue's listing
pages stay out of the index, and every result says what kind of page it is."""

from __future__ import annotations

import re

import pytest

from tests.conftest import parse
from tests.test_browser import guarded, search_results  # noqa: F401 (a fixture and a helper)

# The catalogue's pages that list practices (by theme, objective, target,
# country, city; the map, the dashboard, the networks, the open data).
LISTING = re.compile(r"/catalogue/(?!practices/)")
PRACTICE = "/catalogue/practices/"
KINDS = {
    "fr": {"Pratique", "Prise de position", "Texte", "Page"},
    "en": {"Practice", "Position paper", "Text", "Page"},
    "es": {"Práctica", "Documento de posición", "Texto", "Página"},
}
PRACTICE_KIND = {"fr": "Pratique", "en": "Practice", "es": "Práctica"}
SEPARATOR = {"fr": "\u00a0: ", "en": ": ", "es": ": "}


def kind_of(title: str, lang: str) -> str | None:
    kind, sep, _ = title.partition(SEPARATOR[lang])
    return kind if sep and kind in KINDS[lang] else None


def page_results(guarded, url: str) -> list[tuple[str, str]]:
    """The shown results (address, title), without their sections."""
    search_results(guarded, url)
    links = guarded.page.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title .pagefind-ui__result-link")
    return [(link.get_attribute("href"), link.inner_text()) for link in links.all()]


def all_results(guarded, url: str, query: str) -> list[str]:
    """Every result's address, in Pagefind's order, through its JS API."""
    page = guarded.page
    page.goto(url)
    page.wait_for_selector(".pagefind-ui__search-input")
    bundle = page.locator("#cities-search").get_attribute("data-bundle-path")
    return page.evaluate(
        """async ([bundle, query]) => {
            const pagefind = await import(bundle + "pagefind.js");
            const search = await pagefind.search(query);
            const data = await Promise.all(search.results.map((r) => r.data()));
            return data.map((d) => d.url);
        }""",
        [bundle, query],
    )


def test_listing_pages_are_out_of_the_index_and_the_rest_say_their_kind(built_site):
    site = built_site.site_dir
    listings = [
        "catalogue/index.html", "catalogue/themes/index.html", "catalogue/gcm/index.html",
        "catalogue/sdg/index.html", "catalogue/countries/index.html",
        "catalogue/map/index.html", "catalogue/dashboard/index.html",
        "catalogue/networks/index.html", "catalogue/data/index.html",
    ]
    for root in ("", "en/", "es/"):
        for name in listings:
            assert parse(site / root / name).select("[data-pagefind-body]") == [], root + name
        for folder in ("themes", "gcm", "sdg", "countries", "cities"):
            for path in (site / root / "catalogue" / folder).glob("*/index.html"):
                assert parse(path).select("[data-pagefind-body]") == [], path
    expected = {
        "catalogue/practices/lisbon-lisboa-acolhe/index.html": "Practice",
        "contribution/index.html": "Position paper",
        "governance/index.html": "Text",
        "about/index.html": "Page",
    }
    for name, kind in expected.items():
        body = parse(site / "en" / name).select("[data-pagefind-body]")
        assert [element.get("data-pagefind-meta") for element in body] == [f"kind:{kind}"], name
    body = parse(site / "catalogue/practices/lisbon-lisboa-acolhe/index.html").select("[data-pagefind-body]")
    assert body[0]["data-pagefind-meta"] == "kind:Pratique"
    body = parse(site / "es/contribution/index.html").select("[data-pagefind-body]")
    assert body[0]["data-pagefind-meta"] == "kind:Documento de posición"


@pytest.mark.parametrize(
    ("lang", "prefix", "query"),
    [("fr", "", "logement"), ("es", "es/", "vivienda"), ("en", "en/", "housing")],
)
def test_a_topic_leads_first_to_practices_each_shown_with_its_kind(guarded, site_url, lang, prefix, query):
    results = page_results(guarded, f"{site_url}{prefix}search/?q={query}")
    first = results[:5]
    practices = [(href, title) for href, title in first if PRACTICE in href]
    assert len(practices) >= 3, f"{query!r}: fewer than 3 practices in the first five results: {first}"
    for href, title in first:
        assert kind_of(title, lang), f"{query!r}: the result {title!r} ({href}) does not say its kind"
        assert not LISTING.search(href), f"{query!r}: a listing page among the results: {href}"
    for _, title in practices:
        assert kind_of(title, lang) == PRACTICE_KIND[lang], title
    # The kind is said in the title, not again as a tag under the excerpt.
    assert guarded.page.locator(".pagefind-ui__result-tag").count() == 0


@pytest.mark.parametrize(
    ("prefix", "query"),
    [("", "refugies"), ("es/", "refugiados"), ("en/", "refugees")],
)
def test_no_listing_page_among_the_results(guarded, site_url, prefix, query):
    urls = all_results(guarded, f"{site_url}{prefix}search/", query)
    assert len(urls) >= 5, f"{query!r}: too few results: {urls}"
    assert [url for url in urls if LISTING.search(url)] == [], query
    assert sum(PRACTICE in url for url in urls) >= 3, urls
    assert any(url.endswith("/contribution/") for url in urls), urls
