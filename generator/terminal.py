"""What reaches the terminal, and what the terminal sends us.

Output: entries are hostile input. A file name or a value may hold escape
sequences (``ESC [2J`` clears the screen, ``ESC ]0;…`` retitles the window), a
carriage return that overwrites the start of a line, or a bidirectional
override that shows text in another order than it is stored. ``printable``
makes each such character visible instead (``\\x1b``, ``\\r``, ``\\u202e``);
every text the commands print goes through it.

Signals: Ctrl-C (SIGINT) and SIGTERM stop a command the same way, by raising
``Interrupted`` in the main thread, once, so that each layer cleans up on the
way out (``interruptible``). A step that must not be cut in the middle runs
under ``interrupts_deferred``: a signal that arrives meanwhile takes effect as
soon as the step ends.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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


# Signals -------------------------------------------------------------------

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived. ``message`` says what was left as it was."""

    def __init__(self, signum: int, message: str = "") -> None:
        super().__init__(signum)
        self.signum = signum
        self.message = message

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


class _State:
    depth = 0  # nested interruptible() blocks
    previous: dict[int, Any] = {}
    received: int | None = None  # the first signal, kept even if its exception was caught by someone
    raised = False
    deferring = 0
    unraisablehook: Any = None


_state = _State()


def _on_signal(signum: int, frame: object) -> None:
    if _state.received is None:
        _state.received = signum
    if _state.deferring or _state.raised:
        return  # raised when the deferred step ends; or already stopping: let the clean-up finish
    _state.raised = True
    raise Interrupted(signum)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def interruptible() -> Iterator[None]:
    """While the block runs, the first SIGINT or SIGTERM raises
    ``Interrupted`` in the main thread; later ones are ignored, so that the
    clean-up it starts runs to its end. Blocks may nest; the outermost one
    restores the previous handlers. Off the main thread, does nothing."""
    if not _main_thread():
        yield
        return
    if _state.depth == 0:
        _state.received, _state.raised, _state.deferring = None, False, 0
        _state.previous = {}
        _state.unraisablehook = sys.unraisablehook
        sys.unraisablehook = _drop_interrupted
        try:
            for signum in STOP_SIGNALS:
                # One ignored on entry stays ignored (a shell's background job ignores Ctrl-C).
                if signal.getsignal(signum) is not signal.SIG_IGN:
                    _state.previous[signum] = signal.signal(signum, _on_signal)
        except BaseException:
            _restore()
            raise
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1
        if _state.depth == 0:
            _restore()


def _restore() -> None:
    for signum, handler in _state.previous.items():
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
    _state.previous = {}
    if _state.unraisablehook is not None:
        sys.unraisablehook, _state.unraisablehook = _state.unraisablehook, None


def _drop_interrupted(unraisable: Any) -> None:
    # A signal that strikes while Python runs a finalizer or a weakref callback
    # (multiprocessing's clean-up, say) raises there, where Python can only
    # print "Exception ignored in" and a traceback. The signal is kept in
    # _state.received, and check_interrupted raises it again at the next step.
    if isinstance(unraisable.exc_value, Interrupted):
        return
    (_state.unraisablehook or sys.__unraisablehook__)(unraisable)


def check_interrupted() -> None:
    """Raise ``Interrupted`` if a signal arrived during the outermost
    ``interruptible`` block, even if its exception was caught and dropped."""
    if _state.depth and _state.received is not None:
        _state.raised = True
        raise Interrupted(_state.received)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Run the block to its end: a signal that arrives meanwhile raises
    ``Interrupted`` right after it. Processes forked meanwhile inherit the
    deferral, so that a signal cannot strike them before they set their own
    handlers."""
    _state.deferring += 1
    try:
        yield
    finally:
        _state.deferring -= 1
        if not _state.deferring:
            check_interrupted()  # the signal wins over an error of the block


def interrupt_received() -> bool:
    """Whether SIGINT or SIGTERM arrived during the outermost ``interruptible``
    block (for a deferred step to skip what it would change)."""
    return bool(_state.depth) and _state.received is not None
