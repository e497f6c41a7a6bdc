"""The PDFs a release offers on the site, listed beside them (downloads.json)
by the release, read by the site build: the full edition in each language,
and the thematic editions, which the catalogue page offers for their
selection. A thematic edition names its selection in the catalogue page's
canonical form (generator/release/selection.py), which catalogue.js computes
from the ticked filters.

The list lets the site be built while the PDFs are still being rendered: it
links to them by name, and the release puts the files in place afterwards."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "downloads.json"


@dataclass(frozen=True)
class PrintEdition:
    file_name: str  # in the site's downloads/ folder
    lang: str
    query: str = ""  # the selection of a thematic edition, e.g. 'gcm=16'; '' for the full edition
    title: str = ""  # what the selection is, in ``lang``


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
