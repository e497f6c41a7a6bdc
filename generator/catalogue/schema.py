"""The practice format (``practice.schema.json``) and its errors as advice.

The JSON Schema is the single source of truth of the format: this module
validates entries against it, editors read it through the
``# yaml-language-server: $schema=`` line, and the contributor guide points to
it. Its ``description`` and ``examples`` become the "how to fix" hints.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
from babel import Locale
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from generator.catalogue.messages import N_, Message, joined
from generator.catalogue.model import LANGUAGES
from generator.languages import english_name
from generator.text import slugify

SCHEMA_PATH = Path(__file__).parent / "practice.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../generator/catalogue/practice.schema.json"


# The messages that the web form gives too, worded once here.
IS_MISSING = N_("is missing")
EXPECTED_GOT = N_("expected %(expected)s, got %(value)s")
TOO_LONG = N_("is %(length)s characters long, %(limit)s at most")
TOO_LONG_HINT = N_("shorten it; details belong in the description")
LIST_EMPTY = N_("the list is empty")
OUT_OF_RANGE = N_("%(value)s is out of range")
RANGE_HINT = N_("from %(low)s to %(high)s")
THE_TEXT = N_("the text %(text)s")
THE_NUMBER = N_("the number %(number)s")
NOT_EXPECTED_FORM = N_("is not in the expected form")
NOT_ALLOWED = N_("%(value)s is not an allowed value")
DID_YOU_MEAN = N_("did you mean %(value)s?")

TYPE_WORDS = {
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "object": N_("a group of fields (name: value lines)"),
    "array": N_("a list"),
    "null": "null",  # the word the file writes
    "boolean": N_("true or false"),
}


def localized_schema(schema: dict, languages: tuple[str, ...]) -> dict:
    """``schema`` with one property per language in each object marked
    ``"x-localized": true`` (the texts of an entry), made from the
    default language's property: how the schema follows the declaration of
    the site's languages (scripts/sync_schema_languages.py writes it)."""
    def rewrite(node: Any) -> Any:
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: rewrite(value) for key, value in node.items()}
        if node.get("x-localized"):
            template = dict(next(iter(node["properties"].values())))
            base = re.sub(r" \([^)]*\)$", "", template.get("description", ""))
            node["properties"] = {
                code: {**template, "description": f"{base} ({english_name(code)})"} if base else dict(template)
                for code in languages
            }
        return node

    return rewrite(schema)


@lru_cache(maxsize=1)
def practice_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def python_pattern(pattern: str) -> str:
    """An ECMA-262 ``pattern`` (JSON Schema's dialect, as the form's Ajv
    reads it) for Python's ``re``, with its meaning kept: without the
    multiline flag, ECMA's ``$`` matches only at the very end, where
    Python's also matches before a final newline, so that a slug
    'lisbon\\n' or a country 'PT\\n' would pass here and fail in the
    browser. Every ``$`` outside a character class becomes ``\\Z``."""
    out, in_class, escaped = [], False, False
    for character in pattern:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "[":
            in_class = True
        elif character == "]":
            in_class = False
        elif character == "$" and not in_class:
            character = r"\Z"
        out.append(character)
    return "".join(out)


@lru_cache(maxsize=1)
def _python_schema() -> dict:
    """The practice schema with each pattern as Python must compile it to
    mean what the schema says (see ``python_pattern``)."""
    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: python_pattern(value) if key == "pattern" and isinstance(value, str) else rewrite(value)
                    for key, value in node.items()}
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    return rewrite(practice_schema())


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = _python_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


class SchemaIssue:
    """One schema violation: the path it is about, whether it points at the
    key (unknown field) or the value, and the advice."""

    def __init__(
        self, path: tuple, message: str, hint: str = "", at_key: bool = False,
        missing: str | None = None, meant: str | None = None, where: tuple | None = None,
    ) -> None:
        self.path, self.message, self.hint, self.at_key = path, message, hint, at_key
        self.where = path if where is None else where  # the written part to point at
        self.missing = missing  # the required field this issue says is absent
        self.meant = meant  # the known field an unknown one probably stands for


