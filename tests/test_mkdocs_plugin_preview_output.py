"""The preview keeps its folder between rebuilds and writes only what
changed (generator/mkdocs_plugin/preview_output.py): after each edit a
contributor makes, the folder it serves is, file by file, the folder a clean
preview build makes from the same files, and what did not change was not
written again.

The preview's builds run as ``publish serve`` runs them (ProperDocs' dirty
builds, one process keeping the plugin), each edit followed by a rebuild and
a copy of the served folder; each reference is a clean build of the same
files in a process of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.mkdocs_plugin.preview_output import under_title
from tests.conftest import PROJECT_DIR, copy_project

SERVE_URL = "http://127.0.0.1:8000/"

# Builds as the preview's builder does, after each step's edits; prints what
# the preview wrote and kept.
PREVIEW = """
import json, logging, shutil, sys
import properdocs.replacement
from properdocs.commands.build import build
from properdocs.config import load_config
steps, site, snapshots, dirty = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "dirty"
logging.getLogger("properdocs").setLevel(logging.WARNING)
warnings = []
logging.getLogger("properdocs").addHandler(type("H", (logging.Handler,), {"emit": lambda self, r: warnings.append(r.getMessage())})())
def config():
    c = load_config("mkdocs.yml", site_dir=site)
    c.site_url = %(url)r
    return c
c = config()
c.plugins.on_startup(command="serve", dirty=dirty)
report = []
for number, edits in enumerate(steps):
    for path, old, new in edits:
        if new is None:
            os.remove(path)
        else:
            text = open(path, encoding="utf-8").read() if old else ""
            assert old in text, (path, old)
            open(path, "w", encoding="utf-8").write(text.replace(old, new, 1) if old else new)
    c = config() if number else c
    build(c, serve_url=%(url)r, dirty=dirty)
    output = c.plugins["cities"].preview_output
    reuse = c.plugins["cities"].reuse
    report.append({"written": output.written, "kept": output.kept, "rendered": reuse.rendered, "reused": reuse.reused}
                  if output else {})
    shutil.copytree(site, f"{snapshots}/{number}")
print(json.dumps({"report": report, "warnings": warnings}))
""".replace("import json,", "import os, json,") % {"url": SERVE_URL}

ENTRY = "practices/accra-migrant-desk.yml"
REMOVED = "practices/bristol-city-of-sanctuary.yml"
BROKEN = "practices/zz-broken.yml"

STEPS = [
    [],  # the preview's first build
    [(ENTRY, '  fr: "Bureau des migrants', '  fr: "Guichet des migrants')],  # an entry's French title
    [("content/fr/about.md", "{ #a-propos }\n", "{ #a-propos }\n\nUne phrase ajoutée par la contributrice.\n")],  # a text page
    [(REMOVED, "", None), (BROKEN, "", "title: [unclosed\n")],  # an entry removed, a broken one added
    [(BROKEN, "", None)],  # the broken one removed
]


def _run(project: Path, steps: list, site: Path, snapshots: Path, mode: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PREVIEW, json.dumps(steps), str(site), str(snapshots), mode],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(project), "SITE_LANGUAGE": "fr", "SOURCE_DATE_EPOCH": "1790000000",
             "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _project(destination: Path) -> Path:
    project = copy_project(destination)
    shutil.copytree(PROJECT_DIR / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return project


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    project = _project(root / "project")
    outcome = _run(project, STEPS, root / "served", root / "snapshots", "dirty")
    return root, outcome


@pytest.mark.parametrize("step", range(len(STEPS)), ids=["first", "entry", "text", "removed-and-broken", "fixed"])
def test_after_each_edit_the_served_folder_is_a_clean_builds(preview, step):
    root, outcome = preview
    reference = _project(root / f"reference-{step}")
    # The same files as the preview had at this step, built clean.
    edits = [edit for done in STEPS[: step + 1] for edit in done]
    _run(reference, [edits], root / f"reference-{step}-site", root / f"reference-{step}-snapshots", "clean")
    served, clean = _files(root / "snapshots" / str(step)), _files(root / f"reference-{step}-snapshots" / "0")
    assert sorted(served.keys() - clean.keys()) == [] and sorted(clean.keys() - served.keys()) == []
    assert [name for name in served if served[name] != clean[name]] == []


def test_a_rebuild_writes_what_changed_and_keeps_the_rest(preview):
    root, outcome = preview
    first, entry, text, removed, fixed = outcome["report"]
    assert first["kept"] == 0 and first["written"] > 100
    # An entry's title: its page, its citation files and the pages that list it.
    assert 0 < entry["written"] < entry["kept"] / 5, entry
    assert 0 < text["written"] < entry["written"], text
    page = (root / "snapshots" / "1" / "catalogue" / "practices" / "accra-migrant-desk" / "index.html").read_text(encoding="utf-8")
    assert "Guichet des migrants" in page
    assert "Une phrase ajoutée par la contributrice." in (root / "snapshots" / "2" / "about" / "index.html").read_text(encoding="utf-8")
    # The removed entry's page went with it; the broken entry is shown as an error page, then not.
    assert not (root / "snapshots" / "3" / "catalogue" / "practices" / "bristol-city-of-sanctuary").exists()
    assert (root / "snapshots" / "2" / "catalogue" / "practices" / "bristol-city-of-sanctuary" / "index.html").exists()
    assert "zz-broken.yml" in "".join(path.read_text(encoding="utf-8") for path in (root / "snapshots" / "3").rglob("*.html"))
    # The engine's notes on dirty builds and on pages it did not write are not the contributor's business.
    assert not [message for message in outcome["warnings"] if "dirty" in message], outcome["warnings"]


def test_while_an_entry_is_broken_every_page_carries_the_notice_without_being_rendered_again(preview):
    root, outcome = preview
    first, entry, text, removed, fixed = outcome["report"]
    # The notice is put in each page as it is written: the pages themselves
    # are those of a preview without errors, taken from the store.
    # (Before, the notice was in each page's Markdown: every page was rendered
    # again when an entry broke, and again when it was fixed.)
    assert removed["rendered"] < removed["reused"] / 4, removed
    assert fixed["rendered"] < fixed["reused"] / 4, fixed
    about = (root / "snapshots" / "3" / "about" / "index.html").read_text(encoding="utf-8")
    title_end, notice = about.index("</h1>"), about.index('class="admonition danger"')
    assert title_end < notice < about.index("</article>")
    assert 'href="../catalogue/preview-problems/"' in about
    assert (root / "snapshots" / "3" / "catalogue" / "preview-problems" / "index.html").is_file()
    assert 'class="admonition danger"' not in (root / "snapshots" / "4" / "about" / "index.html").read_text(encoding="utf-8")


def test_the_notice_goes_under_the_title_or_at_the_top_of_the_article():
    notice = '<div class="notice"></div>'
    page = '<h1>Site</h1><article class="md-content__inner"><h1 id="t">Title</h1><p>Text</p></article>'
    assert under_title(page, notice) == page.replace('Title</h1>', 'Title</h1>' + notice)
    untitled = '<article class="md-content__inner"><p>Text</p></article><h1>Footer</h1>'
    assert under_title(untitled, notice) == untitled.replace('<p>Text', notice + '<p>Text')
    assert under_title("<p>No article</p>", notice) == "<p>No article</p>"
