"""PDF from the print HTML, by WeasyPrint, reproducibly."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import weasyprint


def write_pdf(html: str, target: Path, *, base_dir: Path) -> None:
    """Render ``html`` to ``target``. The file identifier is derived from the
    HTML, and the dates come from the HTML's dcterms metadata, so the same
    input gives the same bytes."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = weasyprint.HTML(string=html, base_url=str(base_dir)).render(pdf_tags=True)
    document.write_pdf(target, pdf_identifier=identifier, pdf_tags=True, pdf_version="1.7")
