"""The files a release offers on the site, listed beside them (downloads.json)
by the release, read by the site build: the full edition in each language;
the thematic editions, which the catalogue page offers for their selection;
and the follow-up reports (PDF, Markdown and CSV), which the page of their
city, country or region offers. Editions and reports name their selection
in the catalogue page's canonical form (generator/release/selection.py),
which catalogue.js computes from the ticked filters.

The list lets the site be built while the PDFs are still being rendered: it
links to them by name, and the release puts the files in place afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "downloads.json"
EDITION, REPORT = "edition", "report"
# A report's files, in the order a page offers them: suffix -> how a link
# names it, and its media type (the link's type attribute).
REPORT_FORMATS = {".pdf": ("PDF", "application/pdf"), ".md": ("Markdown", "text/markdown"), ".csv": ("CSV", "text/csv")}


@dataclass(frozen=True)
class PrintEdition:
    file_name: str  # in the site's downloads/ folder
    lang: str
    query: str = ""  # the selection of a thematic edition, e.g. 'gcm=16'; '' for the full edition
    title: str = ""  # what the selection is, in ``lang``
    kind: str = EDITION  # or REPORT: one entry per file (PDF, Markdown, CSV)

    @property
    def format(self) -> str:
        """'PDF', 'Markdown', 'CSV': how a link to the file names it."""
        suffix = Path(self.file_name).suffix
        return REPORT_FORMATS.get(suffix, (suffix[1:].upper(), ""))[0]

    @property
    def media_type(self) -> str:
        return REPORT_FORMATS.get(Path(self.file_name).suffix, ("", "application/octet-stream"))[1]


def thematic_editions(files: Iterable[PrintEdition]) -> list[PrintEdition]:
    """The thematic editions among a release's ``files``."""
    return [item for item in files if item.kind == EDITION and item.query]


def report_titles(files: Iterable[PrintEdition], lang: str) -> list[PrintEdition]:
    """Each report in ``lang`` among ``files`` once (its PDF), in the release's order."""
    return [item for item in files if item.kind == REPORT and item.lang == lang and item.file_name.endswith(".pdf")]


def report_files(files: Iterable[PrintEdition], query: str, lang: str) -> list[PrintEdition]:
    """The files of the report of selection ``query`` (e.g. 'city=lisbon-pt')
    in ``lang``, PDF first; none when the release made no such report."""
    chosen = [item for item in files if item.kind == REPORT and item.query == query and item.lang == lang]
    order = list(REPORT_FORMATS)
    return sorted(chosen, key=lambda item: order.index(suffix) if (suffix := Path(item.file_name).suffix) in order else len(order))


def write_print_editions(folder: Path, editions: list[PrintEdition]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).write_text(json.dumps([asdict(edition) for edition in editions], ensure_ascii=False, indent=1),
                                   encoding="utf-8")


def read_print_editions(folder: Path, languages: tuple[str, ...]) -> list[PrintEdition]:
    """The PDFs listed in ``folder``; without a list, the PDFs it holds,
    each the full edition of the language its name ends with."""
    path = folder / MANIFEST
    if path.is_file():
        return [PrintEdition(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]
    return [PrintEdition(pdf.name, lang) for pdf in sorted(folder.glob("*.pdf")) for lang in languages
            if pdf.name.endswith(f"-{lang}.pdf")]
