"""Where countries are (generator/catalogue/places.py): coordinates far from
an entry's country are said, swapped ones with the fix."""

from __future__ import annotations

import pytest

from generator.catalogue.checks import FAR_FROM_COUNTRY, SWAPPED_HINT
from generator.catalogue.loading import check_practices, load_catalogue
from generator.catalogue.places import NEAR_KM, km_from_country
from tests.conftest import PROJECT_DIR
from tests.test_catalogue_validation import VALID_ENTRY, check_alone


@pytest.mark.catalogue
def test_every_entry_of_the_catalogue_lies_in_or_near_its_country():
    for practice in load_catalogue(PROJECT_DIR / "practices").practices:
        distance = km_from_country(practice.country, practice.latitude, practice.longitude)
        assert distance is None or distance <= NEAR_KM, (practice.slug, distance)


@pytest.mark.parametrize(("country", "lat", "lon"), [
    ("PT", 38.7223, -9.1393), ("US", 29.7604, -95.3698), ("NZ", -40.3523, 175.6082), ("PH", 14.676, 121.0437),
    ("FJ", -18.1416, 178.4419),  # across the antimeridian
])
def test_cities_are_in_their_country(country, lat, lon):
    assert km_from_country(country, lat, lon) == 0.0


def test_a_country_the_shapes_do_not_have_is_not_judged():
    assert km_from_country("SG", 1.35, 103.8) is None  # too small for 1:110 million


@pytest.mark.parametrize(("coordinates", "hint"), [
    ("{lat: -9.1393, lon: 38.7223}", "latitude and longitude look swapped: write {lat: 38.7223, lon: -9.1393}"),
    ("{lat: 38.7223, lon: 9.1393}", "give the city centre in decimal degrees, north and east positive"),
])
def test_coordinates_far_from_the_country_are_a_warning_with_the_fix(tmp_path, coordinates, hint):
    entry = tmp_path / "lisbon-welcome-house.yml"
    entry.write_text(VALID_ENTRY.read_text().replace("coordinates: {lat: 38.7223, lon: -9.1393}", f"coordinates: {coordinates}"))
    report = check_alone(tmp_path, entry)
    assert report.errors == []  # an overseas part of a country is far from its mainland: a warning only
    [warning] = report.warnings
    assert warning.field == "coordinates" and warning.message.template == FAR_FROM_COUNTRY
    assert warning.hint.startswith(hint)
    assert (warning.hint.template == SWAPPED_HINT) is ("swapped" in hint)


def test_an_overseas_city_passes_the_check(tmp_path):
    # Saint-Denis, La Réunion: France, 9,000 km from Paris.
    entry = tmp_path / "practices" / "lisbon-welcome-house.yml"
    entry.parent.mkdir()
    entry.write_text(VALID_ENTRY.read_text().replace("coordinates: {lat: 38.7223, lon: -9.1393}", "coordinates: {lat: -20.8823, lon: 55.4504}")
                     .replace("country: PT", "country: FR"))
    report = check_practices(entry.parent, root=tmp_path)
    assert report.errors == [] and len(report.practices) == 1
