"""The open data as a Frictionless Data Package, validated with its data by
the frictionless library, and the open-data page's example, run."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest
from frictionless import validate

from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from tests.conftest import PROJECT_DIR, SITE_ADDRESS, parse

V = load_vocabularies()
SHIPPED = load_catalogue(PROJECT_DIR / "practices").practices
LANGUAGES = ["fr", "en", "es"]


def catalogue_dir(site_dir, lang):
    return site_dir / ("" if lang == "fr" else lang) / "catalogue"


@pytest.mark.catalogue  # holds for any valid catalogue
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_built_data_package_and_its_data_are_valid(addressed_site, lang):
    folder = catalogue_dir(addressed_site.site_dir, lang)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.name for task in report.tasks] == ["practices", "practices-json"]
    assert report.tasks[0].stats["rows"] == len(SHIPPED)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_package_describes_types_values_licence_and_version_in_its_language(addressed_site, lang):
    package = json.loads((catalogue_dir(addressed_site.site_dir, lang) / "datapackage.json").read_text(encoding="utf-8"))
    fields = {field["name"]: field for field in package["resources"][0]["schema"]["fields"]}
    assert fields["latitude"]["type"] == "number" and fields["start"]["type"] == "integer"
    assert fields["last_updated"]["type"] == "date" and fields["slug"]["constraints"]["unique"]
    assert fields["region_code"]["constraints"]["enum"] == list(V.regions)
    assert fields["government_level"]["constraints"]["enum"] == [labels[lang] for labels in V.government_levels.values()]
    assert fields["review_status"]["constraints"]["enum"] == list(V.review_statuses)
    described = {"fr": "Nom de la pratique", "en": "Name of the practice", "es": "Nombre de la práctica"}[lang]
    assert fields["title"]["description"] == described
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["version"]
    assert package["homepage"] == SITE_ADDRESS + ("" if lang == "fr" else f"{lang}/") + "catalogue/data/"
    assert package["languages"] == [lang]


def test_validation_finds_a_value_outside_the_vocabulary_and_a_wrong_type(addressed_site, tmp_path):
    folder = tmp_path / "catalogue"
    shutil.copytree(catalogue_dir(addressed_site.site_dir, "en"), folder, ignore=shutil.ignore_patterns("practices", "*.md"))
    with (folder / "catalogue.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    rows[0]["region_code"] = "151"  # no world region of M49 the vocabulary knows
    rows[1]["latitude"] = "north"
    with (folder / "catalogue.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    report = validate(str(folder / "datapackage.json"))
    assert not report.valid
    errors = report.flatten(["rowNumber", "fieldName", "type"])
    assert [2, "region_code", "constraint-error"] in errors and [3, "latitude", "type-error"] in errors, errors


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_open_data_pages_examples_run(addressed_site, tmp_path, lang):
    page = parse(addressed_site.site_dir / lang / "catalogue" / "data" / "index.html")
    address = SITE_ADDRESS + f"{lang}/catalogue/datapackage.json"
    local = str(catalogue_dir(addressed_site.site_dir, lang) / "datapackage.json")
    blocks = [code.get_text() for code in page.select("#load ~ div pre code, #load ~ pre code")]
    console = next(block for block in blocks if block.startswith("$ frictionless validate"))
    python = next(block for block in blocks if "from frictionless import Package" in block)
    assert address in console and address in python
    # The reader's address is the site's; here the same file, from the built site.
    command = console.removeprefix("$ ").strip().replace(address, local).split()
    run = subprocess.run([str(PROJECT_DIR / ".venv" / "bin" / command[0]), *command[1:]], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    result = subprocess.run([sys.executable, "-c", python.replace(address, local)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, _, rest = result.stdout.partition(" ")
    assert int(count) == len(SHIPPED) and rest.strip().endswith(tuple(str(y) for y in range(2020, 2030)))
