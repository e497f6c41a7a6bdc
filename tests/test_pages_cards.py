"""Link previews: the Open Graph and Twitter tags of every page, in its
language, and the 1,200 × 630 cards they show, made at build time with the
project's own fonts and kept once per content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.catalogue.loading import load_catalogue
from generator.pages import cards
from generator.pages.cards import Card, CardStore, _title_lines, draw, layout
from generator.pages.citation import publication
from tests.conftest import PROJECT_DIR, SITE_ADDRESS, html_pages, parse

SHIPPED = load_catalogue(PROJECT_DIR / "practices").practices
LANGUAGES = ["fr", "en", "es"]
LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}


def root(site_dir: Path, lang: str) -> Path:
    return site_dir / ("" if lang == "fr" else lang)


def prefix(lang: str) -> str:
    return SITE_ADDRESS + ("" if lang == "fr" else f"{lang}/")


def tags(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in parse(path).select('meta[property^="og:"], meta[name^="twitter:"]'):
        found.setdefault(meta.get("property") or meta.get("name"), []).append(meta["content"])
    return found


def image_of(site_dir: Path, address: str) -> Image.Image:
    assert address.startswith(SITE_ADDRESS), address  # the site's own file: no other host
    return Image.open(site_dir / address.removeprefix(SITE_ADDRESS))


@pytest.mark.catalogue  # holds for any valid catalogue
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_practice_shows_its_card_title_and_summary_in_its_language(addressed_site, lang):
    site = addressed_site.site_dir
    images = set()
    for practice in SHIPPED:
        address = prefix(lang) + f"catalogue/practices/{practice.slug}/"
        found = tags(root(site, lang) / "catalogue" / "practices" / practice.slug / "index.html")
        title = practice.text("title", lang)[0]
        assert found["og:title"] == [title] == found["twitter:title"]
        assert found["og:description"] == [practice.text("summary", lang)[0]]
        assert found["og:url"] == [address] and found["og:type"] == ["article"]
        assert found["og:locale"] == [LOCALES[lang]]
        assert sorted(found["og:locale:alternate"]) == sorted(LOCALES[other] for other in LANGUAGES if other != lang)
        assert found["twitter:card"] == ["summary_large_image"]
        assert (found["og:image:width"], found["og:image:height"]) == (["1200"], ["630"])
        assert found["og:image:alt"][0].startswith(title) and practice.country not in ("",)
        (image_address,) = found["og:image"]
        assert found["twitter:image"] == [image_address]
        image = image_of(site, image_address)
        assert image.format == "PNG" and image.size == (1200, 630)
        images.add(image_address)
    assert len(images) == len(SHIPPED)  # one card per practice and language


def test_a_practices_cards_differ_by_language(addressed_site):
    site = addressed_site.site_dir
    slug = next(p.slug for p in SHIPPED if p.title.get("fr") and p.title.get("en") and p.title["fr"] != p.title["en"])
    french, english = (root(site, lang) / "cards" / "catalogue" / "practices" / f"{slug}.png" for lang in ("fr", "en"))
    assert french.read_bytes() != english.read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_a_preview_whose_image_is_on_the_site(addressed_site, lang):
    site = addressed_site.site_dir
    pages = [path for path in html_pages(root(site, lang)) if lang != "fr" or path.relative_to(site).parts[0] not in ("en", "es")]
    for path in pages:
        if path.name == "404.html":
            continue
        found = tags(path)
        assert found.get("og:image"), path
        image = image_of(site, found["og:image"][0])
        assert image.size == (1200, 630), path
    text = publication()["texts"]["contribution.md"]
    paper = tags(root(site, lang) / "contribution" / "index.html")
    assert paper["og:image"] == [prefix(lang) + "cards/contribution.png"] and paper["og:title"] == [text["title"][lang]]
    assert paper["og:image:alt"] == [f"{text['title'][lang]} — {text['author'][lang]}"]
    about = tags(root(site, lang) / "about" / "index.html")
    assert about["og:image"] == [prefix(lang) + "cards/site.png"] and about["og:type"] == ["website"]


def test_without_a_site_address_no_preview_and_no_card(built_site):
    page = built_site.site_dir / "en" / "catalogue" / "practices" / SHIPPED[0].slug / "index.html"
    assert tags(page) == {}
    assert not (built_site.site_dir / "en" / "cards").exists()


def test_a_card_is_drawn_once_per_content_and_found_again(tmp_path):
    store = CardStore(tmp_path / "cards")
    card = Card("Cities and Migration", "A practice", ("Lisbon, Portugal · since 2021",), "Catalogue · example.org")
    first = store.image(card)
    again = CardStore(tmp_path / "cards")  # the next build, or another language
    assert again.image(card) == first and (again.drawn, again.reused) == (0, 1)
    changed = Card("Cities and Migration", "A practice, renamed", card.lines, card.footer)
    assert again.image(changed) != first and again.drawn == 1


def test_the_cards_use_the_projects_fonts_and_titles_stay_readable_on_a_phone():
    assert cards.REGULAR.parent == cards.BOLD.parent == Path(cards.__file__).parent / "fonts"
    assert cards.REGULAR.is_file() and cards.BOLD.is_file()
    # A phone shows a card about 400 px wide, a third of its size: a title of
    # 44 px or more stays 15 px or more there, and none is cut.
    from generator.catalogue.vocabularies import load_vocabularies
    from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView
    from generator.pages.previews import practice_card

    for lang in LANGUAGES:
        view = CatalogueView(SHIPPED, load_vocabularies(), lang, CatalogueOptions(site_url=SITE_ADDRESS))
        for practice in SHIPPED:
            font, lines, below = layout(practice_card(view, practice)[0])
            assert font.size >= 44 and not lines[-1].endswith("…") and below, (practice.slug, lang)


def test_a_title_too_long_for_the_card_ends_with_an_ellipsis_inside_it():
    image = Image.open(io.BytesIO(draw(Card("Site", "word " * 80, ("Place",), "footer · example.org"))))
    assert image.size == (1200, 630)
    font, lines = _title_lines("word " * 80, 300)
    assert lines[-1].endswith("…") and all(font.getlength(line) <= 1200 - 2 * cards.MARGIN for line in lines)
