"""The form's rules are Python's: one place, two languages.

The page of "Propose a practice" carries, in #propose-data, the rules'
data as generator/pages/propose.py makes it from where Python keeps them
(scaffold, yaml_text, text_rules, checks); the scripts of the form read
nothing else. These tests hold the page to that data, and the functions the
scripts build from it, in Chromium, to Python's on the same inputs: a rule
changed in Python changes the form, or a test says where they part.
"""

from __future__ import annotations

import json
import sys

import pytest

from generator.catalogue import scaffold, text_rules, yaml_text
from generator.catalogue.checks import url_advice
from generator.catalogue.scaffold import clean_text, read_number
from generator.i18n import translations
from generator.languages import site_languages
from generator.pages.propose import SHARED_MESSAGES, browser_rules, python_blanks, refused_by_kind
from generator.text import practice_slug, slugify
from tests.browser import GuardedPage
from tests.conftest import parse
from tests.test_catalogue_addresses import INTERNAL as INTERNAL_HOSTS
from tests.test_catalogue_addresses import LOCAL as LOCAL_HOSTS
from tests.test_catalogue_addresses import PUBLIC as PUBLIC_HOSTS
from tests.test_form_file_reads_back import KNOWN, PIECES

LANGUAGES = site_languages()

TEXTS = KNOWN + PIECES + [chr(code) for low, high in yaml_text.ESCAPED_RANGES for code in {low, high} if not 0xD800 <= code <= 0xDFFF] + [
    "", " \t\n\rMontréal\u2028 \xa0", "\u2028x\u2028", "a\u2028", "line\n", "\n\nlast", "\tcode", "end\t",
    "Quito : Casa de la Movilidad Humana", "東京", "Ærø ǅ ﬁ 2024", "No", "2024", "0x1f", "Guichet d’accueil d’Exemplia", "Straße – København",
    "A title long enough to be cut where a word would pass the sixty characters of a slug",
]
NUMBERS = ["45,50191", "-0.00001", "0.03125", "-0.03125", "0.09375", "1e3", "+5", ".5", "5.", "abc", "1_000", " 12 ",
           "-73.5674", "0.00005", "-0.00005", "2.00015", "179.99995", "2024", "20.5", "١٢", "inf", "nan", "1,5,2", "1e30",
           "1e400"]


def python_number(text: str, pattern: str):
    try:
        value = read_number(clean_text(text), pattern)
    except ValueError:
        return clean_text(text)
    return int(value) if pattern == scaffold.INTEGER else round(value, scaffold.COORDINATE_DECIMALS)


def test_the_page_carries_the_rules_python_keeps(built_site):
    for lang in LANGUAGES.codes:
        html = parse(built_site.site_dir / LANGUAGES.root(lang) / "catalogue/propose/index.html")
        data = json.loads(html.select_one("#propose-data").string)
        # Through JSON, as the page gives them: tuples become lists.
        assert {key: data[key] for key in browser_rules()} == json.loads(json.dumps(browser_rules()))
        assert data["messages"] == {key: translations(lang).gettext(text) for key, text in SHARED_MESSAGES.items()}
        scripts = [tag["src"].rsplit("/", 1)[-1] for tag in html.select("script[src]")]
        # The rules before the page that uses them, each after what it needs.
        order = ["ajv2020.min.js", "yaml-js.min.js", "propose-rules.js", "propose-entry.js", "propose-yaml.js", "propose.js"]
        assert [name for name in scripts if name in order] == order


def test_the_kinds_of_refused_characters_are_the_text_rules():
    kinds = refused_by_kind()
    for low, high in text_rules.REFUSED_RANGES:
        for code in range(low, high + 1):
            found = [kind for first, last, kind in kinds if first <= code <= last]
            assert found == [text_rules.character_kind(chr(code))], hex(code)


def test_python_blanks_are_every_blank_of_unicode():
    listed = {code for low, high in python_blanks() for code in range(low, high + 1)}
    assert listed == {code for code in range(sys.maxunicode + 1) if chr(code).isspace()}


