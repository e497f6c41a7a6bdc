import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from generator.catalogue.schema import localized_schema, practice_schema
from generator.languages import (
    TYPOGRAPHIES,
    LanguagesError,
    SiteLanguages,
    missing_pages,
    read_site_languages,
    site_languages,
)
from tests.conftest import PROJECT_DIR, copy_project

LANGUAGES = SiteLanguages(("fr", "en"))


def test_default_language_lives_at_the_root_and_others_in_their_folder():
    assert LANGUAGES.root("fr") == ""
    assert LANGUAGES.root("en") == "en/"


@pytest.mark.parametrize(
    ("from_lang", "to_lang", "expected"),
    [("fr", "fr", ""), ("fr", "en", "en/"), ("en", "fr", "../"), ("en", "en", "")],
)
def test_relative_roots_lead_from_one_language_home_to_another(from_lang, to_lang, expected):
    assert LANGUAGES.relative_root(from_lang, to_lang) == expected


def test_a_third_language_reaches_its_siblings_through_the_root():
    assert SiteLanguages(("fr", "en", "es")).relative_root("en", "es") == "../es/"


def test_language_names_come_from_cldr_in_the_reader_language():
    assert LANGUAGES.name("en", in_lang="fr") == "anglais"
    assert LANGUAGES.name("fr", in_lang="en") == "French"
    assert LANGUAGES.menu_name("fr") == "Français"
    assert LANGUAGES.menu_name("en") == "English"


def test_unknown_or_repeated_languages_are_refused_with_the_list():
    with pytest.raises(ValueError, match="fr, en"):
        LANGUAGES.root("de")
    with pytest.raises(ValueError, match="twice"):
        SiteLanguages(("fr", "fr"))


def test_missing_pages_fall_back_on_the_default_language_first(tmp_path: Path):
    for lang, names in {"fr": ["a.md", "sub/b.md"], "en": ["a.md"], "es": ["sub/b.md", "c.md"]}.items():
        for name in names:
            (tmp_path / lang / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / lang / name).write_text("# t\n")
    languages = SiteLanguages(("fr", "en", "es"))
    missing = {page.path: page.source_lang for page in missing_pages(tmp_path, languages, "en")}
    assert missing == {PurePosixPath("sub/b.md"): "fr", PurePosixPath("c.md"): "es"}
    assert missing_pages(tmp_path, languages, "fr") == [
        page for page in missing_pages(tmp_path, languages, "fr") if page.path == PurePosixPath("c.md")
    ]


# The declaration, and what derives from it -----------------------------------

def test_the_declaration_lists_the_site_languages_default_first():
    languages = site_languages()
    assert languages.codes == ("fr", "en", "es") and languages.default == "fr"
    assert languages.typography("fr") == "french" and languages.typography("es") is None
    # Link previews name the territory: declared for English, CLDR's likeliest otherwise.
    assert [languages.locale(code) for code in languages.codes] == ["fr_FR", "en_GB", "es_ES"]


def test_a_language_without_a_declared_locale_gets_cldrs_likeliest(tmp_path):
    declaration = tmp_path / "languages.yml"
    declaration.write_text("languages:\n  - code: pt\n  - code: de\n    locale: de_AT\n")
    languages = read_site_languages(declaration)
    assert languages.locale("pt") == "pt_BR" and languages.locale("de") == "de_AT"


def test_every_declared_typography_has_its_rules():
    from generator.release.typography import RULES

    assert set(TYPOGRAPHIES) == set(RULES)


def test_the_practice_format_has_a_text_per_declared_language():
    """Adding a language to languages.yml: run scripts/sync_schema_languages.py."""
    schema = practice_schema()
    assert localized_schema(schema, site_languages().codes) == schema
    assert list(schema["properties"]["title"]["properties"]) == list(site_languages().codes)


@pytest.mark.parametrize("text, message", [
    ("languages: []\n", "expected 'languages:' followed by a list"),
    ("languages:\n  - code: fr\n  - code: fr\n", "a language is listed twice"),
    ("languages:\n  - code: xx-nowhere\n", "is not a language code CLDR knows"),
    ("languages:\n  - code: fr\n    typography: swiss\n", "'swiss' is not one of french"),
    ("languages:\n  - code: fr\n    folder: français\n", "write '- code: xx'"),
    ("languages:\n  - code: en\n    locale: fr_FR\n", "'fr_FR' is not 'en' with a territory CLDR knows"),
    ("languages:\n  - code: en\n    locale: en\n", "'en' is not 'en' with a territory"),
    ("languages:\n  - code: en\n    locale: en_ZZ\n", "'en_ZZ' is not 'en' with a territory"),
])
def test_a_wrong_declaration_says_what_is_wrong(tmp_path, text, message):
    declaration = tmp_path / "languages.yml"
    declaration.write_text(text)
    with pytest.raises(LanguagesError, match=message):
        read_site_languages(declaration)


def test_a_fourth_language_is_a_change_of_data_and_translations_only(tmp_path):
    """German, added the way a translator would: a line in languages.yml and
    one translated page, in a copy of the project whose Python is the
    project's own, byte for byte. The site builds with it, in every part."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(PROJECT_DIR / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    declaration = project / "generator" / "languages.yml"
    declaration.write_text(declaration.read_text() + "  - code: de\n", encoding="utf-8")
    (project / "content" / "de").mkdir()
    (project / "content" / "de" / "index.md").write_text(
        "---\ntitle: Startseite\n---\n\n# Städte und Migration { #accueil }\n\n"
        "Die Städte und die Globalen Pakte der Vereinten Nationen für Migration und für Flüchtlinge.\n",
        encoding="utf-8",
    )
    python_files = sorted(path.relative_to(project) for path in (project / "generator").rglob("*.py"))
    assert all((project / path).read_bytes() == (PROJECT_DIR / path).read_bytes() for path in python_files)

    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(tmp_path / "site")],
        cwd=project, env={**os.environ, "PYTHONPATH": str(project)}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Built " in result.stdout and " in fr, en, es, de into " in result.stdout
    site = tmp_path / "site"
    home = BeautifulSoup((site / "de" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.html["lang"] == "de" and home.h1.get_text(strip=True).startswith("Städte und Migration")
    assert home.select_one('a.md-select__link[hreflang="de"]').get_text(strip=True) == "Deutsch"
    # A page not translated yet is shown from French, with the notice; the
    # catalogue exists in German; the search has a German index.
    paper = BeautifulSoup((site / "de" / "contribution" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert paper.select_one('article div[lang="fr"]') is not None
    assert (site / "de" / "catalogue" / "practices" / "montreal-binam" / "index.html").is_file()
    assert "de" in json.loads((site / "pagefind" / "pagefind-entry.json").read_text())["languages"]
    french = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert {a["hreflang"] for a in french.select("a.md-select__link")} == {"fr", "en", "es", "de"}
