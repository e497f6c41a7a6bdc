"""generator.catalogue.messages: a contributor reads every problem in their
language, and what they wrote stays as they wrote it."""

from __future__ import annotations

import copy
import pickle
import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from generator.catalogue.loading import check_practices
from generator.catalogue.messages import N_, LanguageName, Message, joined, translated
from generator.catalogue.problems import shown_field
from generator.i18n import catalogue_path, language_from_environment
from tests.conftest import PROJECT_DIR
from tests.test_catalogue_validation import BROKEN, TODAY

LANGUAGES_SPOKEN = ["fr", "es"]


def templates(text) -> list[str]:
    """Every gettext template a message is made of, its values' included
    (not the joins of ``joined``, which hold no words)."""
    if not isinstance(text, Message) or isinstance(text, LanguageName):
        return []
    found = [] if not text.template or re.fullmatch(r"(%\(part\d+\)s[ ;,]*)+", text.template) else [text.template]
    for value in text.values.values():
        found += templates(value)
    return found


@pytest.fixture(scope="module")
def broken_problems(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    practices = folder / "practices"
    practices.mkdir()
    for path in BROKEN:
        shutil.copy(path, practices / path.name)
    return check_practices(practices, root=folder, today=TODAY).problems


@pytest.mark.parametrize("lang", LANGUAGES_SPOKEN)
def test_every_problem_of_the_broken_corpus_is_said_in_the_language(broken_problems, lang):
    with catalogue_path(lang).open("rb") as po_file:
        catalogue = read_po(po_file)
    untranslated = set()
    for problem in broken_problems:
        for text in (problem.message, problem.hint):
            untranslated |= {template for template in templates(text)
                             if catalogue.get(template) is None or not catalogue.get(template).string}
    # What PyYAML says of a syntax error stays English; its hint does not.
    assert untranslated == set()
    said = [problem.in_language(lang) for problem in broken_problems]
    assert sum(a.message != b.message for a, b in zip(said, broken_problems)) >= len(broken_problems) * 0.8


def test_what_a_contributor_wrote_is_never_looked_up():
    # 'error' is a word of the catalogues: as a value, it stays as written.
    message = N_("%(value)s is not an allowed value") % {"value": "error"}
    assert str(message) == "error is not an allowed value"
    assert translated(message, "fr") == "error n’est pas une valeur admise"
    assert translated("error", "fr") == "error"


def test_a_message_is_the_same_after_crossing_to_another_process():
    message = N_("no %(language)s text yet") % {"language": LanguageName("es")}
    hint = joined([N_("keep each value once"), N_("for example: %(example)s") % {"example": "x"}])
    for text in (message, hint):
        for copied in (pickle.loads(pickle.dumps(text)), copy.deepcopy(text)):
            assert copied == text and translated(copied, "fr") == translated(text, "fr")
    assert translated(message, "fr") == "pas encore de texte en espagnol"
    assert translated(message, "es") == "todavía no hay texto en español"


def test_items_are_counted_from_one():
    assert shown_field("sources[1].url") == "sources #2.url"
    assert shown_field("gcm_objectives[0]") == "gcm_objectives #1"
    assert shown_field("title.fr") == "title.fr"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "es_ES.UTF-8"}, "es"), ({"LANGUAGE": "de:fr", "LANG": "es_ES.UTF-8"}, "fr"),
    ({"LC_ALL": "fr_CA.UTF-8", "LANG": "es_ES"}, "fr"), ({"LANG": "C.UTF-8"}, None), ({"LANG": "de_DE"}, None), ({}, None),
])
def test_the_language_comes_from_the_environment_as_gettext_reads_it(environ, expected):
    assert language_from_environment(["fr", "en", "es"], environ) == expected


def run_check(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "check", *args], cwd=PROJECT_DIR, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", **env}, timeout=120)


def test_publish_check_speaks_the_contributors_language():
    entry = "tests/broken_practices/gcm-out-of-range.yml"
    spanish = run_check(entry, "--lang", "es", env={})
    assert spanish.returncode == 1
    assert "gcm_objectives #2: 24 está fuera de los límites" in spanish.stdout, spanish.stdout
    assert "Revisión de 1 archivo: 1 error, 0 advertencias." in spanish.stdout
    french = run_check(entry, env={"LANG": "fr_FR.UTF-8"})
    assert "gcm_objectives #2: 24 est hors des limites (de 1 à 23)" in french.stdout, french.stdout
    english = run_check(entry, env={"LANG": "C.UTF-8"})
    assert "gcm_objectives #2: 24 is out of range (from 1 to 23)" in english.stdout, english.stdout
    unknown = run_check(entry, "--lang", "xx", env={})
    assert unknown.returncode == 2 and "'xx' is not a language of the site" in unknown.stderr
