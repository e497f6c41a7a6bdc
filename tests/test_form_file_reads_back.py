"""What the form calls ready is what `publish check` reads.

The same generated texts (every line break YAML 1.1 knows, leading empty
lines, indentation, tabs, quotes, '#', ': ', '- ', backslashes, document
markers, a byte order mark…) go to `publish new`'s writer and to the
"Propose a practice" form in Chromium. Both files must read back, as PyYAML
and libyaml read them (and as the project's own reader does), to exactly the
text typed, after the one normalisation each side makes: the browser's
(a text area turns \\r\\n and \\r into \\n, a one-line field drops them) and
the answers' (four blanks cut around a text, scaffold.clean_text). The form
writes the same file as `publish new`, and calls it ready exactly when
`publish check` accepts it; what it refuses, it says on the field.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.catalogue import yaml_text
from generator.catalogue.loading import check_file
from generator.catalogue.scaffold import NewPractice, NewSource, clean_text, practice_from_answers, render_practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.catalogue.yaml_source import read_located_yaml
from generator.i18n import translations
from generator.languages import site_languages
from tests.browser import GuardedPage
from tests.conftest import PROJECT_DIR

LANGUAGES = site_languages()
LANG = LANGUAGES.default
VOCABULARIES = load_vocabularies()

BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029"]
PIECES = BREAKS + [
    " ", "  ", "    ", "\t", '"', "'", "#", " #", ": ", "- ", "\\", "\\L", "\\n", "---", "...", "--- ", "%YAML 1.1",
    "\ufeff", "\xa0", "&a", "*a", "!x", "|", ">", "{", "}", "[", "]", ", ", "? ", "`", "NO", "null", "~", "2024",
    "0x1f", "é", "🏠", "word", "Ligne", "\u3000", "\u202f",
]
# Anything a clipboard can hold: controls, lone surrogates and noncharacters
# too (which the text rule refuses), and more often any printable character.
any_character = st.characters(codec=None, categories=None, exclude_categories=())
printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))
piece = st.sampled_from(PIECES) | st.text(printable, min_size=1, max_size=3) | st.text(any_character, min_size=1, max_size=2)
# How a pasted text may start: the first line left empty by a line separator.
opening = st.sampled_from(["", "", "\u2028", "\u2029", "\u2028\u2028", "\x85", "\n\n", "  ", "\t", "\ufeff", "\u2028    "])
texts = st.builds(lambda start, body: start + "".join(body), opening, st.lists(piece, min_size=1, max_size=8))

# The cases of issue 20, and what only a careful writer gets right.
KNOWN = [
    "\u2028    indented code\n    more code",
    "\u2029\n  indented\n    deeper",
    "\u2028        a code block\n\nA paragraph.",
    "\u2028\u2028",
    "a \u2028 b",
    " \u2029 ",
    "\ufeffA byte order mark first",
    "First line\n\n    code\n> quote\n- item: x # not a comment",
    "---\n...\n%YAML 1.1\n---",
    'tab\there, "quotes", \\backslash\\ and \\L',
    "Trailing spaces   \n  and a last line of blanks\n   ",
    "NO",
]


def form_value(text: str, multiline: bool) -> str:
    """What the browser's control holds once ``text`` is typed into it."""
    if multiline:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\r", "").replace("\n", "")


def strings(data) -> list[str]:
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return [data] if isinstance(data, str) else []


def readings(file: str) -> list:
    """The file as PyYAML, libyaml (which cannot escape half a UTF-16 pair)
    and the project's own reader (libyaml, then PyYAML) read it."""
    found = [yaml.load(file, Loader=yaml.SafeLoader)]
    if yaml.__with_libyaml__ and not any(0xD800 <= ord(c) <= 0xDFFF for text in strings(found[0]) for c in text):
        found.append(yaml.load(file, Loader=yaml.CSafeLoader))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "entry.yml"
        path.write_text(file, encoding="utf-8")
        found.append(read_located_yaml(path).data)
    return found


# --- publish new's writer alone, on any text ---

