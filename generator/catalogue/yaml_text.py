"""How a value is written in a practice file so that PyYAML reads it back as it was.

Entries are read by PyYAML (and libyaml), that is YAML 1.1, where U+0085,
U+2028 and U+2029 are line breaks as much as \\n and \\r: a raw one in a
quoted text folds the spaces around it away, and in a block it ends the line
and can shift the indentation of the lines after it. So a text goes into a
block literal (``|-``, Markdown a person can read and expand) only when
nothing in it means something else there, and otherwise into a double-quoted
scalar in which every character YAML would not read back as itself is
escaped. A name goes plain only when YAML 1.1 reads it as that text (``NO``,
Norway's code, is false; ``2024`` a number).

The rule is data (``browser_rule``): the web form writes the file with the
same ranges and escapes (overrides/assets/javascripts/propose-yaml.js), and
tests/test_form_file_reads_back.py holds both to what PyYAML reads.
"""

from __future__ import annotations

import re

# Escaped in a double-quoted text: the quote and the backslash; what YAML 1.1
# reads as a line break or does not allow raw (controls, surrogates, U+FFFE and
# U+FFFF); the byte order mark (libyaml skips one at the start of a line).
ESCAPED_RANGES = (
    (0x00, 0x1F), (0x22, 0x22), (0x5C, 0x5C), (0x7F, 0x9F), (0x2028, 0x2029), (0xD800, 0xDFFF), (0xFEFF, 0xFEFF),
    (0xFFFE, 0xFFFF),
)
# The escapes a reader recognises; any other escaped character is \\uXXXX.
SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r",
                 "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
# A block literal holds a tab and a newline as they are, and no other escaped character.
BLOCK_KEEPS = "\t\n\"\\"
# A block's first line sets its indentation: it may not start with a blank or
# be empty; and '|-' drops the line breaks at its end, so none may end it.
BLOCK_CANNOT_START = " \t\n"
BLOCK_CANNOT_END = "\n"
# A plain name: a letter first, then letters, digits, '-' and '_', and none of
# the words YAML 1.1 reads as true, false or null (in any case; y and n too).
PLAIN_NAME = r"(?!(?:y|n|yes|no|true|false|on|off|null)$)[A-Za-z][A-Za-z0-9_-]*"


def _ranges(keep: str = "") -> list[tuple[int, int]]:
    """ESCAPED_RANGES without the characters of ``keep``."""
    kept = sorted(ord(character) for character in keep)
    ranges = []
    for low, high in ESCAPED_RANGES:
        start = low
        for code in kept:
            if start <= code <= high:
                if start < code:
                    ranges.append((start, code - 1))
                start = code + 1
        if start <= high:
            ranges.append((start, high))
    return ranges


def character_class(ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...], flavour: str = "python") -> str:
    """A regular expression's class of the code points of ``ranges``: for
    Python, or for a JavaScript RegExp with the u flag ('js')."""
    if flavour == "js":
        return "[" + "".join(f"\\u{{{low:x}}}-\\u{{{high:x}}}" for low, high in ranges) + "]"
    return "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]"


_ESCAPED = re.compile(character_class(ESCAPED_RANGES))
_BLOCK_UNSAFE = re.compile(character_class(_ranges(BLOCK_KEEPS)))
_PLAIN_NAME = re.compile(PLAIN_NAME, re.IGNORECASE)


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that reads back as ``text``."""
    return '"' + _ESCAPED.sub(lambda match: SHORT_ESCAPES.get(match[0]) or f"\\u{ord(match[0]):04X}", text) + '"'


def fits_a_block(text: str) -> bool:
    """Whether ``text`` reads back as itself from a ``|-`` block literal."""
    return bool(text) and not text.startswith(tuple(BLOCK_CANNOT_START)) and not text.endswith(tuple(BLOCK_CANNOT_END)) \
        and not _BLOCK_UNSAFE.search(text)


def block(text: str, indent: int) -> str:
    """``text`` as the value of a key: a block literal whose lines are
    indented by ``indent`` spaces when it fits one, else a quoted scalar.
    No line break after it: the file's layout adds it."""
    if not fits_a_block(text):
        return quoted(text)
    return "|-\n" + "\n".join(" " * indent + line if line else "" for line in text.split("\n"))


def name(value: str) -> str:
    """An identifier (a slug, a code, a vocabulary's key) plain when YAML
    reads it as that text, else quoted."""
    return value if _PLAIN_NAME.fullmatch(value) else quoted(value)


def browser_rule() -> dict:
    """The rule as the web form reads it (propose-yaml.js)."""
    return {
        "escaped": character_class(ESCAPED_RANGES, "js"),
        "blockUnsafe": character_class(_ranges(BLOCK_KEEPS), "js"),
        "shortEscapes": SHORT_ESCAPES,
        "blockCannotStart": BLOCK_CANNOT_START,
        "blockCannotEnd": BLOCK_CANNOT_END,
        # JavaScript has no inline (?i): the pattern is given with the flag to use.
        "plainName": PLAIN_NAME,
        "plainNameFlags": "i",
    }
