"""Contributor text made safe for pages.

Entries are written by people outside the team: their text must reach the
reader as text, whatever it holds. Plain fields (titles, names) are escaped
for Markdown and HTML; Markdown fields (description, results) are rendered
here by cmark-gfm, GitHub's own Markdown, in its safe mode (raw HTML and
javascript: links dropped, as on GitHub, so an entry reads on the site as in
its pull request), cleaned again by nh3 (the Ammonia sanitizer) down to a
short list of tags and to http, https and mailto links, then handed to the
engine as HTML.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import cmarkgfm
import nh3

# The dialect (extensions, link schemes, citations) that publish check reads too.
from generator.catalogue.markdown_dialect import LINK_PREFIXES, LINK_SCHEMES, MARKDOWN_EXTENSIONS, SOURCE_CITATION

ALLOWED_TAGS = {"p", "br", "em", "strong", "del", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_SCHEMES = set(LINK_SCHEMES)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_HEADINGS = re.compile(r"<(/?)h[12]\b")


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """Text that Markdown will print as it is: no emphasis, no link, no HTML."""
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escaped).replace("\n", " ")


def render_markdown(text: str) -> str:
    """A contributor's Markdown as clean HTML. Any HTML they wrote is
    dropped; headings are lowered to h3 so they nest under the page's own
    sections; a claim's "[source 2]" becomes a note that links to the
    second source of the page's list (``#source-2``)."""
    rendered = cmarkgfm.markdown_to_html_with_extensions(text, options=0, extensions=MARKDOWN_EXTENSIONS)
    rendered = _HEADINGS.sub(r"<\1h3", rendered)
    # After the cleaner, which would drop the link; the pattern holds no
    # markup, and the number is checked by publish check.
    return SOURCE_CITATION.sub(_citation, _cleaner().clean(rendered).strip())


def _citation(match: re.Match) -> str:
    number = match.group(1)
    return f'<sup class="catalogue-citation"><a href="#source-{number}">[{number}]</a></sup>'


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    # One sanitizer for every text: nh3.clean() builds its rules anew on
    # each call, which costs as much as the cleaning itself.
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_absolute_links_only,
    )


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    # A relative link would point into this site, where the entry's author
    # cannot know what exists; cmark empties the href of a javascript: link.
    # Either way the words stay, as text.
    if attribute == "href" and not value.startswith(LINK_PREFIXES):
        return None
    return value