@settings(max_examples=500, deadline=None)
@given(st.text(any_character, max_size=40) | texts)
def test_every_text_reads_back_from_a_quoted_scalar_and_from_a_block(text):
    for written in (yaml_text.quoted(text), yaml_text.block(text, 4)):
        document = f"texts:\n  - {written}\n  - {{key: {yaml_text.quoted(text)}}}\n"
        assert yaml.load(document, Loader=yaml.SafeLoader) == {"texts": [text, {"key": text}]}, document
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):  # libyaml refuses half a UTF-16 pair
        assert yaml.load(f"k:\n  t: {yaml_text.block(text, 4)}\n", Loader=yaml.CSafeLoader) == {"k": {"t": text}}


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="ascii"), min_size=1, max_size=8) | st.sampled_from(
    ["NO", "no", "Yes", "off", "ON", "null", "Null", "y", "n", "2024", "0x1f", "1e3", "1_000", ".inf", "-", "a:b", "2024-01-01"]))
def test_a_name_is_plain_only_when_yaml_reads_it_as_that_text(value):
    assert yaml.load(f"key: {yaml_text.name(value)}\n", Loader=yaml.SafeLoader) == {"key": value}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("\u2028    indented code\n    more code")
@example("\u2028\u2028")
@example("a \u2028 b")
def test_publish_new_writes_every_text_so_that_it_reads_back_as_given(text):
    """The texts of `publish new`, also those it does not clean (a name
    given as an option), in each place of the file: quoted, in a block, in a
    list, in a group of names."""
    practice = NewPractice(
        title={LANG: text}, summary={LANG: text}, city={LANG: text}, country="NO", lat=59.9139, lon=10.7522,
        level="municipal", start=2020, end=None, themes=["reception"], gcm_objectives=[16],
        sources=[NewSource(title=text, url="https://www.oslo.kommune.no/", language="no")],
        slug="oslo-welcome", description={LANG: text}, results={LANG: text},
        partners=[{LANG: text}, {LANG: text, "en": text + "."}],
    )
    for data in readings(render_practice(practice, datetime.date(2026, 1, 2))):
        for field in ("title", "summary", "description", "results", "city"):
            assert data[field] == {LANG: text}, field
        assert data["partners"] == [text, {LANG: text, "en": text + "."}]
        assert data["sources"] == [{"title": text, "url": "https://www.oslo.kommune.no/", "language": "no"}]
        assert (data["country"], data["slug"]) == ("NO", "oslo-welcome")


# --- the form in Chromium and publish new, on the same texts ---

BASE_ANSWERS = {
    f"title.{LANG}": "Accueil des nouveaux arrivants", f"city.{LANG}": "Lyon", "country": "FR",
    "coordinates.lat": "45.764", "coordinates.lon": "4.8357", "period.start": "2020", "themes": ["reception"],
    "gcm_objectives": ["16"], "sources[0].title": "Ville de Lyon", "sources[0].url": "https://www.lyon.fr/",
}
# The fields each text goes to: a text area (quoted in the file), a text area
# (a block when it can be), and a one-line field in a list (quoted).
FIELDS = {f"summary.{LANG}": True, f"description.{LANG}": True, f"partners[0].{LANG}": False}

# Types each text into the three fields, as an input event would, and gives
# what the page then shows: the controls' values, the file, the status and
# which controls say something is wrong.
TYPE_EACH = """([texts, fields]) => texts.map(text => {
  const form = document.getElementById('propose-form');
  for (const name of fields) form.querySelector(`[name="${name}"]`).value = text;
  form.dispatchEvent(new Event('input', {bubbles: true}));
  return {
    values: fields.map(name => form.querySelector(`[name="${name}"]`).value),
    file: document.getElementById('practice-yaml').textContent,
    status: document.getElementById('propose-status').textContent,
    invalid: fields.filter(name => form.querySelector(`[name="${name}"]`).getAttribute('aria-invalid') === 'true'),
  };
})"""


def fill_base(page) -> None:
    for name, value in BASE_ANSWERS.items():
        if isinstance(value, list):
            for choice in value:
                page.check(f'input[name="{name}"][value="{choice}"]')
        elif name == "country":
            page.select_option(f'[name="{name}"]', value)
        else:
            page.fill(f'[name="{name}"]', value)


