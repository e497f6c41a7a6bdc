"""What the generator made in the last build, kept for the next one.

At thousands of entries, reading the entries and writing their pages is work
repeated identically from one build to the next: most builds change one
entry, or none. Results are stored under a key that hashes everything they
depend on (the input's bytes, the language and options, and the generator
itself: its code, templates, vocabularies and translations, and the
versions of the libraries that shape its output), so a changed input can
only miss, never return stale output. Each store keeps only what the last
build used: it never grows beyond one build's worth.

A cache that cannot be read (absent, truncated, from another Python) is
treated as empty; one that cannot be written is skipped. Neither stops a
build. The folder is local to the checkout and never published (it holds
pickles: only the build that wrote it should read it).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PACKAGE_DIR = Path(__file__).parent
# Where MkDocs projects keep their plugins' caches (Material does the same).
DEFAULT_CACHE_DIR = ".cache/plugin/cities"
# The libraries whose version changes what the generator writes.
SHAPING_LIBRARIES = ("pyyaml", "fastjsonschema", "jsonschema", "babel", "jinja2", "markupsafe", "cmarkgfm", "nh3")


@cache
def generator_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of every file of the generator package, and of the versions of
    Python and of the libraries that shape its output."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(sys.version.encode())
    for name in SHAPING_LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=absent;".encode())
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(*parts: object) -> str:
    """A key for what ``parts`` determine, together with the generator."""
    digest = hashlib.blake2b(generator_fingerprint().encode(), digest_size=20)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else pickle.dumps(part, protocol=5))
        digest.update(b"\0")
    return digest.hexdigest()


class BuildCache:
    """One store of the cache: key -> value, read at the start, written by
    ``save`` with what this build used."""

    def __init__(self, folder: Path | None, name: str, previous: BuildCache | None = None, deferred: bool = False) -> None:
        """``previous``: the same store as the last build of this process
        left it (a preview's rebuilds), instead of reading it from disk.
        ``deferred``: ``save`` keeps it in memory for the next one, and
        ``flush`` writes it (the preview, when it stops)."""
        self.path = folder / f"{name}.pickle" if folder is not None else None
        self.deferred = deferred
        if previous is not None and previous.path == self.path:
            # A build that did not consult the store (the entries had not
            # changed) leaves it as it found it.
            self._previous = previous._used if previous.consulted else previous._previous
            self._saved = previous._saved
        else:
            self._previous = self._read()
            self._saved = set(self._previous)
        self._used: dict[str, Any] = {}
        self.hits = self.misses = 0
        self.consulted = False

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as file:
                stored = pickle.load(file)
        except Exception:  # absent, truncated, or written by another Python: rebuilt
            return {}
        return stored if isinstance(stored, dict) else {}

    def get(self, key: str) -> Any | None:
        self.consulted = True
        value = self._previous.get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self._used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.consulted = True
        self._used[key] = value

    def save(self) -> None:
        """Write what this build used, atomically; skipped if that is what
        the file holds, or until ``flush`` for a deferred store."""
        if not self.deferred:
            self.flush()

    def flush(self) -> None:
        kept = self._used if self.consulted else self._previous  # an unconsulted store keeps what it had
        if self.path is None or kept.keys() == self._saved:
            return
        scratch = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, scratch = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            with os.fdopen(handle, "wb") as file:
                pickle.dump(kept, file, protocol=5)
            os.replace(scratch, self.path)
            self._saved = set(kept)
        except OSError:
            # A read-only checkout builds as well, only without the cache.
            if scratch is not None:
                Path(scratch).unlink(missing_ok=True)
            return
        self._previous = dict(kept)


def cached(cache: BuildCache, key: str, make: Callable[[], T]) -> T:
    """The value stored under ``key``, or ``make()``'s, stored for next time."""
    value = cache.get(key)
    if value is None:
        value = make()
        cache.put(key, value)
    return value
