"""Raw HTML blocks handed through Python-Markdown without being parsed.

The generator writes most of a practice page as HTML (its facts table, its
entry text rendered by cmark, its sources), between Markdown headings. The
engine's Markdown finds those blocks by running Python's HTML parser, a
pure-Python tokenizer, over the whole page, twice (ProperDocs, for the ids
the page holds, then ``md_in_html``, for the blocks): about a third of the
time a practice page costs the engine.

This preprocessor runs first and stores in Python-Markdown's own stash the
blocks it can delimit without a parser: a paragraph (between blank lines)
that is one block-level element, opened at its first character and closed
at its last, with every block-level tag inside balanced. That is what the
parsers would have found and stored, character for character, so the page
comes out the same (a test converts every page both ways). Anything it is
not sure of (a comment, a ``markdown`` attribute, tags left open across
blank lines, a fence) is left to the parsers, and so is the rest of the
page after it.

The ids of the stored blocks no longer reach ProperDocs' anchor list;
:func:`anchor_ids` gives them back from the page's HTML.
"""

from __future__ import annotations

import html
import re
from functools import cache

import markdown
from markdown.preprocessors import Preprocessor

# Python-Markdown's empty elements: never closed, so not counted.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.M)
# What a parser reads differently from a tag count: comments, processing
# instructions, declarations and CDATA, and blocks whose Markdown is parsed.
_MARKDOWN_ATTRIBUTE = re.compile(r"\bmarkdown\s*=")
_ID = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*?)/?>""")
_ATTRIBUTE = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def _unsure(paragraph: str) -> bool:
    # Substring tests first: the regular expressions alone scan a listing
    # page's megabyte of HTML for a few hundredths of a second each.
    return "<!" in paragraph or "<?" in paragraph or ("markdown" in paragraph and bool(_MARKDOWN_ATTRIBUTE.search(paragraph)))


def _fenced(paragraph: str) -> bool:
    return ("```" in paragraph or "~~~" in paragraph) and bool(_FENCE.search(paragraph))


@cache
def _block_tags(block_level: frozenset[str]) -> re.Pattern[str]:
    """The start and end tags of block-level elements (the others are not
    counted: the regular expression skips them without a Python step)."""
    names = "|".join(sorted((re.escape(name) for name in block_level - _VOID), key=len, reverse=True))
    return re.compile(rf"<(/?)({names})(?=[\s/>])[^>]*?(/?)>", re.I)


class _PassThroughHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        block_tags = _block_tags(frozenset(self.md.block_level_elements))
        paragraphs = "\n".join(lines).split("\n\n")
        last = len(paragraphs) - 1
        for index, paragraph in enumerate(paragraphs):
            if _fenced(paragraph) or _unsure(paragraph):
                break
            whole, balanced = _one_element(paragraph, block_tags)
            if not balanced:
                break
            if whole:
                # Python-Markdown keeps the blank line that follows a raw block.
                lead = len(paragraph) - len(paragraph.lstrip("\n"))
                block = paragraph[lead:] + ("\n" if index < last else "")
                paragraphs[index] = paragraph[:lead] + self.md.htmlStash.store(block)
        return "\n\n".join(paragraphs).split("\n")


def _one_element(paragraph: str, block_tags: re.Pattern[str]) -> tuple[bool, bool]:
    """(the paragraph is one block-level element, from its first character to
    its last; every block-level tag in it is closed)."""
    depth, root, closed_at = 0, False, -1
    start = len(paragraph) - len(paragraph.lstrip("\n"))  # blank lines before it
    for match in block_tags.finditer(paragraph):
        closing, _, self_closing = match.groups()
        if self_closing:  # '<div/>' opens and closes; '</div/>' closes
            if closing:
                depth -= 1
            elif match.start() == start:
                return False, True
            if depth < 0:
                return False, False
            continue
        if match.start() == start and not closing:
            root = True
        depth += -1 if closing else 1
        if depth < 0:
            return False, False
        if depth == 0 and closed_at < 0:
            closed_at = match.end()
    if depth:
        return False, False
    return root and closed_at == len(paragraph), True


class PassThroughHtml(markdown.Extension):
    """Registers the preprocessor before ProperDocs' and Python-Markdown's
    HTML parsers (priorities 21 and 20)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_PassThroughHtml(md), "pass_through_html", 22)


def anchor_ids(page_html: str) -> set[str]:
    """The ids a page's HTML holds (and the names of its ``<a>``): what
    ProperDocs collects to check links to a page's anchors."""
    found = set()
    for tag in _ID.finditer(page_html):
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name = attribute.group(1).lower()
            if name == "id" or tag.group(1).lower() == "a":
                found.add(html.unescape(next(value for value in attribute.groups()[1:] if value is not None)))
    return found
