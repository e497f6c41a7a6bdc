"""generator.interrupts: what a person at a terminal sees when they stop a command."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# multiprocessing closes its pipes in weakref callbacks: a Ctrl-C that lands
# there is raised where Python can only print "Exception ignored in" and a
# traceback, as a build stopped at the wrong moment once showed.
SCRIPT = textwrap.dedent("""
    import gc, os, signal, sys, weakref
    from generator.interrupts import Interrupted, check_interrupted, interruptible

    class Resource:
        pass

    def clean_up(_):
        if sys.argv[1] == "signal":
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(10000):  # the handler runs between two steps of this callback
                pass
        else:
            raise ValueError("a real bug in a clean-up")

    try:
        with interruptible():
            resource = Resource()
            reference = weakref.ref(resource, clean_up)
            del resource
            gc.collect()
            check_interrupted()
    except Interrupted as stopped:
        print("stopped with", stopped.exit_code)
""")


def run(case: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, case], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_ctrl_c_during_a_clean_up_callback_prints_no_traceback_and_still_stops():
    result = run("signal")
    assert result.stdout.strip() == "stopped with 130", result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr


def test_other_errors_in_clean_up_callbacks_are_still_reported():
    result = run("error")
    assert "a real bug in a clean-up" in result.stderr
