"""Valid practice entries made up for tests and benchmarks, with realistic
text lengths in both languages."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from generator.catalogue.schema import SCHEMA_COMMENT
from generator.catalogue.vocabularies import load_vocabularies

CITIES = [
    ("Lisbonne", "Lisbon", "PT", 38.7223, -9.1393), ("Dakar", "Dakar", "SN", 14.7167, -17.4677),
    ("Medellín", "Medellín", "CO", 6.2442, -75.5812), ("Séoul", "Seoul", "KR", 37.5665, 126.978),
    ("Melbourne", "Melbourne", "AU", -37.8136, 144.9631), ("Tunis", "Tunis", "TN", 36.8065, 10.1815),
    ("Mexico", "Mexico City", "MX", 19.4326, -99.1332), ("Gand", "Ghent", "BE", 51.0543, 3.7174),
]
WORDS_FR = "la ville accueil personnes migrantes réfugiées services logement emploi santé quartier partenaires associations orientation droits langue".split()
WORDS_EN = "the city welcome migrants refugees services housing employment health neighbourhood partners associations orientation rights language".split()


def _sentence(words: list[str], rng: random.Random, length: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def synthetic_entry(index: int, seed: int = 0) -> dict:
    rng = random.Random(seed * 100_003 + index)
    vocab = load_vocabularies()
    city_fr, city_en, country, lat, lon = CITIES[index % len(CITIES)]
    slug = f"{city_en.lower().replace(' ', '-').replace('í', 'i')}-practice-{index:05d}"

    def paragraphs(words: list[str], count: int) -> str:
        return "\n\n".join(" ".join(_sentence(words, rng, rng.randint(10, 22)) for _ in range(4)) for _ in range(count))

    return {
        "slug": slug,
        "title": {"fr": f"Pratique {index} : {_sentence(WORDS_FR, rng, 5)[:-1]}", "en": f"Practice {index}: {_sentence(WORDS_EN, rng, 5)[:-1]}"},
        "summary": {"fr": _sentence(WORDS_FR, rng, 25)[:290], "en": _sentence(WORDS_EN, rng, 25)[:290]},
        "description": {"fr": paragraphs(WORDS_FR, 3), "en": paragraphs(WORDS_EN, 3)},
        "results": {"fr": "- " + _sentence(WORDS_FR, rng, 12) + "\n- " + _sentence(WORDS_FR, rng, 12),
                    "en": "- " + _sentence(WORDS_EN, rng, 12) + "\n- " + _sentence(WORDS_EN, rng, 12)},
        "city": {"fr": city_fr, "en": city_en},
        "country": country,
        "coordinates": {"lat": lat, "lon": lon},
        "government_level": rng.choice(list(vocab.government_levels)),
        "period": {"start": rng.randint(2000, 2025), "end": None},
        "themes": rng.sample(list(vocab.themes), 2),
        "gcm_objectives": rng.sample(range(1, 24), 2),
        "gcm_principles": rng.sample(list(vocab.gcm_principles), 2),
        "sdg_targets": rng.sample(list(vocab.sdg_targets), 2),
        "target_groups": rng.sample(list(vocab.target_groups), 2),
        "partners": [{"fr": "Association des habitants", "en": "Residents' association"}],
        "networks": rng.sample(list(vocab.networks), 1),
        "sources": [{"title": f"Source {index}", "url": f"https://example.org/practices/{index}", "language": "fr"}],
        "review": _review(rng.choice(list(vocab.review_statuses))),
        "last_updated": f"2026-{1 + index % 10:02d}-{1 + index % 28:02d}",
    }


def _review(status: str) -> dict:
    review = {"status": status, "date": "2026-10-01"}
    if status != "submitted":
        review.update(by="Metropolis secretariat, migration team", checked_sources=[1])
    return review


def write_entry(practices_dir: Path, entry: dict) -> Path:
    practices_dir.mkdir(parents=True, exist_ok=True)
    path = practices_dir / f"{entry['slug']}.yml"
    path.write_text(SCHEMA_COMMENT + "\n" + yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return path


def write_synthetic_catalogue(practices_dir: Path, count: int, seed: int = 0) -> list[Path]:
    return [write_entry(practices_dir, synthetic_entry(index, seed)) for index in range(count)]
