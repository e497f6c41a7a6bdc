"""The Jinja2 environment that renders Markdown pages in one language."""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path

import jinja2
from babel import Locale
from babel.numbers import format_decimal

from generator.i18n import translations
from generator.pages import links, print_editions, progress
from generator.pages.front_matter import front_matter_block
from generator.pages.markup import escape_html, escape_markdown, render_markdown

TEMPLATES_DIR = Path(__file__).parent / "templates"


def markdown_environment(folder: Path, lang: str) -> jinja2.Environment:
    """An environment for the Markdown templates in ``folder``, whose
    ``_()``/``gettext()`` speak ``lang``.

    Autoescaping is off because the output is Markdown, not HTML: values
    that come from contributors are escaped by the filters of the templates
    that use them.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        autoescape=False,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


@cache
def environment(lang: str) -> jinja2.Environment:
    """The generator's page templates, speaking ``lang``."""
    env = markdown_environment(TEMPLATES_DIR, lang)
    env.globals["lang"] = lang
    # Contributor text always goes through one of these: md for Markdown
    # context, h for HTML context, markdown_html for Markdown fields.
    env.filters["md"] = escape_markdown
    env.filters["h"] = escape_html
    env.filters["markdown_html"] = render_markdown
    env.filters["number"] = lambda count: count_text(count, lang)
    env.globals["page_front_matter"] = page_front_matter
    env.globals["language_name"] = lambda code: Locale.parse(lang).languages.get(code, code)
    env.globals["links"] = links
    env.globals["md_link"] = links.markdown_link
    env.globals["url_link"] = links.url_link
    env.globals["progress_tables"] = progress.progress_tables
    env.globals["city_timeline"] = progress.city_timeline
    env.globals["thematic_editions"] = print_editions.thematic_editions
    env.globals["report_titles"] = print_editions.report_titles
    env.globals["report_files"] = print_editions.report_files
    return env


def page_front_matter(
    title: str, description: str = "", wide: bool = False, structured_data: dict | None = None, card: dict | None = None
) -> str:
    """A generated page's front matter block: its title, its description,
    for wide pages the table of contents it hides, its schema.org data
    (generator.pages.structured_data), which the theme writes as JSON-LD,
    and its link-preview card."""
    # Themes print front matter into attributes (meta description) and the
    # <title> unescaped: the text is escaped for HTML here.
    meta: dict[str, object] = {"title": _meta_text(title)}
    if description:
        meta["description"] = _meta_text(description)
    if wide:
        # The site's navigation stays, as on every page; the table of
        # contents gives its room to the filters, the map or the table.
        meta["hide"] = ["toc"]
    if structured_data:
        # Data, not HTML, as JSON text (the theme escapes it for a script
        # element as tojson does): one YAML string costs the front matter's
        # writing and the engine's reading a fifth of a nested mapping.
        meta["structured_data"] = json.dumps(structured_data, sort_keys=True)
    if card:
        # The page's link-preview card (generator.pages.previews): its image and alternative text.
        meta["card"] = card
    return front_matter_block(meta)


def _meta_text(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def render(template: str, lang: str, **context: object) -> str:
    return environment(lang).get_template(template).render(**context)


def count_text(count: int, lang: str) -> str:
    """A count as ``lang`` writes it: from 10,000 grouped as CLDR says (10 000
    in French, 10.000 in Spanish); below, as it is, which the Spanish norm
    (RAE, UN) asks of four-digit numbers."""
    return str(count) if abs(count) < 10_000 else format_decimal(count, locale=lang)