# Builds the form's rules from the page's data, as the page does, and applies them.
APPLY = """([texts, numbers, codes]) => {
  const data = JSON.parse(document.getElementById('propose-data').textContent);
  const P = window.CitiesPropose;
  const entry = P.makeEntry(data), file = P.makeYaml(data), rules = P.makeRules(data);
  const problems = text => { const found = []; rules.textProblems(text, ['summary', 'fr'], {}, found); return found.map(p => p.message); };
  return {
    clean: texts.map(entry.clean),
    slug: texts.map(entry.slugify),
    practiceSlug: texts.map(text => entry.practiceSlug(text, 'Montréal')),
    quoted: texts.map(file.quoted),
    block: texts.map(file.block),
    name: texts.map(file.name),
    blanksOnly: texts.map(text => problems(text).indexOf(data.messages.onlySpaces) >= 0),
    decimal: numbers.map(text => entry.readNumber(text, false)).map(v => typeof v === 'number' ? entry.round(v, data.entryRule.coordinateDecimals) : v),
    integer: numbers.map(text => entry.readNumber(text, true)),
    kind: codes.map(rules.characterKind),
  };
}"""


@pytest.mark.browser
def test_the_form_applies_each_rule_as_python_does(browser, site_url):
    context = browser.new_context()
    guarded = GuardedPage(context)
    page = guarded.page
    page.goto(site_url + LANGUAGES.root(LANGUAGES.default) + "catalogue/propose/")
    # Each refused range's ends and the characters just outside, and a few allowed ones.
    codes = sorted(({code for low, high in text_rules.REFUSED_RANGES for code in (low - 1, low, high, high + 1)}
                    | {0x09, 0x0A, 0x20, 0x85, 0x2028, 0xFEFF, 0x1F600}) - {-1, sys.maxunicode + 1})
    found = page.evaluate(APPLY, [TEXTS, NUMBERS, codes])
    context.close()
    assert found["clean"] == [clean_text(text) for text in TEXTS]
    assert found["slug"] == [slugify(text) for text in TEXTS]
    assert found["practiceSlug"] == [practice_slug(text, "Montréal") for text in TEXTS]
    assert found["quoted"] == [yaml_text.quoted(text) for text in TEXTS]
    assert found["block"] == [yaml_text.block(text, scaffold.BLOCK_INDENT) for text in TEXTS]
    assert found["name"] == [yaml_text.name(text) for text in TEXTS]
    assert found["blanksOnly"] == [any(f[1] == text_rules.ONLY_SPACES for f in text_rules.entry_text_findings(text))
                                   for text in TEXTS]
    # A number the form reads is the one Python reads; anything else stays the text, for the schema to refuse.
    assert found["decimal"] == [python_number(text, scaffold.DECIMAL) for text in NUMBERS]
    assert found["integer"] == [python_number(text, scaffold.INTEGER) for text in NUMBERS]
    assert found["kind"] == [text_rules.character_kind(chr(code)) for code in codes]
    assert guarded.foreign_requests == [] and guarded.failed_responses == []


# Hosts of tests/test_catalogue_addresses.py in addresses, and the forms of a
# host that a browser's address bar reads differently from its text.
URL_HOSTS = INTERNAL_HOSTS + LOCAL_HOSTS + PUBLIC_HOSTS + [
    "%31%32%37.0.0.1", "127.0.0.1:8000", "[::ffff:7f00:1]", "[2002:5db8:d822::1]", "[3fff::1]", "ｌｏｃａｌｈｏｓｔ",
    "münchen.de", "exa_mple.org", "example..org", "-", "", "user@example.org", "[::1", "example.org:http",
]


def url_for(host: str) -> str:
    bracketed = ":" in host and not host.startswith("[") and host.count(":") > 1
    return f"https://{'[' + host + ']' if bracketed else host}/page"


@pytest.mark.browser
def test_the_form_refuses_the_addresses_publish_check_refuses(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    # In English, the words of url_advice itself.
    page.goto(site_url + LANGUAGES.root("en") + "catalogue/propose/")
    urls = [url_for(host) for host in URL_HOSTS] + ["http://example.org/", "ftp://example.org/", "https://a b.org/"]
    found = page.evaluate("""urls => {
      const data = JSON.parse(document.getElementById('propose-data').textContent);
      const rules = window.CitiesPropose.makeRules(data);
      return urls.map(url => rules.urlProblem(url));
    }""", urls)
    context.close()
    expected = [{"message": message, "hint": hint} if message else None for message, hint in map(url_advice, urls)]
    parted = [(url, problem, python) for url, problem, python in zip(urls, found, expected) if problem != python]
    assert parted == [], "\n".join(map(str, parted))
