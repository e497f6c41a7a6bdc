"""The site build draws the link-preview cards itself, beside the languages'
builds (generator/site_cards.py): the site gets, file for file, the cards the
plugin draws when it builds a language alone, and a failure of the drawing
stops the build with a message, the previous site left as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import site_build
from generator.site_build import SiteBuildError, build_language, build_site
from tests.conftest import PROJECT_DIR, SITE_ADDRESS


def _cards(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.png"))}


@pytest.fixture()
def site_address():
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = SITE_ADDRESS
    yield SITE_ADDRESS
    if previous is None:
        os.environ.pop("SITE_URL")
    else:
        os.environ["SITE_URL"] = previous


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_sites_cards_are_those_the_plugin_draws_for_a_language_alone(addressed_site, site_address, tmp_path, lang):
    alone = tmp_path / lang
    build_language(PROJECT_DIR / "mkdocs.yml", lang, alone)
    drawn_by_the_plugin = _cards(alone / "cards")
    assert len(drawn_by_the_plugin) > 20
    root = addressed_site.site_dir / ("" if lang == "fr" else lang)
    assert _cards(root / "cards") == drawn_by_the_plugin


def test_a_failure_of_the_drawing_stops_the_build_and_keeps_the_previous_site(site_address, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site")

    def broken(*args, **kwargs):
        raise MemoryError("no room for a card")

    monkeypatch.setattr(site_build, "draw_site_cards", broken)  # the forked child inherits it
    with pytest.raises(SiteBuildError, match="link-preview cards could not be drawn: unexpected MemoryError: no room for a card"):
        build_site(PROJECT_DIR, site)
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the previous site"
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".site.build-")]


def test_the_drawing_runs_at_the_lowest_priority(site_address, tmp_path, monkeypatch):
    def spy(practices, sites, store, out_dir):
        raise RuntimeError(f"priority {os.getpriority(os.PRIO_PROCESS, 0)}")

    monkeypatch.setattr(site_build, "draw_site_cards", spy)
    with pytest.raises(SiteBuildError, match="priority 19"):
        build_site(PROJECT_DIR, tmp_path / "site")
