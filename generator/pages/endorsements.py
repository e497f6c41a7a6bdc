"""The endorsing cities, as a section appended to the position paper."""

from __future__ import annotations

from babel.dates import format_date

from generator.catalogue.endorsements import Endorsement
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages.templating import render


def endorsements_section(endorsements: list[Endorsement], lang: str) -> str:
    return render(
        "endorsements.md.j2", lang,
        endorsements=endorsements,
        country_name=lambda code: load_vocabularies().country_name(code, lang),
        format_date=lambda date: format_date(date, format="long", locale=lang),
    )
