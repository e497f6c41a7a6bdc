"""The catalogue in the real site, built by MkDocs."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.catalogue.loading import load_catalogue
from generator.pages.inert import active_content
from generator.site_build import SiteBuildError, build_site
from tests.conftest import PROJECT_DIR, html_pages, parse
from tests.synthetic import synthetic_entry, write_entry

SHIPPED = load_catalogue(PROJECT_DIR / "practices").practices


def page(site: Path, lang: str, path: str) -> Path:
    return site / ("en/" if lang == "en" else "") / path / "index.html"


@pytest.mark.catalogue  # holds for any valid catalogue
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_entry_has_a_page_with_its_facts(built_site, lang):
    for practice in SHIPPED:
        html = parse(page(built_site.site_dir, lang, f"catalogue/practices/{practice.slug}"))
        assert html.html["lang"] == lang
        assert html.find("h1").get_text(strip=True) == practice.text("title", lang)[0]
        facts = {row.th.get_text(strip=True): row.td for row in html.select("table.catalogue-facts tr")}
        # Eight facts every entry has; one more for each optional list it fills.
        optional = (practice.gcm_principles, practice.sdg_targets, practice.target_groups, practice.partners, practice.networks)
        assert len(facts) == 8 + sum(1 for values in optional if values), practice.slug
        if lang == "en":
            assert {"City", "Country", "Region", "Level of government", "Period", "Themes", "GCM objectives",
                    "Last updated"} <= set(facts), practice.slug
            assert ("SDG targets" in facts) == bool(practice.sdg_targets), practice.slug
        sources = [a["href"] for a in html.select("ol.catalogue-sources > li > a")]
        assert sources == [source.url for source in practice.sources]


@pytest.mark.catalogue  # holds for any valid catalogue
def test_the_language_switch_of_a_practice_leads_to_the_same_practice(built_site):
    slug = SHIPPED[0].slug
    html = parse(page(built_site.site_dir, "fr", f"catalogue/practices/{slug}"))
    english = [a["href"] for a in html.select('a.md-select__link[hreflang="en"]')]
    assert english == [f"../../../en/catalogue/practices/{slug}/"]
    alternates = {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"fr": "../../../catalogue/practices/" + slug + "/",
                          "en": f"../../../en/catalogue/practices/{slug}/",
                          "es": f"../../../es/catalogue/practices/{slug}/",
                          "x-default": "../../../catalogue/practices/" + slug + "/"}


@pytest.mark.catalogue  # holds for any valid catalogue
def test_every_gcm_objective_has_a_page_in_both_languages(built_site):
    for lang in ("fr", "en"):
        for number in range(1, 24):
            assert page(built_site.site_dir, lang, f"catalogue/gcm/objective-{number}").is_file()


@pytest.mark.catalogue  # holds for any valid catalogue
def test_the_catalogue_lists_every_practice_and_its_downloads(built_site):
    html = parse(page(built_site.site_dir, "en", "catalogue"))
    items = html.select("ul.catalogue-list > li.catalogue-item")
    assert len(items) == len(SHIPPED)
    assert {a.get_text() for a in html.select(".catalogue-downloads a")} >= {"JSON", "CSV"}
    for name in ("catalogue.json", "catalogue.csv", "feed.xml"):
        assert (built_site.site_dir / "en" / "catalogue" / name).is_file()
    # Without JavaScript the list is all there and the filters stay hidden.
    assert html.select_one("form.catalogue-filters").has_attr("hidden")


@pytest.mark.catalogue  # holds for any valid catalogue
def test_practices_are_out_of_the_navigation(built_site):
    html = parse(page(built_site.site_dir, "fr", "catalogue"))
    nav_links = [a["href"] for a in html.select("nav.md-nav--primary a")]
    assert not any("/practices/" in href for href in nav_links)
    assert any(href.endswith("map/") for href in nav_links)


def test_hostile_entry_is_inert_in_the_built_pages(project_copy, tmp_path):
    hostile = synthetic_entry(7)
    hostile.update(
        slug="tunis-hostile",
        title={"fr": '<script>alert("t")</script>Titre', "en": "<img src=x onerror=alert(1)>Title"},
        summary={"fr": '"><svg onload=alert(1)>', "en": "A house. [x](https://example.org/){: onmouseover=alert(1) style=position:fixed;inset:0 }"},
        description={"fr": "<iframe src=//evil.example></iframe>\n\n[lien](javascript:alert(1))",
                     "en": "*fine* <b onclick=x>b</b>\n\n[x](https://e.org/){: onclick=alert(1) }"},
        results={"fr": "[a](&#106;avascript:alert(1)) <https://example.org/>", "en": "---\ntitle: x\n---"},
        city={"fr": "Tunis {: onmouseover=alert(1) }", "en": "Tunis [x](javascript:alert(1))"},
        partners=[{"fr": "<a href=javascript:alert(1)>p</a>", "en": "{: onclick=alert(1) }"}],
    )
    write_entry(project_copy / "practices", hostile)
    site = build_site(project_copy, tmp_path / "site").site_dir
    # The form that proposes a practice is made from the schema, not from
    # entries, and acts by design (tests/test_site_propose.py); it holds the
    # entries' slugs only, which the schema keeps to [a-z0-9-].
    for path in html_pages(site / "catalogue") + html_pages(site / "en" / "catalogue"):
        if path.parent.name == "propose":
            assert "tunis-hostile" in path.read_text(encoding="utf-8")
            continue
        content = str(parse(path).select_one("article") or "")
        assert active_content(content) == [], path
    for path in [p for p in html_pages(site) if "tunis-hostile" in str(p) or p.parent.name in ("catalogue", "tunis-tn")]:
        html = parse(path)
        for script in html.find_all("script"):
            if script.get("type") == "application/ld+json":
                # Data that no browser runs (schema.org); it holds the title as
                # JSON, with < and > escaped so that it cannot close the element.
                assert "<" not in script.get_text() and json.loads(script.get_text()), path
                continue
            assert "alert(" not in script.get_text(), path
        for element in html.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")], (path, element)
        assert not html.select('a[href^="javascript"], iframe, img[src="x"]'), path
    practice_page = parse(page(site, "fr", "catalogue/practices/tunis-hostile"))
    assert practice_page.find("h1").get_text() == '<script>alert("t")</script>Titre'
    assert practice_page.title.get_text().startswith('<script>alert("t")</script>Titre')


def test_the_largest_entry_that_check_accepts_builds_in_seconds(project_copy, tmp_path):
    """Nesting is bounded by publish check: an entry at the size limit,
    nested as deep as allowed everywhere, costs the build seconds. (A few
    hundred kilobytes of nested quotes, before the limit, cost it hours.)"""
    block = "> > > > > *a **b** [c](https://example.org/)* d\n>\n"
    entry = synthetic_entry(3)
    entry.update(slug="deep-entry", description={"fr": block * 4200, "en": "- a\n  - b\n    - c\n" * 9000})
    path = write_entry(project_copy / "practices", entry)
    assert path.stat().st_size > 400_000
    assert load_catalogue(project_copy / "practices").practices
    started = time.perf_counter()
    build_site(project_copy, tmp_path / "site")
    # Generous: the build of the shipped site alone takes about 1.5 s here.
    assert time.perf_counter() - started < 60


@pytest.mark.catalogue  # holds for any valid catalogue
def test_a_peer_review_is_marked_and_explained_and_a_submission_is_not(project_copy, tmp_path):
    reviewed = synthetic_entry(5)
    reviewed.update(slug="ghent-reviewed", gcm_objectives=[16, 15, 7], sdg_targets=["16.9", "10.7", "3.8"],
                    review={"status": "peer-reviewed", "date": "2026-10-05", "by": "UCLG secretariat", "checked_sources": [1]})
    write_entry(project_copy / "practices", reviewed)
    site = build_site(project_copy, tmp_path / "site").site_dir
    marks = {"fr": "Relue par les pairs : UCLG secretariat, le 5 octobre 2026",
             "en": "Peer-reviewed by UCLG secretariat on October 5, 2026",
             "es": "Revisada por pares: UCLG secretariat, el 5 de octubre de 2026"}
    for lang, mark in marks.items():
        root = site if lang == "fr" else site / lang
        practice = root / "catalogue/practices/ghent-reviewed/index.html"
        html = parse(practice)
        shown = html.select_one("article p.catalogue-review")
        assert shown.strong.get_text() == mark
        address, _, anchor = shown.a["href"].partition("#")
        target = (practice.parent / address / "index.html").resolve()
        assert target == (root / "catalogue/index.html").resolve() and anchor == "peer-review"
        assert parse(target).find(id="peer-review").name == "h2"
        facts = {row.th.get_text(strip=True): row.td for row in html.select("table.catalogue-facts tr")}
        objectives = facts[{"fr": "Objectifs du PMM", "en": "GCM objectives", "es": "Objetivos del PMM"}[lang]]
        assert [a.get_text().split(".")[0] for a in objectives.find_all("a")] == ["7", "15", "16"]
        targets = facts[{"fr": "Cibles des ODD", "en": "SDG targets", "es": "Metas de los ODS"}[lang]]
        assert [a.get_text() for a in targets.find_all("a")] == ["3.8", "10.7", "16.9"]
        for entry in SHIPPED:
            marked = parse(root / f"catalogue/practices/{entry.slug}/index.html").select(".catalogue-review")
            if entry.review_status in ("submitted", "changes-requested"):  # a submission: no word of review on its page
                assert not marked
            elif entry.review_status == "editor-checked":  # said as such, never as a peer review
                assert marked and mark.split(":")[0].split(" by ")[0] not in marked[0].get_text()


def test_an_invalid_entry_stops_the_build_with_its_located_message(project_copy, tmp_path):
    broken = project_copy / "practices" / "montreal-binam.yml"
    broken.write_text(broken.read_text().replace("country: CA", "country: Canada"))
    with pytest.raises(SiteBuildError) as failure:
        build_site(project_copy, tmp_path / "site")
    message = str(failure.value)
    assert "montreal-binam.yml:" in message and "country: 'Canada' is not a country code" in message
    assert not (tmp_path / "site").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_editing_an_entry_under_serve_changes_the_served_page(project_copy):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--project-dir", str(project_copy), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/catalogue/practices/montreal-binam/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                before = _fetch(url)
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.5)
        assert "Bureau d&#x27;intégration" in before or "Bureau d'intégration" in before
        entry = project_copy / "practices" / "montreal-binam.yml"
        entry.write_text(entry.read_text().replace("Bureau d'intégration des nouveaux arrivants à Montréal (BINAM)", "BINAM, titre modifié"))
        while "BINAM, titre modifié" not in _fetch(url):
            assert time.monotonic() < deadline, "the served page did not change"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_previews_the_language_asked_for(project_copy):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--project-dir", str(project_copy), "--lang", "es",
         "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = _fetch(f"http://127.0.0.1:{port}/catalogue/practices/montreal-binam/")
                break
            except OSError:
                assert time.monotonic() < deadline, "publish serve did not start"
                time.sleep(0.5)
        assert '<html lang="es"' in page
        assert "Oficina de Integración de los Recién Llegados a Montreal (BINAM)" in page
        assert "Ciudades y migraciones" in page
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_rebuild_after_an_edit_shows_the_edit_though_the_rest_comes_from_the_cache(project_copy, tmp_path):
    first = build_site(project_copy, tmp_path / "site")
    assert (project_copy / ".cache" / "plugin" / "cities" / "pages-en.pickle").is_file()
    entry = project_copy / "practices" / "montreal-binam.yml"
    entry.write_text(entry.read_text().replace("Montréal Newcomer Integration Office (BINAM)", "Montréal Office for Newcomers"))
    second = build_site(project_copy, tmp_path / "site")
    practice = parse(page(second.site_dir, "en", "catalogue/practices/montreal-binam"))
    assert practice.find("h1").get_text() == "Montréal Office for Newcomers"
    catalogue = parse(page(second.site_dir, "en", "catalogue"))
    assert "Montréal Office for Newcomers" in catalogue.get_text()
    assert "Newcomer Integration Office" not in catalogue.get_text()
    assert first.pages == second.pages


def test_with_cache_false_a_build_leaves_no_cache(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("    practices_dir: practices\n", "    practices_dir: practices\n    cache: false\n"))
    built = build_site(project_copy, tmp_path / "site")
    assert page(built.site_dir, "en", "catalogue/practices/montreal-binam").is_file()
    assert not (project_copy / ".cache").exists()
