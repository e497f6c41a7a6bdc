"""Related practices: the rule, its order, and the lists on the built pages."""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.catalogue.loading import load_catalogue
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages.related import RELATED_COUNT, related_practices
from tests.conftest import PROJECT_DIR, parse
from tests.synthetic import synthetic_entry

V = load_vocabularies()
SHIPPED = load_catalogue(PROJECT_DIR / "practices").practices


def entry(index: int, *, themes, gcm, groups=(), country="PT", updated="2026-01-01") -> Practice:
    data = synthetic_entry(index)
    data.update(themes=list(themes), gcm_objectives=list(gcm), target_groups=list(groups), country=country, last_updated=updated)
    return Practice.from_data(data, Path(f"{data['slug']}.yml"))


def test_the_practice_sharing_more_themes_and_objectives_comes_first():
    me = entry(0, themes=["housing", "health"], gcm=[15, 16])
    three = entry(1, themes=["housing", "health"], gcm=[16], country="SN")
    one = entry(2, themes=["housing"], gcm=[2], groups=["refugees", "children"], country="PT")
    two = entry(3, themes=["health"], gcm=[15], country="SN")
    nothing_but_the_region = entry(4, themes=["employment"], gcm=[18], country="PT")
    related = related_practices([one, nothing_but_the_region, me, two, three], V.region_of)
    assert related[me.slug] == [three.slug, two.slug, one.slug]


def test_among_equals_groups_and_region_then_the_latest_update_come_first():
    me = entry(0, themes=["housing"], gcm=[15], groups=["refugees"], country="PT")
    far_old = entry(1, themes=["housing"], gcm=[15], country="SN", updated="2025-01-01")
    far_new = entry(2, themes=["housing"], gcm=[15], country="SN", updated="2026-06-01")
    same_region = entry(3, themes=["housing"], gcm=[15], country="ES", updated="2024-01-01")
    same_region_and_group = entry(4, themes=["housing"], gcm=[15], groups=["refugees"], country="BE", updated="2020-01-01")
    related = related_practices([far_old, far_new, same_region, same_region_and_group, me], V.region_of)
    assert related[me.slug] == [same_region_and_group.slug, same_region.slug, far_new.slug, far_old.slug]


def test_at_most_five_and_the_same_whatever_order_the_files_were_read_in():
    practices = [Practice.from_data(synthetic_entry(i), Path(f"{i}.yml")) for i in range(300)]
    first = related_practices(practices, V.region_of)
    shuffled = practices[:]
    random.Random(7).shuffle(shuffled)
    assert related_practices(shuffled, V.region_of) == first
    assert all(len(others) == RELATED_COUNT for others in first.values())
    by_slug = {p.slug: p for p in practices}
    for slug, others in first.items():
        me = by_slug[slug]
        assert slug not in others
        for other in map(by_slug.get, others):
            assert set(me.themes) & set(other.themes) or set(me.gcm_objectives) & set(other.gcm_objectives)


def test_the_first_related_practice_is_the_best_one_found_by_comparing_every_pair():
    """The index finds what a comparison of every pair would, on 400 entries."""
    practices = [Practice.from_data(synthetic_entry(i, seed=3), Path(f"{i}.yml")) for i in range(400)]
    related = related_practices(practices, V.region_of)

    def shared(a: Practice, b: Practice) -> tuple:
        content = len(set(a.themes) & set(b.themes)) + len(set(a.gcm_objectives) & set(b.gcm_objectives))
        rest = len(set(a.target_groups) & set(b.target_groups)) + (V.region_of(a.country) == V.region_of(b.country))
        return (content, rest, b.last_updated, [-ord(c) for c in b.slug])

    for me in practices[:60]:
        best = max((other for other in practices if other is not me), key=lambda other: shared(me, other))
        assert related[me.slug][0] == best.slug


@pytest.mark.catalogue  # holds for any valid catalogue
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_each_practice_page_links_to_its_related_practices_in_its_language(built_site, lang):
    heading = {"fr": "Pratiques apparentées", "en": "Related practices", "es": "Prácticas relacionadas"}[lang]
    expected = related_practices(SHIPPED, V.region_of)
    root = built_site.site_dir / ("" if lang == "fr" else lang)
    for practice in SHIPPED:
        address = f"catalogue/practices/{practice.slug}/"
        html = parse(root / address / "index.html")
        section = html.find(id="related")
        if not expected[practice.slug]:
            assert section is None
            continue
        assert section.get_text(strip=True).startswith(heading)
        items = section.find_next("ul").find_all("li")
        targets = [urljoin(address, item.a["href"]) for item in items]
        assert targets == [f"catalogue/practices/{slug}/" for slug in expected[practice.slug]]
        for target, item in zip(targets, items):
            linked = parse(root / target / "index.html")
            assert item.a.get_text() == linked.find("h1").get_text()


def test_the_catalogue_page_says_how_related_practices_are_chosen(built_site):
    html = parse(built_site.site_dir / "en" / "catalogue" / "index.html")
    rule = html.find(id="related-practices").find_next("p").get_text()
    assert "share the most themes and GCM objectives" in rule and "most recently updated" in rule


def test_the_shipped_practices_each_have_three_to_five_related_practices():
    related = related_practices(SHIPPED, V.region_of)
    assert all(3 <= len(others) <= 5 for others in related.values()), related
