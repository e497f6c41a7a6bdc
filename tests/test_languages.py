from pathlib import Path, PurePosixPath

import pytest

from generator.languages import SiteLanguages, missing_pages

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
