"""The `publish` command as people run it: real output, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_DIR


def publish(*args: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True
    )


def test_build_reports_each_step_and_the_result(project_copy, tmp_path):
    result = publish("build", "--project-dir", str(project_copy), "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "built the fr pages from mkdocs.yml" in result.stdout
    assert "built the en pages from mkdocs.en.yml" in result.stdout
    assert "indexed the search" in result.stdout
    assert (tmp_path / "out" / "en" / "index.html").is_file()


def test_a_broken_link_is_an_error_message_not_a_traceback(project_copy, tmp_path):
    page = project_copy / "content" / "fr" / "about.md"
    page.write_text(page.read_text() + "\n[lien](nulle-part.md)\n")
    result = publish("build", "--project-dir", str(project_copy), "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "about.md" in result.stderr and "nulle-part.md" in result.stderr
    assert "previous site, if any, was left as it was" in result.stderr
    assert not (tmp_path / "out").exists()


def test_outside_the_project_the_error_says_where_to_run_it(tmp_path):
    result = publish("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "mkdocs.yml: not found" in result.stderr and "--project-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_an_unknown_language_with_the_list():
    result = publish("serve", "--lang", "de")
    assert result.returncode == 2
    assert "'de'; the site has fr, en" in result.stderr


def test_help_shows_an_example():
    result = publish("build", "--help")
    assert "Example:" in result.stdout and "publish build --site-dir" in result.stdout
