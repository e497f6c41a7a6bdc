"""One adjustment to Material's JavaScript bundle, made at build time.

Material 9.7+ treats every ``<link rel="alternate">`` as the root of another
language version: it downloads ``sitemap.xml`` below each one and takes over
clicks on links under them. Our alternates are per page (hreflang links to the
same page in each language), so Material would fetch ``en/contribution/
sitemap.xml`` (a 404 on every page) and rewrite the language switch's links.
Limiting its selector to alternates without ``hreflang`` leaves our links to
the browser, while keeping any other alternate (feeds) working as before.
"""

from __future__ import annotations

from pathlib import Path

ORIGINAL = 'M("link[rel=alternate]")'
PATCHED = 'M("link[rel=alternate]:not([hreflang])")'


class BundleChanged(Exception):
    """Material's bundle no longer has the expected code: review the patch."""


def leave_language_links_alone(site_dir: Path) -> Path:
    """Patch the bundle under ``site_dir``; returns the file it changed."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise BundleChanged(f"expected one Material bundle in {site_dir}/assets/javascripts, found {len(bundles)}")
    bundle = bundles[0]
    code = bundle.read_text(encoding="utf-8")
    if code.count(PATCHED) == 1 and ORIGINAL not in code:
        return bundle  # patched by the last rebuild of a preview that keeps its folder
    if code.count(ORIGINAL) != 1:
        raise BundleChanged(
            f"{bundle.name} does not contain {ORIGINAL} exactly once: Material changed how it "
            "handles alternate links; check generator/mkdocs_plugin/material_bundle.py"
        )
    bundle.write_text(code.replace(ORIGINAL, PATCHED), encoding="utf-8")
    return bundle
