"""How to cite a practice, a text and the catalogue: BibTeX, RIS and
CSL-JSON files (the formats reference managers import), and the catalogue's
CITATION.cff.

One ``Citation`` holds what every format says; each format is written by a
serialiser of its own that escapes what an entry holds for that format (as
the open data leaves escaping to the csv and json writers). Who publishes
what is data: ``data/publication.yml``.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import yaml

from generator.catalogue.model import Practice
from generator.pages import links

PUBLICATION_FILE = Path(__file__).parent / "data" / "publication.yml"
CITATION_FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))


@cache
def publication() -> dict:
    """data/publication.yml: the network, the catalogue, the texts."""
    return yaml.safe_load(PUBLICATION_FILE.read_text(encoding="utf-8"))


def label(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or next(iter(labels.values()))


@dataclass(frozen=True)
class Citation:
    key: str  # the BibTeX key and CSL id
    kind: str  # "practice" (an entry of the catalogue) or "text"
    title: str
    author: str  # a corporate author: one name, never split into given and family
    container: str  # the catalogue, for a practice; "" for a text
    publisher: str
    date: datetime.date | None
    url: str | None  # absolute, when the site is built with its address
    language: str  # of the title
    abstract: str = ""
    note: str = ""  # the city and country of a practice


def practice_files(slug: str) -> dict[str, str]:
    """format -> the data file of a practice's citation, beside its page."""
    return {extension: f"catalogue/practices/{slug}.{extension}" for extension, _ in CITATION_FORMATS}


def text_files(page: str) -> dict[str, str]:
    """format -> the data file of a text's citation ('contribution.md' -> 'cite/contribution.bib')."""
    stem = page.removesuffix(".md")
    return {extension: f"cite/{stem}.{extension}" for extension, _ in CITATION_FORMATS}


def absolute(site_url: str | None, page: str) -> str | None:
    return urljoin(site_url, links.published_url(page)) if site_url else None


def practice_citation(view, practice: Practice) -> Citation:
    data = publication()
    title, title_lang = practice.text("title", view.lang)
    summary, _ = practice.text("summary", view.lang)
    return Citation(
        key=f"cities-migration-{practice.slug}",
        kind="practice",
        title=title,
        author=label(data["network"], view.lang),
        container=label(data["catalogue"]["title"], view.lang),
        publisher=label(data["network"], view.lang),
        date=practice.last_updated,
        url=absolute(view.options.site_url, links.practice_page(practice.slug)),
        language=title_lang,
        abstract=summary,
        note=f"{view.label(practice.city)}, {view.country(practice.country)}",
    )


def text_citation(page: str, lang: str, site_url: str | None) -> Citation:
    data = publication()
    text = data["texts"][page]
    return Citation(
        key=f"cities-migration-{page.removesuffix('.md')}",
        kind="text",
        title=label(text["title"], lang),
        author=label(text["author"], lang),
        container="",
        publisher=label(data["network"], lang),
        date=None,
        url=absolute(site_url, page),
        language=lang,
    )


# BibTeX ------------------------------------------------------------------------
_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _bibtex_text(text: str) -> str:
    """Text as a BibTeX value: TeX's special characters escaped, one line,
    braces balanced whatever the entry holds. UTF-8 stays (biber, Zotero)."""
    one_line = " ".join(text.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), one_line)


def bibtex(citation: Citation) -> str:
    fields: list[tuple[str, str]] = [
        # Double braces: a corporate author is one name ("Metropolis · UCLG"),
        # and the title keeps its capitals.
        ("author", "{" + _bibtex_text(citation.author) + "}"),
        ("title", "{" + _bibtex_text(citation.title) + "}"),
    ]
    if citation.container:
        fields.append(("howpublished", _bibtex_text(citation.container)))
    fields.append(("publisher", _bibtex_text(citation.publisher)))
    if citation.date:
        fields += [("year", str(citation.date.year)), ("month", _MONTHS[citation.date.month - 1]),
                   ("date", citation.date.isoformat())]
    if citation.url:
        fields.append(("url", citation.url.replace("%", r"\%").replace("#", r"\#")))
    fields.append(("language", citation.language))
    if citation.note:
        fields.append(("note", _bibtex_text(citation.note)))
    if citation.abstract:
        fields.append(("abstract", _bibtex_text(citation.abstract)))
    lines = [f"@misc{{{citation.key},"]
    for name, value in fields:
        # Month macros go bare (month = nov); every other value in braces.
        lines.append(f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},")
    return "\n".join(lines) + "\n}\n"


# RIS ---------------------------------------------------------------------------
def ris(citation: Citation) -> str:
    def line(tag: str, value: str) -> str:
        return f"{tag}  - {' '.join(value.split())}"

    lines = [line("TY", "ELEC"), line("AU", citation.author), line("TI", citation.title)]
    if citation.container:
        lines.append(line("T2", citation.container))
    lines.append(line("PB", citation.publisher))
    if citation.date:
        lines += [line("PY", str(citation.date.year)), line("DA", citation.date.strftime("%Y/%m/%d"))]
    if citation.url:
        lines.append(line("UR", citation.url))
    lines.append(line("LA", citation.language))
    if citation.note:
        lines.append(line("N1", citation.note))
    if citation.abstract:
        lines.append(line("AB", citation.abstract))
    lines.append("ER  - ")
    # RIS is read line by line, with CRLF in the specification.
    return "\r\n".join(lines) + "\r\n"


# CSL-JSON ----------------------------------------------------------------------
def csl_json(citation: Citation) -> str:
    item: dict[str, object] = {
        "id": citation.key,
        "type": "entry" if citation.kind == "practice" else "document",
        "title": citation.title,
        "author": [{"literal": citation.author}],
        "publisher": citation.publisher,
        "language": citation.language,
    }
    if citation.container:
        item["container-title"] = citation.container
    if citation.date:
        item["issued"] = {"date-parts": [[citation.date.year, citation.date.month, citation.date.day]]}
    if citation.url:
        item["URL"] = citation.url
    if citation.note:
        item["note"] = citation.note
    if citation.abstract:
        item["abstract"] = citation.abstract
    # CSL-JSON is a list of items (what Zotero and citeproc read).
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def citation_files(citation: Citation, paths: dict[str, str]) -> dict[str, str]:
    writers = {"bib": bibtex, "ris": ris, "json": csl_json}
    return {path: writers[extension](citation) for extension, path in paths.items()}


# CITATION.cff ------------------------------------------------------------------
def citation_cff(version: str | None = None, released: datetime.date | None = None, url: str | None = None) -> str:
    """The catalogue's CITATION.cff (Citation File Format 1.2.0), in English:
    at the root of the repository without a version; a release's with its
    version and date."""
    data = publication()
    catalogue = data["catalogue"]
    document: dict[str, object] = {
        "cff-version": "1.2.0",
        "message": "If you use this catalogue or its open data, please cite it as below.",
        "type": "dataset",
        "title": label(catalogue["title"], "en"),
        "authors": [{"name": label(data["network"], "en")}],
        "abstract": "Practices of cities and local governments on migration and inclusion, each with its public sources, "
                    "its themes, GCM objectives and SDG targets, in French, English and Spanish.",
        "keywords": ["migration", "cities", "Global Compact for Migration", "local governance", "open data"],
        "license": catalogue["license"],
    }
    if version:
        document["version"] = version
    if released:
        document["date-released"] = released.isoformat()
    if url:
        document["url"] = url
    return "# The catalogue's citation (Citation File Format), written by generator/pages/citation.py:\n" \
           "# .venv/bin/python scripts/write_citation_cff.py\n" + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
