"""Read one YAML document safely, remembering where every value was written.

Practice files are written by hand by people who are not programmers; every
way a file can be broken must end as a located message, never a traceback or a
hang. So: a size limit before parsing, strict UTF-8, PyYAML's safe loader, no
aliases (an alias bomb expands exponentially), no tags beyond YAML's plain
types, duplicate keys reported (PyYAML silently keeps the last one), and
non-finite numbers refused.
"""

from __future__ import annotations

import datetime
import errno
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.catalogue.messages import N_

MAX_FILE_BYTES = 512 * 1024
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
EMPTY_FILE = N_("the file is empty")
EMPTY_FILE_HINT = N_("start from the template: publish new --help")
TOO_DEEP = N_("the file is nested too deeply")
ALIASES = N_("YAML aliases (*name) are not allowed in practice files")
TOO_DEEP_HINT = N_("a practice entry is at most a few levels deep")
Position = tuple[int, int]  # 1-based line and column


class YAMLSourceError(Exception):
    """The file cannot be read as YAML at all."""

    def __init__(self, line: int, column: int, layer: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.layer, self.message, self.hint = line, column, layer, message, hint


@dataclass
class LocatedDocument:
    """The document's data (JSON types only) and where each part was written."""

    data: Any
    value_positions: dict[tuple, Position] = field(default_factory=dict)
    key_positions: dict[tuple, Position] = field(default_factory=dict)
    # Problems that do not stop reading: (position, path, message, hint).
    duplicate_keys: list[tuple[Position, tuple, str]] = field(default_factory=list)
    # Values that do not mean what they look like: (position, path, message, hint).
    misread_values: list[tuple[Position, tuple, str, str]] = field(default_factory=list)

    def position(self, path: tuple, *, key: bool = False) -> Position:
        """Where ``path`` was written: its key, or its value; the nearest
        written ancestor when the path itself is absent."""
        table = self.key_positions if key else self.value_positions
        while path:
            if path in table:
                return table[path]
            if key and path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return (1, 1)


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, ALIASES, event.start_mark
            )
        return super().compose_node(parent, index)


def _position(mark) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _friendly_problem(problem: str) -> str:
    if ALIASES in problem:
        return ALIASES
    if "'\\t'" in problem:
        return N_("a tab is used to indent this line")
    if "mapping values are not allowed" in problem:
        return N_("a text containing ': ' must be in quotes")
    return problem


def _unclosed_quote(text: str, before_line: int) -> int | None:
    """The first line before ``before_line`` that opens a double quote
    without closing it: YAML reports such a mistake lines later."""
    for number, line in enumerate(text.splitlines()[: before_line - 1], start=1):
        content = line.split(" #")[0].replace('\\"', "")
        if content.count('"') % 2:
            return number
    return None


