"""Controlled vocabularies of the catalogue, with a label per language of the site.

The lists are data files in ``vocabularies/``; country and region names come
from CLDR through Babel, and country-to-region membership (UN M49) from CLDR's
territory containment (``vocabularies/m49.json``, see scripts/update_m49.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from babel import Locale
from babel.core import get_global

VOCABULARIES_DIR = Path(__file__).parent / "vocabularies"

Labels = dict[str, str]  # language code -> label


@dataclass(frozen=True)
class GCMObjective:
    number: int
    short: Labels
    title: Labels


@dataclass(frozen=True)
class Network:
    id: str
    name: Labels
    url: str | None
    description: Labels | None
    named_in: tuple[str, ...]


@dataclass(frozen=True)
class Vocabularies:
    gcm_objectives: dict[int, GCMObjective]
    gcm_principles: dict[str, Labels]
    sdgs: dict[int, Labels]
    sdg_targets: dict[str, Labels]
    themes: dict[str, Labels]
    target_groups: dict[str, Labels]
    government_levels: dict[str, Labels]
    review_statuses: dict[str, Labels]
    networks: dict[str, Network]
    regions: tuple[str, ...]
    country_regions: dict[str, str]

    def country_name(self, code: str, lang: str) -> str:
        return _locale(lang).territories.get(code, code)

    def region_of(self, country: str) -> str | None:
        return self.country_regions.get(country)

    def region_name(self, region: str, lang: str) -> str:
        return _locale(lang).territories.get(region, region)

    def sdg_of_target(self, target: str) -> int:
        return int(target.split(".")[0])


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _read(name: str) -> dict:
    with (VOCABULARIES_DIR / name).open(encoding="utf-8") as file:
        return yaml.safe_load(file)


@lru_cache(maxsize=1)
def load_vocabularies() -> Vocabularies:
    sdgs = _read("sdgs.yml")
    m49 = json.loads((VOCABULARIES_DIR / "m49.json").read_text(encoding="utf-8"))
    return Vocabularies(
        gcm_objectives={
            int(number): GCMObjective(int(number), entry["short"], entry["title"])
            for number, entry in _read("gcm_objectives.yml")["gcm_objectives"].items()
        },
        gcm_principles=_read("gcm_principles.yml")["gcm_principles"],
        sdgs={int(number): labels for number, labels in sdgs["sdgs"].items()},
        sdg_targets={str(target): labels for target, labels in sdgs["sdg_targets"].items()},
        themes=_read("themes.yml")["themes"],
        target_groups=_read("target_groups.yml")["target_groups"],
        government_levels=_read("government_levels.yml")["government_levels"],
        review_statuses=_read("review_statuses.yml")["review_statuses"],
        networks={
            key: Network(key, entry["name"], entry.get("url"), entry.get("description"), tuple(entry.get("named_in", ())))
            for key, entry in _read("networks.yml")["networks"].items()
        },
        regions=tuple(m49["regions"]),
        country_regions={code: entry["region"] for code, entry in m49["countries"].items()},
    )


def country_alias(code: str) -> str | None:
    """CLDR's replacement for a deprecated or common wrong code ('UK' -> 'GB')."""
    replacement = get_global("territory_aliases").get(code)
    return replacement[0] if replacement else None
