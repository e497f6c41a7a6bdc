"""The catalogue read on a phone (390 px) and on a desk, in a real Chromium."""

from __future__ import annotations

import pytest

from tests.browser import GuardedPage

pytestmark = pytest.mark.browser



def page_at(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    return context, GuardedPage(context)


def test_on_a_phone_the_new_count_is_in_view_when_a_filter_is_ticked(browser, site_url):
    context, guarded = page_at(browser, 390, 844)
    page = guarded.page
    page.goto(site_url + "catalogue/")
    page.locator("details.catalogue-facet summary").first.click()
    page.locator('input[name="theme"]').first.check()
    count = page.locator(".catalogue-count")
    page.wait_for_function("!/^24\\b/.test(document.querySelector('.catalogue-count').textContent.trim())")
    box = count.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 844, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    assert guarded.foreign_requests == [] and guarded.failed_responses == []


def test_each_result_is_a_card_with_place_period_themes_and_objectives(browser, site_url):
    context, guarded = page_at(browser, 1366, 900)
    page = guarded.page
    page.goto(site_url + "en/catalogue/")
    card = page.locator("li.catalogue-item").filter(has_text="Montréal Newcomer Integration Office").first
    assert "Montreal, Canada · since 2016" in card.locator(".catalogue-item__place").inner_text()
    tags = card.locator(".catalogue-tag").all_inner_texts()
    assert "Reception" in tags and "GCM 16" in tags
    gcm = [int(tag.split()[1]) for tag in tags if tag.startswith("GCM ")]
    assert gcm == sorted(gcm)
    context.close()


@pytest.mark.parametrize("path", ["catalogue/", "catalogue/map/", "catalogue/dashboard/"])
def test_on_a_desk_the_wide_pages_keep_the_site_navigation(browser, site_url, path):
    context, guarded = page_at(browser, 1366, 900)
    page = guarded.page
    page.goto(site_url + path)
    navigation = page.locator("nav.md-nav--primary")
    assert navigation.is_visible()
    assert navigation.get_by_role("link", name="Contribution aux Pactes mondiaux").is_visible()
    context.close()


def test_on_a_phone_a_title_that_fits_on_one_line_leaves_no_blank_line_under_it(browser, site_url):
    # Material's hidden "#" permalink used to wrap to a second, empty line.
    context, guarded = page_at(browser, 390, 844)
    page = guarded.page
    page.goto(site_url + "es/catalogue/")
    title = page.evaluate("""() => { const h = document.querySelector('h1');
        return [h.getBoundingClientRect().height, parseFloat(getComputedStyle(h).lineHeight)]; }""")
    assert title[0] < 1.5 * title[1], title
    context.close()
