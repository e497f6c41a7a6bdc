"""The catalogue's pages and data files, made by the core without an engine."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.catalogue.loading import load_catalogue
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.catalogue.yaml_source import read_located_yaml
from generator.pages import links
from generator.pages.catalogue_pages import CatalogueOptions, catalogue_pages, sdg_target_key
from generator.pages.cities import identify_cities
from generator.pages.front_matter import split_front_matter
from generator.pages.markup import escape_html
from tests.conftest import PROJECT_DIR
from tests.synthetic import synthetic_entry

pytestmark = pytest.mark.catalogue

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
        for lang, pages in (("fr", pages_fr), ("en", pages_en)):
            title, written_in = entry.text("title", lang)
            assert f'<h1 lang="{written_in}">{escape_html(title)}</h1>' in pages[page]


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
        title, written_in = entry.text("title", "en")
        assert record["title"] == {"text": title, "language": written_in}
        assert record["description"]["text"] == entry.text("description", "en")[0]
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
        assert row["title"] == entry.text("title", "fr")[0]
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
    cities = identify_cities(shipped)
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
            if path.endswith((".json", ".csv", ".bib", ".ris")):
                continue  # data, not markup: their formats escape it; checked below (citations: test_pages_citation)
            if path.endswith(".md"):
                # The front matter's schema.org data holds the title as data, which the
                # theme writes with tojson (test_pages_structured_data builds one); the
                # rest of the front matter and the page are markup.
                meta, body = split_front_matter(content)
                structured = meta.pop("structured_data", None)
                if path == links.practice_page(entry.slug):
                    assert json.loads(structured)["name"] in (entry.title["fr"], entry.title["en"])
                content = yaml.safe_dump(meta) + body
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


def test_endorsing_cities_are_listed_on_the_paper_and_nothing_is_shown_without_one(tmp_path):
    from generator.catalogue.endorsements import EndorsementsError, load_endorsements
    from generator.pages.endorsements import endorsements_section

    assert endorsements_section(load_endorsements(PROJECT_DIR / "content" / "endorsements.yml"), "fr").strip() == ""
    data = tmp_path / "endorsements.yml"
    data.write_text("endorsements:\n  - city: {fr: Gand, en: Ghent}\n    country: BE\n    date: 2026-03-02\n"
                    "    source: https://example.org/ghent\n")
    section = endorsements_section(load_endorsements(data), "en")
    assert "| [Ghent](https://example.org/ghent) | Belgium | March 2, 2026 |" in section
    data.write_text("endorsements:\n  - city: {fr: Gand, en: Ghent}\n    country: XX\n    date: 2026-03-02\n    source: https://e.org/\n")
    with pytest.raises(EndorsementsError, match=r"endorsements.yml:2:5: endorsements\[0\].country: 'XX'"):
        load_endorsements(data)


# Review status, as a reader understands it ----------------------------------

VALID_ENTRY = Path(__file__).parent / "valid_practice.yml"


def entry(**changes) -> Practice:
    """The valid entry (fr, en, es), changed as test_catalogue_review does."""
    base = Practice.from_data(read_located_yaml(VALID_ENTRY).data, Path("practices/lisbon-welcome-house.yml"))
    return dataclasses.replace(base, **changes)


REVIEWED = dict(review_status="peer-reviewed", review_date=datetime.date(2026, 10, 5),
                review_by="UCLG secretariat", review_checked_sources=(1,))
REVIEW_MARKS = {
    "en": "Peer-reviewed by UCLG secretariat on October 5, 2026",
    "fr": "Relue par les pairs : UCLG secretariat, le 5 octobre 2026",
    "es": "Revisada por pares: UCLG secretariat, el 5 de octubre de 2026",
}


def _published_target(page: str, href: str) -> tuple[str, str]:
    """Where a relative link on ``page`` leads: (published address, anchor)."""
    address, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(links.published_url(page), address)) + "/", anchor


@pytest.mark.parametrize("status", ["submitted", "changes-requested"])
def test_a_practice_not_peer_reviewed_says_nothing_of_its_review(status):
    submitted = entry(review_status=status, review_date=datetime.date(2026, 11, 1),
                      review_by=None if status == "submitted" else "UCLG secretariat",
                      review_checked_sources=() if status == "submitted" else (1,))
    for lang, statuses in (("en", ("Submitted", "Changes requested")), ("fr", ("Soumise", "Modifications demandées")),
                           ("es", ("Enviada", "Cambios solicitados"))):
        page = catalogue_pages([submitted], V, lang)[links.practice_page(submitted.slug)]
        assert "catalogue-review" not in page and "#peer-review" not in page
        assert not any(word in page for word in statuses), (lang, status)
        assert REVIEW_MARKS[lang].split(":")[0].split(" by ")[0] not in page


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_peer_reviewed_practice_says_by_whom_and_when_and_links_to_what_it_means(lang):
    reviewed = entry(**REVIEWED)
    pages = catalogue_pages([reviewed], V, lang)
    page = links.practice_page(reviewed.slug)
    mark = re.search(r'<p class="catalogue-review"><strong>(.*?)</strong> \(<a href="([^"]+)">(.*?)</a>\)</p>', pages[page])
    assert mark, pages[page]
    assert mark.group(1) == REVIEW_MARKS[lang]
    # Near the title: before the facts table.
    assert pages[page].index(mark.group(0)) < pages[page].index('<table class="catalogue-facts">')
    address, anchor = _published_target(page, mark.group(2))
    assert (address, anchor) == (links.published_url(links.CATALOGUE), "peer-review")
    catalogue = pages[links.CATALOGUE]
    assert re.search(r"^## .+ \{ #peer-review \}$", catalogue, re.M)
    explanation = catalogue.split("{ #peer-review }")[1]
    assert {"en": "Peer-reviewed so far: 1 of 1.", "fr": "Fiches relues par les pairs à ce jour : 1 sur 1.",
            "es": "Fichas revisadas por pares hasta la fecha: 1 de 1."}[lang] in explanation
    assert {"en": "does not assess the practice", "fr": "n'évalue ni la pratique",
            "es": "no evalúa la práctica"}[lang] in explanation


def test_the_catalogue_explains_peer_review_in_each_language_even_with_nothing_reviewed(shipped):
    for lang, heading, count in (("en", "## Peer review { #peer-review }", "Peer-reviewed so far: 0 of"),
                                 ("fr", "## Relecture par les pairs { #peer-review }", "Fiches relues par les pairs à ce jour : 0 sur"),
                                 ("es", "## Revisión por pares { #peer-review }", "Fichas revisadas por pares hasta la fecha: 0 de")):
        submitted = [dataclasses.replace(practice, review_status="submitted") for practice in shipped]
        catalogue = catalogue_pages(submitted, V, lang)[links.CATALOGUE]
        assert heading in catalogue and count in catalogue


def _fact_row(page: str, label: str) -> str:
    return re.search(rf'<tr><th scope="row">{label}</th><td>(.*?)</td></tr>', page).group(1)


def test_objectives_and_targets_are_shown_in_numeric_order_and_the_main_objective_is_named():
    vocab = dataclasses.replace(V, sdg_targets={**V.sdg_targets, "10.10": {"en": "Target 10.10", "fr": "Cible 10.10", "es": "Meta 10.10"}})
    listed = entry(gcm_objectives=(16, 15, 7), sdg_targets=("16.9", "10.7", "10.10", "3.8"))
    for lang, label, main in (("en", "GCM objectives", "main objective"), ("fr", "Objectifs du PMM", "objectif principal"),
                              ("es", "Objetivos del PMM", "objetivo principal")):
        pages = catalogue_pages([listed], vocab, lang)
        page = pages[links.practice_page(listed.slug)]
        objectives = _fact_row(page, label)
        assert re.findall(r">(\d+)\. ", objectives) == ["7", "15", "16"]
        # The entry's first objective is its main one (the schema): said in words, not by order.
        assert objectives.count(f"({main})") == 1
        assert objectives.split("<br>")[2].endswith(f'<span class="catalogue-facts__note">({main})</span>')
        targets = _fact_row(page, {"en": "SDG targets", "fr": "Cibles des ODD", "es": "Metas de los ODS"}[lang])
        assert re.findall(r">([\d.]+)</a>", targets) == ["3.8", "10.7", "10.10", "16.9"]
        # The filter data follows the page; the open data keeps the entry's order.
        assert 'data-gcm="7 15 16"' in pages[links.CATALOGUE] and 'data-sdg="3.8 10.7 10.10 16.9"' in pages[links.CATALOGUE]
        record = json.loads(pages[links.JSON_DATA])["practices"][0]
        assert [o["number"] for o in record["gcm_objectives"]] == [16, 15, 7]
        assert [t["code"] for t in record["sdg_targets"]] == ["16.9", "10.7", "10.10", "3.8"]


def test_a_single_objective_is_not_called_the_main_one():
    page = catalogue_pages([entry(gcm_objectives=(16,))], V, "en")[links.practice_page("lisbon-welcome-house")]
    assert "main objective" not in page


def test_sdg_targets_sort_by_goal_then_target_with_lettered_targets_last():
    targets = ["17.18", "10.c", "10.10", "3.8", "10.7", "10.9", "16.9", "10.a", "4.4"]
    assert sorted(targets, key=sdg_target_key) == ["3.8", "4.4", "10.7", "10.9", "10.10", "10.a", "10.c", "16.9", "17.18"]
    assert list(V.sdg_targets) == sorted(V.sdg_targets, key=sdg_target_key)


def test_the_catalogue_filters_by_network_as_the_print_editions_select(shipped, pages_en):
    # A network edition (network=eurocities) is offered when its filter is ticked.
    index = pages_en[links.CATALOGUE]
    members = sorted(p.slug for p in shipped if "eurocities" in p.networks)
    assert members
    assert re.search(r'<input type="checkbox" name="network" value="eurocities"> <span>Eurocities</span> '
                     rf'<span class="catalogue-facet__count">{len(members)}</span>', index)
    for slug in members:
        item = re.search(rf'<li class="catalogue-item"[^>]*>\s*<a class="catalogue-item__title" href="[^"]*{slug}/"', index)
        assert item and 'data-network="eurocities"' in item.group(0), slug


@pytest.mark.parametrize(("start", "end", "said"), [
    (None, None, {"en": "ongoing (start year not known)", "fr": "en cours (année de début inconnue)",
                  "es": "en curso (año de inicio desconocido)"}),
    (None, 2022, {"en": "until 2022 (start year not known)", "fr": "jusqu’en 2022 (année de début inconnue)",
                  "es": "hasta 2022 (año de inicio desconocido)"}),
    (2016, None, {"en": "since 2016 (ongoing)"}),
    (2016, 2020, {"en": "2016–2020"}),
])
def test_a_start_year_no_source_gives_is_said_to_be_unknown(start, end, said):
    # CONTRIBUTING asks for null rather than a guess: the page says so, in each language.
    unknown = entry(start=start, end=end)
    for lang, text in said.items():
        page = catalogue_pages([unknown], V, lang)[links.practice_page(unknown.slug)]
        assert text in page, (lang, text)
        assert "None" not in page


@pytest.mark.parametrize(("lang", "mark"), [
    ("en", "Checked against its sources by editorial team on December 1, 2026; not yet peer-reviewed"),
    ("fr", "Vérifiée au regard de ses sources : editorial team, le 1 décembre 2026 ; pas encore relue par les pairs"),
    ("es", "Verificada con sus fuentes: editorial team, el 1 de diciembre de 2026; aún no revisada por pares"),
])
def test_an_editorial_check_is_shown_as_such_never_as_a_peer_review(lang, mark):
    checked = entry(review_status="editor-checked", review_date=datetime.date(2026, 12, 1), review_by="editorial team",
                    review_checked_sources=(1,))
    pages = catalogue_pages([checked], V, lang)
    assert mark in pages[links.practice_page(checked.slug)]
    assert REVIEW_MARKS[lang].split(":")[0].split(" by ")[0] not in pages[links.practice_page(checked.slug)]
