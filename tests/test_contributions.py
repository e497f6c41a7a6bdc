"""A stranger's valid entry keeps every check green.

The pull-request workflow's steps, run on a copy of the project to which
valid contributions are added (a minimal one in one language and without
SDG targets, a full one, a second practice in a city of the catalogue, a
country the catalogue did not have): publish check, the strict build, and
the tests that hold for any valid catalogue (marker "catalogue"), which
are what a pull request changing entries only runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, SHARED_DIR, parse
from tests.contributions import CONTRIBUTIONS, add_contributions

LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "site", "dist", ".cache", "node_modules", "__pycache__", ".pytest_cache")


@pytest.fixture(scope="module")
def contributed(tmp_path_factory) -> tuple[Path, list[Path]]:
    """A copy of the project, as a pull request's clone, with the
    contributions added; ../shared beside it, as on CI."""
    root = tmp_path_factory.mktemp("pull-request")
    project = root / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=LEFT_OUT, symlinks=True)
    if SHARED_DIR.is_dir():
        (root / "shared").symlink_to(SHARED_DIR)
    return project, add_contributions(project / "practices")


def publish(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project, capture_output=True, text=True)


def test_publish_check_annotates_no_error_on_the_contributions(contributed):
    project, added = contributed
    result = publish(project, "check", "--format", "github", *(str(path.relative_to(project)) for path in added))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    # The entry in French only is a warning per missing translation, on its line.
    assert "::warning file=practices/nairobi-exemple-minimal.yml,line=3" in result.stdout


def test_the_strict_build_gives_each_contribution_its_pages_in_every_language(contributed):
    project, added = contributed
    result = publish(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    for lang in ("", "en/", "es/"):
        for make in CONTRIBUTIONS.values():
            assert (site / lang / "catalogue" / "practices" / make()["slug"] / "index.html").is_file()
        # A country the catalogue did not have gets its page.
        assert (site / lang / "catalogue" / "countries" / "ke" / "index.html").is_file()
    montreal = parse(next((site / "en" / "catalogue" / "cities").glob("montreal*/index.html")))
    listed = {a["href"].rstrip("/").rsplit("/", 1)[1] for a in montreal.select("article a[href*='practices/']")}
    assert {"montreal-binam", "montreal-second-example"} <= listed


def test_the_catalogues_tests_pass_with_the_contributions(contributed):
    # What a pull request that changes entries only runs (./tasks test -m
    # catalogue); the browser's share runs in the suite itself.
    project, _ = contributed
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "catalogue and not browser", "-q", "-p", "no:cacheprovider", "-x",
         "--no-header", "-rf"],
        cwd=project, capture_output=True, text=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
