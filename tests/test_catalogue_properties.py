"""Whatever a contributor types, the validator answers with located
messages or a valid practice, never an exception."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalogue.loading import check_file
from generator.catalogue.vocabularies import load_vocabularies

VALID = (Path(__file__).parent / "valid_practice.yml").read_text()
TODAY = datetime.date(2026, 11, 25)

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30) | st.dates().map(str)
values = st.recursive(scalars, lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4), max_leaves=20)
field_names = st.sampled_from(["slug", "title", "summary", "description", "city", "country", "coordinates", "period",
                               "themes", "gcm_objectives", "sources", "review", "last_updated", "partners", "titel"])


def check_text(text: str | bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "entry.yml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        return check_file(path, load_vocabularies(), root=Path(folder), today=TODAY)


def assert_located(result) -> None:
    practice, problems = result
    assert practice is not None or any(p.severity == "error" for p in problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and problem.field
        assert str(problem).startswith(f"entry.yml:{problem.line}:{problem.column}: ")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_is_answered_with_located_messages(text):
    assert_located(check_text(text))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_answered_with_located_messages(data):
    assert_located(check_text(data))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(field_names, values, max_size=8))
def test_any_structure_is_answered_with_located_messages(data):
    assert_located(check_text(yaml.safe_dump(data, allow_unicode=True)))


@settings(max_examples=300, deadline=None)
@given(field_names, values)
def test_any_value_in_a_valid_entry_is_answered_with_located_messages(field, value):
    entry = yaml.safe_load(VALID)
    entry[field] = value
    assert_located(check_text(yaml.safe_dump(entry, allow_unicode=True)))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1),
       st.sampled_from(["\t", ":", '"', "'", "&", "*", "!", "[", "{", "-", "\n", "#", "%", "@", "`", "|", ">"]))
def test_a_stray_character_anywhere_is_answered_with_located_messages(position, character):
    assert_located(check_text(VALID[:position] + character + VALID[position:]))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(field_names, values, max_size=8) | st.builds(
    lambda field, value: {**yaml.safe_load(VALID), field: value}, field_names, values))
def test_the_fast_validator_and_jsonschema_agree(data):
    """The fast path may only say "valid" when jsonschema finds nothing."""
    from jsonschema import Draft202012Validator

    from generator.catalogue.schema import _fast_validator, practice_schema

    try:
        _fast_validator()(data)
        fast_valid = True
    except Exception:
        fast_valid = False
    assert fast_valid == Draft202012Validator(practice_schema()).is_valid(data)
