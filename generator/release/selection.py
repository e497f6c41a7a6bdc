"""A selection of the catalogue, for a thematic edition: the facets the
catalogue page filters on, written as the catalogue
page writes them in its address: ``gcm=16``, ``region=150&theme=housing``.

Within a facet the values add up (housing or health); across facets they
narrow (Europe and housing), as on the catalogue page, whose filter script
(catalogue.js) reads the same canonical form to offer the edition's PDF."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl

from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import Vocabularies
from generator.languages import site_languages
from generator.pages.catalogue_pages import PERIOD_BUCKETS, CatalogueView, sdg_target_key
from generator.text import sort_key

# The facets of CatalogueView.facet_values, in the catalogue page's order.
FACETS = ("theme", "region", "country", "gcm", "sdg", "network", "group", "level", "status", "period")


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
        values = view.facet_values(practice)
        return all(set(values[facet].split()) & set(wanted) for facet, wanted in self.facets)


def _allowed(vocabularies: Vocabularies) -> dict[str, dict[str, str]]:
    """facet -> {what a user may write (folded) -> the value}. Codes, and
    for regions, themes and networks their names in every language."""
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


def parse_selection(text: str, vocabularies: Vocabularies) -> Selection:
    """``text`` as 'facet=value,value&facet=value' (a catalogue address's
    query also works, with or without its '?')."""
    if any(unicodedata.category(character) == "Cc" for character in text):
        # It names files and the site's offer: one line, as typed in an address.
        raise SelectionError(f"{text!r} holds a control character (a line break, a tab?): "
                             "write the selection on one line, e.g. gcm=16 or region=150&theme=housing")
    allowed = _allowed(vocabularies)
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
            if code is None:
                codes = sorted(set(allowed[facet].values()), key=lambda v: _value_order(facet, v))
                raise SelectionError(f"{value!r} is not a value of {facet}: use one of {', '.join(codes)}")
            chosen.setdefault(facet, set()).add(code)
        if facet not in chosen:
            raise SelectionError(f"{facet}= names no value: write e.g. {facet}={next(iter(allowed[facet].values()))}")
    return Selection(tuple(
        (facet, tuple(sorted(chosen[facet], key=lambda v: _value_order(facet, v)))) for facet in FACETS if facet in chosen
    ))
