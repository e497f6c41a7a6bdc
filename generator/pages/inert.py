"""What in a page's HTML could act: the last line of defence against entries.

Entry text is escaped or sanitised on its way into a page, and `publish
check` refuses what cannot be carried; this module checks the result, the
HTML the engine made of a catalogue page, so that a hole in any of those
layers fails the build instead of reaching readers. A page is inert when it
holds no script, frame, plugin or base element, no event-handler attribute,
and no address other than http, https, mailto or the site's own (relative).

The scan is a tokenizer by regular expressions, not a full HTML parser: it
reads the well-formed HTML that Markdown engines write, in well under a
millisecond per page, and reads attribute values as browsers do (character
references decoded, tabs and newlines ignored inside a scheme).
"""

from __future__ import annotations

import html
import re

from generator.catalogue.markdown_dialect import LINK_SCHEMES

ALLOWED_SCHEMES = frozenset(LINK_SCHEMES)
ACTIVE_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "portal",
})
# Attributes whose value a browser follows or loads.
ADDRESS_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "ping", "cite",
    "srcset", "imagesrcset", "lowsrc", "dynsrc", "longdesc", "codebase", "manifest", "itemtype",
})
ALWAYS_ACTIVE_ATTRIBUTES = frozenset({"srcdoc"})

_TAG = re.compile(r"<([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")


def active_content(page_html: str) -> list[str]:
    """Every element or attribute of ``page_html`` that could act, described
    for an error message; empty when the page is inert."""
    found: list[str] = []
    for match in _TAG.finditer(page_html):
        name = match.group(1).lower()
        if name in ACTIVE_ELEMENTS:
            found.append(f"a <{name}> element")
        for attribute in _ATTRIBUTE.finditer(match.group(2)):
            attribute_name = attribute.group(1).lower()
            raw = attribute.group(2) or ""
            value = html.unescape(raw[1:-1] if raw[:1] in "\"'" and len(raw) >= 2 else raw)
            if attribute_name.startswith("on"):
                found.append(f"an event handler {attribute_name}= on <{name}>")
            elif attribute_name in ALWAYS_ACTIVE_ATTRIBUTES:
                found.append(f"a {attribute_name}= attribute on <{name}>")
            elif attribute_name in ADDRESS_ATTRIBUTES:
                scheme = address_scheme(value)
                if scheme is not None and scheme not in ALLOWED_SCHEMES:
                    found.append(f"a {scheme}: address in {attribute_name}= on <{name}>")
    return found


def address_scheme(address: str) -> str | None:
    """The scheme a browser would read in ``address`` (lowercase), or None
    for a relative address."""
    cleaned = _IGNORED_IN_URL.sub("", address).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None
