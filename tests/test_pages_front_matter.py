"""Front matter reaches the engine as we wrote it, whatever an entry says."""

from __future__ import annotations

import pytest
from properdocs.utils.meta import get_data

from generator.pages.front_matter import FrontMatterError, front_matter_block, join_front_matter, split_front_matter
from generator.pages.templating import page_front_matter

# Characters that PyYAML's reader refuses in a document, written as text:
# before, a title holding one made MkDocs drop the front matter silently and
# render it, and what followed, as Markdown.
HOSTILE_TITLES = [
    "Welcome House\x7f [Read more](javascript:alert(document.domain))",
    "A house.\uffff [x](https://example.org/){: onmouseover=alert(1) }",
    "Lisbon\x85 ---\ntitle: other",
    "---\n---",
    "title: x\n...",
    '"quoted" \'and\' {braces} [brackets] #hash &amp; <b>',
    "\ufeffBOM first",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_mkdocs_reads_the_front_matter_of_a_page_with_any_title(title):
    page = page_front_matter(title, "summary: " + title) + "\n# Body\n"
    body, meta = get_data(page)  # the engine's own reader (ProperDocs')
    assert body == "# Body\n"
    assert set(meta) == {"title", "description"}
    # Escaped for the attributes and the <title> that themes print unescaped.
    assert "<" not in meta["title"] and '"' not in meta["title"]


def test_split_front_matter_reads_what_front_matter_block_wrote():
    meta = {"title": "Maison de l’accueil", "hide": ["navigation", "toc"], "n": 3}
    assert split_front_matter(front_matter_block(meta) + "\ntext\n") == (meta, "text\n")


@pytest.mark.parametrize("title", ["\ud800", "a\ud800b"])
def test_metadata_that_would_not_read_back_the_same_is_refused(title):
    # A lone surrogate (a YAML escape can make one) is not text: libyaml
    # refuses to write it.
    with pytest.raises(FrontMatterError):
        join_front_matter({"title": title}, "body")


def test_a_next_line_character_reads_back_as_written():
    # libyaml writes NEL as the escape \N (PyYAML's own emitter wrote it raw,
    # and it was read back as a space).
    assert split_front_matter(join_front_matter({"title": "a\x85b"}, "body")) == ({"title": "a\x85b"}, "body")


def test_front_matter_the_engine_would_not_read_is_an_error_not_text():
    with pytest.raises(FrontMatterError):
        split_front_matter("---\ntitle: a\x7f\n---\nbody\n")
