"""schema.org structured data (JSON-LD) on the practice pages, the
catalogue and the texts, held to the vocabulary's own rules."""

from __future__ import annotations

import json

import pytest

from generator.catalogue.loading import load_catalogue
from generator.pages.citation import publication
from generator.site_build import build_site
from tests.conftest import PROJECT_DIR, SITE_ADDRESS, parse
from tests.schema_org import problems
from tests.synthetic import synthetic_entry, write_entry

SHIPPED = load_catalogue(PROJECT_DIR / "practices").practices


def json_ld(path) -> list[dict]:
    html = parse(path)
    return [json.loads(script.string) for script in html.select('script[type="application/ld+json"]')]


def language_root(site_dir, lang):
    return site_dir / ("" if lang == "fr" else lang)


@pytest.mark.catalogue  # holds for any valid catalogue
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_each_practice_page_describes_the_practice_for_search_engines(addressed_site, lang):
    root = language_root(addressed_site.site_dir, lang)
    prefix = SITE_ADDRESS + ("" if lang == "fr" else f"{lang}/")
    for practice in SHIPPED:
        path = root / "catalogue" / "practices" / practice.slug / "index.html"
        (data,) = json_ld(path)
        assert problems(data) == [], practice.slug
        assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
        assert data["name"] == parse(path).find("h1").get_text() == practice.text("title", lang)[0]
        assert data["inLanguage"] == practice.text("title", lang)[1]
        assert data["url"] == prefix + f"catalogue/practices/{practice.slug}/"
        geo = data["spatialCoverage"]["geo"]
        assert (geo["latitude"], geo["longitude"]) == (practice.latitude, practice.longitude)
        assert data["spatialCoverage"]["address"]["addressCountry"] == practice.country
        assert data["dateModified"] == practice.last_updated.isoformat()
        if practice.start is not None:
            assert data["temporalCoverage"].startswith(f"{practice.start}/")
        assert data["isPartOf"] == {"@type": "Dataset", "name": publication()["catalogue"]["title"][lang], "url": prefix + "catalogue/"}
        assert data["isBasedOn"] == [source.url for source in practice.sources]


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_the_catalogue_is_a_dataset_with_its_downloads(addressed_site, lang):
    root = language_root(addressed_site.site_dir, lang)
    (data,) = json_ld(root / "catalogue" / "index.html")
    assert problems(data) == []
    assert data["@type"] == "Dataset" and data["inLanguage"] == lang
    downloads = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}
    prefix = SITE_ADDRESS + ("" if lang == "fr" else f"{lang}/")
    assert downloads == {"application/json": prefix + "catalogue/catalogue.json", "text/csv": prefix + "catalogue/catalogue.csv"}
    for url in downloads.values():
        assert (root / url.removeprefix(prefix)).is_file()


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
@pytest.mark.parametrize("page", ["contribution", "governance"])
def test_the_texts_are_articles_by_their_authors(addressed_site, lang, page):
    path = language_root(addressed_site.site_dir, lang) / page / "index.html"
    (data,) = json_ld(path)
    assert problems(data) == []
    text = publication()["texts"][f"{page}.md"]
    assert data["@type"] == "Article" and data["inLanguage"] == lang
    assert data["name"] == text["title"][lang] and data["author"]["name"] == text["author"][lang]
    assert data["url"] == SITE_ADDRESS + ("" if lang == "fr" else f"{lang}/") + f"{page}/"


def test_without_a_site_address_the_data_names_no_address(built_site):
    (data,) = json_ld(built_site.site_dir / "en" / "catalogue" / "practices" / SHIPPED[0].slug / "index.html")
    assert "url" not in data and "url" not in data["isPartOf"] and problems(data) == []


def test_an_entry_cannot_close_the_script_or_break_the_data(project_copy, tmp_path):
    hostile = synthetic_entry(7)
    title = '</script><script>alert(1)</script> & "quotes" <!--'
    hostile.update(slug="tunis-hostile", title={"fr": title, "en": title})
    write_entry(project_copy / "practices", hostile)
    site = build_site(project_copy, tmp_path / "site").site_dir
    path = site / "catalogue" / "practices" / "tunis-hostile" / "index.html"
    raw = path.read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in raw
    (data,) = json_ld(path)
    assert data["name"] == title
    # One ld+json script in the head, and no other script than the theme's own.
    scripts = parse(path).find_all("script")
    assert not any("alert(1)" in (script.string or "") and script.get("type") != "application/ld+json" for script in scripts)


def test_the_rules_catch_a_wrong_property_and_a_wrong_type():
    assert problems({"@type": "CreativeWork", "name": "x", "latitude": 1.0})  # a Place's property
    assert problems({"@type": "CreativeWork", "spatialCoverage": {"@type": "Person", "name": "x"}})
    assert problems({"@type": "Pratice", "name": "x"})
    assert problems({"@type": "Place", "geo": {"@type": "GeoCoordinates", "latitude": 1.0, "longitude": 2.0}}) == []
