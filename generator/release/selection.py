"""A selection of the catalogue, for a thematic edition: the facets the
catalogue page filters on, written as the catalogue
page writes them in its address: ``gcm=16``, ``region=150&theme=housing``.

Within a facet the values add up (housing or health); across facets they
narrow (Europe and housing), as on the catalogue page, whose filter script
(catalogue.js) reads the same canonical form to offer the edition's PDF.

One facet has no filter on that page: ``city``, a city as the catalogue
addresses its page (``city=amsterdam-nl``, catalogue/cities/amsterdam-nl/),
or by its name when no other city bears it. Its values come from the
entries, not from a vocabulary: they are known once the catalogue is read."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import Vocabularies
from generator.languages import site_languages
from generator.pages.catalogue_pages import PERIOD_BUCKETS, CatalogueView, City, sdg_target_key
from generator.text import sort_key

# The facets of CatalogueView.facet_values, in the catalogue page's order,
# and the city, which its address names (catalogue/cities/<key>/).
FACETS = ("theme", "region", "country", "city", "gcm", "sdg", "network", "group", "level", "status", "period")


class SelectionError(ValueError):
    """A selection that names no facet or value of the catalogue; the
    message says which, and what is allowed."""


@dataclass(frozen=True)
class Selection:
    # facet -> values, both in a canonical order (facets as FACETS, values
    # sorted as text): the same selection always has the same name.
    facets: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def query(self) -> str:
        """The canonical form, as catalogue.js computes it from the ticked
        boxes: facets sorted by name, values sorted, 'a=1,2&b=3'."""
        return "&".join(f"{facet}={','.join(sorted(values))}" for facet, values in sorted(self.facets))

    @property
    def slug(self) -> str:
        """For a file name: 'region-150-theme-housing'."""
        words = [word for facet, values in self.facets for word in (facet, *values)]
        return "-".join(word.replace(".", "-").lower() for word in words)

    def matches(self, view: CatalogueView, practice: Practice) -> bool:
        """Whether ``practice`` is selected; ``view`` must hold the whole
        catalogue, as a city's key depends on the other entries (homonyms)."""
        values = view.facet_values(practice)
        if any(facet == "city" for facet, _ in self.facets):
            values = {**values, "city": view.city_of(practice).key}
        return all(set(values[facet].split()) & set(wanted) for facet, wanted in self.facets)


def catalogue_cities(view: CatalogueView) -> dict[str, City]:
    """The cities a selection may name, by key, from a view of the whole
    catalogue."""
    return dict(view.cities)


def _city_names(cities: Mapping[str, City]) -> dict[str, str]:
    """What a user may write for a city (folded) -> its key: the key, and
    each of its names that no other city of the catalogue bears."""
    named: dict[str, set[str]] = {}
    for key, city in cities.items():
        for text in {name for name in city.name.values() if name}:
            named.setdefault(sort_key(text), set()).add(key)
    allowed = {name: next(iter(keys)) for name, keys in named.items() if len(keys) == 1}
    allowed.update({sort_key(key): key for key in cities})
    return allowed


def _allowed(vocabularies: Vocabularies, cities: Mapping[str, City] | None) -> dict[str, dict[str, str]]:
    """facet -> {what a user may write (folded) -> the value}. Codes, and
    for regions, themes, networks and cities their names in every language."""
    def by_code(codes) -> dict[str, str]:
        return {sort_key(str(code)): str(code) for code in codes}

    def with_names(named: dict) -> dict[str, str]:
        allowed = by_code(named)
        for code, labels in named.items():
            names = labels.name if hasattr(labels, "name") else labels
            allowed.update({sort_key(text): code for text in (names or {}).values() if text})
        return allowed

    regions = by_code(vocabularies.regions)
    for lang in site_languages().codes:
        regions.update({sort_key(vocabularies.region_name(code, lang)): code for code in vocabularies.regions})
    return {
        "theme": with_names(vocabularies.themes),
        "region": regions,
        "country": by_code(vocabularies.country_regions),
        "city": _city_names(cities or {}),
        "gcm": by_code(vocabularies.gcm_objectives),
        "sdg": by_code(vocabularies.sdg_targets),
        "group": by_code(vocabularies.target_groups),
        "level": by_code(vocabularies.government_levels),
        "status": by_code(vocabularies.review_statuses),
        "period": by_code(f"{low}-{high}" for low, high in PERIOD_BUCKETS),
        "network": with_names(vocabularies.networks),
    }


