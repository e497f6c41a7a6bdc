"""generator.catalogue.checks: the rules the schema cannot express, a table
of functions each testable alone."""

from __future__ import annotations

import datetime

import pytest

from generator.catalogue.checks import RULES, Entry, _period_findings, _slug_findings
from generator.catalogue.vocabularies import load_vocabularies
from generator.catalogue.yaml_source import read_located_yaml
from tests.test_catalogue_validation import VALID_ENTRY

V = load_vocabularies()
TODAY = datetime.date(2026, 11, 25)


def entry(**changes) -> Entry:
    data = read_located_yaml(VALID_ENTRY).data
    data.update(changes)
    return Entry(data, "lisbon-welcome-house", V, TODAY)


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
def test_no_rule_finds_fault_with_the_valid_entry(rule):
    assert list(rule(entry())) == []


def test_a_rule_alone_finds_its_own_mistake_and_nothing_else():
    [(path, message, _, severity)] = _period_findings(entry(period={"start": 2020, "end": 2019}))
    assert path == ("period", "end") and severity == "error" and "2019" in message
    assert list(_slug_findings(entry(period={"start": 2020, "end": 2019}))) == []
    [(path, _, hint, _)] = _slug_findings(entry(slug="lisbon-other"))
    assert path == ("slug",) and "rename the file to lisbon-other.yml" in hint
