"""The home page publishes: the catalogue in figures and practices as cards,
in every language, from the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue.featured import FeaturedError, load_featured
from generator.catalogue.loading import load_catalogue
from generator.site_build import SiteBuildError, build_site
from tests.conftest import PROJECT_DIR, parse

pytestmark = pytest.mark.catalogue

SHIPPED = load_catalogue(PROJECT_DIR / "practices").practices
FEATURED = load_featured(PROJECT_DIR / "content" / "featured.yml", {p.slug for p in SHIPPED})


def home(site: Path, lang: str):
    return parse(site / ("" if lang == "fr" else lang) / "index.html")


@pytest.mark.parametrize("lang, words", [("fr", "pratiques"), ("en", "practices"), ("es", "prácticas")])
def test_the_home_page_gives_the_catalogue_in_figures_in_its_language(built_site, lang, words):
    figures = [p.get_text(" ", strip=True) for p in home(built_site.site_dir, lang).select(".home-figures p")]
    countries = len({p.country for p in SHIPPED})
    objectives = len({n for p in SHIPPED for n in p.gcm_objectives})
    assert figures[0] == f"{len(SHIPPED)} {words}"
    assert figures[2].startswith(f"{countries} ") and figures[3].startswith(f"{objectives} ")


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_featured_then_latest_practices_are_cards_that_lead_to_their_pages(built_site, lang):
    page = home(built_site.site_dir, lang)
    index = built_site.site_dir / ("" if lang == "fr" else lang) / "index.html"
    featured, latest = page.select("ul.home-cards")
    slugs = [a["href"].rstrip("/").rsplit("/", 1)[1] for a in featured.select("a.home-card__title")]
    assert slugs == FEATURED
    newest = sorted((p for p in SHIPPED if p.slug not in FEATURED), key=lambda p: (p.last_updated, p.slug), reverse=True)
    assert [a["href"].rstrip("/").rsplit("/", 1)[1] for a in latest.select("a.home-card__title")] == [p.slug for p in newest[:3]]
    for link in page.select(".home-cards a, .home-figures a"):
        assert (index.parent / link["href"] / "index.html").resolve().is_file(), link["href"]
    card = featured.select_one("li.home-card")
    assert card.select_one(".home-card__place").get_text() and card.select_one(".home-card__summary").get_text()


def test_a_featured_slug_that_names_no_practice_stops_the_build_with_its_line(project_copy, tmp_path):
    (project_copy / "content" / "featured.yml").write_text("featured:\n  - montreal-binam\n  - nowhere-city\n")
    with pytest.raises(SiteBuildError, match=r"featured.yml:3:5: featured\[1\]: 'nowhere-city' is not the slug of a practice"):
        build_site(project_copy, tmp_path / "site")
    with pytest.raises(FeaturedError):
        load_featured(project_copy / "content" / "featured.yml", {"montreal-binam"})
