"""The catalogue as open data (JSON and CSV, one file per language) and as an
Atom feed of the latest practices. Serialised by the standard library's
writers, so that whatever an entry holds is escaped by the format itself."""

from __future__ import annotations

import csv
import io
import json
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from generator.pages import links

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
# Cells a spreadsheet would run as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

def N_(message: str) -> str:
    """Marks a string for the translators; translated where it is shown."""
    return message


CSV_COLUMNS = [
    ("slug", N_("Identifier of the practice (its file name and address)")),
    ("url", N_("Address of the practice's page, from the catalogue")),
    ("title", N_("Name of the practice")),
    ("summary", N_("One or two sentences: who does what, where")),
    ("city", N_("City or local government")),
    ("country_code", N_("ISO 3166-1 alpha-2 code")),
    ("country", N_("Country name")),
    ("region_code", N_("UN M49 code of the world region")),
    ("region", N_("World region")),
    ("latitude", N_("Latitude of the city (decimal degrees)")),
    ("longitude", N_("Longitude of the city (decimal degrees)")),
    ("government_level", N_("Level of government that leads the practice")),
    ("start", N_("Year it started")),
    ("end", N_("Year it ended; empty while ongoing")),
    ("themes", N_("Themes, separated by ' | '")),
    ("gcm_objectives", N_("Numbers of the GCM objectives, separated by ' | '")),
    ("gcm_principles", N_("GCM guiding principles, separated by ' | '")),
    ("sdg_targets", N_("SDG targets, separated by ' | '")),
    ("target_groups", N_("Target groups, separated by ' | '")),
    ("partners", N_("Implementing partners, separated by ' | '")),
    ("networks", N_("City networks involved, separated by ' | '")),
    ("sources", N_("Addresses of the sources, separated by ' | '")),
    ("review_status", N_("submitted, changes-requested, editor-checked or peer-reviewed")),
    ("review_date", N_("Date of the last review step (YYYY-MM-DD)")),
    ("review_by", N_("Who reviewed: a role or the network")),
    ("review_next", N_("When the entry is due for review again (YYYY-MM-DD)")),
    ("last_updated", N_("Date the entry last changed (YYYY-MM-DD)")),
]
NUMERIC_COLUMNS = {"latitude", "longitude", "start", "end"}


def practice_record(view, practice) -> dict:
    """One practice in one language: codes and labels, texts with the
    language they are written in."""
    def text(field: str) -> dict:
        value, written_in = practice.text(field, view.lang)
        return {"text": value, "language": written_in} if value else {"text": "", "language": view.lang}

    region = view.vocab.region_of(practice.country)
    return {
        "slug": practice.slug,
        "url": links.url_link(links.CATALOGUE, links.practice_page(practice.slug)),
        "title": text("title"),
        "summary": text("summary"),
        "description": text("description"),
        "results": text("results"),
        "city": text("city"),
        "country": {"code": practice.country, "name": view.country(practice.country)},
        "region": {"code": region, "name": view.region(region)},
        "coordinates": {"lat": practice.latitude, "lon": practice.longitude},
        "government_level": {"code": practice.government_level, "label": view.label(view.vocab.government_levels[practice.government_level])},
        "period": {"start": practice.start, "end": practice.end},
        "themes": [{"code": t, "label": view.label(view.vocab.themes[t])} for t in practice.themes],
        "gcm_objectives": [{"number": n, "label": view.objective(n)} for n in practice.gcm_objectives],
        "gcm_principles": [{"code": p, "label": view.label(view.vocab.gcm_principles[p])} for p in practice.gcm_principles],
        "sdg_targets": [{"code": t, "label": view.label(view.vocab.sdg_targets[t])} for t in practice.sdg_targets],
        "target_groups": [{"code": g, "label": view.label(view.vocab.target_groups[g])} for g in practice.target_groups],
        "partners": [view.label(p) for p in practice.partners],
        "networks": [{"code": n, "name": view.label(view.vocab.networks[n].name)} for n in practice.networks],
        "sources": [
            {"title": s.title, "url": s.url, "language": s.language, "checked": s.checked.isoformat() if s.checked else None}
            for s in practice.sources
        ],
        "review": {"status": practice.review_status, "label": view.label(view.vocab.review_statuses[practice.review_status]),
                   "date": practice.review_date.isoformat(), "by": practice.review_by,
                   "checked_sources": list(practice.review_checked_sources), "next": practice.review_due.isoformat()},
        "last_updated": practice.last_updated.isoformat(),
    }


