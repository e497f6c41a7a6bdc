"""The preview's pages for an entry that cannot be published: located,
quoted from the file, and inert whatever the entry holds."""

from __future__ import annotations

from pathlib import Path

from generator.catalogue.problems import Problem
from generator.catalogue.schema import DID_YOU_MEAN, NOT_ALLOWED
from generator.pages import links
from generator.pages.inert import active_content
from generator.pages.preview_problems import PROBLEMS_PAGE, preview_notice, preview_problem_pages

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) ![p](https://evil.example/p.png) ```"


def _broken_entry(tmp_path: Path) -> Problem:
    practices = tmp_path / "practices"
    practices.mkdir()
    lines = [f"line {number}" for number in range(1, 11)]
    lines[5] = f"themes: [{HOSTILE}]"
    (practices / "kigali-desk.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Worded as the check words it, to be said in the page's language.
    return Problem("practices/kigali-desk.yml", 6, 10, "themes[0]", NOT_ALLOWED % {"value": repr(HOSTILE)},
                   DID_YOU_MEAN % {"value": "'housing'"})


def test_the_broken_entrys_own_page_shows_its_problem_with_the_lines_around_it(tmp_path):
    problem = _broken_entry(tmp_path)
    pages = preview_problem_pages([problem], tmp_path, "en", taken=set())
    page = pages[links.practice_page("kigali-desk")]
    assert "# This entry cannot be published yet" in page
    assert "Line 6, column 10" in page and "<code>themes #1</code>" in page  # counted from 1, as people count
    # Two lines above and below, the one at fault marked.
    assert "   4  line 4\n   5  line 5\n<mark>   6  themes: [" in page and "   8  line 8\n</code></pre>" in page
    # The whole file, as plain text, is a link away.
    assert pages["catalogue/preview-problems/kigali-desk.yml.txt"].startswith("line 1\nline 2\n")
    assert 'href="../../preview-problems/kigali-desk.yml.txt"' in page


def test_the_problem_is_said_in_the_pages_language(tmp_path):
    problem = _broken_entry(tmp_path)
    page = preview_problem_pages([problem], tmp_path, "es", taken=set())[links.practice_page("kigali-desk")]
    assert "no es un valor admitido" in page and "¿quiso decir &#x27;housing&#x27;?" in page


def test_whatever_the_entry_holds_the_pages_cannot_act(tmp_path):
    problem = _broken_entry(tmp_path)
    for path, page in preview_problem_pages([problem], tmp_path, "fr", taken=set()).items():
        if path.endswith(".md"):
            # The Markdown quotes the entry inside raw HTML, escaped.
            assert "<script" not in page and "&lt;script&gt;" in page
            assert active_content(page) == []


def test_the_list_of_problems_is_always_there_and_a_valid_entrys_page_is_never_replaced(tmp_path):
    problem = _broken_entry(tmp_path)
    taken = {links.practice_page("kigali-desk")}
    pages = preview_problem_pages([problem], tmp_path, "es", taken=taken)
    assert links.practice_page("kigali-desk") not in pages
    assert "practices/kigali-desk.yml" in pages[PROBLEMS_PAGE]


def test_every_page_gets_a_notice_linking_to_the_list(tmp_path):
    problem = _broken_entry(tmp_path)
    notice = preview_notice([problem, problem], "en", "../preview-problems/")
    assert notice.startswith('!!! danger "2 errors in the catalogue"')
    assert "(../preview-problems/)" in notice


def test_the_pages_speak_the_previewed_language(tmp_path):
    problem = _broken_entry(tmp_path)
    spanish = preview_problem_pages([problem], tmp_path, "es", taken=set())[links.practice_page("kigali-desk")]
    assert "# Esta ficha aún no puede publicarse" in spanish and "Línea 6, columna 10" in spanish
    assert "Cómo corregirlo:" in spanish
    french = preview_notice([problem], "fr", "catalogue/preview-problems/")
    assert '"1 erreur dans le catalogue"' in french and "Voir quoi corriger, et où" in french
