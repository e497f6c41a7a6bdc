"""Checks the schema cannot express: names that must match, facts that must
agree, languages that are missing. Each returns (path, message, hint, severity)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.catalogue.addresses import INTERNAL_ADDRESS, internal_host
from generator.catalogue.markdown_dialect import (
    LINK_PREFIXES,
    MARKDOWN_FIELDS,
    MAX_MARKDOWN_NESTING,
    SOURCE_CITATION,
    markdown_nesting,
)
from generator.catalogue.messages import N_, CountryName, LanguageName
from generator.catalogue.model import LANGUAGES, LOCALIZED_FIELDS
from generator.catalogue.places import NEAR_KM, km_from_country
from generator.catalogue.schema import DID_YOU_MEAN
from generator.catalogue.text_rules import describe_character, entry_text_findings
from generator.catalogue.vocabularies import Vocabularies, country_alias

Finding = tuple[tuple, str, str, str]  # path, message, hint, severity ("warning": a translation gap)
DATE_FIELDS = (("review", "date"), ("last_updated",))
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$", re.I)
# A web address's scheme and what stands between '//' and the path: read
# alike here and in the form (propose-rules.js), before any parser.
_SCHEME_AND_NETLOC = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)")

# The messages that the web form gives too, worded once here (see schema.N_).
ENDS_BEFORE_START = N_("the practice ends (%(end)s) before it starts (%(start)s)")
ENDS_BEFORE_START_HINT = N_("check both years; end is null while the practice goes on")
START_IN_FUTURE = N_("%(start)s is in the future")
START_IN_FUTURE_HINT = N_("a practice enters the catalogue once it has started")
URL_HINT = N_("copy the full address from the browser's address bar")
URL_SPACE = N_("the address contains a space")
URL_SCHEME = N_("the address must start with https:// or http://")
URL_USER = N_("the address has a user name before the host ('…@'), which can disguise where it leads")
URL_HOST = N_("%(host)s is not a web host name")
URL_INTERNAL = N_("%(host)s is an internal address, which readers cannot open")
URL_LOCAL = N_("%(host)s is a local name, which readers cannot open")
URL_PUBLIC_HINT = N_("give the address under which the public opens the source, starting with https://")
FAR_FROM_COUNTRY = N_("%(lat)s, %(lon)s is about %(km)s km from %(country)s")
SWAPPED_HINT = N_("latitude and longitude look swapped: write {lat: %(lat)s, lon: %(lon)s}")
FAR_HINT = N_("give the city centre in decimal degrees, north and east positive; if the city is in a part of the country "
              "far from its mainland, leave them")
NO_TEXT_YET = N_("no %(language)s text yet")
NO_NAME_YET = N_("no %(language)s name yet")
# The warnings that say a language is missing, which `publish translations` lists.
TRANSLATION_GAPS = (NO_TEXT_YET, NO_NAME_YET)
NOT_ENCRYPTED = N_("the address starts with http://: readers' browsers may call the page not secure")
NOT_ENCRYPTED_HINT = N_("try %(address)s, and keep http:// only if the site has no https:// version")
NO_SUCH_SOURCE = N_("[source %(number)s] names no source: the entry has %(count)s")
SOURCE_NUMBER_HINT = N_("number the sources from 1, in the order of the sources list")


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


@dataclass(frozen=True)
class Entry:
    """What every rule of check_entry reads: the entry's data (a dict), its
    file's name, the vocabularies and the day it is checked on."""

    data: dict
    file_stem: str
    vocabularies: Vocabularies
    today: datetime.date

    @property
    def sources(self) -> list:
        sources = self.data.get("sources")
        return sources if isinstance(sources, list) else []


def check_entry(data: Any, file_stem: str, vocabularies: Vocabularies, today: datetime.date) -> Iterator[Finding]:
    """Every finding of every rule (RULES) on ``data``, the schema's aside."""
    if not isinstance(data, dict):
        return
    entry = Entry(data, file_stem, vocabularies, today)
    for rule in RULES:
        yield from rule(entry)


def _text_findings(entry: Entry) -> Iterator[Finding]:
    yield from entry_text_findings(entry.data)


def _slug_findings(entry: Entry) -> Iterator[Finding]:
    slug, stem = entry.data.get("slug"), entry.file_stem
    if isinstance(slug, str) and slug != stem:
        yield (("slug",), N_("%(slug)s differs from the file name %(file)s") % {"slug": repr(slug), "file": repr(stem + ".yml")},
               N_("rename the file to %(slug)s.yml, or set slug: %(stem)s") % {"slug": slug, "stem": stem}, "error")


def _country_findings(entry: Entry) -> Iterator[Finding]:
    country, vocabularies = entry.data.get("country"), entry.vocabularies
    if isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country) and country not in vocabularies.country_regions:
        alias = country_alias(country)
        hint = DID_YOU_MEAN % {"value": f"{alias!r} ({vocabularies.country_name(alias, 'en')})"} \
            if alias in vocabularies.country_regions else N_("use the ISO 3166-1 alpha-2 code, e.g. FR, CA, BR")
        yield (("country",), N_("%(code)s is not a country code") % {"code": repr(country)}, hint, "error")


