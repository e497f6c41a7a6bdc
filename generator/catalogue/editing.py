"""Small edits to practice files that keep everything else as written
(comments, order, quotes): only the lines concerned change, and the file is
replaced in one step (a crash or a full disk leaves it as it was)."""

from __future__ import annotations

import datetime
import os
import stat
import tempfile
from pathlib import Path

from generator.catalogue import yaml_text
from generator.catalogue.yaml_source import read_located_yaml


class UneditableEntry(Exception):
    """The entry is written in a form these edits do not handle."""


def _written_beside(path: Path, text: str, mode: int) -> str:
    """A scratch file beside ``path`` holding ``text``, on disk, with ``mode``."""
    handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(scratch, mode)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return scratch


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path``'s content with ``text`` in one step: a file beside
    it, renamed over it, with the same permissions."""
    scratch = _written_beside(path, text, stat.S_IMODE(os.stat(path).st_mode))
    try:
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def create_atomically(path: Path, text: str) -> None:
    """Write ``text`` as the new file ``path``, whole or not at all, and
    never over a file that appeared meanwhile (FileExistsError)."""
    umask = os.umask(0)
    os.umask(umask)
    scratch = _written_beside(path, text, 0o666 & ~umask)  # as a file an editor creates
    try:
        os.link(scratch, path)  # fails if the name is taken
    finally:
        Path(scratch).unlink(missing_ok=True)


def set_source_checked(path: Path, indexes: set[int], date: datetime.date) -> bool:
    """Write ``checked: DATE`` under the sources at ``indexes``; True if the
    file changed. Sources written on one line ({title: …, url: …}) are
    refused rather than rewritten."""
    document = read_located_yaml(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edits: list[tuple[int, str, bool]] = []  # (0-based line, text, replace?)
    for index in sorted(indexes):
        source = document.data["sources"][index]
        url_line, url_column = document.key_positions[("sources", index, "url")]
        if lines[url_line - 1].lstrip().startswith("- {") or "{" in lines[url_line - 1][: url_column - 1]:
            raise UneditableEntry(f"{path}: sources[{index}] is written on one line; write it as a block to record checks")
        indent = " " * (url_column - 1)
        new_line = f"{indent}checked: {date.isoformat()}\n"
        if "checked" in source:
            checked_line, _ = document.key_positions[("sources", index, "checked")]
            edits.append((checked_line - 1, new_line, True))
        else:
            edits.append((url_line - 1, new_line, False))
    original = "".join(lines)
    for line_index, text, replace in sorted(edits, reverse=True):
        if replace:
            lines[line_index] = text
        else:
            lines.insert(line_index + 1, text)
    updated = "".join(lines)
    if updated == original:
        return False
    write_atomically(path, updated)
    return True


def set_review(path: Path, review: dict) -> bool:
    """Replace the entry's ``review:`` block with ``review`` (see
    ``with_review``). True if the file changed."""
    updated = with_review(path, review)
    if updated == path.read_text(encoding="utf-8"):
        return False
    write_atomically(path, updated)
    return True


def with_review(path: Path, review: dict) -> str:
    """The text of ``path`` with its ``review:`` block replaced by
    ``review`` (status, date, and by, checked_sources, next when given),
    written as a block; the rest of the file stays as written."""
    document = read_located_yaml(path)
    if ("review",) not in document.key_positions:
        raise UneditableEntry(f"{path}: it has no 'review:' field to update")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = document.key_positions[("review",)][0] - 1
    if document.key_positions[("review",)][1] != 1:
        raise UneditableEntry(f"{path}: 'review:' is not at the start of its line")
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the block stay where they are
    block = ["review:\n", f"  status: {review['status']}\n", f"  date: {review['date'].isoformat()}\n"]
    if review.get("by"):
        # Quoted so that PyYAML reads it back as typed (a line separator included).
        block.append(f"  by: {yaml_text.quoted(review['by'])}\n")
    if review.get("checked_sources"):
        block.append(f"  checked_sources: [{', '.join(str(n) for n in review['checked_sources'])}]\n")
    if review.get("next"):
        block.append(f"  next: {review['next'].isoformat()}\n")
    return "".join(lines[:start] + block + lines[end:])
