"""Shared fixtures: the real project, built for real into temporary folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.site_build import BuiltSite, build_site

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = PROJECT_DIR.parent / "shared"
SOURCE_TEXTS = SHARED_DIR / "source-texts"
PROJECT_FILES = ["mkdocs.yml", "content", "overrides", "practices"]


# Commands speak the language the environment asks for (generator/i18n.py):
# the tests read English unless they ask for another, whatever the machine's locale.
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"


def copy_project(destination: Path) -> Path:
    """A copy of the files a build reads, to break on purpose."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.is_file():
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped project, built once for the whole test session."""
    return build_site(PROJECT_DIR, tmp_path_factory.mktemp("built") / "site")


SITE_ADDRESS = "https://example.org/cities/"


@pytest.fixture(scope="session")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped project built with a site address (SITE_URL), as the
    publishing workflow builds it: absolute links in previews, structured
    data and the sitemap."""
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = SITE_ADDRESS
    try:
        return build_site(PROJECT_DIR, tmp_path_factory.mktemp("addressed") / "site")
    finally:
        if previous is None:
            os.environ.pop("SITE_URL")
        else:
            os.environ["SITE_URL"] = previous


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="module")
def site_url(built_site):
    """The built site, served on this machine only."""
    from tests.browser import serve_folder

    with serve_folder(built_site.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (skipped, with the reason, without it)."""
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is marked `browser`, by the fixture it
    uses rather than by hand (two files once lacked the mark): `-m "not
    browser"` then leaves out all of them."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
