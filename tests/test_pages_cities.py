"""City pages: one page per city, in any script, and never one page for two
cities (hostile or unlucky entries: homonyms, names without Latin letters)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages import links
from generator.pages.catalogue_pages import catalogue_pages
from tests.synthetic import synthetic_entry

V = load_vocabularies()
CITY_PAGE = re.compile(r"catalogue/cities/(.*)\.md")
SAFE_SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def practice(index: int, city: dict[str, str], country: str, lat: float, lon: float) -> Practice:
    data = synthetic_entry(index)
    data.update(slug=f"practice-{index:05d}", city=city, country=country, coordinates={"lat": lat, "lon": lon})
    return Practice.from_data(data, Path(f"{data['slug']}.yml"))


def city_pages(pages: dict[str, str]) -> dict[str, str]:
    """key -> content of every city page."""
    return {match[1]: content for path, content in pages.items() if (match := CITY_PAGE.fullmatch(path))}


def listed_on(content: str, entry: Practice) -> bool:
    return f"({links.markdown_link('catalogue/cities/x.md', links.practice_page(entry.slug))})" in content


def page_of(pages: dict[str, str], entry: Practice) -> str:
    """The city page that the practice's own page links to."""
    practice_page = pages[links.practice_page(entry.slug)]
    (key,) = set(re.findall(r'href="\.\./\.\./cities/([^/"]+)/"', practice_page))
    return key


def test_two_korean_cities_get_two_pages_each_listing_its_own_practice():
    seoul = practice(1, {"en": "서울", "fr": "서울"}, "KR", 37.5665, 126.978)
    busan = practice(2, {"en": "부산", "fr": "부산"}, "KR", 35.1796, 129.0756)
    pages = catalogue_pages([seoul, busan], V, "fr")
    cities = city_pages(pages)
    assert len(cities) == 2
    seoul_page, busan_page = cities[page_of(pages, seoul)], cities[page_of(pages, busan)]
    assert "# 서울" in seoul_page and listed_on(seoul_page, seoul) and not listed_on(seoul_page, busan)
    assert "# 부산" in busan_page and listed_on(busan_page, busan) and not listed_on(busan_page, seoul)


def test_seoul_in_hangul_gets_a_readable_address():
    seoul = practice(1, {"en": "서울", "fr": "서울"}, "KR", 37.5665, 126.978)
    moscow = practice(2, {"en": "Москва", "fr": "Москва"}, "RU", 55.7558, 37.6173)
    pages = catalogue_pages([seoul, moscow], V, "en")
    assert page_of(pages, seoul) == "seoul-kr"
    assert page_of(pages, moscow) == "moskva-ru"
    assert links.city_page("seoul-kr") in pages


def test_portland_oregon_and_portland_maine_get_two_pages_and_two_map_points():
    oregon = practice(1, {"en": "Portland", "fr": "Portland"}, "US", 45.5152, -122.6784)
    maine = practice(2, {"en": "Portland", "fr": "Portland"}, "US", 43.6591, -70.2568)
    pages = catalogue_pages([oregon, maine], V, "en")
    cities = city_pages(pages)
    assert len(cities) == 2
    assert page_of(pages, oregon) != page_of(pages, maine)
    assert all(key.startswith("portland-us-") for key in cities)  # readable, and told apart
    assert listed_on(cities[page_of(pages, oregon)], oregon) and not listed_on(cities[page_of(pages, oregon)], maine)
    the_map = pages[links.MAP]
    assert the_map.count("<circle ") == 2
    for key in cities:
        assert f'href="../cities/{key}/"' in the_map


def test_two_practices_in_one_city_written_alike_share_one_page_listing_both():
    # The same name once with a combining accent, in capitals and with extra
    # spaces, at two addresses of one city (about 5 km apart).
    one = practice(1, {"en": "Medellín", "fr": "Medellín"}, "CO", 6.2442, -75.5812)
    other = practice(2, {"en": "  MEDELLI\u0301N ", "fr": "Medellín"}, "CO", 6.2900, -75.5600)
    pages = catalogue_pages([one, other], V, "fr")
    cities = city_pages(pages)
    assert list(cities) == ["medellin-co"]
    assert listed_on(cities["medellin-co"], one) and listed_on(cities["medellin-co"], other)
    assert pages[links.MAP].count("<circle ") == 1


