"""generator/pages/templating.py: what every page's template is given."""

from __future__ import annotations

from generator.pages.templating import count_text


def test_counts_of_ten_thousand_and_more_are_grouped_as_each_language_writes_them():
    assert [count_text(9999, lang) for lang in ("fr", "en", "es")] == ["9999", "9999", "9999"]
    assert [count_text(12345, lang) for lang in ("fr", "en", "es")] == ["12\u202f345", "12,345", "12.345"]
