"""Valid practice entries made up for tests and benchmarks, with realistic
text lengths in every language the site declares (generator/languages.yml):
French, English and Spanish words, and English ones for a language added
by data, so that no page measured at scale is a fallback."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from generator.catalogue.schema import SCHEMA_COMMENT
from generator.catalogue.vocabularies import load_vocabularies
from generator.languages import site_languages

# (names in fr, en, es), country, lat, lon
CITIES = [
    (("Lisbonne", "Lisbon", "Lisboa"), "PT", 38.7223, -9.1393), (("Dakar", "Dakar", "Dakar"), "SN", 14.7167, -17.4677),
    (("Medellín", "Medellín", "Medellín"), "CO", 6.2442, -75.5812), (("Séoul", "Seoul", "Seúl"), "KR", 37.5665, 126.978),
    (("Melbourne", "Melbourne", "Melbourne"), "AU", -37.8136, 144.9631), (("Tunis", "Tunis", "Túnez"), "TN", 36.8065, 10.1815),
    (("Mexico", "Mexico City", "Ciudad de México"), "MX", 19.4326, -99.1332), (("Gand", "Ghent", "Gante"), "BE", 51.0543, 3.7174),
]
WORDS = {
    "fr": "la ville accueil personnes migrantes réfugiées services logement emploi santé quartier partenaires associations orientation droits langue".split(),
    "en": "the city welcome migrants refugees services housing employment health neighbourhood partners associations orientation rights language".split(),
    "es": "la ciudad acogida personas migrantes refugiadas servicios vivienda empleo salud barrio socios asociaciones orientación derechos idioma".split(),
}
PRACTICE = {"fr": "Pratique %s : ", "en": "Practice %s: ", "es": "Práctica %s: "}
PARTNER = {"fr": "Association des habitants", "en": "Residents' association", "es": "Asociación de vecinos"}


def _sentence(words: list[str], rng: random.Random, length: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def synthetic_entry(index: int, seed: int = 0) -> dict:
    rng = random.Random(seed * 100_003 + index)
    vocab = load_vocabularies()
    names, country, lat, lon = CITIES[index % len(CITIES)]
    codes = site_languages().codes
    city = {code: names[("fr", "en", "es").index(code)] if code in ("fr", "en", "es") else names[1] for code in codes}
    slug = f"{names[1].lower().replace(' ', '-').replace('í', 'i')}-practice-{index:05d}"

    def words(lang: str) -> list[str]:
        return WORDS.get(lang, WORDS["en"])

    def paragraphs(lang: str, count: int) -> str:
        return "\n\n".join(" ".join(_sentence(words(lang), rng, rng.randint(10, 22)) for _ in range(4)) for _ in range(count))

    def per_language(make) -> dict[str, str]:
        return {lang: make(lang) for lang in codes}

    return {
        "slug": slug,
        "title": per_language(lambda lang: PRACTICE.get(lang, PRACTICE["en"]) % index + _sentence(words(lang), rng, 5)[:-1]),
        "summary": per_language(lambda lang: _sentence(words(lang), rng, 25)[:290]),
        "description": per_language(lambda lang: paragraphs(lang, 3)),
        "results": per_language(lambda lang: "- " + _sentence(words(lang), rng, 12) + "\n- " + _sentence(words(lang), rng, 12)),
        "city": city,
        "country": country,
        "coordinates": {"lat": lat, "lon": lon},
        "government_level": rng.choice(list(vocab.government_levels)),
        "period": {"start": rng.randint(2000, 2025), "end": None},
        "themes": rng.sample(list(vocab.themes), 2),
        "gcm_objectives": rng.sample(range(1, 24), 2),
        "gcm_principles": rng.sample(list(vocab.gcm_principles), 2),
        "sdg_targets": rng.sample(list(vocab.sdg_targets), 2),
        "target_groups": rng.sample(list(vocab.target_groups), 2),
        "partners": [{lang: PARTNER.get(lang, PARTNER["en"]) for lang in codes}],
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
