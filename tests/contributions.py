"""Entries a stranger may add in a pull request, all of them valid: the
catalogue's tests and the pull-request workflow must stay green with them.

They are test data, never published: the cities and countries are chosen to
reach the catalogue's edge cases (a city it already has, a country it has
not), the texts say plainly that they are examples."""

from __future__ import annotations

from pathlib import Path

from tests.synthetic import write_entry


def minimal_entry() -> dict:
    """Only what the schema requires, in French only (the other languages
    fall back), no SDG target, no results, no partner, one source, and a
    start year that no source gives (null)."""
    return {
        "slug": "nairobi-exemple-minimal",
        "title": {"fr": "Exemple minimal de contribution"},
        "summary": {"fr": "Une entrée d'essai qui ne remplit que les champs obligatoires."},
        "description": {"fr": "Cette entrée d'essai ne sert qu'aux tests du catalogue.\n"},
        "city": {"fr": "Nairobi"},
        "country": "KE",
        "coordinates": {"lat": -1.2864, "lon": 36.8172},
        "government_level": "municipal",
        "period": {"start": None, "end": None},
        "themes": ["reception"],
        "gcm_objectives": [16],
        "sources": [{"title": "Exemple", "url": "https://example.org/minimal"}],
        "review": {"status": "submitted", "date": "2026-11-01"},
        "last_updated": "2026-11-01",
    }


def full_entry() -> dict:
    """Every field of the format, in every language, an ended practice."""
    return {
        "slug": "nairobi-full-example",
        "title": {"fr": "Exemple complet de contribution", "en": "Full example of a contribution",
                  "es": "Ejemplo completo de contribución"},
        "summary": {"fr": "Une entrée d'essai qui remplit chaque champ.", "en": "A test entry that fills every field.",
                    "es": "Una entrada de prueba que llena cada campo."},
        "description": {
            "fr": "Un premier paragraphe [source 1].\n\nUn second, avec une liste :\n\n- un point ;\n- un autre.\n",
            "en": "A first paragraph [source 1].\n\nA second, with a list:\n\n- one point;\n- another.\n",
            "es": "Un primer párrafo [source 1].\n\nUn segundo, con una lista:\n\n- un punto;\n- otro.\n",
        },
        "results": {"fr": "- 120 personnes accueillies [source 2]\n", "en": "- 120 people welcomed [source 2]\n",
                    "es": "- 120 personas acogidas [source 2]\n"},
        "city": {"fr": "Nairobi", "en": "Nairobi", "es": "Nairobi"},
        "country": "KE",
        "coordinates": {"lat": -1.2921, "lon": 36.8219},
        "government_level": "metropolitan",
        "period": {"start": 2019, "end": 2023},
        "themes": ["housing", "health", "social-cohesion"],
        "gcm_objectives": [15, 16, 23],
        "gcm_principles": ["whole-of-society"],
        "sdg_targets": ["10.7", "11.1"],
        "target_groups": ["refugees", "migrant-workers"],
        "partners": [{"fr": "Association d'essai", "en": "Test association", "es": "Asociación de prueba"}],
        "networks": ["uclg"],
        "sources": [
            {"title": "Exemple 1", "url": "https://example.org/full/1", "language": "en", "checked": "2026-11-01"},
            {"title": "Exemple 2", "url": "https://example.org/full/2", "language": "fr"},
        ],
        "review": {"status": "peer-reviewed", "date": "2026-11-01", "by": "Test reviewers", "checked_sources": [1, 2],
                   "next": "2027-11-01"},
        "last_updated": "2026-11-01",
    }


def second_practice_in_a_city_of_the_catalogue() -> dict:
    """Montréal already has the BINAM: its city page must list both."""
    entry = full_entry()
    entry.update({
        "slug": "montreal-second-example",
        "title": {"fr": "Deuxième exemple à Montréal", "en": "Second example in Montréal", "es": "Segundo ejemplo en Montreal"},
        "city": {"fr": "Montréal", "en": "Montréal", "es": "Montreal"},
        "country": "CA",
        "coordinates": {"lat": 45.5019, "lon": -73.5674},
        "government_level": "municipal",
        "period": {"start": 2025, "end": None},
    })
    return entry


CONTRIBUTIONS = {
    "minimal": minimal_entry,
    "full": full_entry,
    "second-in-a-city": second_practice_in_a_city_of_the_catalogue,
}


def add_contributions(practices_dir: Path) -> list[Path]:
    """Write every contribution above into ``practices_dir``."""
    return [write_entry(practices_dir, make()) for make in CONTRIBUTIONS.values()]
