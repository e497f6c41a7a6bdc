"""What in the catalogue is due for review, worst first, and why.

The position paper commits the cities to a peer-review mechanism; readers
quote the catalogue. An entry is due when a source broke, when changes were
requested, when it was never reviewed or not for a year (or its review's
``next`` date passed), when it says a practice is still running and no
source confirmed that in a year, or when a figure in it names no source.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.markdown_dialect import MARKDOWN_FIELDS, SOURCE_CITATION
from generator.catalogue.model import LANGUAGES, Practice

# Worst first: a broken source may mean a wrong entry today.
# An editorial check is not the network's peer review: still due, after the
# entries nobody checked.
(DEAD_SOURCE, MOVED_SOURCE, CHANGES_REQUESTED, NEVER_REVIEWED, EDITOR_CHECKED_ONLY, REVIEW_DUE, RUNNING_UNCONFIRMED,
 UNSOURCED_FIGURE) = range(8)
KINDS = {
    DEAD_SOURCE: "dead source",
    MOVED_SOURCE: "moved source",
    CHANGES_REQUESTED: "changes requested",
    NEVER_REVIEWED: "never reviewed",
    EDITOR_CHECKED_ONLY: "editorial check only",
    REVIEW_DUE: "review due",
    RUNNING_UNCONFIRMED: "running, unconfirmed",
    UNSOURCED_FIGURE: "figure without source",
}
# A figure: a number that is not a year alone (2016) nor a source's number.
_FIGURE = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d(?!\d|\s?%))\d[\d  .,]*(?:\s?%)?")
_BLOCK_SPLIT = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")
SHOWN = 70


@dataclass(frozen=True, order=True)
class DueReview:
    kind: int
    slug: str
    wording: str  # the reason, with {} where each of ``quoted`` goes
    quoted: tuple[str, ...]  # what the reason quotes: an entry's text, what a server sent
    file: Path

    @property
    def kind_name(self) -> str:
        return KINDS[self.kind]

    @property
    def reason(self) -> str:
        return self.wording.format(*self.quoted)

    def reason_with(self, quote: Callable[[str], str]) -> str:
        """The reason, each quoted text through ``quote`` (a Markdown report
        makes it inert: it becomes a public issue)."""
        return self.wording.format(*(quote(text) for text in self.quoted))

    def as_dict(self) -> dict:
        return {"slug": self.slug, "file": str(self.file), "kind": self.kind_name, "reason": self.reason}


def reviews_due(
    practices: list[Practice], today: datetime.date, source_checks: list[dict] | None = None,
) -> list[DueReview]:
    """Every reason each practice is due for review, worst first.
    ``source_checks`` is the output of ``publish sources --format json`` (the
    last source watch), if there is one."""
    due: list[DueReview] = []
    broken: dict[str, list[dict]] = {}
    for check in source_checks or []:
        if check.get("outcome") in ("dead", "unreachable", "refused", "moved"):
            broken.setdefault(check.get("slug", ""), []).append(check)
    for practice in practices:
        # Our own words go in the wording (no brace in them: numbers, dates,
        # field names); what the entry or a server wrote is quoted.
        def add(kind: int, wording: str, *quoted: object, practice: Practice = practice) -> None:
            due.append(DueReview(kind, practice.slug, wording, tuple(str(text) for text in quoted), practice.file))

        for check in broken.get(practice.slug, []):
            number = int(check.get("index", 0)) + 1
            if check["outcome"] == "moved":
                add(MOVED_SOURCE, f"source {number} moved: {{}} → {{}}", check.get("url"), check.get("detail"))
            else:
                add(DEAD_SOURCE, f"source {number} is {check['outcome']}: {{}} ({{}})", check.get("url"),
                    check.get("detail") or "no answer")
        if practice.review_status == "changes-requested":
            add(CHANGES_REQUESTED, f"changes requested on {practice.review_date} by {{}}", practice.review_by)
        elif practice.review_status == "submitted":
            add(NEVER_REVIEWED, f"submitted on {practice.review_date}, no review recorded")
        elif practice.review_status == "editor-checked":
            add(EDITOR_CHECKED_ONLY, f"checked against its sources by {{}} on {practice.review_date}; "
                                     "no peer review recorded", practice.review_by)
        elif practice.review_due <= today:
            add(REVIEW_DUE, f"last reviewed on {practice.review_date}, due again since {practice.review_due}")
        if running_unconfirmed(practice, today):
            checked = [source.checked for source in practice.sources if source.checked]
            when = f"last confirmed on {max(checked)}" if checked else "never confirmed"
            add(RUNNING_UNCONFIRMED, f"said to be running (no end year), but no source confirmed it in the past "
                                     f"year ({when}: publish sources --write-dates records it)")
        for field, lang, block in unsourced_figures(practice):
            add(UNSOURCED_FIGURE, f"{field}.{lang}: a figure names no source: “{{}}”", _shorten(block))
    return sorted(due)


def running_unconfirmed(practice: Practice, today: datetime.date) -> bool:
    """Said to be running (no end year), but no source confirmed it in the
    past year: the review lists it, the pages show it as such."""
    year_ago = today - datetime.timedelta(days=365)
    return practice.ongoing and not any(source.checked and source.checked >= year_ago for source in practice.sources)


def read_source_checks(data: object) -> list[dict]:
    """The records of ``publish sources --format json`` in ``data`` (parsed
    JSON); raises ValueError, saying what is wrong, if it is not that."""
    if not isinstance(data, list):
        raise ValueError("expected a list")
    for number, record in enumerate(data, 1):
        if not (isinstance(record, dict) and isinstance(record.get("slug"), str) and isinstance(record.get("outcome"), str)
                and isinstance(record.get("index"), int) and isinstance(record.get("url", ""), str)
                and isinstance(record.get("detail", ""), (str, type(None)))):
            raise ValueError(f"record {number} is not a source check (slug, index, url, outcome, detail)")
    return data


def unsourced_figures(practice: Practice) -> list[tuple[str, str, str]]:
    """(field, language, paragraph or list item) for each part of the
    description and results that holds a figure and no "[source N]".
    One language suffices: the first that has the text (translations say
    the same)."""
    found = []
    for field in MARKDOWN_FIELDS:
        labels: dict[str, str] = getattr(practice, field)
        lang = next((code for code in LANGUAGES if labels.get(code)), None)
        if lang is None:
            continue
        for block in _BLOCK_SPLIT.split(labels[lang]):
            if SOURCE_CITATION.search(block):
                continue
            if _FIGURE.search(SOURCE_CITATION.sub("", block)):
                found.append((field, lang, block.strip()))
    return found


def _shorten(text: str) -> str:
    text = " ".join(text.split()).lstrip("-*+ ")
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
