"""Where each generated page lives, and relative links between pages.

Paths are the same in every language. Markdown links point at ``.md``
files (the engine checks and rewrites them); links inside raw HTML blocks
point at the published address, with directory URLs (``x/y.md`` is served
as ``x/y/``), which MkDocs and Zensical both use.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

CATALOGUE = "catalogue/index.md"
MAP = "catalogue/map.md"
DASHBOARD = "catalogue/dashboard.md"
NETWORKS = "catalogue/networks.md"
OPEN_DATA = "catalogue/data.md"
GCM_INDEX = "catalogue/gcm/index.md"
SDG_INDEX = "catalogue/sdg/index.md"
THEMES_INDEX = "catalogue/themes/index.md"
COUNTRIES_INDEX = "catalogue/countries/index.md"
JSON_DATA = "catalogue/catalogue.json"
CSV_DATA = "catalogue/catalogue.csv"
FEED = "catalogue/feed.xml"
DATA_PACKAGE = "catalogue/datapackage.json"
PROPOSE = "catalogue/propose.md"


def practice_page(slug: str) -> str:
    return f"catalogue/practices/{slug}.md"


def gcm_page(number: int) -> str:
    return f"catalogue/gcm/objective-{number}.md"


def sdg_page(target: str) -> str:
    return f"catalogue/sdg/target-{target.replace('.', '-')}.md"


def theme_page(theme: str) -> str:
    return f"catalogue/themes/{theme}.md"


def country_page(code: str) -> str:
    return f"catalogue/countries/{code.lower()}.md"


def city_page(key: str) -> str:
    """``key`` comes from generator.pages.cities.city_keys: one city, one
    key, of lowercase ASCII letters, digits and hyphens."""
    return f"catalogue/cities/{key}.md"


def _relative(to_path: str, from_dir: str) -> str:
    """posixpath.relpath for the clean relative paths of the site (no '.',
    no '..'), without its file-system calls: a page links to dozens of
    others, and the catalogue has thousands of pages."""
    source = from_dir.split("/") if from_dir else []
    target = to_path.split("/")
    common = 0
    while common < min(len(source), len(target)) and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:]) or "."


def markdown_link(from_page: str, to_file: str) -> str:
    """Relative path from one source file to another, for a Markdown link."""
    return _relative_cached(to_file, from_page.rpartition("/")[0])


# Keyed by folder, not by page: the thousands of practice pages share one
# folder, hence one answer for each page they link to.
_relative_cached = lru_cache(maxsize=65536)(_relative)


def published_url(page: str) -> str:
    """'catalogue/index.md' -> 'catalogue/', 'catalogue/map.md' -> 'catalogue/map/'."""
    if not page.endswith(".md"):
        return page
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_link(from_page: str, to_page: str) -> str:
    """Relative address from one published page to another, for raw HTML."""
    source = published_url(from_page)
    # A page published as a folder ('catalogue/map/') links from inside it;
    # a file ('catalogue/feed.xml') from the folder that holds it.
    source_dir = source.rstrip("/") if source.endswith("/") or not source else posixpath.dirname(source)
    if "/" in source_dir and not (published_url(to_page).rstrip("/") + "/").startswith(source_dir + "/"):
        # Each practice page is a folder of its own: asked from the folder
        # above, the answer is shared by thousands of pages, and cached.
        from_parent = _url_from_folder(source_dir.rpartition("/")[0], to_page)
        return "../" if from_parent == "./" else "../" + from_parent
    return _url_from_folder(source_dir, to_page)


def download_link(from_page: str, file_name: str) -> str:
    """Relative address from a published page to a file of the site's
    downloads/ folder, whatever its suffix: a report's Markdown there is a
    file to download, not a page."""
    return url_link(from_page, "downloads/") + file_name


@lru_cache(maxsize=65536)
def _url_from_folder(source_dir: str, to_page: str) -> str:
    target = published_url(to_page)
    relative = _relative(target.rstrip("/"), source_dir) if target.rstrip("/") else _relative("", source_dir)
    if relative == ".":
        return "./"
    return relative + "/" if target.endswith("/") else relative
