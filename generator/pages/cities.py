"""Which practices share a city page, and the address of that page.

A city is the same city when it is written the same way (its English name,
or French if it has none, equal after Unicode NFC normalisation and folding
of case and spaces), in the same country, at places close to one another
(within ``SAME_CITY_KM``, chained: two entries 20 km apart each from a third
are one city). Different names, or one name at places far apart (Portland,
Oregon and Portland, Maine), are different cities, whatever their script.

Each city's address (``catalogue/cities/<key>.md``, and its URL) is made of
lowercase ASCII letters, digits and hyphens: the name transliterated to
ASCII (anyascii: 서울 -> ``seoul``; ``city-<hash of the name>`` when nothing
of it transliterates), then the country code. When two cities
still land on the same address, every one of them is told apart, never just
the second one met, so that an address depends on the set of practices and
not on their order: by a short hash of the name when the names differ
(``xyz-kr-1a2b3c4d``), by rounded coordinates when one name is at places far
apart (``portland-us-46n-123w``, ``portland-us-44n-70w``).
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii

from generator.catalogue.model import Practice
from generator.text import slugify

SAME_CITY_KM = 25.0
EARTH_RADIUS_KM = 6371.0
# Two points within SAME_CITY_KM are closer than this on the unit sphere.
_CHORD = 2 * math.sin(SAME_CITY_KM / EARTH_RADIUS_KM / 2)
_CUBE = _CHORD / math.sqrt(3)
_NEIGHBOURS = [(x, y, z) for x in range(-2, 3) for y in range(-2, 3) for z in range(-2, 3) if (x, y, z) > (0, 0, 0)]

SAFE_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def city_name(practice: Practice) -> str:
    """The name that identifies a practice's city: English, else French."""
    return practice.city.get("en") or practice.city.get("fr") or practice.slug


def normalise_name(name: str) -> str:
    """'  SAINT-Louis ' and 'saint-louis' are one name; so are 'Montréal'
    and 'Montreal' (contributors write a city's name with or without its
    accents), and 'Séoul' written with a combining accent or a precomposed
    one. Letters of other scripts are kept as they are."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", name).casefold())
    folded = "".join(character for character in decomposed if not unicodedata.combining(character))
    return unicodedata.normalize("NFC", " ".join(folded.split()))


@dataclass(frozen=True, eq=False)
class CityIdentity:
    """One city: its normalised name, its country, and the practice that
    stands for it (the smallest slug, in every language and every order).
    Each is itself only (compared and hashed by identity)."""

    name: str
    country: str
    representative: Practice
    practices: tuple[Practice, ...]

    @property
    def point(self) -> tuple[float, float]:
        return (self.representative.latitude, self.representative.longitude)


def _unit_vector(point: tuple[float, float]) -> tuple[float, float, float]:
    lat, lon = map(math.radians, point)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _close(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2 <= _CHORD ** 2


def _root(parent: dict, item):
    """The group of ``item`` in the union-find ``parent`` (an item absent
    from it is a group of its own), halving the path on the way."""
    while parent.setdefault(item, item) != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _places(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The points grouped by chains of neighbours closer than SAME_CITY_KM
    (single linkage: the groups do not depend on the order of the points)."""
    # On the unit sphere seen in 3-D (no seam at the date line, none at the
    # poles), in cubes whose diagonal is the distance: the points of one
    # cube are one place, and a cube's neighbours are at most two cubes
    # away on each axis. Thousands of entries of one name a few km apart
    # cost a few thousand steps, not millions.
    cubes: dict[tuple[int, int, int], list[tuple[float, float]]] = defaultdict(list)
    vectors: dict[tuple[float, float], tuple[float, float, float]] = {}
    for point in sorted(set(points)):
        vector = vectors[point] = _unit_vector(point)
        cubes[tuple(math.floor(c / _CUBE) for c in vector)].append(point)
    parent: dict = {}
    for cube in sorted(cubes):
        for offset in _NEIGHBOURS:
            other = (cube[0] + offset[0], cube[1] + offset[1], cube[2] + offset[2])
            if other not in cubes or _root(parent, other) == _root(parent, cube):
                continue
            if any(_close(vectors[a], vectors[b]) for a in cubes[cube] for b in cubes[other]):
                parent[_root(parent, other)] = _root(parent, cube)
    places: dict[tuple[int, int, int], list[tuple[float, float]]] = defaultdict(list)
    for cube in sorted(cubes):
        places[_root(parent, cube)].extend(cubes[cube])
    return list(places.values())