def test_one_city_across_the_date_line_is_one_page_and_one_map_point():
    west = practice(1, {"en": "Taveuni", "fr": "Taveuni"}, "FJ", -16.85, 179.98)
    east = practice(2, {"en": "Taveuni", "fr": "Taveuni"}, "FJ", -16.80, -179.97)
    pages = catalogue_pages([west, east], V, "en")
    assert list(city_pages(pages)) == ["taveuni-fj"]
    assert pages[links.MAP].count("<circle ") == 1


def test_names_that_transliterate_alike_or_to_nothing_still_get_their_own_pages():
    # Different names that read the same in ASCII are told apart by a hash of
    # the name, every one of them; a name with nothing to transliterate
    # still has an address.
    accented = practice(1, {"en": "Sévres", "fr": "Sévres"}, "FR", 48.8239, 2.2117)
    plain = practice(2, {"en": "Sevres", "fr": "Sevres"}, "FR", 46.0, 4.0)
    nothing = practice(3, {"en": "\u200b", "fr": "\u200b"}, "FR", 45.0, 5.0)
    pages = catalogue_pages([accented, plain, nothing], V, "en")
    keys = [page_of(pages, entry) for entry in (accented, plain, nothing)]
    assert len(set(keys)) == 3 and len(city_pages(pages)) == 3
    assert keys[0].startswith("sevres-fr-") and keys[1].startswith("sevres-fr-")
    assert keys[2]


def test_addresses_do_not_depend_on_the_order_of_the_practices():
    entries = [
        practice(1, {"en": "Portland", "fr": "Portland"}, "US", 45.5152, -122.6784),
        practice(2, {"en": "Portland", "fr": "Portland"}, "US", 43.6591, -70.2568),
        practice(3, {"en": "portland", "fr": "Portland"}, "US", 45.52, -122.60),
        practice(4, {"en": "서울", "fr": "Séoul"}, "KR", 37.5665, 126.978),
        practice(5, {"en": "부산", "fr": "Busan"}, "KR", 35.1796, 129.0756),
        practice(6, {"en": "Sévres", "fr": "Sévres"}, "FR", 48.8239, 2.2117),
        practice(7, {"en": "Sevres", "fr": "Sevres"}, "FR", 46.0, 4.0),
    ]
    expected = {entry.slug: page_of(catalogue_pages(entries, V, "en"), entry) for entry in entries}
    rng = random.Random(7)
    for _ in range(5):
        shuffled = entries[:]
        rng.shuffle(shuffled)
        for lang in ("fr", "en"):
            pages = catalogue_pages(shuffled, V, lang)
            assert {entry.slug: page_of(pages, entry) for entry in entries} == expected
            assert set(city_pages(pages)) == set(expected.values())
    assert expected["practice-00001"] == expected["practice-00003"]
    assert len(set(expected.values())) == 6


def test_city_addresses_are_safe_path_segments_whatever_the_name():
    names = ["../../etc/passwd", "Saint-Étienne", "東京", "القاهرة", "Ñ/ñ\\ñ", "CON", "a" * 300, "🙂", "%2e%2e", " ", "x\x00y"]
    entries = [practice(i, {"en": name, "fr": name}, "FR", 40.0 + i, 2.0) for i, name in enumerate(names)]
    pages = catalogue_pages(entries, V, "en")
    cities = city_pages(pages)
    assert len(cities) == len(names)
    for key in cities:
        assert SAFE_SEGMENT.fullmatch(key), key
        assert len(key) <= 100


def test_a_second_practice_joins_its_city_whether_or_not_its_name_has_accents_or_english():
    # A contributor adds a practice in a city of the catalogue: with the
    # accent the first entry left out, or in French only.
    montreal = practice(1, {"fr": "Montréal", "en": "Montreal", "es": "Montreal"}, "CA", 45.5019, -73.5674)
    accented = practice(2, {"fr": "Montréal", "en": "Montréal"}, "CA", 45.52, -73.58)
    lisbon = practice(3, {"fr": "Lisbonne", "en": "Lisbon"}, "PT", 38.7223, -9.1393)
    in_french = practice(4, {"fr": "Lisbonne"}, "PT", 38.73, -9.14)
    pages = catalogue_pages([montreal, accented, lisbon, in_french], V, "en")
    assert sorted(city_pages(pages)) == ["lisbon-pt", "montreal-ca"]
    assert page_of(pages, accented) == page_of(pages, montreal) == "montreal-ca"
    assert page_of(pages, in_french) == page_of(pages, lisbon) == "lisbon-pt"
    assert pages[links.MAP].count("<circle ") == 2
