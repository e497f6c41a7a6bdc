"""The whole multilingual site, built for real by the engine into temporary folders."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from generator.site_build import SiteBuildError, build_site, clear_stale_scratch
from tests.conftest import SOURCE_TEXTS, html_pages, parse

PAGES = ["", "contribution/", "governance/", "about/"]
PAPERS = {
    "contribution/": "metropolis-contribution-pactes-mondiaux.fr.txt",
    "governance/": "cglu-gouvernance-migration.fr.txt",
}


def page_file(site_dir: Path, lang: str, url: str) -> Path:
    return site_dir / ("" if lang == "fr" else lang) / url / "index.html"


def article(path: Path):
    """The page's article as a reader reads it: no permalinks, footnote
    numbers or back-links."""
    body = parse(path).select_one("article.md-content__inner")
    for noise in body.select("a.headerlink, sup, a.footnote-backref"):
        noise.decompose()
    return body


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


BLOCKS = ["h1", "h2", "h3", "h4", "p", "li", "dt", "dd"]


def text_blocks(path: Path, tags: list[str] = BLOCKS) -> list[str]:
    return [normalise(element.get_text("")) for element in article(path).find_all(tags)]


def test_french_is_at_the_root_and_each_other_language_in_its_folder(built_site):
    assert built_site.languages == ("fr", "en", "es")
    for url in PAGES:
        for lang in built_site.languages:
            assert parse(page_file(built_site.site_dir, lang, url)).html["lang"] == lang


@pytest.mark.parametrize("url", PAGES)
def test_language_switch_leads_to_the_same_page_in_the_other_language(built_site, url):
    for lang, other in itertools.permutations(built_site.languages, 2):
        path = page_file(built_site.site_dir, lang, url)
        links = {a["hreflang"]: a["href"] for a in parse(path).select("a.md-select__link")}
        target = urljoin(path.parent.as_uri() + "/", links[other])
        assert Path(urlparse(target).path) / "index.html" == page_file(built_site.site_dir, other, url)


@pytest.mark.parametrize("url", PAGES)
def test_pages_declare_their_translations_with_hreflang(built_site, url):
    path = page_file(built_site.site_dir, "en", url)
    alternates = {link["hreflang"]: link["href"] for link in parse(path).select('link[rel="alternate"][hreflang]')}
    assert set(alternates) == {"fr", "en", "es", "x-default"}
    resolved = urlparse(urljoin(path.parent.as_uri() + "/", alternates["fr"])).path
    assert Path(resolved) / "index.html" == page_file(built_site.site_dir, "fr", url)


def test_theme_interface_speaks_the_page_language(built_site):
    fr = parse(page_file(built_site.site_dir, "fr", "contribution/"))
    en = parse(page_file(built_site.site_dir, "en", "contribution/"))
    es = parse(page_file(built_site.site_dir, "es", "contribution/"))
    assert fr.select_one("a.md-skip").get_text(strip=True) == "Aller au contenu"
    assert en.select_one("a.md-skip").get_text(strip=True) == "Skip to content"
    assert es.select_one("a.md-skip").get_text(strip=True) == "Saltar a contenido"
    assert fr.select_one("#cities-search-query")["placeholder"] == "Rechercher"
    assert en.select_one("#cities-search-query")["placeholder"] == "Search"
    assert es.select_one("#cities-search-query")["placeholder"] == "Búsqueda"
    # The site's own name and footer come from our catalogues, per language.
    assert [page.title.get_text().rsplit(" - ", 1)[1] for page in (fr, en, es)] == [
        "Villes et migrations", "Cities and Migration", "Ciudades y migraciones"]
    assert "Made with" not in fr.get_text()


@pytest.mark.parametrize("url", PAPERS)
def test_french_pages_keep_every_paragraph_of_the_source_text(built_site, url):
    if not SOURCE_TEXTS.is_dir():
        pytest.skip(f"the source texts are not beside the project ({SOURCE_TEXTS})")
    path = page_file(built_site.site_dir, "fr", url)
    page = "\n".join(text_blocks(path))
    headings = text_blocks(path, ["h1", "h2", "h3"])
    source = (SOURCE_TEXTS / PAPERS[url]).read_text(encoding="utf-8")
    missing = []
    for line in source.splitlines():
        # Markdown emphasis and the footnote stars are markup, not words.
        text = normalise(re.sub(r"^[-*]+\s*|\*", "", line.strip()))
        if not text:
            continue
        found = text in page or (text.isupper() and text.casefold() in page.casefold())
        # Lead-in lines ("Nos actions locales :") became headings.
        if not found and text.endswith(":"):
            found = any(text.rstrip(" :").casefold() == h.casefold() for h in headings)
        if not found:
            missing.append(text[:80])
    assert not missing, f"source paragraphs not found word for word in {url}: {missing}"


def test_the_member_cities_note_is_a_footnote_referenced_where_the_source_puts_stars(built_site):
    page = parse(page_file(built_site.site_dir, "fr", "contribution/"))
    notes = page.select("div.footnote li")
    assert len(notes) == 1
    assert "Les villes non membres qui souhaitent supporter ce document" in notes[0].get_text()
    assert len(page.select('a.footnote-ref[href="#fn:membres"]')) == 3


@pytest.mark.parametrize("url", PAGES)
def test_translations_follow_their_french_twin_block_for_block(built_site, url):
    def shape(lang: str) -> dict[str, int]:
        body = article(page_file(built_site.site_dir, lang, url))
        return {tag: len(body.find_all(tag)) for tag in ["h1", "h2", "h3", "p", "li", "dt", "dd"]}

    assert shape("en") == shape("fr")
    assert shape("es") == shape("fr")


@pytest.mark.parametrize("url", PAPERS)
def test_anchors_are_the_same_in_every_language(built_site, url):
    def anchors(lang: str) -> list[str]:
        return [h["id"] for h in article(page_file(built_site.site_dir, lang, url)).select("h1, h2, h3")]

    assert anchors("fr") == anchors("en") == anchors("es")
    assert {"contribution/": "vision", "governance/": "mecanisme-des-maires"}[url] in anchors("fr")


def test_each_language_has_its_own_search_index(built_site):
    entry = json.loads((built_site.site_dir / "pagefind" / "pagefind-entry.json").read_text())
    indexed = {lang: 0 for lang in built_site.languages}
    for path in html_pages(built_site.site_dir):
        page = parse(path)
        if page.select_one("[data-pagefind-body]"):
            indexed[page.html["lang"]] += 1
    assert set(entry["languages"]) == {"fr", "en", "es"}
    assert {lang: data["page_count"] for lang, data in entry["languages"].items()} == indexed
    assert indexed["fr"] >= len(PAGES)


THIRD_PARTY_ATTRIBUTES = [("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href"),
                          ("source", "src"), ("video", "src"), ("audio", "src"), ("object", "data")]


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = []
    for path in html_pages(built_site.site_dir):
        page = parse(path)
        for tag, attribute in THIRD_PARTY_ATTRIBUTES:
            for element in page.find_all(tag):
                value = element.get(attribute)
                if value and (urlparse(value).netloc or value.startswith("//")):
                    offenders.append(f"{path.relative_to(built_site.site_dir)}: <{tag} {attribute}={value}>")
        for style in page.find_all("style"):
            offenders += [f"{path}: url({u})" for u in re.findall(r"url\((['\"]?)(https?:)?//", style.get_text())]
    for css in built_site.site_dir.rglob("*.css"):
        for match in re.findall(r"@import\s+url\(['\"]?(?:https?:)?//[^)]+\)|url\(['\"]?(?:https?:)?//[^)]+\)", css.read_text()):
            offenders.append(f"{css.relative_to(built_site.site_dir)}: {match}")
    assert not offenders


def test_a_broken_link_fails_the_build_names_the_page_and_keeps_the_old_site(project_copy, tmp_path):
    site_dir = tmp_path / "site"
    build_site(project_copy, site_dir)
    before = (site_dir / "contribution" / "index.html").read_bytes()

    about = project_copy / "content" / "en" / "about.md"
    about.write_text(about.read_text() + "\nSee [the missing page](missing.md).\n")
    with pytest.raises(SiteBuildError) as failure:
        build_site(project_copy, site_dir)
    assert "about.md" in str(failure.value) and "missing.md" in str(failure.value)
    assert (site_dir / "contribution" / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_a_missing_anchor_fails_the_build(project_copy, tmp_path):
    index = project_copy / "content" / "fr" / "index.md"
    index.write_text(index.read_text() + "\nVoir [la vision](contribution.md#nulle-part).\n")
    with pytest.raises(SiteBuildError, match="nulle-part"):
        build_site(project_copy, tmp_path / "site")


def test_a_page_missing_in_english_falls_back_to_french_with_a_notice(project_copy, tmp_path):
    (project_copy / "content" / "en" / "governance.md").unlink()
    site_dir = build_site(project_copy, tmp_path / "site").site_dir
    page = parse(page_file(site_dir, "en", "governance/"))
    notice = page.select_one("article .admonition")
    assert "has not been translated into English yet" in notice.get_text()
    assert page.html["lang"] == "en"
    assert page.select_one('article div[lang="fr"]').find("h1").get_text(strip=True).startswith("La gouvernance locale")
    # Not announced as a translation, not in the English search index.
    assert not page.select('link[rel="alternate"][hreflang]')
    assert not page.select("[data-pagefind-body]")
    french = parse(page_file(site_dir, "fr", "governance/"))
    assert {link["hreflang"] for link in french.select('link[rel="alternate"][hreflang]')} == {"fr", "es", "x-default"}


def test_a_template_error_keeps_the_previous_site(project_copy, tmp_path):
    site_dir = tmp_path / "site"
    build_site(project_copy, site_dir)
    before = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*"))
    template = project_copy / "overrides" / "main.html"
    template.write_text(template.read_text().replace("{% endblock %}", "{% endblok %}", 1))
    with pytest.raises(SiteBuildError, match="main.html"):
        build_site(project_copy, site_dir)
    assert sorted(p.relative_to(site_dir) for p in site_dir.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def in_session(session: int) -> list[str]:
    """The live processes of a session (Linux /proc; elsewhere, none known)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if fields[3] == str(session) and fields[0] != "Z":
            found.append(stat.parent.name)
    return found


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_build_killed_outright_leaves_nothing_running_and_the_next_build_clears_its_scratch(project_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "MARKER").write_text("the previous site")
    build = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)], cwd=project_copy,
                             start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = build.stdout.readline()
        assert "checked" in line, line + build.communicate()[1]
        time.sleep(0.3)  # the language builds are running
        build.kill()  # kill -9 of the parent alone: no clean-up can run
        build.wait()
        # Its language builds died with it (they would otherwise go on writing).
        deadline = time.monotonic() + 5
        while in_session(build.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert in_session(build.pid) == []
    finally:
        build.stdout.close()
        build.stderr.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)  # whatever outlived it, if this failed
    assert len(list(tmp_path.glob(".site.build-*"))) == 1

    # A build that is still running keeps its scratch folder.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = tmp_path / f".site.build-{sleeper.pid}-abcdefgh"
        alive.mkdir()
        built = build_site(project_copy, site)
        assert built.pages > 0 and not (site / "MARKER").exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["project", "site", alive.name])
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_previous_site_that_a_killed_build_had_moved_aside_is_put_back(tmp_path):
    site = tmp_path / "site"
    stale = tmp_path / f".site.build-{dead_pid()}-abcdefgh"
    (stale / "previous").mkdir(parents=True)  # killed between its two renames
    (stale / "previous" / "MARKER").write_text("the previous site")
    (tmp_path / ".site.build-oldstyle").mkdir()  # an earlier version's name, without a process id
    clear_stale_scratch(site)
    assert (site / "MARKER").read_text() == "the previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
