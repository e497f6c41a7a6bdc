"""The search index is made again only for the languages whose pages changed,
and is then, byte for byte, the index Pagefind makes of the whole site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.languages import site_languages
from generator.search_index import INDEX_FOLDER, index_site, page_language, remember, run_pagefind, search_inputs


@pytest.fixture(scope="module")
def roots() -> dict[str, str]:
    languages = site_languages()
    return {code: languages.root(code) for code in languages.codes}


@pytest.fixture()
def previous(built_site, tmp_path: Path, roots) -> tuple[Path, Path]:
    """A copy of the built site and a cache that records what its index was made from."""
    site = tmp_path / "previous"
    shutil.copytree(built_site.site_dir, site)
    cache = tmp_path / "cache"
    remember(search_inputs(site, roots), cache, site, roots)
    return site, cache


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _new_site(previous: Path, destination: Path, page: str) -> Path:
    """The previous site without its index, with one page's text changed."""
    shutil.copytree(previous, destination, ignore=lambda folder, names: [INDEX_FOLDER] if Path(folder) == previous else [])
    path = destination / page
    text, found = re.subn(r"(<[^>]*\bdata-pagefind-body\b[^>]*>)", r"\1<p>Zanzibarite</p>", path.read_text(encoding="utf-8"), count=1)
    assert found, f"{page} has no data-pagefind-body: update the test"
    path.write_text(text, encoding="utf-8")
    return destination


def test_a_page_belongs_to_the_language_whose_folder_holds_it(roots):
    assert page_language("index.html", roots) == "fr"
    assert page_language("en/about/index.html", roots) == "en"
    assert page_language("es/catalogue/index.html", roots) == "es"
    assert page_language("english/index.html", roots) == "fr"
    assert page_language(f"{INDEX_FOLDER}/x.html", roots) is None


def test_after_a_page_of_one_language_changed_only_that_language_is_indexed_and_the_index_is_pagefinds_whole(previous, tmp_path, roots):
    site, cache = previous
    page = "en/about/index.html"
    tree = _new_site(site, tmp_path / "differential", page)
    done, _ = index_site(tree, roots, site, cache)
    assert done.indexed == ("en",)
    assert done.kept == ("fr", "es")
    whole = _new_site(site, tmp_path / "whole", page)
    run_pagefind(whole)
    assert _files(tree / INDEX_FOLDER) == _files(whole / INDEX_FOLDER)
    # The changed page has a new fragment; the other languages' are the previous ones.
    def fragments(folder: Path, lang: str) -> set[str]:
        return {path.name for path in (folder / INDEX_FOLDER / "fragment").glob(f"{lang}_*")}
    assert fragments(tree, "en") != fragments(site, "en")
    assert fragments(tree, "fr") == fragments(site, "fr") and fragments(tree, "es") == fragments(site, "es")


def test_with_no_page_changed_the_whole_index_is_kept(previous, tmp_path, roots):
    site, cache = previous
    tree = tmp_path / "same"
    shutil.copytree(site, tree, ignore=lambda folder, names: [INDEX_FOLDER] if Path(folder) == site else [])
    done, _ = index_site(tree, roots, site, cache)
    assert done.indexed == ()
    assert _files(tree / INDEX_FOLDER) == _files(site / INDEX_FOLDER)


def test_a_previous_site_changed_by_hand_is_indexed_again(previous, tmp_path, roots):
    site, cache = previous
    tree = tmp_path / "same"
    shutil.copytree(site, tree, ignore=lambda folder, names: [INDEX_FOLDER] if Path(folder) == site else [])
    page = site / "es" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    done, _ = index_site(tree, roots, site, cache)
    assert done.indexed == ("es",)
    # The same size, a letter changed: its time tells.
    page = site / "en" / "index.html"
    data = page.read_bytes()
    assert b"<title>" in data
    page.write_bytes(data.replace(b"<title>", b"<TITLE>", 1))
    shutil.rmtree(tree / INDEX_FOLDER)
    done, _ = index_site(tree, roots, site, cache)
    assert "en" in done.indexed


def test_an_index_made_by_another_pagefind_is_not_kept(previous, tmp_path, roots):
    site, cache = previous
    inputs = search_inputs(site, roots)
    remember({**inputs, "pagefind": "0.0.1"}, cache, site, roots)
    tree = tmp_path / "same"
    shutil.copytree(site, tree, ignore=lambda folder, names: [INDEX_FOLDER] if Path(folder) == site else [])
    done, _ = index_site(tree, roots, site, cache)
    assert done.indexed == ("fr", "en", "es") and done.kept == ()
    assert _files(tree / INDEX_FOLDER) == _files(site / INDEX_FOLDER)
