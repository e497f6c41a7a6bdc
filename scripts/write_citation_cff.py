#!/usr/bin/env python3
"""Writes CITATION.cff at the root of the repository from
generator/pages/data/publication.yml (a test fails while it differs):

    .venv/bin/python scripts/write_citation_cff.py
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from generator.pages.citation import citation_cff  # noqa: E402

if __name__ == "__main__":
    (PROJECT / "CITATION.cff").write_text(citation_cff(), encoding="utf-8")
    print(f"wrote {PROJECT / 'CITATION.cff'}")
