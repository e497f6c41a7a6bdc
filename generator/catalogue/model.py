"""A practice, as the rest of the system reads it once it is valid."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.languages import site_languages

# The languages an entry's texts may be written in: the site's, default first.
LANGUAGES = site_languages().codes
Labels = dict[str, str]

# Text fields that carry one text per language.
LOCALIZED_FIELDS = ("title", "summary", "description", "results", "city")


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    language: str | None = None
    checked: datetime.date | None = None


@dataclass(frozen=True)
class Practice:
    slug: str
    title: Labels
    summary: Labels
    description: Labels
    results: Labels
    city: Labels
    country: str
    latitude: float
    longitude: float
    government_level: str
    start: int | None  # None: not known
    end: int | None
    themes: tuple[str, ...]
    gcm_objectives: tuple[int, ...]
    gcm_principles: tuple[str, ...]
    sdg_targets: tuple[str, ...]
    target_groups: tuple[str, ...]
    partners: tuple[Labels, ...]
    networks: tuple[str, ...]
    sources: tuple[Source, ...]
    review_status: str
    review_date: datetime.date
    last_updated: datetime.date
    file: Path
    review_by: str | None = None
    review_checked_sources: tuple[int, ...] = ()  # source numbers, 1 = the first
    review_next: datetime.date | None = None

    @property
    def review_due(self) -> datetime.date:
        """When the entry should be looked at again: its review's ``next``,
        else a year after its last review step."""
        if self.review_next:
            return self.review_next
        try:
            return self.review_date.replace(year=self.review_date.year + 1)
        except ValueError:  # 29 February
            return self.review_date + datetime.timedelta(days=365)

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def text(self, field: str, lang: str) -> tuple[str, str]:
        """The field's text in ``lang``, or, when it is not translated yet,
        in the first language that has it (the default language first):
        (text, language of the text). Empty if absent."""
        labels: Labels = getattr(self, field)
        if labels.get(lang):
            return labels[lang], lang
        for other in LANGUAGES:
            if labels.get(other):
                return labels[other], other
        return "", lang

    @classmethod
    def from_data(cls, data: dict[str, Any], file: Path) -> Practice:
        """Build from data that passed the schema and the checks."""
        period = data["period"]
        return cls(
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            results=data.get("results", {}),
            city=data["city"],
            country=data["country"],
            latitude=float(data["coordinates"]["lat"]),
            longitude=float(data["coordinates"]["lon"]),
            government_level=data["government_level"],
            start=period["start"],
            end=period.get("end"),
            themes=tuple(data["themes"]),
            gcm_objectives=tuple(data["gcm_objectives"]),
            gcm_principles=tuple(data.get("gcm_principles", ())),
            sdg_targets=tuple(data.get("sdg_targets", ())),
            target_groups=tuple(data.get("target_groups", ())),
            partners=tuple(p if isinstance(p, dict) else {lang: p for lang in LANGUAGES} for p in data.get("partners", ())),
            networks=tuple(data.get("networks", ())),
            sources=tuple(
                Source(
                    s["title"], s["url"], s.get("language"),
                    datetime.date.fromisoformat(s["checked"]) if s.get("checked") else None,
                )
                for s in data["sources"]
            ),
            review_status=data["review"]["status"],
            review_date=datetime.date.fromisoformat(data["review"]["date"]),
            last_updated=datetime.date.fromisoformat(data["last_updated"]),
            file=file,
            review_by=data["review"].get("by"),
            review_checked_sources=tuple(data["review"].get("checked_sources", ())),
            review_next=datetime.date.fromisoformat(data["review"]["next"]) if data["review"].get("next") else None,
        )
