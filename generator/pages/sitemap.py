"""The sitemaps with their language alternates (hreflang), for search engines.

The engine writes one sitemap per language (``sitemap.xml`` at each
language's root) that lists that language's pages alone. Each page of the
built site already declares its real translations in its head
(``<link rel="alternate" hreflang>``, none on a page shown from another
language): ``add_alternates`` reads them back from the built site and
writes them into each sitemap as ``xhtml:link`` elements, the form search
engines read (sitemaps.org, with the XHTML namespace). It works on the
built HTML, whatever engine made it; it needs the site's address, without
which sitemaps list nothing.
"""

from __future__ import annotations

import gzip
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
_ALTERNATE = re.compile(r'<link\s+rel="alternate"\s+hreflang="([^"]+)"\s+href="([^"]+)"\s*/?>')


def page_alternates(page_file: Path) -> list[tuple[str, str]]:
    """(hreflang, absolute address) that a built page declares in its head."""
    try:
        with page_file.open(encoding="utf-8") as file:
            head = file.read(32_768).partition("</head>")[0]
    except OSError:
        return []
    return [(lang, html.unescape(href)) for lang, href in _ALTERNATE.findall(head) if href.startswith(("http://", "https://"))]


def add_alternates(site_dir: Path, site_url: str, roots: dict[str, str]) -> int:
    """Rewrites each language's sitemap (``roots``: language -> its folder
    in the site, '' for the default) with each page's alternates. Returns
    the number of addresses that gained alternates."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    gained = 0
    for root in roots.values():
        sitemap = site_dir / root / "sitemap.xml"
        if not sitemap.is_file():
            continue
        tree = ET.parse(sitemap)
        for url in tree.getroot().findall(f"{{{SITEMAP}}}url"):
            location = url.findtext(f"{{{SITEMAP}}}loc", "").strip()
            if not location.startswith(site_url):
                continue
            path = location[len(site_url):]
            page_file = site_dir / path / "index.html" if path.endswith("/") or not path else site_dir / path
            alternates = page_alternates(page_file)
            for link in url.findall(f"{{{XHTML}}}link"):  # written again, not twice
                url.remove(link)
            # A page in one language only has no alternate to declare.
            if len({lang for lang, _ in alternates if lang != "x-default"}) < 2:
                continue
            for lang, href in alternates:
                ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": lang, "href": href})
            gained += 1
        ET.indent(tree)
        content = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree.getroot(), encoding="utf-8") + b"\n"
        sitemap.write_bytes(content)
        # The engine's compressed copy says the same (mtime 0: reproducible).
        with gzip.GzipFile(sitemap.with_suffix(".xml.gz"), mode="wb", mtime=0) as compressed:
            compressed.write(content)
    return gained
