"""What reaches the terminal: entries are hostile input. A file name or a value may hold escape
sequences (``ESC [2J`` clears the screen, ``ESC ]0;…`` retitles the window), a
carriage return that overwrites the start of a line, or a bidirectional
override that shows text in another order than it is stored. ``printable``
makes each such character visible instead (``\\x1b``, ``\\r``, ``\\u202e``);
every text the commands print goes through it.

What the terminal sends us (Ctrl-C, SIGTERM) is generator/interrupts.py's.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from typing import Any

import click

# Control (Cc) and format (Cf: bidirectional overrides, zero-width characters)
# characters, surrogates, private-use and unassigned code points, line and
# paragraph separators. Spaces (Zs, such as the no-break spaces of French
# typography) are printed as they are.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(character: str) -> str:
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: object, *, keep: str = "") -> str:
    """``text`` with every control, format or invisible character written as
    a visible escape (ESC becomes ``\\x1b``, U+202E ``\\u202e``), except the
    characters in ``keep`` (``"\\n"`` for a message of several lines)."""
    text = str(text)
    if text.isprintable():  # the usual case, checked in C
        return text
    return "".join(
        _visible(c) if c not in keep and unicodedata.category(c) in _HIDDEN else c for c in text
    )


def printable_message(text: object) -> str:
    """A message of several lines, ``printable`` but for its line breaks, in
    which no line can pass for a GitHub workflow command (``::name…`` at the
    start of a line, which the runner reads on standard output and error)."""
    lines = printable(text, keep="\n").split("\n")
    for number, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("::"):
            lines[number] = f"{line[:len(line) - len(stripped)]}\\x3a{stripped[1:]}"
    return "\n".join(lines)


def printable_lines(header: str, items: Iterable[object], indent: str = "  ") -> str:
    """``header``, then each item on a line of its own: whatever an item
    holds (a file name with a line break), it stays on its line."""
    return "\n".join([header, *(indent + printable(item) for item in items)])


def echo(text: object = "", *, err: bool = False, lines: bool = False) -> None:
    """Print one line (or, with ``lines``, a message of several lines) whose
    content may come from an entry."""
    click.echo(printable_message(text) if lines else printable(text), err=err)


def _json_escape(character: str) -> str:
    code = ord(character)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def printable_json(data: Any) -> str:
    """``data`` as indented JSON that reads the same once parsed, with every
    character that ``printable`` would escape written as a JSON escape."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if text.isprintable():
        return text
    # JSON's own layout is ASCII: such characters can only be inside strings,
    # where \uXXXX means the same character.
    return "".join(
        _json_escape(c) if c != "\n" and unicodedata.category(c) in _HIDDEN else c for c in text
    )


def github_command(command: str, properties: dict[str, object], message: str) -> str:
    """A GitHub Actions workflow command on one line, escaped as GitHub
    documents it (``%``, CR and LF in the message; also ``:`` and ``,`` in
    property values), after ``printable``: whatever an entry holds, it
    cannot end the line and start a command of its own."""
    def data(text: object) -> str:
        return printable(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def value(text: object) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    listed = ",".join(f"{name}={value(text)}" for name, text in properties.items())
    return f"::{command}{' ' + listed if listed else ''}::{data(message)}"