def _names_in_common(practices: list[Practice]) -> list[list[Practice]]:
    """``practices`` (of one country) grouped by chains of shared names, in
    any language: an entry that names its city in French only ('Lisbonne')
    joins the one that has it in French and English ('Lisbonne', 'Lisbon')."""
    parent: dict[str, str] = {}
    names = [sorted({normalise_name(n) for n in practice.city.values() if n}) or [normalise_name(city_name(practice))]
             for practice in practices]
    for first, *others in names:
        for other in others:
            parent[_root(parent, other)] = _root(parent, first)
    groups: dict[str, list[Practice]] = defaultdict(list)
    for practice, (first, *_) in zip(practices, names):
        groups[_root(parent, first)].append(practice)
    return list(groups.values())


def identify_cities(practices: Iterable[Practice]) -> list[CityIdentity]:
    """The cities of ``practices``, each with its practices (by slug): one
    country, a name in common, one place."""
    by_country: dict[str, list[Practice]] = defaultdict(list)
    for practice in practices:
        by_country[practice.country].append(practice)
    cities = []
    for country, in_country in by_country.items():
        for named in _names_in_common(in_country):
            at: dict[tuple[float, float], list[Practice]] = defaultdict(list)
            for practice in named:
                at[(practice.latitude, practice.longitude)].append(practice)
            for place in _places(list(at)):
                members = sorted((p for point in place for p in at[point]), key=lambda p: (p.slug, p.latitude, p.longitude))
                # The city's name (and address) is its first entry's English
                # one: an entry added in French only does not move the page.
                named_in_english = [p for p in members if p.city.get("en")] or members
                cities.append(CityIdentity(normalise_name(city_name(named_in_english[0])), country, members[0], tuple(members)))
    return cities


def _short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def _base_key(city: CityIdentity) -> str:
    name = slugify(anyascii(city.name)) or f"city-{_short_hash(city.name)}"
    country = slugify(anyascii(city.country)) or "xx"
    return f"{name}-{country}"


def _degrees(value: float, digits: int, positive: str, negative: str) -> str:
    rounded = round(abs(value), digits)
    text = f"{rounded:.{digits}f}".replace(".", "p")
    return text + (positive if value >= 0 or rounded == 0 else negative)


def _coordinates(point: tuple[float, float], digits: int) -> str:
    lat, lon = point
    return f"{_degrees(lat, digits, 'n', 's')}-{_degrees(lon, digits, 'e', 'w')}"


def _told_apart(cities: list[CityIdentity], base: str) -> dict[CityIdentity, str]:
    """Keys for cities that share the address ``base``: every one of them
    gets a suffix, worked out from the whole group."""
    names = {city.name for city in cities}
    by_name: dict[str, list[CityIdentity]] = defaultdict(list)
    for city in cities:
        by_name[city.name].append(city)
    keys = {}
    for name, homonyms in by_name.items():
        prefix = f"{base}-{_short_hash(name)}" if len(names) > 1 else base
        if len(homonyms) == 1:
            keys[homonyms[0]] = prefix
            continue
        # The coarsest rounding that tells these places apart; two points
        # equal to 0.01° are less than 2 km apart, so one of the same city.
        for digits in (0, 1, 2):
            suffixes = [_coordinates(city.point, digits) for city in homonyms]
            if len(set(suffixes)) == len(suffixes):
                break
        for city, suffix in zip(homonyms, suffixes):
            keys[city] = f"{prefix}-{suffix}"
    return keys


def city_keys(cities: list[CityIdentity]) -> dict[CityIdentity, str]:
    """Each city's address key: unique, safe as a path segment and in a URL,
    and the same whatever the order of the practices."""
    by_base: dict[str, list[CityIdentity]] = defaultdict(list)
    for city in cities:
        by_base[_base_key(city)].append(city)
    keys: dict[CityIdentity, str] = {}
    for base, sharing in by_base.items():
        keys.update({sharing[0]: base} if len(sharing) == 1 else _told_apart(sharing, base))
    # A told-apart key could, in theory, be another city's plain one
    # ('a-b-us' named 'A B US'…): every city of such a clash gets a longer hash
    # of all that identifies it.
    holders: dict[str, list[CityIdentity]] = defaultdict(list)
    for city, key in keys.items():
        holders[key].append(city)
    for key, clashing in holders.items():
        if len(clashing) > 1:
            for city in clashing:
                keys[city] = f"{key}-{_short_hash(repr((city.name, city.country, city.point)), 16)}"
    assert len(set(keys.values())) == len(keys), "two cities with one address"
    assert all(SAFE_KEY.fullmatch(key) for key in keys.values())
    return keys
