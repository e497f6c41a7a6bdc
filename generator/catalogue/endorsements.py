"""Cities that endorse the position paper: a short list kept as data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.checks import url_problem
from generator.catalogue.model import LANGUAGES
from generator.catalogue.vocabularies import Labels, load_vocabularies
from generator.catalogue.yaml_source import YAMLSourceError, located_message, read_located_list


@dataclass(frozen=True)
class Endorsement:
    city: Labels
    country: str
    date: datetime.date
    source: str


class EndorsementsError(Exception):
    pass


def load_endorsements(path: Path) -> list[Endorsement]:
    """The endorsements, or ``EndorsementsError`` naming the line at fault."""
    if not path.is_file():
        return []
    try:
        document = read_located_list(path, "endorsements", "a list (see the comment at the top)")
    except YAMLSourceError as error:
        raise EndorsementsError(located_message(path, error)) from None
    entries = document.data["endorsements"]
    countries = load_vocabularies().country_regions
    endorsements = []
    for index, entry in enumerate(entries):
        line, column = document.position(("endorsements", index))
        where = f"{path}:{line}:{column}: endorsements[{index}]"
        if not isinstance(entry, dict) or set(entry) != {"city", "country", "date", "source"}:
            raise EndorsementsError(f"{where}: needs exactly city, country, date and source")
        city = entry["city"]
        if not (isinstance(city, dict) and set(city) <= set(LANGUAGES) and city and all(isinstance(v, str) and v for v in city.values())):
            raise EndorsementsError(f"{where}.city: write the name as {{{', '.join(f'{code}: …' for code in LANGUAGES)}}}")
        if entry["country"] not in countries:
            raise EndorsementsError(f"{where}.country: {entry['country']!r} is not an ISO 3166-1 country code")
        try:
            date = datetime.date.fromisoformat(str(entry["date"]))
        except ValueError:
            raise EndorsementsError(f"{where}.date: write the date as YYYY-MM-DD") from None
        if not isinstance(entry["source"], str) or url_problem(entry["source"]):
            raise EndorsementsError(f"{where}.source: give the web address where the endorsement is published")
        endorsements.append(Endorsement(city, entry["country"], date, entry["source"]))
    return sorted(endorsements, key=lambda e: (e.date, e.country))
