"""schema.org structured data (JSON-LD) for search engines: a practice as a
CreativeWork of the catalogue, the catalogue as a Dataset with its
downloads. Each is data, carried by the page's front matter
(``structured_data``) and written into the page's head by the theme's
template (overrides/main.html, ``tojson``), which also describes the texts.
"""

from __future__ import annotations

from generator.catalogue.model import Practice
from generator.pages import links
from generator.pages.citation import absolute, label, publication


def _organisation(lang: str) -> dict:
    return {"@type": "Organization", "name": label(publication()["network"], lang)}


def temporal_coverage(practice: Practice) -> str | None:
    """ISO 8601 interval, '..' for an open end: '2016/..', '2016/2020', '../2022'."""
    if practice.start is None and practice.end is None:
        return None
    start = str(practice.start) if practice.start is not None else ".."
    end = str(practice.end) if practice.end is not None else ".."
    return f"{start}/{end}"


def practice_structured_data(view, practice: Practice) -> dict:
    title, title_lang = practice.text("title", view.lang)
    summary, _ = practice.text("summary", view.lang)
    site_url = view.options.site_url
    city, country = view.label(practice.city), view.country(practice.country)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": title,
        "description": summary,
        "inLanguage": title_lang,
        "dateModified": practice.last_updated.isoformat(),
        "spatialCoverage": {
            "@type": "Place",
            "name": f"{city}, {country}",
            "address": {"@type": "PostalAddress", "addressLocality": city, "addressCountry": practice.country},
            "geo": {"@type": "GeoCoordinates", "latitude": practice.latitude, "longitude": practice.longitude},
        },
        "keywords": [view.label(view.vocab.themes[theme]) for theme in practice.themes],
        "isPartOf": catalogue_reference(view.lang, site_url),
        "author": _organisation(view.lang),
        "publisher": _organisation(view.lang),
        "license": publication()["catalogue"]["license_url"],
        # What the entry says comes from its public sources.
        "isBasedOn": [source.url for source in practice.sources],
    }
    coverage = temporal_coverage(practice)
    if coverage:
        data["temporalCoverage"] = coverage
    url = absolute(site_url, links.practice_page(practice.slug))
    if url:
        data["url"] = url
    return data


def catalogue_reference(lang: str, site_url: str | None) -> dict:
    reference: dict[str, object] = {"@type": "Dataset", "name": label(publication()["catalogue"]["title"], lang)}
    url = absolute(site_url, links.CATALOGUE)
    if url:
        reference["url"] = url
    return reference


def catalogue_structured_data(view) -> dict:
    """The catalogue as a Dataset (what dataset search engines index), with
    its open data as downloads."""
    _ = view.gettext
    site_url = view.options.site_url
    data: dict[str, object] = {
        "@context": "https://schema.org",
        **catalogue_reference(view.lang, site_url),
        "description": _("What cities do on migration and inclusion: practices to search, filter, map and download."),
        "inLanguage": view.lang,
        "creator": _organisation(view.lang),
        "publisher": _organisation(view.lang),
        "license": publication()["catalogue"]["license_url"],
        "keywords": [view.label(theme) for theme in view.vocab.themes.values()],
        "spatialCoverage": {"@type": "Place", "name": _("Cities of the world")},
    }
    if view.practices:
        data["dateModified"] = max(p.last_updated for p in view.practices).isoformat()
    if site_url:
        data["distribution"] = [
            {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": absolute(site_url, path)}
            for path, media_type in ((links.JSON_DATA, "application/json"), (links.CSV_DATA, "text/csv"))
        ]
    return data