def catalogue_json(view, records: list[dict]) -> str:
    document = {"language": view.lang, "count": len(records), "practices": records}
    # Compact: the C encoder (indent= falls back to Python, several times slower).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv_safe(column: str, value: object) -> object:
    if column in NUMERIC_COLUMNS or not isinstance(value, str):
        return value
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def catalogue_csv(view, records: list[dict]) -> str:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for practice, record in zip(view.practices, records):
        joined = lambda items: " | ".join(items)  # noqa: E731
        row = {
            "slug": practice.slug,
            "url": record["url"],
            "title": record["title"]["text"],
            "summary": record["summary"]["text"],
            "city": record["city"]["text"],
            "country_code": practice.country,
            "country": record["country"]["name"],
            "region_code": record["region"]["code"] or "",
            "region": record["region"]["name"],
            "latitude": practice.latitude,
            "longitude": practice.longitude,
            "government_level": record["government_level"]["label"],
            "start": practice.start,
            "end": practice.end if practice.end is not None else "",
            "themes": joined(t["label"] for t in record["themes"]),
            "gcm_objectives": joined(str(n) for n in practice.gcm_objectives),
            "gcm_principles": joined(p["label"] for p in record["gcm_principles"]),
            "sdg_targets": joined(practice.sdg_targets),
            "target_groups": joined(g["label"] for g in record["target_groups"]),
            "partners": joined(record["partners"]),
            "networks": joined(n["name"] for n in record["networks"]),
            "sources": joined(s.url for s in practice.sources),
            "review_status": practice.review_status,
            "review_date": practice.review_date.isoformat(),
            "review_by": practice.review_by or "",
            "review_next": practice.review_due.isoformat(),
            "last_updated": practice.last_updated.isoformat(),
        }
        writer.writerow([_csv_safe(name, row[name]) for name, _ in CSV_COLUMNS])
    return output.getvalue()


def _entry_id(slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'cities-migration-catalogue/practice/' + slug)}"


def atom_feed(view) -> str:
    """An Atom feed (RFC 4287) of the latest practices, newest first."""
    _ = view.gettext
    ET.register_namespace("", ATOM)
    latest = sorted(view.practices, key=lambda p: (p.last_updated, p.slug), reverse=True)[:FEED_SIZE]
    base = urljoin(view.options.site_url, links.FEED) if view.options.site_url else None

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": view.lang})
    if base:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", base)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _entry_id(f"feed/{view.lang}")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _("Catalogue of city practices on migration: latest entries")
    updated = max((p.last_updated for p in latest), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{(updated or view.options.today).isoformat()}T00:00:00Z"
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = _("The city network")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": "feed.xml", "type": "application/atom+xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": "./", "type": "text/html"})
    for practice in latest:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        title, title_lang = practice.text("title", view.lang)
        summary, summary_lang = practice.text("summary", view.lang)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _entry_id(practice.slug)
        ET.SubElement(entry, f"{{{ATOM}}}title", {"{http://www.w3.org/XML/1998/namespace}lang": title_lang}).text = title
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{practice.last_updated.isoformat()}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                  "href": links.url_link(links.CATALOGUE, links.practice_page(practice.slug))})
        ET.SubElement(entry, f"{{{ATOM}}}summary", {"{http://www.w3.org/XML/1998/namespace}lang": summary_lang}).text = summary
        for theme in practice.themes:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": theme, "label": view.label(view.vocab.themes[theme])})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
