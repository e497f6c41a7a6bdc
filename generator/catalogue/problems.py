"""A problem found in a practice file, located and worded as advice."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

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


def field_path(path: tuple) -> str:
    """('sources', 0, 'url') -> 'sources[0].url'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
