"""A problem found in a practice file, located and worded as advice."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Literal

from generator.catalogue.messages import translated

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, where it is, and how.

    ``field`` is the path of the field in the entry (``sources[0].url``), or a
    word naming the layer at fault (``file``, ``yaml``) when no field can be.
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict:
        return asdict(self)

    def in_language(self, lang: str) -> Problem:
        """The problem with its message and hint said in ``lang``."""
        return replace(self, message=translated(self.message, lang), hint=translated(self.hint, lang))

    def for_people(self, lang: str) -> Problem:
        """In ``lang``, with the field's items counted from 1 (see ``shown_field``)."""
        return replace(self.in_language(lang), field=shown_field(self.field))


def field_path(path: tuple) -> str:
    """('sources', 0, 'url') -> 'sources[0].url'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def shown_field(field: str) -> str:
    """'sources[1].url' -> 'sources #2.url': the field as the file writes
    it, its items counted from 1 as people count them."""
    return re.sub(r"\[(\d+)\]", lambda match: f" #{int(match[1]) + 1}", field)
