"""The catalogue's pages and data files, made by the core without an engine."""

from __future__ import annotations

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.catalogue.loading import load_catalogue
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages import links
from generator.pages.catalogue_pages import CatalogueOptions, catalogue_pages
from generator.pages.markup import escape_html
from tests.conftest import PROJECT_DIR
from tests.synthetic import synthetic_entry

V = load_vocabularies()
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def shipped() -> list[Practice]:
    return load_catalogue(PROJECT_DIR / "practices").practices


@pytest.fixture(scope="module")
def pages_fr(shipped):
    return catalogue_pages(shipped, V, "fr")


@pytest.fixture(scope="module")
def pages_en(shipped):
    return catalogue_pages(shipped, V, "en")


def practice(**changes) -> Practice:
    data = synthetic_entry(1)
    data.update(changes)
    return Practice.from_data(data, Path(f"{data['slug']}.yml"))


def test_every_practice_has_a_page_in_each_language(shipped, pages_fr, pages_en):
    for entry in shipped:
        page = links.practice_page(entry.slug)
        assert f'<h1 lang="fr">{escape_html(entry.title["fr"])}</h1>' in pages_fr[page]
        assert f'<h1 lang="en">{escape_html(entry.title["en"])}</h1>' in pages_en[page]


def test_all_23_gcm_objectives_have_a_page_and_empty_ones_say_so(shipped, pages_fr):
    for number in range(1, 24):
        assert links.gcm_page(number) in pages_fr
    addressed = {n for p in shipped for n in p.gcm_objectives}
    empty = sorted(set(range(1, 24)) - addressed)
    assert empty, "the shipped catalogue covers every objective; pick a test objective another way"
    assert "Aucune pratique pour le moment." in pages_fr[links.gcm_page(empty[0])]
    assert V.gcm_objectives[empty[0]].title["fr"] in pages_fr[links.gcm_page(empty[0])]


def test_json_round_trips_to_the_entries(shipped, pages_en):
    document = json.loads(pages_en[links.JSON_DATA])
    assert document["language"] == "en" and document["count"] == len(shipped)
    by_slug = {record["slug"]: record for record in document["practices"]}
    for entry in shipped:
        record = by_slug[entry.slug]
        assert record["title"] == {"text": entry.title["en"], "language": "en"}
        assert record["description"]["text"] == entry.description["en"]
        assert record["country"]["code"] == entry.country
        assert (record["coordinates"]["lat"], record["coordinates"]["lon"]) == (entry.latitude, entry.longitude)
        assert [o["number"] for o in record["gcm_objectives"]] == list(entry.gcm_objectives)
        assert [t["code"] for t in record["sdg_targets"]] == list(entry.sdg_targets)
        assert [s["url"] for s in record["sources"]] == [s.url for s in entry.sources]
        assert record["period"] == {"start": entry.start, "end": entry.end}
        assert record["last_updated"] == entry.last_updated.isoformat()


def test_csv_round_trips_to_the_entries(shipped, pages_fr):
    rows = list(csv.DictReader(io.StringIO(pages_fr[links.CSV_DATA])))
    assert len(rows) == len(shipped)
    by_slug = {row["slug"]: row for row in rows}
    for entry in shipped:
        row = by_slug[entry.slug]
        assert row["title"] == entry.title["fr"]
        assert row["country_code"] == entry.country
        assert row["gcm_objectives"].split(" | ") == [str(n) for n in entry.gcm_objectives]
        assert row["sources"].split(" | ") == [s.url for s in entry.sources]
        assert float(row["latitude"]) == entry.latitude
        assert row["end"] == ("" if entry.end is None else str(entry.end))


def test_the_csv_columns_are_documented_in_each_language(pages_fr, pages_en):
    header = next(csv.reader(io.StringIO(pages_fr[links.CSV_DATA])))
    for column in header:
        assert f"| `{column}` |" in pages_fr[links.OPEN_DATA]
        assert f"| `{column}` |" in pages_en[links.OPEN_DATA]
    assert "Colonnes du fichier CSV" in pages_fr[links.OPEN_DATA]


def test_the_feed_is_atom_with_the_latest_entries_first(shipped, pages_en):
    feed = ET.fromstring(pages_en[links.FEED].encode())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(shipped))
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert entry.find(f"{ATOM}title").text
        datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text.replace("Z", "+00:00"))
        assert entry.find(f"{ATOM}link").get("href").startswith("practices/")


def test_map_has_a_title_and_one_point_per_city(shipped, pages_fr):
    page = pages_fr[links.MAP]
    cities = {(p.city["en"], p.country) for p in shipped}
    assert "<title id=\"catalogue-map-title\">" in page
    assert page.count("<circle ") == len(cities)
    assert page.count('<path d="M') > 150  # the countries of the world


