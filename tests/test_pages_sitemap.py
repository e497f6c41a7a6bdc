"""The sitemaps with hreflang alternates, written from what the built pages
declare (generator.pages.sitemap)."""

from __future__ import annotations

import gzip
import shutil
import xml.etree.ElementTree as ET

from generator.languages import site_languages
from generator.pages.sitemap import SITEMAP, XHTML, add_alternates
from generator.site_build import build_site
from tests.conftest import SITE_ADDRESS

LANGUAGES = site_languages()
ROOTS = {code: LANGUAGES.root(code) for code in LANGUAGES.codes}


def sitemap_entries(path) -> dict[str, dict[str, str]]:
    """address -> {hreflang: address} of one sitemap."""
    tree = ET.parse(path)
    return {
        url.findtext(f"{{{SITEMAP}}}loc"): {link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML}}}link")}
        for url in tree.getroot().findall(f"{{{SITEMAP}}}url")
    }


def test_every_page_in_several_languages_lists_its_alternates_in_each_sitemap(addressed_site, tmp_path):
    # As the build wrote them (publish build, with SITE_URL); written again, they stay the same.
    site = tmp_path / "site"
    shutil.copytree(addressed_site.site_dir, site)
    before = {code: sitemap_entries(site / root / "sitemap.xml") for code, root in ROOTS.items()}
    add_alternates(site, SITE_ADDRESS, ROOTS)
    assert {code: sitemap_entries(site / root / "sitemap.xml") for code, root in ROOTS.items()} == before
    for code, root in ROOTS.items():
        entries = sitemap_entries(site / root / "sitemap.xml")
        assert entries.keys() == before[code].keys()  # the same pages, none lost
        assert gzip.decompress((site / root / "sitemap.xml.gz").read_bytes()) == (site / root / "sitemap.xml").read_bytes()
        practice = SITE_ADDRESS + root + "catalogue/practices/lisbon-lisboa-acolhe/"
        assert entries[practice] == {
            "fr": SITE_ADDRESS + "catalogue/practices/lisbon-lisboa-acolhe/",
            "en": SITE_ADDRESS + "en/catalogue/practices/lisbon-lisboa-acolhe/",
            "es": SITE_ADDRESS + "es/catalogue/practices/lisbon-lisboa-acolhe/",
            "x-default": SITE_ADDRESS + "catalogue/practices/lisbon-lisboa-acolhe/",
        }
        for address, alternates in entries.items():
            assert alternates, f"{address} has no alternates in the {code} sitemap"
            assert alternates[code] == address  # each lists itself among its alternates
            # Each alternate is a page of the site, which lists the same alternates.
            other = alternates["en"]
            assert sitemap_entries(site / ROOTS["en"] / "sitemap.xml")[other] == alternates


def test_a_page_missing_in_one_language_is_no_alternate_there(project_copy, tmp_path, monkeypatch):
    (project_copy / "content" / "es" / "about.md").unlink()
    monkeypatch.setenv("SITE_URL", SITE_ADDRESS)
    site = build_site(project_copy, tmp_path / "site").site_dir
    french = sitemap_entries(site / "sitemap.xml")[SITE_ADDRESS + "about/"]
    assert french == {"fr": SITE_ADDRESS + "about/", "en": SITE_ADDRESS + "en/about/", "x-default": SITE_ADDRESS + "about/"}
    # The Spanish site shows the page from French, with a notice: no alternates announce it.
    assert sitemap_entries(site / "es" / "sitemap.xml").get(SITE_ADDRESS + "es/about/", {}) == {}