@lru_cache(maxsize=1)
def _fast_validator():
    # fastjsonschema compiles the schema to Python: about ten times faster
    # than jsonschema on a valid entry, but it stops at the first error and
    # says little. It answers "valid?"; jsonschema explains the invalid ones.
    return fastjsonschema.compile(_python_schema())


def schema_issues(data: Any) -> list[SchemaIssue]:
    try:
        _fast_validator()(data)
        return []
    except Exception:  # invalid (or a value it cannot judge): ask jsonschema
        pass
    issues: list[SchemaIssue] = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        issues.extend(_explain(error))
    # A misspelt field ('titel') is reported once, as unknown with its right
    # name suggested, not a second time as the missing 'title'.
    meant = {(issue.path[:-1], issue.meant) for issue in issues if issue.meant}
    return [issue for issue in issues if not issue.missing or (issue.path[:-1], issue.missing) not in meant]


def _enumerate(items: list[str], last_word: Message) -> str:
    """'a, b and c' (or 'or'), for a hint."""
    if len(items) == 1:
        return items[0]
    return last_word % {"items": joined(items[:-1], ", "), "last": items[-1]}


def _languages_example() -> str:
    """'fr: …', 'en: …' and 'es: …', for a hint."""
    return _enumerate([f"'{code}: …'" for code in LANGUAGES], N_("%(items)s and %(last)s"))


def _languages_in_words() -> str:
    """French ('fr: …'), English ('en: …') or Spanish ('es: …'), for a hint."""
    return _enumerate([N_("%(language)s (%(example)s)") % {"language": english_name(code), "example": f"'{code}: …'"}
                       for code in LANGUAGES], N_("%(items)s or %(last)s"))


def describe(value: Any) -> str:
    if value is None:
        return N_("nothing (null)")
    if isinstance(value, bool):
        return N_("%(value)s (yes/no)") % {"value": str(value).lower()}
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return THE_TEXT % {"text": repr(shown)}
    if isinstance(value, (int, float)):
        return THE_NUMBER % {"number": value}
    if isinstance(value, list):
        return N_("a list")
    if isinstance(value, dict):
        return N_("a group of fields")
    return type(value).__name__


def closest(value: Any, choices: list[str]) -> str | None:
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(value: Any, choices: list[str]) -> str:
    """'did you mean …?' for a misspelt name, or the list of choices."""
    meant = closest(value, choices)
    if meant:
        return DID_YOU_MEAN % {"value": repr(meant)}
    if len(choices) <= 24:
        return N_("one of: %(choices)s") % {"choices": ", ".join(choices)}
    return N_("%(count)s values are allowed; see the schema") % {"count": len(choices)}


def _example(schema: dict) -> str:
    examples = schema.get("examples")
    return N_("for example: %(example)s") % {"example": examples[0]} if examples else ""


def _said(schema: dict, keyword: str) -> str:
    """A description, hint or pattern message of the schema, translatable
    (extract_schema_strings puts them in the catalogues)."""
    text = schema.get(keyword)
    return Message(text) if isinstance(text, str) and text else ""


def _described(schema: dict) -> str:
    return joined([_said(schema, "description"), _example(schema)])


def _pattern_hint(value: str, schema: dict) -> str:
    trimmed = value.strip()
    if trimmed != value and re.search(python_pattern(schema.get("pattern", "")), trimmed):
        return N_("remove the spaces or line breaks around it: %(value)s") % {"value": repr(trimmed)}
    # What the value should be, named by the schema (x-pattern-kind), not read from its English wording.
    kind = schema.get("x-pattern-kind")
    if kind == "slug" and slugify(value):
        return N_("lowercase letters, digits and hyphens: did you mean %(value)s?") % {"value": repr(slugify(value))}
    if (kind == "country-code" and value.upper() != value
            and re.search(python_pattern(schema.get("pattern", "")), value.upper())):  # 'usa' is not USA's code
        return N_("write it in capitals: %(value)s") % {"value": value.upper()}
    if kind == "language-code" and language_code(value):
        return DID_YOU_MEAN % {"value": repr(language_code(value))}
    return _said(schema, "x-hint") or _described(schema)


