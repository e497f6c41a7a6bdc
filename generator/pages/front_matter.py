"""YAML front matter of Markdown pages, read without an engine."""

from __future__ import annotations

import re

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """The page's metadata and its body. A page without front matter has
    empty metadata; front matter that is not a mapping is an error."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1) or "") or {}
    if not isinstance(meta, dict):
        raise ValueError("the front matter between the '---' lines must be a list of 'key: value' lines")
    return meta, text[match.end():]


def join_front_matter(meta: dict, body: str) -> str:
    if not meta:
        return body
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=100)
    return f"---\n{header}---\n\n{body.lstrip()}"
