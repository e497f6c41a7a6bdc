"""WCAG 2.1 A and AA, checked by axe-core in Chromium on the pages readers use most."""

from __future__ import annotations

import json

import pytest

from tests.browser import GuardedPage
from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.browser
AXE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "contribution/", "catalogue/", "catalogue/practices/montreal-binam/", "catalogue/map/", "catalogue/dashboard/"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"ACCESSIBILITY TESTS SKIPPED: {AXE} is missing; `./tasks test` installs it with npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violation(browser, site_url, axe_source, lang, path):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    guarded = GuardedPage(context)
    try:
        page = guarded.page
        page.goto(site_url + ("" if lang == "fr" else f"{lang}/") + path)
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_21_AA,
        )
        violations = [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [node["target"] for node in v["nodes"][:5]]}
            for v in result["violations"]
        ]
        assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
        assert guarded.foreign_requests == []
    finally:
        context.close()
