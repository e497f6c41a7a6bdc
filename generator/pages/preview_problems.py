"""What the preview shows while an entry cannot be published.

``publish serve`` rebuilds the site each time a file is saved. When an entry
has errors, a strict build stops, and MkDocs' live reload then leaves the
reader's page loading forever, the message only in the terminal. In the
preview, the catalogue is built from its valid entries instead, and the
errors are pages: the page of each broken entry (where its author is looking)
and a page listing them all, each problem with the lines of the file around
it; every page carries a notice that links to that list. Saving the fixed
file rebuilds, and live reload brings the real page back by itself.

Everything quoted from the entry is escaped: its author may be anyone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.problems import Problem
from generator.pages import links
from generator.pages.templating import render

PROBLEMS_PAGE = "catalogue/preview-problems.md"
CONTEXT_LINES = 2  # shown above and below the line at fault
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class QuotedProblem:
    """A problem, with the lines of its file around it: (number, text, at fault)."""

    problem: Problem
    lines: tuple[tuple[int, str, bool], ...]


def _excerpt(problem: Problem, text: str | None) -> tuple[tuple[int, str, bool], ...]:
    if text is None:
        return ()
    lines = text.splitlines()
    first = max(1, problem.line - CONTEXT_LINES)
    last = min(len(lines), problem.line + CONTEXT_LINES)
    return tuple((number, lines[number - 1], number == problem.line) for number in range(first, last + 1))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def preview_problem_pages(errors: list[Problem], root: Path, lang: str, taken: set[str]) -> dict[str, str]:
    """The pages that show ``errors`` (located relative to ``root``) in the
    language ``lang``: the list of them all, the page of each broken entry
    whose address is not ``taken`` by a valid one, and a plain-text copy of
    each file they quote (path -> content)."""
    texts: dict[str, str | None] = {}
    by_file: dict[str, list[QuotedProblem]] = defaultdict(list)
    for problem in errors:
        if problem.file not in texts:
            texts[problem.file] = _read(root / problem.file)
        # Said in the page's language, the items of a list counted from 1.
        by_file[problem.file].append(QuotedProblem(problem.for_people(lang), _excerpt(problem, texts[problem.file])))
    # Each file as text beside the pages, for its link: the whole file,
    # served as plain text (inert), when its name can be an address.
    copies = {file: f"catalogue/preview-problems/{Path(file).stem}.yml.txt" for file in by_file
              if _SLUG.fullmatch(Path(file).stem) and texts[file] is not None}
    pages = {copy: texts[file] for file, copy in copies.items()}
    pages[PROBLEMS_PAGE] = render("preview_problems.md.j2", lang, page=PROBLEMS_PAGE, by_file=dict(by_file),
                                  copies=copies, count=len(errors), entry_page=None)
    for file, quoted in by_file.items():
        page = links.practice_page(Path(file).stem)
        if file in copies and page not in taken:
            pages[page] = render("preview_problems.md.j2", lang, page=page, by_file={file: quoted},
                                 copies=copies, count=len(quoted), entry_page=file)
    return pages


def preview_notice(errors: list[Problem], lang: str, link: str) -> str:
    """The notice (Markdown) at the top of every page of the preview while
    entries have errors, linking to the page that lists them: ``link`` is
    that page's address as the page showing the notice reaches it.

    The preview puts it under each page's title once the page is rendered,
    so that the pages themselves, and the engine's work on them, stay those
    of a preview without errors (an entry broken, then fixed, changes only
    the pages that show it)."""
    return render("preview_notice.md.j2", lang, count=len(errors), files=len({p.file for p in errors}), link=link)
