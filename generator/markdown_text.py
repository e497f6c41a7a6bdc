"""Quoted text in the Markdown reports that become public GitHub issues.

`publish sources --format markdown` and `publish review --format markdown`
are posted as issues by the weekly source watch. What they quote comes from
outside: a redirect's address is whatever a source's server sent, a reason
quotes an entry. Quoted as it is, such text would add table cells, a
tracking image, a phishing link, raw HTML or an @mention that notifies
people. Backslash escapes are not enough on GitHub: mentions, issue
references and commit hashes are linked in the rendered text, after
Markdown, everywhere but in code. So every quoted text becomes a code span
(``quoted``), the one place where GitHub shows text as it is.

This is not ``generator.pages.markup.escape_markdown``: that one escapes for
the site's Markdown engine, whose rendered text no mention filter reads.
"""

from __future__ import annotations

import re

from generator.terminal import printable

_BACKTICKS = re.compile(r"`+")


def quoted(text: object, *, table_cell: bool = False) -> str:
    """``text`` as a code span that GitHub shows as it is, on one line: no
    link, image, HTML, mention or reference can come of it. Line breaks and
    invisible characters are written as visible escapes (``printable``);
    with ``table_cell``, ``|`` is escaped so that it cannot end the cell
    (GitHub's tables read ``\\|`` as ``|``, code spans included)."""
    text = printable(text)
    if not text:
        return ""
    if table_cell:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    # A code span drops one space at each end when both ends have one; a
    # backtick at an end needs a space to stay apart from the fence.
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()):
        text = f" {text} "
    return f"{fence}{text}{fence}"
