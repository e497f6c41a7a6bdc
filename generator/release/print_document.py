"""The print edition in one language, as one HTML document for WeasyPrint:
cover, contents, the position paper, the governance text and the catalogue."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
from babel.dates import format_date
from markupsafe import Markup

from generator.catalogue.endorsements import Endorsement
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import Vocabularies
from generator.i18n import translations
from generator.languages import site_languages
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView
from generator.pages.front_matter import split_front_matter
from generator.pages.markup import render_markdown
from generator.release.typography import apply_typography

TEMPLATES_DIR = Path(__file__).parent / "templates"
CHAPTERS = ("contribution.md", "governance.md")


_SITE_LINK = re.compile(r'<a href="(?!https?:|mailto:|#)[^"]*"[^>]*>(.*?)</a>', re.S)
# "[source 2]" links to the page's list of sources; the book lists each
# practice's sources under it, unnumbered: the note stays, without a link.
_CITATION_LINK = re.compile(r'<a href="#source-\d+">(\[\d+\])</a>')


@dataclass
class Chapter:
    id: str
    title: str
    html: Markup  # our own pages, rendered from Markdown


def _chapter(path: Path, chapter_id: str) -> Chapter:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    converter = markdown.Markdown(
        extensions=["abbr", "attr_list", "def_list", "footnotes", "tables", "toc"],
        extension_configs={"footnotes": {"UNIQUE_IDS": True}, "toc": {"permalink": False}},
        output_format="html",
    )
    html = converter.convert(body)
    # A link to another page of the site has no target in the book: its
    # words stay, as text.
    html = _SITE_LINK.sub(r"\1", html)
    # Anchors stay unique in the whole book: prefix them with the chapter.
    html = re.sub(r'\b(id|href)="(#?)([^"]+)"', lambda m: _prefix(m, chapter_id), html)
    title_match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    title = re.sub(r"<[^>]+>", "", title_match.group(1)) if title_match else meta.get("title", "")
    return Chapter(chapter_id, title, Markup(html))


def _prefix(match: re.Match, chapter_id: str) -> str:
    attribute, hash_sign, value = match.groups()
    if attribute == "href" and not hash_sign:
        return match.group(0)  # an outward link: keep it
    return f'{attribute}="{hash_sign}{chapter_id}-{value}"'


def print_html(
    content_dir: Path,
    lang: str,
    practices: list[Practice],
    vocabularies: Vocabularies,
    endorsements: list[Endorsement],
    *,
    version: str,
    date: datetime.date,
) -> str:
    view = CatalogueView(practices, vocabularies, lang, CatalogueOptions(today=date))
    chapters = [_chapter(content_dir / lang / name, name.removesuffix(".md")) for name in CHAPTERS]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    # Contributor Markdown is rendered and sanitized exactly as on the site.
    env.filters["markdown_html"] = lambda text: Markup(_CITATION_LINK.sub(r"\1", render_markdown(text)))
    html = env.get_template("print.html.j2").render(
        lang=lang,
        view=view,
        chapters=chapters,
        endorsements=endorsements,
        version=version,
        date=date,
        date_text=format_date(date, format="long", locale=lang),
        stylesheet=(TEMPLATES_DIR / "print.css").read_text(encoding="utf-8"),
    )
    return apply_typography(html, site_languages().typography(lang))