def _period_findings(entry: Entry) -> Iterator[Finding]:
    period = entry.data.get("period")
    if isinstance(period, dict):
        start, end = period.get("start"), period.get("end")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            yield (("period", "end"), ENDS_BEFORE_START % {"end": end, "start": start}, ENDS_BEFORE_START_HINT, "error")
        if isinstance(start, int) and start > entry.today.year + 1:
            yield (("period", "start"), START_IN_FUTURE % {"start": start}, START_IN_FUTURE_HINT, "error")


def _date_findings(entry: Entry) -> Iterator[Finding]:
    paths = DATE_FIELDS + (("review", "next"),) + tuple(("sources", i, "checked") for i in range(len(entry.sources)))
    for path in paths:
        value = _get(entry.data, path)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                date = datetime.date.fromisoformat(value)
            except ValueError:
                yield (path, N_("%(value)s is not a real date") % {"value": repr(value)},
                       N_("write an existing date as YYYY-MM-DD"), "error")
                continue
            if date > entry.today and path != ("review", "next"):  # the next review is in the future
                yield (path, N_("%(value)s is in the future") % {"value": value},
                       N_("use today's date (%(today)s) or an earlier one") % {"today": entry.today.isoformat()}, "error")


def _source_address_findings(entry: Entry) -> Iterator[Finding]:
    for index, source in enumerate(entry.sources):
        url = _get(source, ("url",))
        if isinstance(url, str):
            problem, hint = url_advice(url)
            if problem:
                yield (("sources", index, "url"), problem, hint, "error")
            elif url[:7].lower() == "http://":
                yield (("sources", index, "url"), NOT_ENCRYPTED, NOT_ENCRYPTED_HINT % {"address": "https://" + url[7:]},
                       "warning")


def _translation_findings(entry: Entry) -> Iterator[Finding]:
    for field in LOCALIZED_FIELDS:
        labels = entry.data.get(field)
        if isinstance(labels, dict) and labels:
            for lang in LANGUAGES:
                if lang not in labels:  # an empty text is the schema's to report
                    yield ((field,), NO_TEXT_YET % {"language": LanguageName(lang)},
                           N_("add '%(lang)s: …' under %(field)s; until then readers see another language with a notice")
                           % {"lang": lang, "field": field}, "warning")
    partners = entry.data.get("partners")
    if isinstance(partners, list):
        for index, partner in enumerate(partners):
            if isinstance(partner, dict) and partner:
                for lang in LANGUAGES:
                    if lang not in partner:
                        yield (("partners", index), NO_NAME_YET % {"language": LanguageName(lang)},
                               N_("add '%(lang)s: …', or write the name alone if it is not translated") % {"lang": lang},
                               "warning")


def _markdown_field_findings(entry: Entry) -> Iterator[Finding]:
    count = len(entry.sources)
    for field in MARKDOWN_FIELDS:
        labels = entry.data.get(field)
        if isinstance(labels, dict):
            for lang, text in labels.items():
                if isinstance(text, str):
                    for number in sorted({int(n) for n in SOURCE_CITATION.findall(text)}):
                        if not 1 <= number <= count:
                            yield ((field, lang), NO_SUCH_SOURCE % {"number": number, "count": count},
                                   SOURCE_NUMBER_HINT, "error")
                # A lone surrogate cannot be rendered; the text rule reports it.
                if isinstance(text, str) and not _has_surrogate(text):
                    yield from _markdown_findings((field, lang), text)


def _place_findings(entry: Entry) -> Iterator[Finding]:
    """Coordinates far from the entry's country: swapped, or a sign lost.
    A warning, as an overseas part of a country is far from its mainland."""
    country, coordinates = entry.data.get("country"), entry.data.get("coordinates")
    if not (isinstance(country, str) and country in entry.vocabularies.country_regions and isinstance(coordinates, dict)):
        return
    lat, lon = coordinates.get("lat"), coordinates.get("lon")
    if not all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in (lat, lon)):
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return  # the schema says so
    distance = km_from_country(country, lat, lon)
    if distance is None or distance <= NEAR_KM:
        return
    swapped = -90 <= lon <= 90 and (km_from_country(country, lon, lat) or 0) <= NEAR_KM
    hint = SWAPPED_HINT % {"lat": lon, "lon": lat} if swapped else FAR_HINT
    yield (("coordinates",), FAR_FROM_COUNTRY % {"lat": lat, "lon": lon, "km": f"{round(distance, -1):.0f}",
                                                  "country": CountryName(country)}, hint, "warning")


