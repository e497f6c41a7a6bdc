"""Small edits to practice files that keep everything else as written
(comments, order, quotes): only the lines concerned change."""

from __future__ import annotations

import datetime
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

