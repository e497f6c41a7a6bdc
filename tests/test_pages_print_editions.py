"""What a release's downloads list (downloads.json) makes the catalogue's
pages offer: a thematic edition on the catalogue page, a follow-up report on
the page of its city or country, or in its region's section of the
countries page, in the page's language only."""

from __future__ import annotations

import re

from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages.catalogue_pages import CatalogueOptions, catalogue_pages
from generator.pages.print_editions import REPORT, PrintEdition, read_print_editions, write_print_editions
from tests.conftest import PROJECT_DIR

PRACTICES = load_catalogue(PROJECT_DIR / "practices", root=PROJECT_DIR).practices
VOCAB = load_vocabularies()


def report(query: str, slug: str, title: str, lang: str) -> list[PrintEdition]:
    # Listed as the release lists them: one entry per file, CSV first on purpose.
    return [PrintEdition(f"cities-migration-9.9-report-{slug}-{lang}.{suffix}", lang, query, title, REPORT)
            for suffix in ("csv", "pdf", "md")]


FILES = (*report("country=CO", "country-co", "Colombia", "en"), *report("country=CO", "country-co", "Colombia", "es"),
         *report("region=150", "region-150", "Europe", "en"),
         PrintEdition("cities-migration-9.9-theme-housing-en.pdf", "en", "theme=housing", "Housing"))


def offer(page: str) -> list[tuple[str, str, str]]:
    """(address, media type, words) of each link of the page's report paragraph."""
    found = re.findall(r'<p class="catalogue-report">(.*?)</p>', page, re.S)
    return [link for paragraph in found for link in re.findall(r'<a href="([^"]+)" type="([^"]+)">([^<]+)</a>', paragraph)]


def test_a_country_page_offers_its_report_in_its_language_pdf_first_and_the_others_none():
    english = catalogue_pages(PRACTICES, VOCAB, "en", CatalogueOptions(print_editions=FILES))
    assert "Follow-up report (Colombia), for a Voluntary Local Review" in english["catalogue/countries/co.md"]
    # The Markdown is a file to download, not a page ('…-en.md', not '…-en/').
    assert offer(english["catalogue/countries/co.md"]) == [
        ("../../../downloads/cities-migration-9.9-report-country-co-en.pdf", "application/pdf", "PDF"),
        ("../../../downloads/cities-migration-9.9-report-country-co-en.md", "text/markdown", "Markdown"),
        ("../../../downloads/cities-migration-9.9-report-country-co-en.csv", "text/csv", "CSV"),
    ]
    assert offer(english["catalogue/countries/ca.md"]) == []
    assert all(offer(content) == [] for path, content in english.items() if path.startswith("catalogue/cities/"))
    # A language the release made no report in offers none.
    french = catalogue_pages(PRACTICES, VOCAB, "fr", CatalogueOptions(print_editions=FILES))
    assert offer(french["catalogue/countries/co.md"]) == []


def test_a_region_report_is_offered_in_its_section_of_the_countries_page_and_listed_on_the_catalogue_page():
    pages = catalogue_pages(PRACTICES, VOCAB, "en", CatalogueOptions(print_editions=FILES))
    countries = pages["catalogue/countries/index.md"]
    europe = countries[countries.index("{ #region-150 }"):]
    europe = europe[:europe.index("\n## ")]
    assert [words for _, _, words in offer(europe)] == ["PDF", "Markdown", "CSV"]
    assert "Follow-up report (Europe)" in europe and len(offer(countries)) == 3
    catalogue = pages["catalogue/index.md"]
    listed = re.search(r'Follow-up reports, for a Voluntary Local Review.*?</p>', catalogue)[0]
    assert re.findall(r">([^<]+)</a>", listed) == ["Colombia", "Europe"]
    # The editions' line and the filters' offer hold the edition only.
    assert re.findall(r'data-query="([^"]+)"', catalogue) == ["theme=housing"]
    assert re.search(r'Print editions of a selection \(PDF\): <a href="[^"]+">Housing</a></p>', catalogue)


def test_the_list_reads_back_and_an_older_list_without_kinds_is_editions(tmp_path):
    write_print_editions(tmp_path, list(FILES))
    assert read_print_editions(tmp_path, ("fr", "en", "es")) == list(FILES)
    (tmp_path / "downloads.json").write_text('[{"file_name": "a-en.pdf", "lang": "en", "query": "gcm=16", "title": "16"}]')
    assert read_print_editions(tmp_path, ("en",)) == [PrintEdition("a-en.pdf", "en", "gcm=16", "16")]
