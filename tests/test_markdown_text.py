"""Quoted text in the Markdown reports posted as public issues: GitHub shows
it as it is, whatever a server or an entry put in it."""

from __future__ import annotations

import re

import cmarkgfm
import pytest

from generator.markdown_text import quoted

HOSTILE = [
    "| x | ![p](https://evil/p.png) @everyone [click](https://phish) <img src=x>",
    "first line\nsecond line\r\n| a | b |",
    "<script>alert(1)</script><details open>",
    "www.evil.example and https://evil.example/ and evil@example.org",
    "`code` and ``more`` and a lone ` and \\` backslash",
    "`starts and ends with a backtick`",
    " spaces at both ends ",
    "@org/team and #123 and owner/repo#1 and 0123456789abcdef0123456789abcdef01234567",
    "a\\|b and a trailing backslash\\",
    "\u202eevil\u2066 \u2028 \x1b[2J",
]


def rendered(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown)


def code_text(html: str) -> str:
    import html as html_module

    return html_module.unescape("".join(re.findall(r"<code>(.*?)</code>", html, flags=re.S)))


@pytest.mark.parametrize("text", HOSTILE)
def test_in_a_table_cell_it_stays_one_inert_cell(text):
    row = f"| {quoted('entry', table_cell=True)} | {quoted(text, table_cell=True)} | end |"
    html = rendered(f"| a | b | c |\n|---|---|---|\n{row}\n")
    body = html.split("<tbody>")[1]
    assert body.count("<td>") == 3 and body.count("<tr>") == 1
    assert "<a " not in html and "<img" not in html and "<script" not in html and "<details" not in html
    cell = body.split("<td>")[2].split("</td>")[0]
    assert re.fullmatch(r"<code>.*</code>", cell, flags=re.S), cell  # all of it in code: no mention or reference outside
    assert "\n" not in row


@pytest.mark.parametrize("text", HOSTILE)
def test_in_a_list_item_it_reads_as_written(text):
    html = rendered(f"- [ ] reason: {quoted(text)}\n")
    assert "<a " not in html and "<img" not in html and "<script" not in html
    shown = code_text(html)
    # What the reader sees is the text, controls and line breaks as visible escapes.
    from generator.terminal import printable

    assert shown == printable(text)


def test_nothing_to_quote_is_nothing():
    assert quoted("") == ""
