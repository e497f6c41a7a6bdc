"""A new practice file from a few answers, valid from the start."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.catalogue.model import LANGUAGES
from generator.catalogue.schema import SCHEMA_COMMENT

TEMPLATES_DIR = Path(__file__).parent / "templates"
MAX_SLUG_LENGTH = 60


def slugify(text: str) -> str:
    """'Quito : Casa de la Movilidad Humana' -> 'quito-casa-de-la-movilidad-humana'"""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG_LENGTH:
            break
        slug = candidate
    return slug


def practice_slug(title: str, city: str) -> str:
    """The title's slug, city first (the catalogue's convention)."""
    title_slug, city_slug = slugify(title), slugify(city)
    if city_slug and city_slug not in title_slug:
        return slugify(f"{city} {title}")
    return title_slug


@dataclass
class NewPractice:
    title: dict[str, str]
    summary: dict[str, str]
    city: dict[str, str]
    country: str
    lat: float
    lon: float
    level: str
    start: int
    end: int | None
    themes: list[str]
    gcm_objectives: list[int]
    source_title: str
    source_url: str
    slug: str = ""

    def __post_init__(self) -> None:
        if not self.slug:
            any_title = next(iter(self.title.values()))
            any_city = next(iter(self.city.values()))
            self.slug = practice_slug(any_title, any_city)


def render_practice(practice: NewPractice, today: datetime.date) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    # A JSON string is a valid YAML double-quoted scalar: safe for any text.
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env.get_template("practice.yml.j2").render(
        schema_comment=SCHEMA_COMMENT,
        path=f"practices/{practice.slug}.yml",
        today=today.isoformat(),
        languages=", ".join(LANGUAGES),
        **vars(practice),
    )
