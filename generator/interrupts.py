"""What the terminal sends us: Ctrl-C (SIGINT) and SIGTERM stop a command
the same way, by raising ``Interrupted`` in the main thread, once, so that
each layer cleans up on the way out (``interruptible``). A step that must not
be cut in the middle runs under ``interrupts_deferred``: a signal that
arrives meanwhile takes effect as soon as the step ends.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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


def become_worker(parent: int) -> None:
    """Set up a child forked by a command (a language's build, a PDF's
    rendering): the parent ends it with SIGTERM when the command is
    interrupted, the terminal's Ctrl-C (sent to the whole process group) is
    the parent's to handle, and it dies with its parent, even one killed
    outright. Until this runs, the handlers inherited from the parent only
    record a signal (forks run under interrupts_deferred)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1  # the kernel kills us when the parent dies, even by kill -9
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before that
        os._exit(1)
