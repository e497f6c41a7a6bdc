"""Small edits to practice files that keep everything else as written
(comments, order, quotes): only the lines concerned change."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from generator.catalogue.yaml_source import read_located_yaml


class UneditableEntry(Exception):
    """The entry is written in a form these edits do not handle."""


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
    path.write_text(updated, encoding="utf-8")
    return True



def set_review(path: Path, review: dict) -> bool:
    """Replace the entry's ``review:`` block with ``review`` (status, date,
    and by, checked_sources, next when given), written as a block; the
    rest of the file stays as written. True if the file changed."""
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
        block.append(f"  by: {json.dumps(review['by'], ensure_ascii=False)}\n")
    if review.get("checked_sources"):
        block.append(f"  checked_sources: [{', '.join(str(n) for n in review['checked_sources'])}]\n")
    if review.get("next"):
        block.append(f"  next: {review['next'].isoformat()}\n")
    updated = "".join(lines[:start] + block + lines[end:])
    if updated == "".join(lines):
        return False
    path.write_text(updated, encoding="utf-8")
    return True