def _value_order(facet: str, value: str) -> tuple:
    if facet == "gcm":
        return (int(value),)
    if facet == "sdg":
        return sdg_target_key(value)
    return (value,)


def _not_a_city(value: str, cities: Mapping[str, City] | None) -> str:
    """Why ``value`` names no city, and what would: thousands of cities are
    too many to list, the closest addresses are not."""
    if cities is None:
        return (f"city={value}: this command does not read the catalogue's cities; "
                "select by country, or use publish edition or publish report")
    folded = sort_key(value)
    homonyms = sorted(key for key, city in cities.items() if folded in {sort_key(name) for name in city.name.values() if name})
    if homonyms:
        return f"{value!r} names more than one city of the catalogue: write its address's name, one of {', '.join(homonyms)}"
    close = difflib.get_close_matches(folded, sorted(cities), n=3, cutoff=0.6)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return (f"{value!r} is not a city of the catalogue{hint}: write the name of its page's address, "
            f"as in catalogue/cities/{next(iter(sorted(cities)), 'amsterdam-nl')}/")


def parse_selection(text: str, vocabularies: Vocabularies, cities: Mapping[str, City] | None = None) -> Selection:
    """``text`` as 'facet=value,value&facet=value' (a catalogue address's
    query also works, with or without its '?'). ``cities`` (catalogue_cities)
    are those a ``city=`` may name; without them, it names none.

    Raises ``SelectionError`` naming the facet or value at fault and the
    ones it may be.
    """
    if any(unicodedata.category(character) == "Cc" for character in text):
        # It names files and the site's offer: one line, as typed in an address.
        raise SelectionError(f"{text!r} holds a control character (a line break, a tab?): "
                             "write the selection on one line, e.g. gcm=16 or region=150&theme=housing")
    allowed = _allowed(vocabularies, cities)
    chosen: dict[str, set[str]] = {}
    pairs = parse_qsl(text.strip().lstrip("?"), keep_blank_values=True)
    if not pairs:
        raise SelectionError(f"{text!r} selects nothing: write facet=value, e.g. gcm=16 or region=150&theme=housing "
                             f"(facets: {', '.join(FACETS)})")
    for facet, values in pairs:
        facet = facet.strip().lower()
        if facet == "q":
            raise SelectionError("an edition cannot select by words (q=…): choose facets, e.g. theme=housing")
        if facet not in allowed:
            raise SelectionError(f"{facet!r} is not a facet of the catalogue: use one of {', '.join(FACETS)}")
        for value in filter(None, (v.strip() for v in values.split(","))):
            code = allowed[facet].get(sort_key(value))
            if code is None and facet == "city":
                raise SelectionError(_not_a_city(value, cities))
            if code is None:
                codes = sorted(set(allowed[facet].values()), key=lambda v: _value_order(facet, v))
                raise SelectionError(f"{value!r} is not a value of {facet}: use one of {', '.join(codes)}")
            chosen.setdefault(facet, set()).add(code)
        if facet not in chosen:
            example = next(iter(allowed[facet].values()), "amsterdam-nl")
            raise SelectionError(f"{facet}= names no value: write e.g. {facet}={example}")
    return Selection(tuple(
        (facet, tuple(sorted(chosen[facet], key=lambda v: _value_order(facet, v)))) for facet in FACETS if facet in chosen
    ))
