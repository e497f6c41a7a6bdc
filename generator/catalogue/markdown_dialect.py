"""The Markdown that entries are written in, as the site renders it: one
place for what the checks and the pages must agree on.

The description and the results are rendered as GitHub renders them, in
cmark's safe mode (generator/pages/markup.py): raw HTML is dropped, and
links lead only to full web or mail addresses. publish check renders with
the same extensions to bound the nesting.
"""

from __future__ import annotations

import re

import cmarkgfm
from cmarkgfm.cmark import Options

# The entry's fields written in Markdown.
MARKDOWN_FIELDS = ("description", "results")
# GitHub's extensions but tagfilter, which only matters when raw HTML is let
# through (options=0 is cmark's safe mode: it is not).
MARKDOWN_EXTENSIONS = ["table", "strikethrough", "autolink"]
# The schemes a link may use, and the prefixes they are written with.
LINK_SCHEMES = ("https", "http", "mailto")
LINK_PREFIXES = ("https://", "http://", "mailto:")
# A claim names the source it comes from: "[source 2]", 1 being the first of sources.
SOURCE_CITATION = re.compile(r"\[source (\d+)\]")
# Quotes, lists and emphasis nested deeper than this cost the HTML sanitiser
# time that grows with the square of the depth; real descriptions stay
# under four.
MAX_MARKDOWN_NESTING = 8
_RENDERED_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)(?:\s+data-sourcepos="(\d+):[^"]*")?[^>]*>')
# Not levels a reader sees: the item of a list, a paragraph, parts of a table.
_VOID_ELEMENTS = frozenset({"br", "hr", "img", "input"})
_UNCOUNTED_ELEMENTS = frozenset({"li", "p", "thead", "tbody", "tr", "th", "td"})


def markdown_nesting(text: str) -> tuple[int, int]:
    """How deep the elements of ``text`` nest once rendered as the site
    renders it (cmark-gfm), and the line of the text where that is first
    reached. Stops counting past the limit: the answer is then 'too deep'."""
    rendered = cmarkgfm.markdown_to_html_with_extensions(text, options=Options.CMARK_OPT_SOURCEPOS, extensions=MARKDOWN_EXTENSIONS)
    depth = deepest = 0
    line = 1
    for match in _RENDERED_TAG.finditer(rendered):
        closing, name, position = match.groups()
        if name in _VOID_ELEMENTS or name in _UNCOUNTED_ELEMENTS:
            continue
        if closing:
            depth -= 1
            continue
        depth += 1
        if position:
            current_line = int(position)
        if depth > deepest:
            deepest, line = depth, current_line if position else line
            if deepest > MAX_MARKDOWN_NESTING:
                break
    return deepest, line
