"""The thematic editions every release makes: content/print-editions.yml,
selections chosen by the communications team, so that the published site
offers them without anyone remembering a command-line option; how many
practices an edition may print in full (``digest_above``): one with more is
printed as a digest, a few lines a practice, as the full edition's
catalogue is; and the follow-up reports (``reports``) the release makes,
which the site's city, country and region pages then offer.

A selection may name a city (``city=lisbon-pt``), whose values come from the
entries: the file is read once the catalogue is, with its cities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalogue.vocabularies import Vocabularies
from generator.catalogue.yaml_source import LocatedDocument, YAMLSourceError, located_message, read_located_list
from generator.pages.catalogue_pages import City
from generator.release.selection import Selection, SelectionError, parse_selection

# Without digest_above in the file: a practice in full takes about two
# pages, so 50 make a booklet of about 100 pages (some 7 s of rendering a
# language); 250 in full made 508 pages and took a release 4.7 × its site
# build (BENCHMARKS.md, "Releases").
DIGEST_ABOVE = 50
KEYS = ("digest_above", "editions", "reports")


class DeclaredEditionsError(Exception):
    """The list cannot be used; the message says where and why."""


@dataclass(frozen=True)
class DeclaredEditions:
    # selection -> where it is declared, for messages
    selections: dict[Selection, str] = field(default_factory=dict)
    digest_above: int = DIGEST_ABOVE
    # where the threshold comes from, for the release's progress
    threshold_source: str = "the default"
    # the follow-up reports: selection -> where it is declared
    reports: dict[Selection, str] = field(default_factory=dict)

    def is_digest(self, count: int) -> bool:
        """Whether an edition of ``count`` practices is printed as a digest."""
        return count > self.digest_above


def load_declared_editions(path: Path, vocabularies: Vocabularies,
                           cities: Mapping[str, City] | None = None) -> DeclaredEditions:
    """Each selection of ``path`` (none if the file does not exist), checked
    against the vocabularies and the catalogue's ``cities``
    (selection.catalogue_cities; without them a ``city=`` is refused), with
    where it is declared; the threshold above which an edition is a digest;
    and the reports.

    Raises ``DeclaredEditionsError`` naming the line at fault.
    """
    if not path.exists():
        return DeclaredEditions()
    try:
        document = read_located_list(path, "editions", "a list of selections such as gcm=16 or region=150&theme=housing")
    except YAMLSourceError as error:
        raise DeclaredEditionsError(located_message(path, error)) from None
    for key in document.data:
        if key not in KEYS:
            line, column = document.position((key,), key=True)
            raise DeclaredEditionsError(f"{path}:{line}:{column}: {key!r} is not a setting of this file: "
                                        f"use {', '.join(KEYS[:-1])} or {KEYS[-1]}")
    digest_above, source = DIGEST_ABOVE, "the default"
    if "digest_above" in document.data:
        value = document.data["digest_above"]
        line, column = document.position(("digest_above",))
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise DeclaredEditionsError(f"{path}:{line}:{column}: digest_above: {value!r} is not a number of practices: "
                                        f"write a whole number, e.g. digest_above: {DIGEST_ABOVE}")
        digest_above, source = value, f"{path.name}:{line}"
    if "reports" in document.data and not isinstance(document.data["reports"], list):
        line, column = document.position(("reports",))
        raise DeclaredEditionsError(f"{path}:{line}:{column}: reports: expected a list of selections such as "
                                    "city=lisbon-pt or country=BE, one a line after a hyphen")
    editions = _selections(path, document, "editions", vocabularies, cities)
    reports = _selections(path, document, "reports", vocabularies, cities)
    return DeclaredEditions(editions, digest_above, source, reports)


def _selections(path: Path, document: LocatedDocument, key: str, vocabularies: Vocabularies,
                cities: Mapping[str, City] | None) -> dict[Selection, str]:
    """The selections listed under ``key``, each with where it is written."""
    declared: dict[Selection, str] = {}
    for index, text in enumerate(document.data.get(key) or []):
        line, column = document.position((key, index))
        where = f"{path}:{line}:{column}: {key}[{index}]"
        if not isinstance(text, str):
            raise DeclaredEditionsError(f"{where}: {text!r} is not a selection: write it as the catalogue page's "
                                        f"address writes its filters, in quotes, e.g. \"gcm=16\"")
        try:
            declared.setdefault(parse_selection(text, vocabularies, cities), where)
        except SelectionError as error:
            # The selection as written: a file may list several of one facet.
            raise DeclaredEditionsError(f"{where} ({text.strip()}): {error}") from None
    return declared
