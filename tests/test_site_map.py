"""The map, used by a finger: targets of at least 24 × 24 CSS px that never
meet, nearby cities grouped at the scale shown, names where there is room,
and a zoom to each region, by keyboard too; no request leaves the site."""

from __future__ import annotations

import pytest

from generator.pages.world_map import TARGET_PX, WORLD, layout, region_box
from tests.browser import GuardedPage

pytestmark = pytest.mark.catalogue

WIDTHS = [(390, 844), (1366, 900)]
MAP = "en/catalogue/map/"


def test_a_layout_keeps_every_target_apart_and_groups_what_would_meet():
    cities = [("a", 500.0, 60.0), ("b", 500.5, 60.5), ("c", 501.0, 63.0), ("far", 800.0, 300.0)]
    markers = layout(cities, WORLD, 340.0, spread=False, names={k: k for k, *_ in cities})
    assert sorted(len(m.members) for m in markers) == [1, 3]
    scale = 340.0 / WORLD.width
    for one in markers:
        for other in markers:
            if one is not other:
                assert max(abs(one.x - other.x), abs(one.y - other.y)) * scale >= TARGET_PX
    # Zoomed in, the group makes way for its cities, each joined to its place.
    box = region_box([(x, y) for _, x, y in cities[:3]])
    spread = layout(cities, box, 340.0, spread=True)
    assert sorted(m.members[0] for m in spread) == ["a", "b", "c"]
    scale = 340.0 / box.width
    for one in spread:
        for other in spread:
            if one is not other:
                assert max(abs(one.x - other.x), abs(one.y - other.y)) * scale >= TARGET_PX


@pytest.fixture(params=WIDTHS, ids=lambda size: f"{size[0]}px")
def reader(request, browser, site_url):  # noqa: F811
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    guarded = GuardedPage(context)
    guarded.page.goto(site_url + MAP)
    yield guarded.page
    context.close()
    assert guarded.foreign_requests == [], "the page asked another host for something"
    assert guarded.failed_responses == [], "the page asked its own server for something missing"


def targets(page) -> list[dict]:
    """The visible targets of the map: their label and box on screen."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.catalogue-map__markers a'))
        .map(a => ({label: a.getAttribute('aria-label'), cities: a.dataset.mapCities || a.dataset.mapCity,
                    box: a.getBoundingClientRect().toJSON()}))
        .filter(t => t.box.width > 0 && t.box.height > 0)""")


def assert_finger_sized_and_apart(found: list[dict]) -> None:
    assert found, "no target on the map"
    for target in found:
        assert target["box"]["width"] >= 24 and target["box"]["height"] >= 24, target
    for i, one in enumerate(found):
        for other in found[i + 1:]:
            a, b = one["box"], other["box"]
            meet = a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
            assert not meet, (one["label"], other["label"])


def zoom(page, region: str) -> None:
    page.get_by_role("button", name=region).click()
    page.wait_for_function(
        "name => [...document.querySelectorAll('.catalogue-map__zoom button')]"
        ".some(b => b.textContent === name && b.getAttribute('aria-pressed') === 'true')", arg=region)


def test_targets_are_finger_sized_and_apart_in_every_view(reader):
    assert_finger_sized_and_apart(targets(reader))
    for region in ["Africa", "Americas", "Asia", "Europe", "Oceania", "Whole world"]:
        zoom(reader, region)
        assert_finger_sized_and_apart(targets(reader))


def test_amsterdam_utrecht_and_mechelen_are_one_group_then_three_cities_in_europe(reader):
    trio = {"amsterdam-nl", "utrecht-nl", "mechelen-be"}
    groups = [t for t in targets(reader) if t["cities"] and trio <= set(t["cities"].split())]
    assert len(groups) == 1, "Amsterdam, Utrecht and Mechelen are not one group of the world map"
    count = reader.locator(".catalogue-map__group:visible text").all_text_contents()
    assert str(len(groups[0]["cities"].split())) in count, "the group does not show its count"
    zoom(reader, "Europe")
    cities = {t["cities"] for t in targets(reader)}
    assert trio <= cities, "zoomed to Europe, the three cities are not three targets"
    # Names where there is room, at least 12 px.
    names = reader.evaluate("""() => Array.from(document.querySelectorAll('.catalogue-map__labels text'))
        .filter(t => t.getBoundingClientRect().width > 0)
        .map(t => [t.textContent, t.getBoundingClientRect().height])""")
    assert len(names) >= 3
    assert all(height >= 12 for _, height in names), names


def test_a_group_opens_its_region_and_a_region_is_reached_by_keyboard(reader):
    reader.locator(".catalogue-map__group:visible", has=reader.locator("title", has_text="Utrecht")).click()
    assert reader.get_by_role("button", name="Europe").get_attribute("aria-pressed") == "true"
    assert reader.evaluate("document.activeElement.closest('.catalogue-map__markers') !== null")
    zoom(reader, "Whole world")
    before = reader.locator("svg[data-map-views]").get_attribute("viewBox")
    for _ in range(40):
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.textContent") == "Asia":
            break
    assert reader.evaluate("document.activeElement.textContent") == "Asia", "no region button took the focus"
    reader.keyboard.press("Enter")
    assert reader.locator("svg[data-map-views]").get_attribute("viewBox") != before
    assert reader.get_by_role("button", name="Asia").get_attribute("aria-pressed") == "true"
    assert any("Kawasaki" in (t["label"] or "") for t in targets(reader))
    reader.screenshot(path=f"/tmp/map-test-asia-{reader.viewport_size['width']}.png")


def test_without_script_the_list_below_holds_every_city_by_region(browser, site_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + MAP)
        assert page.locator(".catalogue-map__zoom").is_hidden()
        assert_finger_sized_and_apart(targets(page))
        for region in ["Africa", "Americas", "Asia", "Europe", "Oceania"]:
            assert page.get_by_role("heading", name=region).is_visible()
        assert page.locator("#cities-150 + table a", has_text="Utrecht").count() == 1
    finally:
        context.close()