@pytest.fixture(scope="module")
def form(browser, site_url):
    """The form, filled but for the texts, sent once so that every problem shows."""
    context = browser.new_context()
    guarded = GuardedPage(context)
    page = guarded.page
    page.goto(site_url + LANGUAGES.root(LANG) + "catalogue/propose/")
    page.click('[data-add="partners"]')
    fill_base(page)
    page.click("#propose-form button[type=submit]")
    today = datetime.date.fromisoformat(page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), "
                                                      "String(d.getMonth() + 1).padStart(2, '0'), "
                                                      "String(d.getDate()).padStart(2, '0')].join('-'); })()"))
    yield page, today
    context.close()
    assert guarded.foreign_requests == [] and guarded.failed_responses == []


def check(file: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "practices" / "lyon-accueil-des-nouveaux-arrivants.yml"
        path.parent.mkdir()
        path.write_text(file, encoding="utf-8")
        return [problem for problem in check_file(path, VOCABULARIES)[1] if problem.severity == "error"]


@pytest.mark.browser
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(texts, min_size=30, max_size=30, unique=True))
@example(KNOWN)
def test_the_form_and_publish_new_write_the_same_file_which_reads_back_as_typed(form, typed):
    page, today = form
    ready = translations(LANG).gettext("The file is ready: %(path)s.") % {
        "path": "practices/lyon-accueil-des-nouveaux-arrivants.yml"}
    shown = page.evaluate(TYPE_EACH, [typed, list(FIELDS)])
    for text, seen in zip(typed, shown):
        values = dict(zip(FIELDS, seen["values"]))
        assert values == {name: form_value(text, multiline) for name, multiline in FIELDS.items()}, repr(text)
        answers = {**BASE_ANSWERS, **values}
        expected = render_practice(practice_from_answers(answers, VOCABULARIES), today)
        errors = check(expected)
        if seen["status"] == ready:
            assert seen["file"] == expected, repr(text)
            assert errors == [], (repr(text), errors)
            summary, description, partner = (clean_text(value) for value in values.values())
            for data in readings(seen["file"]):
                assert data["summary"] == {LANG: summary}, repr(text)
                assert data["description"] == {LANG: description or summary}, repr(text)
                assert data["partners"] == ([partner] if partner else []), repr(text)
        else:
            # Refused: publish check refuses it too, and the form says so on a field the text went to.
            assert seen["file"] == "", repr(text)
            assert errors, (repr(text), "the form refused what publish check accepts")
            assert seen["invalid"], (repr(text), seen["status"])
            assert {problem.field.split(".")[0].split("[")[0] for problem in errors} <= {"summary", "description", "partners"}


@pytest.mark.browser
def test_a_file_that_would_not_read_back_is_not_called_ready(browser, site_url):
    """The page's last guard: served a writer that quotes the summary as
    JSON does (a raw U+2028, which YAML 1.1 folds with the spaces around it),
    the form reads its file back, finds the summary changed and says where,
    on the field, instead of calling the file ready."""
    context = browser.new_context()
    guarded = GuardedPage(context)
    page = guarded.page
    script = (PROJECT_DIR / "overrides/assets/javascripts/propose-yaml.js").read_text(encoding="utf-8")
    careless = script.replace('texts("summary", quoted);', 'texts("summary", JSON.stringify);')
    assert careless != script
    page.route("**/propose-yaml.js", lambda route: route.fulfill(body=careless, content_type="text/javascript"))
    page.goto(site_url + LANGUAGES.root(LANG) + "catalogue/propose/")
    fill_base(page)
    page.fill(f'[name="summary.{LANG}"]', "Accueil \u2028 et orientation")
    page.click("#propose-form button[type=submit]")
    assert page.text_content("#practice-yaml") == ""
    assert page.get_attribute("#propose-download", "disabled") is not None
    message = page.text_content(f"#field-summary-{LANG}-message")
    _ = translations(LANG).gettext
    where = _("at character %(position)s") % {"position": 8}
    assert message.startswith(_("the file does not read back as this text %(where)s") % {"where": where}), message
    assert page.get_attribute(f'[name="summary.{LANG}"]', "aria-invalid") == "true"
    context.close()
