"""Text rules that more than one layer needs: the slug of a title or a
city, and how names sort. Kept apart from the catalogue's modules so that the schema, the
scaffold and the city pages import it without an import circle."""

from __future__ import annotations

import re
import unicodedata

# The web form applies these too (generator/pages/propose.py gives them as
# data); tests/test_form_rules.py holds both sides.
MAX_SLUG_LENGTH = 60
SLUG_WORD = r"[a-z0-9]+"


def slugify(text: str) -> str:
    """'Quito : Casa de la Movilidad Humana' -> 'quito-casa-de-la-movilidad-humana'"""
    # Accents go (é is e and a combining mark); punctuation and spaces of
    # any script part words (’ in d’accueil as ' does); other letters go.
    folded = "".join(
        "" if unicodedata.category(c) == "Mn" else " " if unicodedata.category(c)[0] in "PZS" else c
        for c in unicodedata.normalize("NFKD", text)
    ).encode("ascii", "ignore").decode("ascii")
    words = re.findall(SLUG_WORD, folded.lower())
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


def sort_key(text: str) -> str:
    """How a title or a name sorts: case, accents and opening quotes aside."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).lstrip("\"'«»“”‘’¿¡([ ")
