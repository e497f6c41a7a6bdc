"""The last check on a catalogue page's HTML: nothing in it can act."""

from __future__ import annotations

import pytest

from generator.pages.inert import active_content, address_scheme

ACTIVE = [
    ('<a href="javascript:alert(1)">x</a>', "javascript: address"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript: address"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: address"),
    ('<a href=" java\tscript:alert(1)">x</a>', "javascript: address"),
    ("<a href='data:text/html,<script>'>x</a>", "data: address"),
    ('<p><a href="https://example.org/" onmouseover="alert(1)" style="position:fixed">x</a></p>', "event handler onmouseover"),
    ("<img src=x onerror=alert(1)>", "event handler onerror"),
    ("<svg><a xlink:href=\"vbscript:x\">y</a></svg>", "vbscript: address"),
    ("<script>alert(1)</script>", "<script>"),
    ('<iframe src="https://example.org/"></iframe>', "<iframe>"),
    ('<iframe srcdoc="&lt;script&gt;"></iframe>', "srcdoc"),
    ('<form action="javascript:alert(1)"></form>', "javascript: address"),
    ('<base href="https://evil.example/">', "<base>"),
]
INERT = [
    '<a href="https://example.org/a?b=c&amp;d">ok</a> <a href="http://example.org">ok</a>',
    '<a href="mailto:someone@example.org">mail</a>',
    '<a href="../cities/lisbon-pt/">Lisbon</a> <a href="#sources">Sources</a> <a href="./">here</a>',
    '<p>The words javascript:alert(1) and onmouseover=alert(1) as text are only text.</p>',
    '<form class="catalogue-filters" role="search" hidden><input type="checkbox" name="theme"></form>',
    '<h2 id="description">Description<a class="headerlink" href="#description" title="Lien">#</a></h2>',
]


@pytest.mark.parametrize("html, what", ACTIVE)
def test_active_content_is_found(html, what):
    found = active_content(html)
    assert any(what in description for description in found), found


@pytest.mark.parametrize("html", INERT)
def test_links_of_the_site_and_to_the_web_are_inert(html):
    assert active_content(html) == []


def test_schemes_are_read_as_a_browser_reads_them():
    assert address_scheme("HTTPS://EXAMPLE.ORG/") == "https"
    assert address_scheme("\x01 javascript:x") == "javascript"
    assert address_scheme("../a:b/") is None
    assert address_scheme("page.html#x:y") is None
