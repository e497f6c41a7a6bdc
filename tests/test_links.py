"""Every link of the built site leads somewhere: internal pages, files and
anchors exist; external addresses are well formed."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.catalogue.checks import url_problem
from tests.conftest import html_pages, parse

pytestmark = pytest.mark.catalogue

LINKING = [("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action")]


@cache
def ids_of(path: Path) -> frozenset[str]:
    html = parse(path)
    return frozenset(element["id"] for element in html.find_all(id=True)) | frozenset(
        element["name"] for element in html.find_all("a", attrs={"name": True})
    )


def target_file(page: Path, href: str, site: Path) -> Path:
    path = unquote(urlsplit(href).path)
    # The 404 pages link from the site's root: they are served at any address.
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def test_every_internal_link_and_anchor_resolves(built_site):
    site = built_site.site_dir.resolve()
    broken: list[str] = []
    checked = 0
    for page in html_pages(site):
        html = parse(page)
        for tag, attribute in LINKING:
            for element in html.find_all(tag):
                href = element.get(attribute)
                if not href or href.startswith(("mailto:", "data:")):
                    continue
                parts = urlsplit(href)
                if parts.scheme or parts.netloc:
                    problem = url_problem(href)
                    if problem:
                        broken.append(f"{page.relative_to(site)}: {href}: {problem}")
                    continue
                target = target_file(page, href, site)
                checked += 1
                if not target.is_file() or site not in target.parents:
                    broken.append(f"{page.relative_to(site)}: {href} -> missing {target}")
                elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                    broken.append(f"{page.relative_to(site)}: {href} -> no #{parts.fragment} in {target.relative_to(site)}")
    assert checked > 5000
    assert broken == [], "\n".join(broken)
