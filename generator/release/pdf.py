"""PDF from the print HTML, by WeasyPrint, reproducibly."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import weasyprint

PDF_VARIANT = "pdf/ua-1"


def write_pdf(html: str, target: Path, *, base_dir: Path) -> None:
    """Render ``html`` to ``target`` as PDF/UA-1. The file identifier is
    derived from the HTML, and the dates come from the HTML's dcterms
    metadata, so the same input gives the same bytes."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    # PDF/UA-1: tagged structure, language, title shown by readers, XMP
    # metadata: the accessible variant, for screen-reader users.
    document = weasyprint.HTML(string=html, base_url=str(base_dir)).render(pdf_variant=PDF_VARIANT)
    document.write_pdf(target, pdf_identifier=identifier, pdf_variant=PDF_VARIANT)
