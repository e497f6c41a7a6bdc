"""Peer review as a process: the record, what is due and why, recording a review."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.catalogue.editing import set_review
from generator.catalogue.loading import check_file, check_practices
from generator.catalogue.model import Practice, Source
from generator.catalogue.review import reviews_due
from generator.catalogue.vocabularies import load_vocabularies
from generator.catalogue.yaml_source import read_located_yaml
from generator.pages.catalogue_pages import catalogue_pages

VALID_ENTRY = Path(__file__).parent / "valid_practice.yml"
TODAY = datetime.date(2026, 11, 26)


def practice(slug: str, **changes) -> Practice:
    base = Practice.from_data(read_located_yaml(VALID_ENTRY).data, Path(f"practices/{slug}.yml"))
    fresh_source = Source("Ville de Lisbonne", "https://www.lisboa.pt/", None, TODAY - datetime.timedelta(days=30))
    reviewed = dict(review_status="peer-reviewed", review_date=TODAY - datetime.timedelta(days=60),
                    review_by="UCLG secretariat", review_checked_sources=(1,), sources=(fresh_source,))
    return dataclasses.replace(base, slug=slug, **{**reviewed, **changes})


def test_each_reason_is_found_and_the_worst_comes_first():
    catalogue = [
        practice("fine"),
        practice("never-reviewed", review_status="submitted", review_by=None, review_checked_sources=()),
        practice("stale", review_date=TODAY - datetime.timedelta(days=400)),
        practice("next-passed", review_next=TODAY - datetime.timedelta(days=1)),
        practice("changes", review_status="changes-requested"),
        practice("editors", review_status="editor-checked", review_by="editorial team"),
        practice("unconfirmed", sources=(Source("Old page", "https://example.org/", None, TODAY - datetime.timedelta(days=500)),)),
        practice("ended-unconfirmed", end=2023, sources=(Source("Old page", "https://example.org/", None, None),)),
        practice("figure", description={"fr": "La maison a reçu 1 200 personnes.", "en": "The house received 1,200 people."}),
        practice("cited", description={"fr": "La maison a reçu 1 200 personnes en 2024 [source 1].", "en": "x"}),
        practice("a-year-alone", description={"fr": "Depuis 2016, la maison oriente les personnes.", "en": "x"}),
        practice("broken-source"),
    ]
    watch = [{"slug": "broken-source", "index": 0, "url": "https://www.lisboa.pt/", "outcome": "dead", "detail": "HTTP 404"},
             {"slug": "fine", "index": 0, "url": "https://www.lisboa.pt/", "outcome": "ok", "detail": ""}]
    due = reviews_due(catalogue, TODAY, watch)
    assert [(item.slug, item.kind_name) for item in due] == [
        ("broken-source", "dead source"),
        ("changes", "changes requested"),
        ("never-reviewed", "never reviewed"),
        ("editors", "editorial check only"),
        ("next-passed", "review due"),
        ("stale", "review due"),
        ("unconfirmed", "running, unconfirmed"),
        ("figure", "figure without source"),
    ]
    reasons = {item.slug: item.reason for item in due}
    assert reasons["broken-source"] == "source 1 is dead: https://www.lisboa.pt/ (HTTP 404)"
    # An editorial check is told apart from a peer review: the entry is still due for one.
    assert reasons["editors"] == "checked against its sources by editorial team on 2026-09-27; no peer review recorded"
    assert "1 200 personnes" in reasons["figure"] and reasons["figure"].startswith("description.fr:")
    assert "last confirmed on 2025-07-14" in reasons["unconfirmed"]


def test_a_review_is_recorded_in_place_and_the_rest_of_the_file_stays_as_written(tmp_path):
    entry = tmp_path / "lisbon-welcome-house.yml"
    original = VALID_ENTRY.read_text().replace("last_updated:", "# kept comment\nlast_updated:")
    entry.write_text(original)
    record = {"status": "peer-reviewed", "date": TODAY, "by": "Metropolis secretariat", "checked_sources": [1],
              "next": datetime.date(2027, 6, 1)}
    assert set_review(entry, record)
    after = entry.read_text()
    assert after.replace(
        "  status: peer-reviewed\n  date: 2026-11-26\n  by: \"Metropolis secretariat\"\n  checked_sources: [1]\n  next: 2027-06-01\n",
        "  status: submitted\n  date: 2026-11-01\n") == original
    found, problems = check_file(entry, load_vocabularies(), root=tmp_path, today=TODAY)
    assert problems == [] and found.review_by == "Metropolis secretariat" and found.review_due == datetime.date(2027, 6, 1)


def test_publish_review_marks_an_entry_and_refuses_an_email(tmp_path):
    project = tmp_path / "project"
    (project / "practices").mkdir(parents=True)
    # A source confirmed this week: the practice's running is not in question.
    checked = VALID_ENTRY.read_text().replace("url: https://www.lisboa.pt/\n",
                                             f"url: https://www.lisboa.pt/\n    checked: {datetime.date.today()}\n")
    (project / "practices" / "lisbon-welcome-house.yml").write_text(checked)

    def publish(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project, capture_output=True, text=True)

    listed = publish("review", "--format", "markdown")
    assert listed.returncode == 1
    assert "- [ ] `practices/lisbon-welcome-house.yml` — **never reviewed**: submitted on 2026-11-01, no review recorded" in listed.stdout
    refused = publish("review", "--mark", "lisbon-welcome-house", "--outcome", "peer-reviewed", "--by", "jane@example.org",
                      "--checked-sources", "1")
    assert refused.returncode == 1 and "looks like an e-mail address" in refused.stderr
    assert (project / "practices" / "lisbon-welcome-house.yml").read_text() == checked
    marked = publish("review", "--mark", "lisbon-welcome-house", "--outcome", "peer-reviewed", "--by", "UCLG secretariat",
                     "--checked-sources", "1")
    assert marked.returncode == 0, marked.stderr
    report = check_practices(project / "practices", root=project)
    assert report.errors == [] and report.practices[0].review_status == "peer-reviewed"
    assert json.loads(publish("review", "--format", "json").stdout) == []


def test_a_cited_figure_links_to_its_source_and_the_review_reads_as_a_sentence():
    cited = practice("cited", description={"en": "The house received 1,200 people [source 1].", "fr": "x", "es": "x"})
    page = catalogue_pages([cited], load_vocabularies(), "en")["catalogue/practices/cited.md"]
    assert '1,200 people <sup class="catalogue-citation"><a href="#source-1">[1]</a></sup>' in page
    assert '<li id="source-1"><a href="https://www.lisboa.pt/"' in page
    assert "<strong>Peer-reviewed by UCLG secretariat on " in page


# Recording a review: a slug names a file in practices/, and nothing else ----

def marking_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "practices").mkdir(parents=True)
    (project / "practices" / "lisbon-welcome-house.yml").write_text(VALID_ENTRY.read_text())
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.yml").write_text(VALID_ENTRY.read_text().replace("slug: lisbon-welcome-house", "slug: x"))
    (project / "mkdocs.yml").write_text("site_name: x\n")
    return project


def mark(project: Path, slug: str, *more: str):
    from click.testing import CliRunner

    from generator.cli import main

    return CliRunner().invoke(main, ["review", "--project-dir", str(project), "--mark", slug, "--outcome", "peer-reviewed",
                                     "--by", "UCLG secretariat", "--checked-sources", "1", *more])


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("slug", [
    "../elsewhere/x", "../../elsewhere/x", "ABSOLUTE", "../mkdocs", "lisbon-welcome-house\n", "lisbon-welcome-house.yml",
    "practices/lisbon-welcome-house", "Lisbon-Welcome-House", "", "-lisbon", "lisbon--house", "lisbon\u2028house", "a" * 81,
])
def test_mark_takes_a_slug_and_refuses_anything_else_with_advice(tmp_path, monkeypatch, slug):
    project = marking_project(tmp_path)
    monkeypatch.chdir(project)
    if slug == "ABSOLUTE":
        slug = str(tmp_path / "elsewhere" / "x")
    before = files_of(tmp_path)
    result = mark(project, slug)
    assert result.exit_code == 2, result.output
    assert "is not an entry's slug; give the file name in practices/ without .yml, e.g. --mark montreal-binam" in result.output
    assert "\n" not in slug or "\\n" in result.output  # shown, not obeyed
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert files_of(tmp_path) == before


def test_mark_refuses_an_entry_that_is_a_link_or_missing(tmp_path, monkeypatch):
    project = marking_project(tmp_path)
    monkeypatch.chdir(project)
    (project / "practices" / "linked.yml").symlink_to(tmp_path / "elsewhere" / "x.yml")
    before = files_of(tmp_path)
    for slug in ("linked", "nowhere"):
        result = mark(project, slug)
        assert result.exit_code == 1 and f"practices/{slug}.yml: no such entry" in result.output
    assert files_of(tmp_path) == before


def test_mark_on_a_broken_entry_gives_its_located_messages_and_writes_nothing(tmp_path, monkeypatch):
    project = marking_project(tmp_path)
    monkeypatch.chdir(project)
    entry = project / "practices" / "lisbon-welcome-house.yml"
    entry.write_text(entry.read_text().replace("country: PT", "country: [PT"))
    before = files_of(tmp_path)
    result = mark(project, "lisbon-welcome-house")
    assert result.exit_code == 1
    assert result.output.startswith("Error: the entry has errors; fix them, then record the review (nothing was written):\n"
                                    "  practices/lisbon-welcome-house.yml:")
    assert ": yaml: " in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert files_of(tmp_path) == before


def test_mark_writes_the_entry_in_one_step_inside_practices(tmp_path, monkeypatch):
    project = marking_project(tmp_path)
    monkeypatch.chdir(project)
    entry = project / "practices" / "lisbon-welcome-house.yml"
    entry.chmod(0o640)
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source, target):
        replaced.append((os.path.dirname(source), str(target)))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    result = mark(project, "lisbon-welcome-house")
    assert result.exit_code == 0, result.output
    assert replaced == [(str(project / "practices"), str(entry))]  # a file beside it, renamed over it
    assert stat.S_IMODE(entry.stat().st_mode) == 0o640
    assert sorted(path.name for path in (project / "practices").iterdir()) == ["lisbon-welcome-house.yml"]


def test_a_failed_write_leaves_the_entry_as_it_was_and_says_so(tmp_path, monkeypatch):
    project = marking_project(tmp_path)
    monkeypatch.chdir(project)
    before = files_of(tmp_path)

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = mark(project, "lisbon-welcome-house")
    assert result.exit_code == 1
    assert "lisbon-welcome-house.yml: could not be written (No space left on device); it was left as it was" in result.output
    assert files_of(tmp_path) == before  # and no scratch file left beside it


@pytest.mark.parametrize("reviewer", ["UCLG \u2028 secretariat", "A \u2029 B", "tab\there", 'say "hi" \\o/', "Équipe 😀"])
def test_mark_keeps_the_reviewer_as_typed(tmp_path, monkeypatch, reviewer):
    """PyYAML reads U+0085, U+2028 and U+2029 as line breaks: written raw in
    quotes, the spaces around them were lost."""
    project = marking_project(tmp_path)
    monkeypatch.chdir(project)
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["review", "--mark", "lisbon-welcome-house", "--outcome", "peer-reviewed",
                                       "--by", reviewer, "--checked-sources", "1"])
    assert result.exit_code == 0, result.output
    entry = project / "practices" / "lisbon-welcome-house.yml"
    assert yaml.safe_load(entry.read_text(encoding="utf-8"))["review"]["by"] == reviewer
    assert read_located_yaml(entry).data["review"]["by"] == reviewer


def test_a_control_character_in_the_reviewer_is_reported_as_typed_not_read_as_a_line_break(tmp_path, monkeypatch):
    project = marking_project(tmp_path)
    monkeypatch.chdir(project)
    before = files_of(tmp_path)
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["review", "--mark", "lisbon-welcome-house", "--outcome", "peer-reviewed",
                                       "--by", "Team\u0085 B", "--checked-sources", "1"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: the review was not recorded (nothing was written):\n"
        "  practices/lisbon-welcome-house.yml:35:7: review.by: holds an invisible control character, U+0085 NEXT LINE, "
        "at character 5 (delete it: retype the text around it, or paste the text as plain text)\n")
    assert files_of(tmp_path) == before