# The languages whose names a contributor may write instead of a code.
_NAMING_LOCALES = ("en", "fr", "es")


def language_code(name: str) -> str | None:
    """'english', 'Anglais' or 'inglés' -> 'en': the ISO 639-1 code of a
    language written by its name (in English, French or Spanish), or None."""
    wanted = name.strip().casefold()
    for locale in _NAMING_LOCALES:
        for code, language in Locale.parse(locale).languages.items():
            if language.casefold() == wanted and re.fullmatch(r"[a-z]{2}", code):
                return code
    return None


def _explain(error: ValidationError) -> Iterator[SchemaIssue]:
    """The advice for one violation, by its keyword (EXPLAINERS); the
    validator's own words for a keyword we do not explain."""
    explainer = EXPLAINERS.get(error.validator)
    if explainer is None:
        yield SchemaIssue(tuple(error.absolute_path), error.message, "")
        return
    yield from explainer(Violation(error))


class Violation:
    """What an explainer reads of a jsonschema error."""

    def __init__(self, error: ValidationError) -> None:
        self.path = tuple(error.absolute_path)
        self.schema = error.schema if isinstance(error.schema, dict) else {}
        self.value = error.instance
        self.limit = error.validator_value  # the keyword's value: the allowed values, the limit…


def _unknown_fields(v: Violation) -> Iterator[SchemaIssue]:
    allowed = list(v.schema.get("properties", {}))
    for key in v.value:
        if key not in allowed:
            yield SchemaIssue(v.path + (key,), N_("unknown field %(name)s") % {"name": repr(key)}, suggestion(key, allowed),
                              at_key=True, meant=closest(key, allowed))


def _missing_fields(v: Violation) -> Iterator[SchemaIssue]:
    properties = v.schema.get("properties", {})
    for key in v.limit:
        if isinstance(v.value, dict) and key not in v.value:
            yield SchemaIssue(v.path + (key,), IS_MISSING, _described(properties.get(key, {})), at_key=True, missing=key,
                              where=v.path)


def _wrong_type(v: Violation) -> Iterator[SchemaIssue]:
    expected = v.limit if isinstance(v.limit, list) else [v.limit]
    words = _enumerate([TYPE_WORDS.get(t, t) for t in expected], N_("%(items)s or %(last)s"))
    hint = _example(v.schema) or _said(v.schema, "description")
    if "object" in expected and isinstance(v.value, str) and v.schema.get("x-localized"):
        hint = N_("give each language on its own line: %(languages)s, indented under the field") % {
            "languages": _languages_example()}
    yield SchemaIssue(v.path, EXPECTED_GOT % {"expected": words, "value": describe(v.value)}, hint)


def _not_allowed(v: Violation) -> Iterator[SchemaIssue]:
    choices = [str(choice) for choice in v.limit]
    if isinstance(v.value, (int, float)) and not isinstance(v.value, bool) and str(v.value) in choices:
        yield SchemaIssue(v.path, N_("%(value)s is read as a number") % {"value": v.value},
                          N_('write it in quotes: "%(value)s"') % {"value": v.value})
    else:
        yield SchemaIssue(v.path, NOT_ALLOWED % {"value": repr(v.value)}, suggestion(v.value, choices))


def _listed_twice(v: Violation) -> Iterator[SchemaIssue]:
    seen, repeated = set(), []
    for item in v.value:
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            repeated.append(item)
        seen.add(key)
    yield SchemaIssue(v.path, N_("%(values)s is listed twice") % {"values": ", ".join(map(repr, repeated))},
                      N_("keep each value once"))