def _review_findings(entry: Entry) -> Iterator[Finding]:
    """A review record says who reviewed and against what, never an e-mail."""
    source_count = len(entry.sources)
    review = entry.data.get("review")
    if not isinstance(review, dict):
        return
    status = review.get("status")
    if status in ("peer-reviewed", "changes-requested", "editor-checked"):
        if "by" not in review:
            yield (("review",), N_("a review that ends in %(status)s says who reviewed") % {"status": status},
                   N_("add 'by:' with a role or the network, e.g. by: Metropolis secretariat"), "error")
        if "checked_sources" not in review:
            yield (("review",), N_("a review that ends in %(status)s says which sources were checked") % {"status": status},
                   N_("add 'checked_sources: [1, 2]' (1 is the first of sources)"), "error")
    by = review.get("by")
    if isinstance(by, str) and re.search(r"[^\s@]+@[^\s@]+", by):
        yield (("review", "by"), N_("looks like an e-mail address; the review record names a role or the network"),
               N_("write a role or the network, e.g. 'Metropolis secretariat, migration team'"), "error")
    checked = review.get("checked_sources")
    if isinstance(checked, list):
        for index, number in enumerate(checked):
            if isinstance(number, int) and not isinstance(number, bool) and number > source_count:
                yield (("review", "checked_sources", index),
                       N_("there is no source %(number)s: the entry has %(count)s") % {"number": number, "count": source_count},
                       SOURCE_NUMBER_HINT, "error")
    date, next_date = review.get("date"), review.get("next")
    if isinstance(date, str) and isinstance(next_date, str) and next_date <= date:
        yield (("review", "next"), N_("%(next)s is not after the review (%(date)s)") % {"next": next_date, "date": date},
               N_("give the date of the next review, after this one"), "error")


# The rules an entry is checked by, besides the schema; each takes an Entry
# and yields its findings, and can be tested alone.
RULES: tuple[Callable[[Entry], Iterator[Finding]], ...] = (
    _text_findings, _slug_findings, _country_findings, _place_findings, _period_findings, _date_findings,
    _source_address_findings, _translation_findings, _review_findings, _markdown_field_findings,
)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def url_problem(url: str) -> str:
    """Why ``url`` is not a public web address as a browser's address bar
    reads it, or '' if it is (see ``url_advice``)."""
    return url_advice(url)[0]


def url_advice(url: str) -> tuple[str, str]:
    """Why ``url`` is not a public web address as a browser's address bar
    reads it, and how to fix it; ('', '') if it is. International host
    names and any case of the scheme are fine; what a browser would change
    silently or hide (spaces, quotes, angle brackets, invisible characters),
    user names before the host (https://you@…, a classic disguise) and
    hosts only this machine or its network reach (addresses.py) are not."""
    for character in url:
        if character.isspace():
            return URL_SPACE, URL_HINT
        if character in '"<>`\\':
            return N_("the address contains %(character)s, which an address never holds as such") % {
                "character": repr(character)}, URL_HINT
        if unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return N_("the address contains an invisible character (%(character)s)") % {
                "character": describe_character(character)}, URL_HINT
    start = _SCHEME_AND_NETLOC.match(url)
    if not start or start[1].lower() not in ("http", "https"):
        return URL_SCHEME, URL_HINT
    netloc = start[2]
    if "@" in netloc:
        return URL_USER, URL_HINT
    not_a_host = URL_HOST % {"host": repr(netloc)}, URL_HINT
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (the property raises on a malformed port)
    except ValueError:
        return not_a_host
    # A browser decodes %xx in a host name: %31%32%37.0.0.1 is 127.0.0.1 to it.
    host = unquote(parts.hostname or "")
    if not host:
        return not_a_host
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return not_a_host
    # Before the form of a name: [::1] is internal more than it is odd.
    internal = internal_host(ascii_host) if ascii_host else ""
    if internal:
        message = URL_INTERNAL if internal == INTERNAL_ADDRESS else URL_LOCAL
        return message % {"host": repr(netloc)}, URL_PUBLIC_HINT
    if not _HOST.match(ascii_host):
        return not_a_host
    return "", ""


def _markdown_findings(path: tuple, text: str) -> Iterator[Finding]:
    """What a Markdown text holds that readers will not see as its author
    meant, or that would cost the build more than a page should."""
    depth, line = markdown_nesting(text)
    if depth > MAX_MARKDOWN_NESTING:
        yield (path, N_("quotes, lists or emphasis are nested more than %(limit)s levels deep (from line %(line)s of the text)")
               % {"limit": MAX_MARKDOWN_NESTING, "line": line},
               N_("flatten the text: a description reads best with at most two levels of lists"), "error")
    prose = _CODE_SPAN.sub("", text)
    tag = _HTML_TAG.search(prose)
    if tag:
        yield (path, N_("HTML is not shown on the site: %(tag)s") % {"tag": repr(tag.group())},
               N_("write it in Markdown: **bold**, *italic*, '- ' for a list, [words](https://…) for a link"), "warning")
    for target in _LINK_TARGET.findall(prose):
        if not target.startswith(LINK_PREFIXES):
            yield (path, N_("the link to %(target)s will show as plain text") % {"target": repr(target)},
                   N_("link to a full web address, starting with https://"), "warning")
