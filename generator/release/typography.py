"""Typography of a language, applied to the text of the print edition
(never inside tags). Which rules a language follows is data, in
generator/languages.yml (``typography:``); languages with none get none.

french: a no-break space before ':' and inside « », a narrow no-break space
before ';', '?' and '!' (Imprimerie nationale rules)."""

from __future__ import annotations

import re

NBSP, NNBSP = "\u00a0", "\u202f"
_TEXT = re.compile(r">([^<]+)<")
_RULES = [
    (re.compile(r"[ \u00a0\u202f]+:(?=\s|$|<)"), NBSP + ":"),
    (re.compile(r"[ \u00a0\u202f]+([;?!])"), NNBSP + r"\1"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
]


def french_spacing_text(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_spacing(html: str) -> str:
    """Apply the rules to the text between tags of an HTML fragment."""
    return _TEXT.sub(lambda match: ">" + french_spacing_text(match.group(1)) + "<", html)


RULES = {"french": french_spacing}
# The same rules on plain text, for documents that are not HTML (the
# follow-up report's Markdown).
TEXT_RULES = {"french": french_spacing_text}


def apply_typography(html: str, typography: str | None) -> str:
    """``html`` with the rules named ``typography`` applied, or as it is."""
    return RULES[typography](html) if typography else html


def apply_typography_text(text: str, typography: str | None) -> str:
    """Plain ``text`` (Markdown) with the rules named ``typography`` applied."""
    return TEXT_RULES[typography](text) if typography else text
