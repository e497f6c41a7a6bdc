"""Cite this practice, this text, this catalogue: the references on the pages,
the BibTeX, RIS and CSL-JSON files read back by the readers reference
managers use, and CITATION.cff checked against the format's schema."""

from __future__ import annotations

import datetime
import json
import warnings
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import jsonschema
import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from generator.catalogue.loading import load_catalogue
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.languages import site_languages
from generator.pages import links
from generator.pages.catalogue_pages import CatalogueOptions, catalogue_pages
from generator.pages.citation import citation_cff, practice_files, publication, text_files
from tests.conftest import PROJECT_DIR, parse
from tests.synthetic import synthetic_entry

V = load_vocabularies()
SHIPPED = load_catalogue(PROJECT_DIR / "practices").practices
SITE = "https://example.org/cities/"
CFF_SCHEMA = json.loads((Path(__file__).parent / "data" / "citation-file-format-1.2.0.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages_es():
    return catalogue_pages(SHIPPED, V, "es", CatalogueOptions(site_url=SITE + "es/"))


def bibliography_entry(csl: str) -> str:
    """The CSL-JSON file through a CSL processor (citeproc-py), in the style it ships."""
    items = json.loads(csl)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL fields it does not use
        bibliography = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False),
                                                  CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        return str(bibliography.bibliography()[0])


def test_a_practices_three_citation_files_read_back_in_reference_managers_formats(pages_es):
    practice = next(p for p in SHIPPED if p.text("title", "es")[1] == "es")
    title = practice.text("title", "es")[0]
    url = SITE + f"es/catalogue/practices/{practice.slug}/"
    files = practice_files(practice.slug)

    library = bibtexparser.parse_string(pages_es[files["bib"]])
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0].fields_dict
    assert entry["title"].value == "{" + title + "}"
    assert entry["author"].value == "{Metropolis · CGLU}"
    assert entry["url"].value == url and entry["year"].value == str(practice.last_updated.year)

    (reference,) = rispy.loads(pages_es[files["ris"]])
    assert reference["title"] == title and reference["urls"] == [url]
    assert reference["secondary_title"] == "Catálogo de prácticas municipales sobre migración"
    assert reference["date"] == practice.last_updated.strftime("%Y/%m/%d")

    formatted = bibliography_entry(pages_es[files["json"]])
    assert formatted.startswith(f"Metropolis · CGLU ({practice.last_updated.year}) “{title}”")
    assert url in formatted


def test_an_entry_full_of_tex_and_ris_syntax_still_reads_back_whole():
    data = synthetic_entry(1)
    data["title"] = {"fr": "50 % & plus_{de} #1 \\ ~^ } {", "en": "A title\nwith ER  - in it"}
    practice = Practice.from_data(data, Path("x.yml"))
    pages = catalogue_pages([practice], V, "fr", CatalogueOptions(site_url=SITE))
    files = practice_files(practice.slug)
    library = bibtexparser.parse_string(pages[files["bib"]])
    assert not library.failed_blocks and len(library.entries) == 1
    # The title's braces and backslash did not swallow the fields after it.
    assert library.entries[0].fields_dict["howpublished"].value == "Catalogue des pratiques municipales sur les migrations"
    english = catalogue_pages([practice], V, "en", CatalogueOptions(site_url=SITE + "en/"))
    (reference,) = rispy.loads(english[files["ris"]])
    assert reference["title"] == "A title with ER - in it" and reference["urls"]


@pytest.mark.catalogue  # holds for any valid catalogue
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_each_practice_page_says_how_to_cite_it_in_its_language(built_site, lang):
    words = {"fr": ("Citer cette pratique", "Dernière mise à jour le"), "en": ("Cite this practice", "Last updated on"),
             "es": ("Citar esta práctica", "Última actualización el")}[lang]
    root = built_site.site_dir / ("" if lang == "fr" else lang)
    for practice in SHIPPED:
        address = f"catalogue/practices/{practice.slug}/"
        html = parse(root / address / "index.html")
        heading = html.find(id="cite")
        assert heading.get_text(strip=True).startswith(words[0])
        reference = heading.find_next("p", class_="catalogue-reference")
        assert reference.cite.get_text() == practice.text("title", lang)[0]
        assert words[1] in reference.get_text()
        downloads = {a.get_text(): urljoin(address, a["href"]) for a in reference.find_next("p").find_all("a")}
        assert downloads == {"BibTeX": f"catalogue/practices/{practice.slug}.bib", "RIS": f"catalogue/practices/{practice.slug}.ris",
                             "CSL-JSON": f"catalogue/practices/{practice.slug}.json"}
        for path in downloads.values():
            assert (root / path).is_file()
        assert bibtexparser.parse_string((root / downloads["BibTeX"]).read_text(encoding="utf-8")).entries


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
@pytest.mark.parametrize("page", ["contribution.md", "governance.md"])
def test_the_paper_and_the_governance_text_say_how_to_cite_them(built_site, lang, page):
    root = built_site.site_dir / ("" if lang == "fr" else lang)
    text = publication()["texts"][page]
    html = parse(root / links.published_url(page) / "index.html")
    section = html.find("section", class_="cities-cite")
    reference = section.find("p", class_="catalogue-reference")
    assert reference.get_text().startswith(text["author"][lang] + ". ")
    assert reference.cite.get_text() == text["title"][lang] == html.find("h1").get_text().rstrip("#").strip()
    files = {a.get_text(): urljoin(links.published_url(page), a["href"]) for a in section.find_all("a") if a.get("type")}
    assert sorted(files.values()) == sorted(text_files(page).values())
    (entry,) = bibtexparser.parse_string((root / text_files(page)["bib"]).read_text(encoding="utf-8")).entries
    assert entry.fields_dict["title"].value == "{" + text["title"][lang] + "}"
    assert entry.fields_dict["author"].value == "{" + text["author"][lang] + "}"
    (reference,) = rispy.loads((root / text_files(page)["ris"]).read_text(encoding="utf-8"))
    assert reference["authors"] == [text["author"][lang]]
    assert text["title"][lang] in bibliography_entry((root / text_files(page)["json"]).read_text(encoding="utf-8"))


def test_citation_cff_at_the_root_is_valid_and_written_from_the_publication_data():
    written = (PROJECT_DIR / "CITATION.cff").read_text(encoding="utf-8")
    assert written == citation_cff(), "run .venv/bin/python scripts/write_citation_cff.py"
    document = yaml.safe_load(written)
    jsonschema.Draft7Validator(CFF_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(document)
    assert document["title"] == publication()["catalogue"]["title"]["en"]
    assert document["authors"] == [{"name": publication()["network"]["en"]}]


def test_a_releases_citation_cff_names_its_version_and_date_and_is_valid():
    document = yaml.safe_load(citation_cff("2026.1", datetime.date(2026, 12, 3), SITE))
    validator = jsonschema.Draft7Validator(CFF_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    validator.validate(document)
    assert (document["version"], document["date-released"], document["url"]) == ("2026.1", "2026-12-03", SITE)
    # The schema does catch a mistake: a date that is not one.
    document["date-released"] = "3 December 2026"
    assert list(validator.iter_errors(document))


def test_the_publication_data_has_every_label_in_every_language():
    data = publication()
    labelled = [data["network"], data["catalogue"]["title"]] + [value for text in data["texts"].values() for value in text.values()]
    for labels in labelled:
        assert set(labels) == set(site_languages().codes) and all(labels.values())
