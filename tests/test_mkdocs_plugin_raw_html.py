"""The generator's HTML blocks handed through Python-Markdown unparsed
(generator/mkdocs_plugin/raw_html.py): every page comes out as the engine's
parsers would have made it, character for character."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from properdocs.config import load_config

from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.languages import site_languages
from generator.mkdocs_plugin.raw_html import PassThroughHtml, anchor_ids
from generator.pages.catalogue_pages import catalogue_pages
from generator.pages.front_matter import split_front_matter
from tests.synthetic import synthetic_entry, write_entry

PROJECT = Path(__file__).resolve().parents[1]

# What a page may hold around raw HTML, and what a parser reads otherwise
# than a count of tags would.
CASES = [
    '<div class="a">\n<p>x</p>\n</div>\n\n## Title { #t }\n\n<table>\n<tr><td>1</td></tr>\n</table>',
    "<h1>T</h1>\n\n\n<p>a</p>\n\n<p>b</p>",
    "<p>a</p>\n## heading right after\n\n<p>b</p>",
    "<p>closing tag then spaces</p>   \n\ntext",
    "<p>two</p>\n<p>elements</p>\n\n<div>after</div>",
    "<div>\n\n<p>blank line inside</p>\n\n</div>\n\n<p>then</p>",
    "<div>\n<pre><code>a\n\nb</code></pre>\n</div>\n\n<p>after code</p>",
    "<div markdown=\"1\">\n*emphasis*\n</div>\n\n<p>x</p>",
    "<!-- a comment -->\n\n<div>x</div>\n\n<!-- open\n\n<div>y</div>\n\n-->",
    "```\n<div>\n\n</div>\n```\n\n<div>x</div>",
    "    <div>indented code</div>\n\n<div>x</div>",
    "- item\n\n<div>after a list</div>\n\n- again\n\n    <div>in the item</div>",
    "`<div>` in a code span\n\n<div>x</div>",
    "<DIV>upper</DIV>\n\n<Div>mixed</dIV>",
    "<div/>\n\n<div>a<div/>b</div>\n\n<div>x</div/>",
    "<hr>\n\n<div>after a void</div>\n\n<br>",
    '<div title="a>b">x</div>\n\n<div title="</div>">y</div>',
    "<div><script>'</div>'</script></div>\n\n<p>z</p>",
    "<p>a <span>inline</span> b</p>\n\n<span>not block</span>\n\nplain *text*",
    "<div>\n<div>\n<p>nested</p>\n</div>\n</div>",
    '<p id="one">x</p>\n\n<a name="two"></a>\n\n<div id=\'three\'>y</div>\n\n<p id=four>z</p>',
    "<p>last block, no blank line after</p>",
    "<details>\n<summary>s</summary>\n<p>d</p>\n</details>\n\nText[^1].\n\n[^1]: Note.",
    "*[HTML]: Hyper Text\n\n<p>HTML here</p>\n\nHTML there",
]


@pytest.fixture(scope="module")
def markdown_settings() -> tuple[list, dict]:
    config = load_config(str(PROJECT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def convert(text: str, settings: tuple[list, dict], handed_through: bool) -> tuple[str, list]:
    extensions, configs = settings
    md = markdown.Markdown(extensions=extensions + ([PassThroughHtml()] if handed_through else []), extension_configs=configs)
    return md.convert(text), md.toc_tokens


def handed_through_blocks(text: str) -> list[str]:
    """The blocks the preprocessor alone stores, before any parser runs."""
    md = markdown.Markdown(extensions=[PassThroughHtml()])
    md.preprocessors["pass_through_html"].run(text.split("\n"))
    return list(md.htmlStash.rawHtmlBlocks)


@pytest.mark.parametrize("text", CASES)
def test_a_page_comes_out_as_the_parsers_make_it(text, markdown_settings):
    assert convert(text, markdown_settings, True) == convert(text, markdown_settings, False)


def test_the_generators_blocks_are_handed_through(markdown_settings):
    """Stored whole before any parser runs, each block as the parser would
    store it; what follows a block the preprocessor is unsure of is left."""
    text = '<h1 lang="fr">T</h1>\n\n<table class="f">\n<tr><td>1</td></tr>\n</table>\n\n## Description { #d }\n\n\n<div class="t">\n<p>x</p>\n</div>'
    assert handed_through_blocks(text) == ['<h1 lang="fr">T</h1>\n', '<table class="f">\n<tr><td>1</td></tr>\n</table>\n', '<div class="t">\n<p>x</p>\n</div>']
    assert handed_through_blocks("<div>\n\n</div>\n\n<p>x</p>") == []
    html = convert(text, markdown_settings, True)[0]
    assert html.count("<table") == 1 and '<h2 id="d">Description' in html


def test_the_anchor_ids_are_those_a_parser_finds():
    html = CASES[-4].replace("\n\n", "\n") + '<h2 id="a&amp;b">x</h2><input name="not-an-anchor">'
    found = {tag.get("id") or tag.get("name") for tag in BeautifulSoup(html, "html.parser").find_all(True)
             if tag.get("id") or (tag.name == "a" and tag.get("name"))}
    assert anchor_ids(html) == found == {"one", "two", "three", "four", "a&b"}


def _hostile_entry() -> dict:
    entry = synthetic_entry(3)
    entry.update(
        slug="raw-html-hostile",
        title={"fr": "<div>Titre</div>\n\n<p>", "en": "</div></table>Title"},
        summary={"fr": "<table><tr><td>x", "en": "<!-- open"},
        description={"fr": "<div>\n\n<p>x</p>\n\n</div>\n\n```\n<div>\n```", "en": "<pre>a\n\nb</pre>\n\n<div markdown=1>*x*</div>"},
    )
    return entry


def test_every_page_of_every_language_comes_out_the_same(markdown_settings, tmp_path):
    """The shipped entries, a hostile one, and the texts, in each declared
    language: the same HTML, the same table of contents; and the blocks
    handed through hold the ids a parser finds in the page."""
    practices = tmp_path / "practices"
    for path in (PROJECT / "practices").glob("*.yml"):
        (practices / path.name).parent.mkdir(exist_ok=True)
        (practices / path.name).write_bytes(path.read_bytes())
    write_entry(practices, _hostile_entry())
    report = load_catalogue(practices)
    assert "raw-html-hostile" in {practice.slug for practice in report.practices}
    vocabularies = load_vocabularies()
    handed = 0
    for lang in site_languages().codes:
        pages = {path: text for path, text in catalogue_pages(report.practices, vocabularies, lang).items() if path.endswith(".md")}
        pages.update({path.name: path.read_text(encoding="utf-8") for path in (PROJECT / "content" / lang).glob("*.md")})
        for path, text in pages.items():
            body = split_front_matter(text)[1]
            parsed, handed_through = convert(body, markdown_settings, False), convert(body, markdown_settings, True)
            assert handed_through == parsed, (lang, path)
            ids = {tag["id"] for tag in BeautifulSoup(parsed[0], "html.parser").find_all(id=True)}
            assert ids <= anchor_ids(handed_through[0]), (lang, path)
            handed += len(handed_through_blocks(body))
    # A practice page's title, summary, facts, texts and sources, at least.
    assert handed > 5 * len(report.practices) * len(site_languages().codes)
