"""YAML front matter of Markdown pages, written and read without an engine.

Front matter is the one place where entry text sits in a page as data, and
engines are lenient with it: MkDocs drops front matter that its YAML parser
refuses and renders the lines as Markdown, so a title that the parser cannot
read would become live Markdown on the page. Front matter is therefore only
written by a YAML library, and read back the way the engine reads it before
a page is handed over: what the engine will see is what we meant.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # the engines read front matter with libyaml when it is there
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _EngineLoader
except ImportError:  # pragma: no cover - libyaml ships with PyYAML's wheels
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _EngineLoader  # type: ignore[assignment]

# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE); Zensical follows it.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


class FrontMatterError(ValueError):
    """Metadata that would not reach the engine as written."""


def split_front_matter(text: str) -> tuple[dict, str]:
    """The page's metadata and its body, as the engine reads them. A page
    without front matter has empty metadata; front matter that cannot be
    read, or is not a mapping, is an error (the engine would show it).

    Raises ``FrontMatterError`` then.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1), Loader=_EngineLoader)
    except yaml.YAMLError as error:
        raise FrontMatterError(f"the front matter between the '---' lines is not valid YAML: {error}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter between the '---' lines must be a list of 'key: value' lines")
    return meta, text[match.end():].lstrip("\n")


def front_matter_block(meta: dict[str, Any]) -> str:
    """``meta`` as a front matter block ('---' … '---'), serialised by
    PyYAML and read back as the engine will: raises FrontMatterError if
    what the engine would read differs from ``meta``."""
    # libyaml's emitter writes what PyYAML's does, six times faster: a
    # practice page's front matter (its structured data) was a tenth of its making.
    try:
        header = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=100)
    except (yaml.YAMLError, UnicodeError) as error:  # libyaml refuses a lone surrogate
        raise FrontMatterError(f"the metadata {meta!r} cannot be written as YAML: {error}") from None
    block = f"---\n{header}---\n"
    try:
        read_back, rest = split_front_matter(block)
    except FrontMatterError as error:
        raise FrontMatterError(f"{error} (metadata {meta!r})") from None
    if read_back != meta or rest:
        raise FrontMatterError(f"the metadata {meta!r} would be read back as {read_back!r}")
    return block


def join_front_matter(meta: dict, body: str) -> str:
    if not meta:
        return body
    return f"{front_matter_block(meta)}\n{body.lstrip()}"
