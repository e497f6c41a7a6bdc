"""The rule for the characters of an entry's text."""

from __future__ import annotations

import sys

from generator.catalogue.text_rules import _REFUSED, character_kind, entry_text_findings, text_findings


def test_the_fast_scan_refuses_exactly_what_the_rule_refuses():
    disagree = [code for code in range(sys.maxunicode + 1)
                if (character_kind(chr(code)) is not None) != bool(_REFUSED.fullmatch(chr(code)))]
    assert disagree == []


def test_letters_of_every_script_tabs_and_line_breaks_are_text():
    assert text_findings("Ville de Montréal\tسلام 서울 東京 🙂\nעברית", strict=True) == []


def test_each_kind_is_reported_once_at_its_first_character_with_a_count():
    findings = text_findings("a\x01b\x02c\uffff", strict=False)
    assert [(index, message) for index, message, _, _ in findings] == [
        (1, "holds an invisible control character, U+0001, at character 2 (and 1 more)"),
        (5, "holds U+FFFF at character 6, which is not a character"),
    ]


def test_direction_controls_are_errors_in_names_and_warnings_in_text():
    entry = {"city": {"en": "Lis\u202ebon"}, "summary": {"en": "A \u2067مرحبا\u2069 house"}}
    assert [(path, severity) for path, _, _, severity in entry_text_findings(entry)] == [
        (("city", "en"), "error"), (("summary", "en"), "warning"),
    ]
