"""WCAG 2.2 A and AA, checked by axe-core in Chromium on every kind of page
readers use, on a phone (390 px) and on a desk: target size (2.5.8) is among
the rules, and on a phone no page may scroll sideways."""

from __future__ import annotations

import json

import pytest

from tests.browser import GuardedPage
from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.browser
AXE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
# A page of each kind readers meet: the two texts, the home, search, the
# catalogue and its views, a listing page of each family, a practice, the form
# that proposes one, the 404.
PAGES = [
    "", "contribution/", "governance/", "search/?q=montreal", "catalogue/",
    "catalogue/practices/montreal-binam/", "catalogue/map/", "catalogue/dashboard/", "catalogue/themes/",
    "catalogue/gcm/objective-16/", "catalogue/cities/lisbon-pt/", "catalogue/propose/", "404.html",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"phone": (390, 844), "desk": (1280, 800)}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"ACCESSIBILITY TESTS SKIPPED: {AXE} is missing; `./tasks test` installs it with npm ci")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    assert "target-size" in {rule["id"] for kind in ("passes", "inapplicable", "incomplete", "violations")
                              for rule in result[kind]}, "axe did not check the target size"
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [node["target"] for node in v["nodes"][:5]]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violation(browser, site_url, axe_source, lang, path, width):
    columns, rows = WIDTHS[width]
    context = browser.new_context(viewport={"width": columns, "height": rows})
    guarded = GuardedPage(context)
    try:
        page = guarded.page
        page.goto(site_url + ("" if lang == "fr" else f"{lang}/") + path)
        if path.startswith("search/"):
            page.wait_for_selector(".pagefind-ui__result")
        violations = axe_violations(page, axe_source)
        assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
        assert page.evaluate("document.documentElement.scrollWidth") <= columns
        assert guarded.foreign_requests == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_the_catalogue_filters_unfolded_on_a_phone_have_no_violation(browser, site_url, axe_source, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    guarded = GuardedPage(context)
    try:
        page = guarded.page
        page.goto(site_url + ("" if lang == "fr" else f"{lang}/") + "catalogue/")
        for summary in page.locator("details.catalogue-facet summary").all():
            summary.click()
        page.locator('input[name="theme"]').first.check()
        violations = axe_violations(page, axe_source)
        assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    finally:
        context.close()
