"""What the text of an entry may hold, character by character.

One rule for every string of an entry, so that nothing `publish check` lets
through can break a later step (YAML front matter, XML feeds, UTF-8 files) or
make text read differently from what is stored:

- refused everywhere: C0 controls other than tab and newline, DEL, C1
  controls, noncharacters (U+FDD0–U+FDEF and the last two code points of
  every plane), lone surrogates (a \\ud800 escape in YAML makes one);
- bidirectional embeddings, overrides and isolates: refused in slugs,
  addresses and names (they can make a name read as another), warned about
  in running text (where right-to-left words may have a use for them).

Each finding is (index in the text, message, hint, severity).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from generator.catalogue.messages import N_

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_CONTROLS = frozenset("\t\n")

# Fields whose text names or addresses something: no bidirectional control.
STRICT_FIELDS = frozenset({"slug", "city", "partners", "country", "url"})

Finding = tuple[int, str, str, str]

_CONTROL_NAMES = {"\x00": "NULL", "\x1b": "ESCAPE", "\r": "CARRIAGE RETURN", "\x0c": "FORM FEED", "\x0b": "LINE TABULATION",
                  "\x7f": "DELETE", "\x85": "NEXT LINE", "\x08": "BACKSPACE", "\x07": "BELL"}


def describe_character(character: str) -> str:
    """'U+001B ESCAPE', as a character table names it."""
    name = _CONTROL_NAMES.get(character) or unicodedata.name(character, "")
    return f"U+{ord(character):04X}{' ' + name if name else ''}"


def is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def character_kind(character: str) -> str | None:
    """Why ``character`` may not be in an entry: 'control', 'noncharacter',
    'surrogate', 'bidi'; None when it may."""
    code = ord(character)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return None if character in ALLOWED_CONTROLS else "control"
    if 0xD800 <= code <= 0xDFFF:
        return "surrogate"
    if is_noncharacter(code):
        return "noncharacter"
    if character in BIDI_CONTROLS:
        return "bidi"
    return None


# Every character character_kind refuses, as ranges of code points: for a
# scan in C here (thousands of entries are checked on each build, and almost
# none holds one), and for the web form's scan in the browser.
REFUSED_RANGES = (
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0xFDD0, 0xFDEF), (0x202A, 0x202E), (0x2066, 0x2069),
    *((plane << 16 | 0xFFFE, plane << 16 | 0xFFFF) for plane in range(17)),
)
_REFUSED = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in REFUSED_RANGES) + "]")

# The messages, worded once: `publish check` gives them in English, the web
# form (generator/pages/propose.py) in the reader's language.
AT_CHARACTER = N_("at character %(position)s")
AND_MORE = N_("at character %(position)s (and %(more)s more)")
CONTROL = N_("holds an invisible control character, %(character)s, %(where)s")
CONTROL_HINT = N_("delete it: retype the text around it, or paste the text as plain text")
SURROGATE = N_("holds half of a UTF-16 pair (%(escape)s) %(where)s, which is not a character")
SURROGATE_HINT = N_("write the character itself, or its full \\U0001xxxx escape")
NONCHARACTER = N_("holds %(character)s %(where)s, which is not a character")
NONCHARACTER_HINT = N_("delete it")
BIDI_IN_NAME = N_("holds a bidirectional control, %(character)s, %(where)s: it can make the text read differently from how it is stored")
BIDI_IN_NAME_HINT = N_("delete it: a name or an address is written without direction marks")
BIDI_IN_TEXT = N_("holds a bidirectional control, %(character)s, %(where)s: it changes how the text around it reads")
BIDI_IN_TEXT_HINT = N_("delete it unless right-to-left words need it to show in the right order")
# Not in the gettext catalogues yet: the web form gives them in English.
ONLY_SPACES = N_("holds only spaces")
ONLY_SPACES_HINT = N_("write the text, or remove the line")


def character_names() -> dict[str, str]:
    """The names of the refused characters that have one, by code point in
    hexadecimal: what describe_character adds to 'U+001B'."""
    return {f"{code:04X}": describe_character(chr(code)).partition(" ")[2]
            for low, high in REFUSED_RANGES if high < 0xD800 or low > 0xDFFF for code in range(low, high + 1)
            if " " in describe_character(chr(code))}


def _first_offending(text: str) -> Iterator[tuple[int, str, str]]:
    for match in _REFUSED.finditer(text):
        character = match.group()
        kind = character_kind(character)
        if kind:
            yield match.start(), character, kind


def text_findings(text: str, strict: bool) -> list[Finding]:
    """What in ``text`` breaks the rule: at most one finding per kind, at
    the first character of that kind, with how many more there are."""
    firsts: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    for index, character, kind in _first_offending(text):
        firsts.setdefault(kind, (index, character))
        counts[kind] = counts.get(kind, 0) + 1
    findings = []
    for kind, (index, character) in firsts.items():
        more = counts[kind] - 1
        where = AND_MORE % {"position": index + 1, "more": more} if more else AT_CHARACTER % {"position": index + 1}
        named = {"character": describe_character(character), "where": where}
        if kind == "control":
            findings.append((index, CONTROL % named, CONTROL_HINT, "error"))
        elif kind == "surrogate":
            findings.append((index, SURROGATE % {"escape": f"\\u{ord(character):04x}", "where": where}, SURROGATE_HINT, "error"))
        elif kind == "noncharacter":
            findings.append((index, NONCHARACTER % named, NONCHARACTER_HINT, "error"))
        elif strict:
            findings.append((index, BIDI_IN_NAME % named, BIDI_IN_NAME_HINT, "error"))
        else:
            # Warned about only in running text: the form, which shows what
            # must be fixed, leaves it to the reviewers.
            findings.append((index, BIDI_IN_TEXT % named, BIDI_IN_TEXT_HINT, "warning"))
    return findings


def entry_text_findings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, str, str]]:
    """Every string of an entry against the rule: (path, message, hint, severity)."""
    if isinstance(data, str):
        if data and not data.strip():  # an empty text is the schema's to report
            yield path, ONLY_SPACES, ONLY_SPACES_HINT, "error"
        strict = any(part in STRICT_FIELDS for part in path if isinstance(part, str))
        for _, message, hint, severity in text_findings(data, strict):
            yield path, message, hint, severity
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from entry_text_findings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from entry_text_findings(value, path + (index,))
