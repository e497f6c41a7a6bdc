#!/usr/bin/env python3
"""Regenerate generator/catalogue/vocabularies/m49.json from CLDR.

Babel ships CLDR's names but not its territory containment (which country
lies in which UN M49 region), so we take that table from the `cldr-core`
package of the npm registry, the Unicode consortium's own JSON release:

    python3 scripts/update_m49.py            # latest cldr-core
    python3 scripts/update_m49.py 48.2.0     # a given version

Region and sub-region names are not stored: pages take them from Babel.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "generator" / "catalogue" / "vocabularies" / "m49.json"
WORLD_REGIONS = ["002", "019", "142", "150", "009"]  # Africa, Americas, Asia, Europe, Oceania


def main(version: str = "latest") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"cldr-core@{version}", "--silent"], cwd=tmp, check=True, capture_output=True)
        archive = next(Path(tmp).glob("cldr-core-*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        package = json.loads((Path(tmp) / "package" / "package.json").read_text())
        containment = json.loads((Path(tmp) / "package" / "supplemental" / "territoryContainment.json").read_text())
    contains = {
        code: entry["_contains"]
        for code, entry in containment["supplemental"]["territoryContainment"].items()
        if "-status-" not in code
    }

    countries: dict[str, dict[str, str]] = {}
    for region in WORLD_REGIONS:
        for subregion in contains[region]:
            stack = [subregion]
            while stack:
                code = stack.pop()
                if code in contains:
                    stack.extend(contains[code])
                elif len(code) == 2:
                    countries[code] = {"region": region, "subregion": subregion}
    TARGET.write_text(
        json.dumps(
            {
                "source": f"CLDR {package['version']} supplemental/territoryContainment.json (npm: cldr-core)",
                "regions": WORLD_REGIONS,
                "countries": dict(sorted(countries.items())),
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"{TARGET}: {len(countries)} countries and territories in {len(WORLD_REGIONS)} regions")


if __name__ == "__main__":
    main(*sys.argv[1:2])
