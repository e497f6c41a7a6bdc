from generator.languages import SiteLanguages
from generator.pages.fallback import FALLBACK_META_KEY, fallback_page
from generator.pages.front_matter import split_front_matter

LANGUAGES = SiteLanguages(("fr", "en"))
SOURCE = "---\ndescription: Une page\n---\n\n# Titre\n\nUn paragraphe.\n"


def test_english_fallback_says_in_english_that_the_page_is_french():
    meta, body = split_front_matter(fallback_page(SOURCE, LANGUAGES, "en", "fr"))
    assert meta == {"description": "Une page", FALLBACK_META_KEY: "fr"}
    assert "has not been translated into English yet" in body
    assert "shown below in French" in body
    assert '<div lang="fr" markdown>' in body
    assert "# Titre\n\nUn paragraphe." in body


def test_french_fallback_notice_comes_from_the_french_catalogue():
    _, body = split_front_matter(fallback_page("# Title\n", LANGUAGES, "fr", "en"))
    assert "Pas encore traduit" in body
    assert "pas encore été traduite en français" in body
    assert "en anglais" in body
