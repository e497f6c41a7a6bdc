"""Pages a reader meets at the edges of the site: the page not found in each
language, and the paper's list of endorsing cities (absent while empty)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.i18n import translations
from generator.site_build import build_site
from tests.conftest import parse

LANGUAGES = ["fr", "en", "es"]
# Addresses a 404 page may be served at: its links must mean the same at each.
MISSING_ADDRESSES = ["/nulle/part/", "/en/catalogue/practices/no-such-practice/", "/es/x.html", "/deep/a/b/c/d"]


def language_dir(site_dir: Path, lang: str) -> Path:
    return site_dir if lang == "fr" else site_dir / lang


def root_of(lang: str, prefix: str = "/") -> str:
    """The address of a language's home from the server's root."""
    return prefix if lang == "fr" else f"{prefix}{lang}/"


def served_file(site_dir: Path, address: str, prefix: str = "/") -> Path:
    """The file a static server (site_dir published at prefix) answers with."""
    path = unquote(urlsplit(address).path)
    assert path.startswith(prefix), f"{address} is outside the site ({prefix})"
    target = site_dir / path[len(prefix):]
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def _(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def not_found_links(site_dir: Path, lang: str) -> list[str]:
    page = parse(language_dir(site_dir, lang) / "404.html")
    links = [a["href"] for a in page.find_all("a", href=True)]
    links += [f["action"] for f in page.find_all("form", action=True)]
    links += [link["href"] for link in page.find_all("link", href=True)]
    links += [script["src"] for script in page.find_all("script", src=True)]
    return links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_not_found_speaks_its_language(built_site, lang):
    page = parse(language_dir(built_site.site_dir, lang) / "404.html")
    assert page.html["lang"] == lang
    heading = page.select_one("article h1").get_text(strip=True)
    assert heading == _(lang, "Page not found")
    if lang != "en":
        assert heading != "Page not found", f"'Page not found' is not translated into {lang}"
    assert page.title.get_text(strip=True).startswith(heading)
    sentence = _(lang, "There is no page at this address on the site: it may have moved, or the address may be mistyped. "
                       "Search the site, or start again from one of the pages below.")
    assert page.select_one("article p").get_text(strip=True) == sentence
    assert "404 - Not found" not in page.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_not_found_searches_its_language_and_leads_home_and_to_the_catalogue(built_site, lang):
    site_dir = built_site.site_dir
    page = parse(language_dir(site_dir, lang) / "404.html")
    article = page.select_one("article")

    form = article.select_one('form[role="search"]')
    assert form["action"] == root_of(lang) + "search/" and form.get("method", "get").lower() == "get"
    field = form.select_one('input[name="q"]')
    assert form.select_one(f'label[for="{field["id"]}"]').get_text(strip=True) == _(lang, "Search the site")
    search_page = parse(served_file(site_dir, form["action"]))
    assert search_page.html["lang"] == lang and search_page.select_one("#cities-search") is not None

    links = {a.get_text(strip=True): a["href"] for a in article.select("a[href]")}
    home = links[_(lang, "Home page")]
    catalogue = links[_(lang, "Catalogue of practices")]
    assert served_file(site_dir, home) == language_dir(site_dir, lang) / "index.html"
    assert served_file(site_dir, catalogue) == language_dir(site_dir, lang) / "catalogue" / "index.html"
    assert parse(served_file(site_dir, catalogue)).html["lang"] == lang

    # The site's navigation, as on every other page, in the same language.
    nav = [a["href"] for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert len(nav) >= 5 and catalogue in nav
    for href in nav:
        assert parse(served_file(site_dir, href)).html["lang"] == lang, href
    # The header's search box goes to the same search page.
    assert page.select_one("header form.cities-search")["action"] == form["action"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_not_found_links_resolve_at_any_address(built_site, lang):
    site_dir = built_site.site_dir
    links = not_found_links(site_dir, lang)
    assert links
    for href in links:
        assert href.startswith("/") and not href.startswith("//"), f"{lang}/404.html: {href} depends on the address"
        target = served_file(site_dir, href)
        assert target.is_file(), f"{lang}/404.html: {href} -> missing {target}"
        for address in MISSING_ADDRESSES:
            served = served_file(site_dir, urlsplit(urljoin(f"http://localhost{address}", href)).path)
            assert served.resolve() == target.resolve(), f"{lang}/404.html at {address}: {href}"


def test_the_page_not_found_links_stay_inside_a_site_published_under_a_path(project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/cities/")
    site_dir = build_site(project_copy, tmp_path / "site").site_dir
    for lang in LANGUAGES:
        page = parse(language_dir(site_dir, lang) / "404.html")
        assert page.select_one('article form[role="search"]')["action"] == root_of(lang, "/cities/") + "search/"
        for href in not_found_links(site_dir, lang):
            target = served_file(site_dir, href, prefix="/cities/")
            assert target.is_file(), f"{lang}/404.html: {href} -> missing {target}"


def paper(site_dir: Path, lang: str):
    return parse(language_dir(site_dir, lang) / "contribution" / "index.html")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_paper_has_no_endorsements_section_while_no_city_endorses_it(built_site, lang):
    page = paper(built_site.site_dir, lang)
    assert page.find(id="endorsements") is None
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    assert not any(_(lang, "Cities that endorse this contribution") in heading for heading in headings)
    assert _(lang, "No endorsement by a non-member city has been recorded yet.")[:30] not in page.get_text()
    assert page.select_one('nav.md-nav--secondary a[href="#endorsements"]') is None


def test_the_paper_lists_the_endorsing_cities_once_there_is_one(project_copy, tmp_path):
    (project_copy / "content" / "endorsements.yml").write_text(
        "endorsements:\n"
        "  - city: {fr: Gand, en: Ghent, es: Gante}\n"
        "    country: BE\n"
        "    date: 2026-03-02\n"
        "    source: https://example.org/ghent\n",
        encoding="utf-8",
    )
    site_dir = build_site(project_copy, tmp_path / "site").site_dir
    for lang, city in [("fr", "Gand"), ("en", "Ghent"), ("es", "Gante")]:
        page = paper(site_dir, lang)
        heading = page.select_one("article h2#endorsements")
        assert heading is not None, lang
        assert _(lang, "Cities that endorse this contribution") in heading.get_text()
        link = page.select_one('article table a[href="https://example.org/ghent"]')
        assert link is not None and link.get_text(strip=True) == city


def test_french_pages_put_a_space_before_a_colon_in_the_sites_own_words(built_site):
    """French typography: « Thème : Logement », not « Thème: Logement ». The
    site's own labels carry their colon in their translation; the texts,
    entries and addresses are what their authors wrote."""
    import re

    glued = re.compile(r"[A-Za-zÀ-ÿ)]:(?=\s)")
    found = []
    for path in sorted(built_site.site_dir.glob("catalogue/**/index.html")):
        if "practices" in path.parts and path.parent.name != "practices":
            continue  # a practice's page quotes its entry
        article = parse(path).select_one("article")
        for text in article.find_all(string=True) if article else ():
            if text.parent.name not in ("code", "pre", "script", "style") and glued.search(text):
                found.append(f"{path.relative_to(built_site.site_dir)}: {text.strip()[:80]!r}")
    assert found == [], "\n".join(found[:20])