def _out_of_range(v: Violation) -> Iterator[SchemaIssue]:
    low, high = v.schema.get("minimum"), v.schema.get("maximum")
    yield SchemaIssue(v.path, OUT_OF_RANGE % {"value": v.value},
                      joined([RANGE_HINT % {"low": low, "high": high}, _said(v.schema, "description")]))


def _wrong_form(v: Violation) -> Iterator[SchemaIssue]:
    yield SchemaIssue(v.path, joined([repr(v.value), _said(v.schema, "x-pattern-message") or NOT_EXPECTED_FORM], " "),
                      _pattern_hint(v.value, v.schema))


def _not_a_name(v: Violation) -> Iterator[SchemaIssue]:
    group = "{" + ", ".join(f"{code}: …" for code in LANGUAGES) + "}"
    yield SchemaIssue(v.path, N_("expected a name or a %(group)s group, got %(value)s") % {"group": group, "value": describe(v.value)},
                      N_("for example: %(example)s") % {"example": "{fr: Ville de Montréal, en: City of Montréal}"})


# The advice for each keyword of the schema, one explainer each.
EXPLAINERS: dict[str, Callable[[Violation], Iterator[SchemaIssue]]] = {
    "additionalProperties": _unknown_fields,
    "required": _missing_fields,
    "type": _wrong_type,
    "enum": _not_allowed,
    "minItems": lambda v: iter([SchemaIssue(v.path, LIST_EMPTY, _described(v.schema))]),
    "uniqueItems": _listed_twice,
    "minLength": lambda v: iter([SchemaIssue(v.path, N_("is empty"), N_("write the text, or remove the line"))]),
    "maxLength": lambda v: iter([SchemaIssue(v.path, TOO_LONG % {"length": len(v.value), "limit": v.limit}, TOO_LONG_HINT)]),
    "minProperties": lambda v: iter([SchemaIssue(v.path, N_("has no text"),
                                                 N_("write it in %(languages)s") % {"languages": _languages_in_words()})]),
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "pattern": _wrong_form,
    "oneOf": _not_a_name,
}


# Fields a contributor does not write: the web form fills them in (the
# slug, the review, the dates), so their descriptions are not translated.
NOT_ASKED = frozenset({"slug", "review", "last_updated", "checked"})
TRANSLATED_KEYWORDS = ("description", "x-hint", "x-pattern-message")


def contributor_strings(schema: dict, *, asked_only: bool = True) -> Iterator[tuple[tuple, str, str]]:
    """(path, keyword, text) of each description, hint and pattern message
    that a contributor reads, from the fields' paths in the schema; the
    root's description and each language's copy of a text's are left out,
    and the fields the form fills in unless ``asked_only`` is false (`publish
    check` reports on those too)."""
    def walk(node: dict, path: tuple) -> Iterator[tuple[tuple, str, str]]:
        for keyword in TRANSLATED_KEYWORDS:
            if path and isinstance(node.get(keyword), str):
                yield path, keyword, node[keyword]
        if node.get("x-localized"):
            return
        for name, child in node.get("properties", {}).items():
            if name not in NOT_ASKED or not asked_only:
                yield from walk(child, path + (name,))
        if isinstance(node.get("items"), dict):
            yield from walk(node["items"], path)

    yield from walk(schema, ())


def extract_schema_strings(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extractor (babel.cfg): the schema's texts for contributors
    go into the gettext catalogues, so that the web form and `publish check`
    show them translated."""
    source = fileobj.read().decode("utf-8")
    for path, keyword, text in contributor_strings(json.loads(source), asked_only=False):
        line = source[: source.find(json.dumps(text, ensure_ascii=False))].count("\n") + 1
        yield line, "gettext", text, [f"{'.'.join(path)} ({keyword}) in the practice schema"]
