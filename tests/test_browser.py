"""What a reader does on the built site, in a real Chromium."""

from __future__ import annotations

import pytest

from tests.browser import GuardedPage

pytestmark = pytest.mark.browser



@pytest.fixture()
def guarded(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    guarded = GuardedPage(context)
    yield guarded
    context.close()
    assert guarded.foreign_requests == [], "the page asked another host for something"
    assert guarded.failed_responses == [], "the page asked its own server for something missing"


def search_results(guarded: GuardedPage, url: str) -> list[tuple[str, str]]:
    page = guarded.page
    page.goto(url)
    page.wait_for_selector(".pagefind-ui__message")
    # While searching, Pagefind says "Searching for …"; once done, "N results for …".
    page.wait_for_function("/^\\s*\\d/.test(document.querySelector('.pagefind-ui__message').textContent)")
    page.wait_for_selector(".pagefind-ui__result-link")
    return [
        (link.get_attribute("href"), link.inner_text())
        for link in page.locator(".pagefind-ui__result-link").all()
    ]


def test_french_search_without_accents_finds_french_pages_only(guarded, site_url):
    results = search_results(guarded, site_url + "search/?q=refugies")
    assert results, "no result for 'refugies' on the French site"
    assert all("/en/" not in href for href, _ in results)
    assert "réfugiés" in guarded.page.locator(".pagefind-ui__results").inner_text()
    results = search_results(guarded, site_url + "search/?q=ordonnees+regulieres")
    assert any(href.endswith("/contribution/") for href, _ in results)


def test_french_stemming_finds_the_singular_from_the_plural(guarded, site_url):
    results = search_results(guarded, site_url + "search/?q=mecanismes")
    assert any(href.endswith("/governance/") for href, _ in results)


def test_english_search_finds_english_pages_only(guarded, site_url):
    results = search_results(guarded, site_url + "en/search/?q=refugees")
    assert results
    assert all("/en/" in href for href, _ in results)


def test_spanish_search_without_accents_finds_spanish_pages_only(guarded, site_url):
    results = search_results(guarded, site_url + "es/search/?q=migracion")
    assert results, "no result for 'migracion' on the Spanish site"
    assert all("/es/" in href for href, _ in results)
    assert "migración" in guarded.page.locator(".pagefind-ui__results").inner_text()
    results = search_results(guarded, site_url + "es/search/?q=gobernanza+local")
    assert any(href.endswith("/es/governance/") for href, _ in results)


def test_the_header_search_box_leads_to_results(guarded, site_url):
    page = guarded.page
    page.goto(site_url + "governance/")
    page.get_by_role("searchbox", name="Recherche").fill("cohesion sociale")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=cohesion+sociale")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert page.locator(".pagefind-ui__result-link").count() >= 1


def switch_language(page, url: str, selector_label: str, language: str, expected_url: str, expected_lang: str) -> None:
    """Open ``url``, pick ``language`` in the header's selector, and land on ``expected_url``."""
    page.goto(url)
    page.get_by_role("button", name=selector_label).hover()
    page.get_by_role("link", name=language).click()
    page.wait_for_url(expected_url)
    assert page.locator("html").get_attribute("lang") == expected_lang


def test_switching_language_keeps_the_reader_on_the_same_page(guarded, site_url):
    page = guarded.page
    switch_language(page, site_url + "contribution/#vision", "Sélectionner la langue", "English",
                    "**/en/contribution/#vision", "en")
    assert page.locator("h1").inner_text().startswith("Contribution to the United Nations Global Compact")
    switch_language(page, site_url + "en/contribution/#vision", "Select language", "Español",
                    "**/es/contribution/#vision", "es")
    assert page.locator("h1").inner_text().startswith("Contribución al Pacto Mundial")


def visible_titles(page) -> list[str]:
    return page.locator(".catalogue-item:not([hidden]) .catalogue-item__title").all_inner_texts()


def test_filtering_by_two_facets_survives_a_reload(guarded, site_url):
    page = guarded.page
    page.goto(site_url + "en/catalogue/")
    everything = visible_titles(page)
    page.get_by_role("checkbox", name="Housing").check()
    housing = visible_titles(page)
    page.get_by_role("checkbox", name="Europe").check()
    both = visible_titles(page)
    assert 0 < len(both) < len(housing) < len(everything)
    assert "theme=housing" in page.url and "region=150" in page.url
    page.reload()
    assert visible_titles(page) == both
    assert page.get_by_role("checkbox", name="Housing").is_checked()
    page.wait_for_timeout(400)
    assert page.locator(".catalogue-count").inner_text() == f"{len(both)} practices"


def test_text_filter_ignores_accents_and_counts_follow(guarded, site_url):
    page = guarded.page
    page.goto(site_url + "catalogue/")
    page.get_by_label("Mots du titre, du résumé, de la ville ou du pays").fill("sao paulo")
    places = page.locator(".catalogue-item:not([hidden]) .catalogue-item__place").all_inner_texts()
    assert len(places) == 2 and all(place.startswith("São Paulo") for place in places)
    assert "q=sao+paulo" in page.url


def test_the_map_leads_to_a_city_and_its_practices(guarded, site_url):
    page = guarded.page
    page.goto(site_url + "en/catalogue/map/")
    # Montreal, Toronto and New York are one group of the world map; it opens the Americas.
    page.locator(".catalogue-map__group:visible", has=page.locator("title", has_text="Montreal")).click()
    page.locator('.catalogue-map__markers a[aria-label^="Montreal"]:visible').click()
    page.wait_for_url("**/en/catalogue/cities/montreal-ca/")
    page.get_by_role("link", name="Montréal Newcomer Integration Office (BINAM)").click()
    page.wait_for_url("**/en/catalogue/practices/montreal-binam/")


def test_a_map_city_is_reachable_by_keyboard(guarded, site_url):
    page = guarded.page
    page.goto(site_url + "en/catalogue/map/")
    for _ in range(80):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if "practice" in label:
            break
    assert "practice" in label, "no city of the map took the keyboard focus"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/catalogue/cities/**")


def test_every_catalogue_control_is_reached_by_keyboard(guarded, site_url):
    page = guarded.page
    page.goto(site_url + "en/catalogue/")
    # Number every visible control, then tab through the page and note which numbers get the focus.
    total = page.evaluate("""() => {
        const controls = Array.from(document.querySelectorAll(
            '.catalogue-filters input, .catalogue-filters summary, .catalogue-filters button, .catalogue-list a'))
            // In a closed facet only its summary is reachable: Enter opens it.
            .filter(el => el.offsetParent !== null && (el.tagName === 'SUMMARY' || !el.closest('details:not([open])')));
        controls.forEach((el, index) => el.setAttribute('data-control', index));
        return controls.length;
    }""")
    assert total > 50
    reached = set()
    for _ in range(total + 40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.getAttribute('data-control')"))
    assert [index for index in range(total) if str(index) not in reached] == []
    # A closed facet opens with Enter; a checkbox is ticked with the space bar.
    summary = page.locator("details.catalogue-facet:not([open]) > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.catalogue-facet[open]").count() >= 3
    page.locator('input[name="theme"]').first.focus()
    page.keyboard.press("Space")
    assert page.locator('input[name="theme"]').first.is_checked()
    assert "theme=" in page.url


def test_switching_language_on_a_practice_lands_on_the_same_practice(guarded, site_url):
    page = guarded.page
    switch_language(page, site_url + "en/catalogue/practices/quezon-city-migrants-resource-center/", "Select language",
                    "Français", "**/catalogue/practices/quezon-city-migrants-resource-center/", "fr")
    assert "/en/" not in page.url