def test_dashboard_counts_match_the_data(shipped, pages_en):
    page = pages_en[links.DASHBOARD]
    assert 'aria-labelledby="gcm-heatmap-title"' in page and 'aria-labelledby="sdg-heatmap-title"' in page
    europe_16 = sum(1 for p in shipped if 16 in p.gcm_objectives and V.region_of(p.country) == "150")
    assert f'aria-label="16. Inclusion and social cohesion, Europe: {europe_16}">{europe_16}</a>' in page


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_an_entrys_markdown_reads_as_on_github():
    """Contributors preview their entry on GitHub: the page shows the same
    emphasis, lists, tables and bare links, and drops what GitHub drops."""
    entry = practice(description={
        "fr": "**Gras**, ~~ancien~~ et www.example.org.\n\n| Année | Personnes |\n|---|---|\n| 2024 | 1 200 |\n\n"
              "- un\n- deux\n\n[page interne](accueil.html)\n\n<div>bloc</div>\n",
        "en": "plain",
    })
    page = catalogue_pages([entry], V, "fr")[links.practice_page(entry.slug)]
    text = page.split('<div class="catalogue-text" lang="fr">')[1].split("</div>\n")[0]
    assert "<strong>Gras</strong>" in text and "<del>ancien</del>" in text
    assert '<a href="http://www.example.org" rel="noopener noreferrer nofollow">www.example.org</a>' in text
    assert "<th>Année</th>" in text and "<td>1 200</td>" in text
    assert "<li>un</li>" in text
    assert "accueil.html" not in text and "page interne" in text  # the words stay, the link goes
    assert "bloc" not in text and "<div>" not in text


def test_hostile_text_is_inert_on_every_page_and_file():
    entry = practice(
        title={"fr": HOSTILE, "en": "[click](javascript:alert(1)) " + HOSTILE},
        summary={"fr": "=HYPERLINK(\"http://evil\")", "en": "+1+1"},
        description={"fr": HOSTILE + "\n\n[lien](javascript:alert(1))", "en": "<a href='javascript:x'>y</a>"},
        city={"fr": "@Ville", "en": "-City"},
    )
    for lang in ("fr", "en"):
        pages = catalogue_pages([entry], V, lang)
        for path, content in pages.items():
            if path.endswith((".json", ".csv")):
                continue  # data, not markup: their formats escape it; checked below
            assert "<script>" not in content, path
            assert "<img" not in content, path
            assert 'href="javascript' not in content, path
        rows = list(csv.DictReader(io.StringIO(pages[links.CSV_DATA])))
        assert all(not row[column].startswith(("=", "+", "-", "@")) for row in rows for column in ("title", "summary", "city"))
        assert json.loads(pages[links.JSON_DATA])["practices"][0]["title"]["text"] in (entry.title["fr"], entry.title["en"])
        ET.fromstring(pages[links.FEED].encode())  # still well-formed XML


def test_a_field_in_the_other_language_says_so():
    entry = practice(description={"fr": "Seulement en français."}, results={})
    page = catalogue_pages([entry], V, "en")[links.practice_page(entry.slug)]
    assert "Not yet translated: this text is shown in French." in page
    assert '<div class="catalogue-text" lang="fr">' in page
    assert "## Results" not in page


def test_edit_link_points_at_the_entry_file_when_configured():
    entry = practice()
    options = CatalogueOptions(edit_url="https://forge.example/edit/main/{path}")
    page = catalogue_pages([entry], V, "fr", options)[links.practice_page(entry.slug)]
    assert f'href="https://forge.example/edit/main/practices/{entry.slug}.yml"' in page
    assert "Modifier cette fiche" in page


def test_endorsing_cities_are_listed_on_the_paper_and_their_absence_said(tmp_path):
    from generator.catalogue.endorsements import EndorsementsError, load_endorsements
    from generator.pages.endorsements import endorsements_section

    assert "Aucun soutien d'une ville non membre" in endorsements_section(
        load_endorsements(PROJECT_DIR / "content" / "endorsements.yml"), "fr")
    data = tmp_path / "endorsements.yml"
    data.write_text("endorsements:\n  - city: {fr: Gand, en: Ghent}\n    country: BE\n    date: 2026-03-02\n"
                    "    source: https://example.org/ghent\n")
    section = endorsements_section(load_endorsements(data), "en")
    assert "| [Ghent](https://example.org/ghent) | Belgium | March 2, 2026 |" in section
    data.write_text("endorsements:\n  - city: {fr: Gand, en: Ghent}\n    country: XX\n    date: 2026-03-02\n    source: https://e.org/\n")
    with pytest.raises(EndorsementsError, match=r"endorsements.yml:2:5: endorsements\[0\].country: 'XX'"):
        load_endorsements(data)
