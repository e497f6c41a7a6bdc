"""Peer review as a process: the record, what is due and why, recording a review."""

from __future__ import annotations

import dataclasses
import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

from generator.catalogue.editing import set_review
from generator.catalogue.loading import check_file, check_practices
from generator.catalogue.model import Source
from generator.catalogue.review import reviews_due
from generator.catalogue.vocabularies import load_vocabularies
from generator.catalogue.yaml_source import read_located_yaml
from generator.pages.catalogue_pages import catalogue_pages
from generator.catalogue.model import Practice

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
        ("next-passed", "review due"),
        ("stale", "review due"),
        ("unconfirmed", "running, unconfirmed"),
        ("figure", "figure without source"),
    ]
    reasons = {item.slug: item.reason for item in due}
    assert reasons["broken-source"] == "source 1 is dead: https://www.lisboa.pt/ (HTTP 404)"
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
