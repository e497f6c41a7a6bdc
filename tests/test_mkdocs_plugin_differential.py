"""The differential build: after each kind of change a contributor or a
translator makes, the site built again on top of the previous one (pages
whose inputs did not change are not rendered again) is, file by file, the
site a cold build makes from the same files.

Two copies of the project (their generator included: vocabularies,
templates, strings and languages live in it) get the same changes, one after
the other. ``warm`` keeps its site and the generator's cache from one build
to the next; ``cold`` starts each build from nothing. Builds run as
``publish build`` does, in a process of their own whose generator is the
copy's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, copy_project

ENTRY = "accra-migrant-desk"


def _copy(destination: Path) -> Path:
    project = copy_project(destination)
    shutil.copytree(PROJECT_DIR / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return project


def _build(project: Path, site: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True,
        # One date for every build: the sitemap's archive carries it.
        env={**os.environ, "PYTHONPATH": str(project), "SOURCE_DATE_EPOCH": "1790000000"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _differences(warm: Path, cold: Path) -> list[str]:
    ours, theirs = _files(warm), _files(cold)
    found = [f"only in the differential build: {name}" for name in sorted(ours.keys() - theirs.keys())]
    found += [f"only in the cold build: {name}" for name in sorted(theirs.keys() - ours.keys())]
    found += [f"differs: {name}" for name in sorted(ours.keys() & theirs.keys()) if ours[name] != theirs[name]]
    return found


def _rendered(output: str) -> dict[str, tuple[int, int]]:
    """Per language, (pages rendered, pages kept) as the build reports them."""
    return {lang: (int(rendered.replace(",", "")), int(kept.replace(",", "")))
            for lang, rendered, kept in re.findall(r"built the (\w+) pages .*?; ([\d,]+) pages rendered, ([\d,]+) unchanged", output)}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {path}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_entry(project: Path) -> None:
    _replace(project / "practices" / f"{ENTRY}.yml", '  en: "Accra', '  en: "The Accra')  # its English title


def change_vocabulary_label(project: Path) -> None:
    _replace(project / "generator" / "catalogue" / "vocabularies" / "themes.yml", "en: Housing,", "en: Homes and housing,")


def change_template(project: Path) -> None:
    _replace(project / "overrides" / "main.html", "{% block content %}\n",
             '{% block content %}\n  <p class="edited-template">{{ page.title }}</p>\n')


def change_text_page(project: Path) -> None:
    # A page in the navigation: its new title is in every English page's menu.
    _replace(project / "content" / "en" / "about.md", "# About and contributing {", "# About this site {")
    _replace(project / "content" / "en" / "about.md", "This site brings together", "This website brings together")


def change_string(project: Path) -> None:
    _replace(project / "generator" / "locales" / "es" / "LC_MESSAGES" / "messages.po",
             'msgstr "Ciudades y migraciones"', 'msgstr "Ciudades y migración"')


def change_languages(project: Path) -> None:
    # Spanish is no longer published: no /es/, no Spanish alternates.
    _replace(project / "generator" / "languages.yml", "  - code: es\n", "")


CHANGES = [change_entry, change_vocabulary_label, change_template, change_text_page, change_string, change_languages]


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    root = tmp_path_factory.mktemp("differential")
    warm, cold = _copy(root / "warm" / "project"), _copy(root / "cold" / "project")
    _build(warm, root / "warm" / "site")
    return root, warm, cold


def test_a_rebuild_with_nothing_changed_renders_no_page_and_keeps_the_site_as_it_was(projects):
    root, warm, _ = projects
    site = root / "warm" / "site"
    before = _files(site)
    output = _build(warm, site)
    assert _files(site) == before
    assert all(rendered == 0 and kept > 0 for rendered, kept in _rendered(output).values()), output
    assert set(_rendered(output)) == {"fr", "en", "es"}
    assert "kept the search index" in output


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_after_each_kind_of_change_the_differential_build_is_the_cold_build_file_by_file(projects, change):
    root, warm, cold = projects
    change(warm)
    change(cold)
    output = _build(warm, root / "warm" / "site")
    shutil.rmtree(cold / ".cache", ignore_errors=True)
    shutil.rmtree(root / "cold" / "site", ignore_errors=True)
    _build(cold, root / "cold" / "site")
    assert _differences(root / "warm" / "site", root / "cold" / "site") == []
    rendered = _rendered(output)
    if change is change_entry:
        # The entry's page and the pages that list it; not the others.
        assert 0 < rendered["en"][0] < rendered["en"][1], output
        assert all(count < kept for count, kept in rendered.values()), output
        assert "indexed the search" in output
        # The search index of a language none of whose pages changed is kept.
        untouched = [lang for lang, (count, _) in rendered.items() if count == 0]
        if untouched:
            assert f"(kept {', '.join(untouched)}: no page changed)" in output, output
    if change is change_text_page:
        # Its title is in the navigation of every English page.
        assert rendered["en"][1] == 0 and rendered["fr"][0] == 0, output
