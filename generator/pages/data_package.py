"""The open data as a Frictionless Data Package: ``datapackage.json`` beside
``catalogue.csv`` and ``catalogue.json``, in each language.

It says what a data team would otherwise guess: each CSV column's type,
whether it is required, its enumeration (from the vocabularies, worded as the
file words them in that language), its format; the licence, the version and
the sources. The columns' descriptions are the open-data page's (gettext),
so the package speaks the language of its files.
"""

from __future__ import annotations

import json

from generator.pages import links
from generator.pages.citation import absolute, label, publication
from generator.pages.open_data import CSV_COLUMNS

# The CSV's columns that a practice always fills, and those whose cells are
# one of a few codes or labels.
REQUIRED = {"slug", "url", "title", "summary", "city", "country_code", "country", "region_code", "region", "latitude",
            "longitude", "government_level", "themes", "gcm_objectives", "sources", "review_status", "review_date",
            "review_next", "last_updated"}
LIST_SEPARATOR = " | "


def _field(view, name: str, description: str) -> dict:
    field: dict[str, object] = {"name": name, "description": view.gettext(description), "type": "string"}
    constraints: dict[str, object] = {}
    vocab = view.vocab
    if name in ("latitude", "longitude"):
        field["type"] = "number"
        bound = 90 if name == "latitude" else 180
        constraints.update(minimum=-bound, maximum=bound)
    elif name in ("start", "end"):
        field["type"] = "integer"
        constraints.update(minimum=1900, maximum=2100)
    elif name in ("review_date", "review_next", "last_updated"):
        field["type"], field["format"] = "date", "default"  # YYYY-MM-DD
    elif name == "slug":
        constraints.update(unique=True, pattern="[a-z0-9]+(-[a-z0-9]+)*")
    elif name == "country_code":
        constraints["pattern"] = "[A-Z]{2}"
    elif name == "region_code":
        constraints["enum"] = list(vocab.regions)
    elif name == "region":
        constraints["enum"] = [view.region(code) for code in vocab.regions]
    elif name == "government_level":
        constraints["enum"] = [view.label(labels) for labels in vocab.government_levels.values()]
    elif name == "review_status":
        constraints["enum"] = list(vocab.review_statuses)
    elif name == "gcm_objectives":
        # Numbers from 1 to 23, separated by ' | '.
        constraints["pattern"] = r"([1-9]|1[0-9]|2[0-3])( \| ([1-9]|1[0-9]|2[0-3]))*"
    elif name == "sdg_targets":
        constraints["pattern"] = r"(\d{1,2}\.[0-9a-z]{1,2}( \| \d{1,2}\.[0-9a-z]{1,2})*)?"
    if name in REQUIRED:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(view) -> dict:
    return {
        "fields": [_field(view, name, description) for name, description in CSV_COLUMNS],
        "primaryKey": ["slug"],
        # Empty cells are missing values: an unknown start year, an ongoing practice's end.
        "missingValues": [""],
    }


def data_package(view) -> str:
    _ = view.gettext
    catalogue = publication()["catalogue"]
    network = label(publication()["network"], view.lang)
    latest = max((p.last_updated for p in view.practices), default=view.options.today)
    # The release's version when the site belongs to one; else the day of the latest change.
    version = view.options.version or latest.isoformat()
    package: dict[str, object] = {
        "name": f"cities-migration-catalogue-{view.lang}",
        "title": label(catalogue["title"], view.lang),
        "description": _("Practices of cities and local governments on migration and inclusion, each with its public sources, "
                         "as CSV and JSON, in this language."),
        "version": version,
        "created": f"{latest.isoformat()}T00:00:00Z",
        "languages": [view.lang],
        "keywords": ["migration", "cities", "GCM", "SDG"],
        "licenses": [{"name": catalogue["license"], "path": catalogue["license_url"], "title": catalogue["license_title"]}],
        "contributors": [{"title": network, "role": "publisher"}],
        "sources": [{"title": _("The catalogue's entries, one file per practice, each with its public sources")}],
        "resources": [
            {
                "name": "practices",
                "title": _("Practices (CSV)"),
                "description": _("one row per practice, UTF-8, comma-separated; list fields are separated by ' | '. A cell that a spreadsheet would run as a formula starts with an apostrophe."),  # noqa: E501
                "path": "catalogue.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": table_schema(view),
            },
            {
                "name": "practices-json",
                "title": _("Practices (JSON)"),
                "description": _("every field of every practice, with codes and labels; each text says in which language it is written."),
                "path": "catalogue.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "profile": "data-resource",
            },
        ],
    }
    homepage = absolute(view.options.site_url, links.OPEN_DATA)
    if homepage:
        package["homepage"] = homepage
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
