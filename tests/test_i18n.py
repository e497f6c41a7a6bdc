"""The gettext catalogues: complete, in step with the templates, placeholders intact."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from generator.i18n import catalogue_path, translations
from tests.conftest import PROJECT_DIR

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def read(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def test_the_template_lists_every_string_of_the_code_and_templates(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_", "-o", str(fresh),
         "--no-wrap", "--sort-by-file", "."],
        cwd=PROJECT_DIR, check=True, capture_output=True,
    )
    committed = {message.id for message in read(PROJECT_DIR / "generator/locales/messages.pot") if message.id}
    current = {message.id for message in read(fresh) if message.id}
    assert current == committed, "run the two pybabel commands of the README (Translating the interface)"


def test_french_translates_every_string_with_the_same_placeholders():
    catalogue = read(catalogue_path("fr"))
    template = {message.id for message in read(PROJECT_DIR / "generator/locales/messages.pot") if message.id}
    by_id = {message.id: message for message in catalogue if message.id}
    assert template <= set(by_id)
    for message_id in template:
        message = by_id[message_id]
        assert not message.fuzzy, message_id
        ids = message_id if isinstance(message_id, tuple) else (message_id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message_id!r}"
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= expected | {"num"}, (message_id, string)
            assert set(PLACEHOLDER.findall(string)) >= expected - {"num"}, (message_id, string)


# French says "objectif" for a GCM objective and an SDG goal alike.
SHARED_ON_PURPOSE = {frozenset({"Objective", "Goal"})}


def test_no_two_english_strings_share_one_french_translation_by_accident():
    """Catches a fuzzy match that `pybabel update` slipped in and nobody reviewed."""
    seen: dict[str, str] = {}
    for message in read(catalogue_path("fr")):
        if message.id and isinstance(message.string, str) and message.string:
            other = seen.setdefault(message.string.casefold(), message.id)
            same = other.casefold() == message.id.casefold() or frozenset({other, message.id}) in SHARED_ON_PURPOSE
            assert same, (other, message.id, message.string)


def test_translations_are_compiled_from_the_po_files():
    assert translations("fr").gettext("Catalogue of practices") == "Catalogue des pratiques"
    assert translations("en").gettext("Catalogue of practices") == "Catalogue of practices"