def _syntax_hint(problem: str) -> str:
    if "'\\t'" in problem or "tab" in problem:
        return N_("indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return N_('put the text in quotes, e.g. en: "Lisbon: a welcoming city"')
    if "aliases" in problem:
        return N_("write the value out in full instead of referring to another one")
    if "could not determine a constructor" in problem or "tag" in problem:
        return N_("remove the '!' tag: only plain text, numbers, dates, lists and fields are allowed")
    if "expected <document start>" in problem or "but found another document" in problem:
        return N_("a practice file holds one document: remove the extra '---' line")
    if "found character" in problem and "cannot start any token" in problem:
        return N_('quote the value, e.g. title: "@home"')
    return N_("check the indentation and the quotes around this line")


def read_plain_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a plain file within the size limit.
    A symbolic link is not followed (an entry could otherwise publish, or
    quote in its messages, a file from outside the repository), and a
    device or a pipe is not read.

    Raises ``YAMLSourceError`` saying why it was not read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno == errno.ELOOP or path.is_symlink():
            raise YAMLSourceError(1, 1, "file", N_("is a symbolic link; entries are plain files"),
                                  N_("replace the link with the file itself")) from None
        raise YAMLSourceError(1, 1, "file", N_("cannot be read: %(reason)s") % {"reason": error.strerror or str(error)}) from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise YAMLSourceError(1, 1, "file", N_("is not a plain file"), N_("an entry is one YAML file"))
        if status.st_size > MAX_FILE_BYTES:
            raise YAMLSourceError(
                1, 1, "file", N_("the file is %(size)s MB; a practice file is at most %(limit)s KB") % {
                    "size": f"{status.st_size / 1_048_576:.1f}", "limit": MAX_FILE_BYTES // 1024},
                N_("keep one practice per file and link to long documents in sources"),
            )
        try:
            return file.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise YAMLSourceError(1, 1, "file", N_("cannot be read: %(reason)s") % {"reason": error.strerror or str(error)}) from None


def read_located_yaml(path: Path) -> LocatedDocument:
    """Parse ``path``; raise ``YAMLSourceError`` with a position if it cannot be."""
    raw = read_plain_file(path)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise YAMLSourceError(line, 1, "file", N_("this is a binary file, not a text file"), N_("save the entry as plain UTF-8 text"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YAMLSourceError(
            line, column, "file", N_("byte %(byte)s is not UTF-8 text") % {"byte": f"0x{raw[error.start]:02x}"},
            N_("save the file with the UTF-8 encoding (most editors offer it in 'Save as')"),
        ) from None
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise YAMLSourceError(1, 1, "file", EMPTY_FILE, EMPTY_FILE_HINT)

    # libyaml (C) parses valid files several times faster; any file it
    # refuses, or that uses an alias, is read again by the pure-Python parser,
    # whose messages and positions are the ones contributors see.
    if yaml.__with_libyaml__:
        try:
            return _compose(yaml.CSafeLoader(text), text, aliases_allowed=False)
        except (YAMLSourceError, yaml.YAMLError, RecursionError, _AliasFound):
            pass
    try:
        loader = _NoAliasLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise YAMLSourceError(
            line, column, "file", N_("the file contains an invisible control character (%(character)s)") % {
                "character": f"U+{error.character:04X}"},
            N_("delete it: retype the line, or paste the text as plain text"),
        ) from None
    return _compose(loader, text, aliases_allowed=True)



def read_located_list(path: Path, key: str, described: str) -> LocatedDocument:
    """``path`` read as a data file whose ``key:`` holds a list (the
    endorsing cities, the featured practices); ``YAMLSourceError`` with a
    position if it cannot be, saying the list should be ``described``."""
    document = read_located_yaml(path)
    if not isinstance(document.data, dict) or not isinstance(document.data.get(key), list):
        raise YAMLSourceError(1, 1, "file", f"expected '{key}:' followed by {described}")
    return document


def located_message(path: Path, error: YAMLSourceError) -> str:
    """'path:line:column: what (how to fix)', as data files' errors read."""
    hint = f" ({error.hint})" if error.hint else ""
    return f"{path}:{error.line}:{error.column}: {error.message}{hint}"

class _AliasFound(Exception):
    """The C parser met a node twice: an alias. The Python parser locates it."""


def _compose(loader, text: str, *, aliases_allowed: bool) -> LocatedDocument:
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        line, column = _position(error.problem_mark or error.context_mark)
        problem = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        hint = _syntax_hint(problem)
        quote_line = _unclosed_quote(text, line)
        if quote_line and quote_line != line:
            hint = N_("the quote opened on line %(line)s is not closed") % {"line": quote_line}
        raise YAMLSourceError(line, column, "yaml", _friendly_problem(problem), hint) from None
    except yaml.YAMLError as error:
        raise YAMLSourceError(1, 1, "yaml", str(error).splitlines()[0], N_("check the file's syntax")) from None
    except RecursionError:
        raise YAMLSourceError(1, 1, "yaml", TOO_DEEP, TOO_DEEP_HINT) from None
    if node is None:
        raise YAMLSourceError(1, 1, "file", EMPTY_FILE, EMPTY_FILE_HINT)

    document = LocatedDocument(data=None)
    try:
        document.data = _convert(loader, node, (), document, set() if not aliases_allowed else None)
    except RecursionError:
        raise YAMLSourceError(1, 1, "yaml", TOO_DEEP, TOO_DEEP_HINT) from None
    finally:
        loader.dispose()
    return document


def _convert(loader: yaml.SafeLoader, node: Node, path: tuple, document: LocatedDocument, seen: set | None) -> Any:
    if seen is not None:
        # The C parser resolves an alias to the node it names: meeting a
        # collection twice means an alias (scalars may be shared safely).
        if not isinstance(node, ScalarNode):
            if id(node) in seen:
                raise _AliasFound()
            seen.add(id(node))
    document.value_positions[path] = _position(node.start_mark)
    if node.tag not in PLAIN_TAGS:
        line, column = _position(node.start_mark)
        raise YAMLSourceError(
            line, column, "yaml", N_("the tag %(tag)s is not allowed") % {"tag": repr(node.tag)},
            _syntax_hint("tag"),
        )
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, column = _position(key_node.start_mark)
                raise YAMLSourceError(line, column, "yaml", N_("a field name must be a plain word"), N_("write 'name: value'"))
            key = str(_scalar(loader, key_node, path, document))
            key_path = path + (key,)
            if key in result:
                first = document.key_positions[key_path]
                document.duplicate_keys.append(
                    (_position(key_node.start_mark), key_path, N_("appears twice (first on line %(line)s)") % {"line": first[0]})
                )
                continue
            document.key_positions[key_path] = _position(key_node.start_mark)
            result[key] = _convert(loader, value_node, key_path, document, seen)
        return result
    if isinstance(node, SequenceNode):
        return [_convert(loader, item, path + (index,), document, seen) for index, item in enumerate(node.value)]
    return _scalar(loader, node, path, document)


# What YAML 1.2's core schema reads as numbers. PyYAML follows YAML 1.1,
# where 1:30 is 90 (base 60), 0x7E5 is 2021, 017 is 15 and 1_000 is 1000:
# a number is kept only when it looks like what it means.
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BOOLEANS = {"true", "false", "True", "False", "TRUE", "FALSE"}


def _scalar(loader: yaml.SafeLoader, node: ScalarNode, path: tuple, document: LocatedDocument) -> Any:
    if node.tag == _STR:
        return node.value  # most values: no constructor needed
    if node.tag == _BOOL and node.value not in _BOOLEANS:
        read_as = str(loader.construct_object(node)).lower()
        document.misread_values.append((
            _position(node.start_mark), path, N_("%(value)s is read as %(read_as)s (yes/no)") % {"value": repr(node.value), "read_as": read_as},
            N_('write "%(value)s" in quotes for the text, or %(read_as)s for yes/no') % {"value": node.value, "read_as": read_as},
        ))
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError, OverflowError) as error:
        line, column = _position(node.start_mark)
        if node.tag.endswith(":timestamp"):
            raise YAMLSourceError(line, column, "yaml", N_("%(value)s is not a real date (%(reason)s)") % {"value": repr(node.value), "reason": str(error)},
                                  N_("write an existing date as YYYY-MM-DD")) from None
        raise YAMLSourceError(line, column, "yaml", N_("cannot read the value %(value)s: %(reason)s") % {"value": repr(node.value), "reason": str(error)},
                              N_("quote it to keep it as text")) from None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        line, column = _position(node.start_mark)
        raise YAMLSourceError(line, column, "yaml", N_("%(value)s is not a finite number") % {"value": repr(node.value)},
                              N_("write a plain decimal number"))
    if node.tag in (_INT, _FLOAT) and not (_DECIMAL_INT if node.tag == _INT else _DECIMAL_FLOAT).fullmatch(node.value):
        if re.fullmatch(r"0[0-9]+", node.value):  # octal in YAML 1.1
            hint = N_("write it without the leading zero (%(decimal)s), or %(value)s if that is the number meant") % {
                "decimal": int(node.value, 10), "value": repr(value)}
        else:
            hint = N_("write the number in decimals (%(value)s), or in quotes if it is text") % {"value": repr(value)}
        document.misread_values.append((_position(node.start_mark), path,
                                        N_("%(value)s is read as the number %(number)s") % {"value": repr(node.value), "number": repr(value)},
                                        hint))
    return value
