"""publish check and the build agree on every entry, by construction.

Entries are made from the schema with arbitrary Unicode (every plane,
controls, surrogates, noncharacters, bidirectional controls) and Markdown
and HTML fragments in every text field. For each, either check refuses it
with located messages, or the generated pages go through the engine's own
front matter reader and Markdown (configured from mkdocs.yml) to HTML that
cannot act, the Atom feed parses as XML, and the JSON and CSV files read.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from properdocs.config import load_config
from properdocs.utils.meta import get_data

from generator.catalogue.loading import check_file
from generator.catalogue.schema import practice_schema
from generator.catalogue.text_rules import BIDI_CONTROLS, character_kind
from generator.catalogue.vocabularies import load_vocabularies
from generator.catalogue.yaml_source import read_located_yaml
from generator.languages import site_languages
from generator.pages import links
from generator.pages.catalogue_pages import catalogue_pages
from generator.pages.inert import active_content
from tests.conftest import PROJECT_DIR

VALID_ENTRY = Path(__file__).parent / "valid_practice.yml"
TODAY = datetime.date(2026, 11, 25)

FRAGMENTS = [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "{: onmouseover=alert(1) }", "<img src=x onerror=alert(1)>",
    "&#106;avascript:", "---\n", "...\n", "title: x", "\x7f", "\x85", "\x00", "\x1b[2J", "\r", "\ufeff", "\ufffe", "\uffff",
    "\U0010ffff", "\ud800", "\u202e", "\u2066", "\u2028", "\x0c", "]]>", "<![CDATA[", "&amp;", "=cmd|' /C calc'!A0",
    "> > > ", "- ", "*", "`", "\\", "|", "#", "'", '"', "\n\n", "<https://example.org/>", "[a]: https://example.org/",
]
any_character = st.characters(codec=None, categories=None, exclude_categories=())
hostile_text = st.lists(st.text(any_character, max_size=12) | st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join)
# Text that check lets through: any printable character of any script, and
# every fragment but the characters the text rule refuses.
printable_character = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"),
                                    exclude_characters=BIDI_CONTROLS, include_characters="\n\t")
accepted_fragments = [f for f in FRAGMENTS if not any(character_kind(c) for c in f)]
printable_text = st.lists(st.text(printable_character, min_size=1, max_size=12) | st.sampled_from(accepted_fragments),
                          min_size=1, max_size=5).map("".join).filter(lambda text: text.strip() and not text.startswith((" ", "\n")))


def text_paths(schema: dict, path: tuple = ()) -> list[tuple]:
    """Where the schema has free text: strings with no pattern, enum or
    format of their own (titles, summaries, names, Markdown)."""
    found = []
    if schema.get("type") == "string" and not {"pattern", "enum", "format"} & set(schema):
        found.append(path)
    for name, child in schema.get("properties", {}).items():
        found += text_paths(child, path + (name,))
    if "items" in schema:
        for option in schema["items"].get("oneOf", [schema["items"]]):
            found += text_paths(option, path + (0,))
    return found


TEXT_PATHS = text_paths(practice_schema())


def with_text(entry: dict, path: tuple, text: str) -> dict:
    """``entry`` with ``text`` at ``path``, making the lists and groups on
    the way (partners: [text] or [{fr: text}])."""
    target = entry
    for part, next_part in zip(path, path[1:]):
        kind = dict if isinstance(next_part, str) else list
        if isinstance(part, int):
            if not target:
                target.append(kind())
            if not isinstance(target[part], kind):
                target[part] = kind()
        elif not isinstance(target.get(part), kind):
            target[part] = kind()
        target = target[part]
    if isinstance(path[-1], int) and not target:
        target.append(text)
    else:
        target[path[-1]] = text
    return entry


@lru_cache(maxsize=1)
def engine_markdown() -> markdown.Markdown:
    config = load_config(str(PROJECT_DIR / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def assert_inert_and_valid(pages: dict[str, str], slug: str) -> None:
    for path, content in pages.items():
        content.encode("utf-8")  # every page is written as UTF-8
        if path.endswith(".md") and (slug in path or path.startswith(("catalogue/cities/", "catalogue/index"))):
            body, meta = get_data(content)  # the engine's own reader (ProperDocs')
            assert meta.get("title"), f"{path}: the engine would not read the front matter"
            html = engine_markdown().reset().convert(body)
            assert active_content(html) == [], path
    ElementTree.fromstring(pages[links.FEED].encode("utf-8"))
    json.loads(pages[links.JSON_DATA])
    list(csv.reader(io.StringIO(pages[links.CSV_DATA])))


def check_and_build(replacements: list[tuple[tuple, str]]):
    """Check the valid entry with ``replacements``; if check accepts it,
    build its pages in every language of the site and assert they are inert and valid.
    The practice, or None when check refused it."""
    entry = read_located_yaml(VALID_ENTRY).data
    for path, text in replacements:
        entry = with_text(entry, path, text)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "lisbon-welcome-house.yml"
        # Written by a YAML library: controls and surrogates become escapes,
        # as a contributor who means harm would write them.
        file.write_bytes(yaml.safe_dump(entry, allow_unicode=True).encode("utf-8", "surrogatepass"))
        practice, problems = check_file(file, load_vocabularies(), root=Path(folder), today=TODAY)
    if practice is None:
        assert [p for p in problems if p.severity == "error"]
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message and problem.field
        return None
    for lang in site_languages().codes:
        assert_inert_and_valid(catalogue_pages([practice], load_vocabularies(), lang), practice.slug)
    return practice


replacements = st.lists(st.tuples(st.sampled_from(TEXT_PATHS), hostile_text), min_size=1, max_size=len(TEXT_PATHS))
# A reviewer is named by role, never by e-mail: an "@" there is refused on purpose.
READER_TEXT_PATHS = [path for path in TEXT_PATHS if path != ("review", "by")]
printable_replacements = st.lists(st.tuples(st.sampled_from(READER_TEXT_PATHS), printable_text), min_size=1,
                                  max_size=len(READER_TEXT_PATHS))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(replacements)
def test_an_entry_is_either_refused_with_located_messages_or_built_inert(replacements):
    check_and_build(replacements)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(printable_replacements)
def test_printable_text_of_any_script_is_accepted_and_built_inert(replacements):
    assert check_and_build(replacements) is not None


def test_the_schema_has_free_text_in_every_field_a_reader_sees():
    assert {path[0] for path in TEXT_PATHS} >= {"title", "summary", "description", "results", "city", "partners", "sources"}
