"""PDF from the print HTML, by WeasyPrint, reproducibly."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pydyf
import weasyprint

PDF_VARIANT = "pdf/ua-1"


def _remember_page_references() -> None:
    """pydyf 0.13 builds the tuple of every page's reference anew each time
    it is asked, and WeasyPrint's PDF/UA tagging asks once per tagged box:
    a cost of boxes × pages, 1.6 s of 15 s at 160 pages, growing with the
    square of the book. The tuple only changes when a page is added: keep it
    until then. Same references, same bytes."""
    built = pydyf.PDF.page_references.fget
    if getattr(built, "remembers", False):
        return

    def page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_page_references")
        if kept is None or kept[0] != count:
            kept = pdf.__dict__["_page_references"] = (count, built(pdf))
        return kept[1]

    page_references.remembers = True  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)


def write_pdf(html: str, target: Path, *, base_dir: Path) -> int:
    """Render ``html`` to ``target`` as PDF/UA-1; return its number of pages.
    The file identifier is derived from the HTML, and the dates come from
    the HTML's dcterms metadata, so the same input gives the same bytes."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    _remember_page_references()
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    # PDF/UA-1: tagged structure, language, title shown by readers, XMP
    # metadata: the accessible variant, for screen-reader users.
    document = weasyprint.HTML(string=html, base_url=str(base_dir)).render(pdf_variant=PDF_VARIANT)
    document.write_pdf(target, pdf_identifier=identifier, pdf_variant=PDF_VARIANT)
    return len(document.pages)
