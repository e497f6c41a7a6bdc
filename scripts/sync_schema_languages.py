#!/usr/bin/env python3
"""Give every text of the practice format one property per site language.

The languages are declared in generator/languages.yml; the practice format,
generator/catalogue/practice.schema.json, is what the checker, editors and the
contributor guide read. Each text object marked "x-localized": true gets a
property per declared language, made from the default language's. Run it
after adding a language (a test fails until the two agree):

    python3 scripts/sync_schema_languages.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.catalogue.schema import SCHEMA_PATH, localized_schema  # noqa: E402
from generator.languages import site_languages  # noqa: E402


def main() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    synced = localized_schema(schema, site_languages().codes)
    SCHEMA_PATH.write_text(json.dumps(synced, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{SCHEMA_PATH}: texts in {', '.join(site_languages().codes)}")


if __name__ == "__main__":
    main()
