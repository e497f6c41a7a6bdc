"""The print editions in one language, each as one HTML document for
WeasyPrint: the full edition (cover, contents, the position paper, the
governance text, the catalogue as a digest, indexes) and the thematic
editions (a selection of practices in full, or as a digest when it holds
more than the team's threshold)."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import markdown
from babel.dates import format_date
from markupsafe import Markup

from generator.catalogue.endorsements import Endorsement
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import Vocabularies
from generator.i18n import translations
from generator.languages import site_languages
from generator.pages import links
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView, City
from generator.pages.front_matter import split_front_matter
from generator.pages.markup import render_markdown
from generator.release.selection import Selection, catalogue_cities
from generator.release.typography import apply_typography
from generator.text import sort_key

TEMPLATES_DIR = Path(__file__).parent / "templates"
CHAPTERS = ("contribution.md", "governance.md")


_SITE_LINK = re.compile(r'<a href="(?!https?:|mailto:|#)[^"]*"[^>]*>(.*?)</a>', re.S)
# "[source 2]" links to the page's list of sources; the book lists each
# practice's sources under it, unnumbered: the note stays, without a link.
_CITATION_LINK = re.compile(r'<a href="#source-\d+">(\[\d+\])</a>')


@dataclass
class Chapter:
    id: str
    title: str
    html: Markup  # our own pages, rendered from Markdown


def _chapter(path: Path, chapter_id: str) -> Chapter:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    converter = markdown.Markdown(
        extensions=["abbr", "attr_list", "def_list", "footnotes", "tables", "toc"],
        extension_configs={"footnotes": {"UNIQUE_IDS": True}, "toc": {"permalink": False}},
        output_format="html",
    )
    html = converter.convert(body)
    # A link to another page of the site has no target in the book: its
    # words stay, as text.
    html = _SITE_LINK.sub(r"\1", html)
    # Anchors stay unique in the whole book: prefix them with the chapter.
    html = re.sub(r'\b(id|href)="(#?)([^"]+)"', lambda m: _prefix(m, chapter_id), html)
    title_match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    title = re.sub(r"<[^>]+>", "", title_match.group(1)) if title_match else meta.get("title", "")
    return Chapter(chapter_id, title, Markup(html))


def _prefix(match: re.Match, chapter_id: str) -> str:
    attribute, hash_sign, value = match.groups()
    if attribute == "href" and not hash_sign:
        return match.group(0)  # an outward link: keep it
    return f'{attribute}="{hash_sign}{chapter_id}-{value}"'


@dataclass
class CountryGroup:
    code: str
    name: str
    practices: list[Practice]


@dataclass
class RegionGroup:
    code: str
    name: str
    countries: list[CountryGroup]


@dataclass
class IndexEntry:
    name: str
    first: str  # slug of the first practice, in the catalogue's order
    count: int
    country: str = ""


class Digest:
    """The practices as the book orders them: by region (M49 order), country
    and city (by name in the language), then title; and its indexes."""

    def __init__(self, view: CatalogueView, site_url: str | None) -> None:
        self.view = view
        self.site_url = site_url
        vocab, regions = view.vocab, defaultdict(lambda: defaultdict(list))
        for practice in view.practices:  # by title already
            regions[vocab.region_of(practice.country) or ""][practice.country].append(practice)
        order = [code for code in vocab.regions if code in regions] + sorted(set(regions) - set(vocab.regions))
        self.regions = [
            RegionGroup(code or "other", view.region(code) if code else view.gettext("Other"), [
                CountryGroup(country, view.country(country),
                             sorted(practices, key=lambda p: (sort_key(view.label(view.city_of(p).name)), view.city_of(p).key)))
                for country, practices in sorted(regions[code].items(), key=lambda item: sort_key(view.country(item[0])))
            ])
            for code in order
        ]
        self.ordered = [p for region in self.regions for country in region.countries for p in country.practices]

    @cached_property
    def cities(self) -> list[IndexEntry]:
        entries: dict[str, IndexEntry] = {}
        for practice in self.ordered:
            city = self.view.city_of(practice)
            if city.key in entries:
                entries[city.key].count += 1
            else:
                entries[city.key] = IndexEntry(self.view.label(city.name), practice.slug, 1, self.view.country(city.country))
        return sorted(entries.values(), key=lambda entry: (sort_key(entry.name), sort_key(entry.country)))

    @cached_property
    def objectives(self) -> list[dict]:
        places: dict[int, dict[str, IndexEntry]] = defaultdict(dict)
        for practice in self.ordered:
            for number in practice.gcm_objectives:
                place = places[number].get(practice.country)
                if place:
                    place.count += 1
                else:
                    places[number][practice.country] = IndexEntry(self.view.country(practice.country), practice.slug, 1)
        return [{"number": number, "name": self.view.objective(number), "places": list(places[number].values())}
                for number in self.view.vocab.gcm_objectives if number in places]

    def address(self, practice: Practice) -> str:
        """The practice's page on the site: its full address when the site's
        is known (SITE_URL), else its path from the site's root."""
        path = site_languages().root(self.view.lang) + links.published_url(links.practice_page(practice.slug))
        return urljoin(self.site_url, path) if self.site_url else "/" + path


@cache
def _environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    # Contributor Markdown is rendered and sanitized exactly as on the site.
    env.filters["markdown_html"] = lambda text: Markup(_CITATION_LINK.sub(r"\1", render_markdown(text)))
    return env


def render_print_html(template: str, lang: str, view: CatalogueView, site_url: str | None, date: datetime.date,
                      **context) -> str:
    """A print template of ``templates/`` rendered in ``lang`` with the
    editions' stylesheet and the language's typography; ``view`` holds the
    practices it prints."""
    html = _environment(lang).get_template(template).render(
        lang=lang,
        view=view,
        digest=Digest(view, site_url),
        date=date,
        date_text=format_date(date, format="long", locale=lang),
        stylesheet=(TEMPLATES_DIR / "print.css").read_text(encoding="utf-8"),
        **context,
    )
    return apply_typography(html, site_languages().typography(lang))


def print_html(
    content_dir: Path,
    lang: str,
    practices: list[Practice],
    vocabularies: Vocabularies,
    endorsements: list[Endorsement],
    *,
    version: str,
    date: datetime.date,
    site_url: str | None = None,
) -> str:
    """The full edition: the paper and the governance text in full, then the
    catalogue as a digest (a few lines a practice, by region and country),
    and indexes of cities and GCM objectives."""
    view = CatalogueView(practices, vocabularies, lang, CatalogueOptions(today=date))
    chapters = [_chapter(content_dir / lang / name, name.removesuffix(".md")) for name in CHAPTERS]
    return render_print_html("print.html.j2", lang, view, site_url, date, chapters=chapters, endorsements=endorsements, version=version)


def edition_title(selection: Selection, view: CatalogueView, cities: Mapping[str, City] | None = None) -> str:
    """'GCM objective 16 · Europe, housing': what a cover and a link say."""
    return " · ".join(", ".join(facet["values"]) for facet in selection_facets(selection, view, cities))


def selection_facets(selection: Selection, view: CatalogueView, cities: Mapping[str, City] | None = None) -> list[dict]:
    """Each facet of the selection, its title and its values worded in the
    view's language; a city by its name in ``cities`` (catalogue_cities)."""
    _ = view.gettext
    wording = view.facet_wording()
    def city(key: str) -> str:
        known = (cities or {}).get(key)
        return _("%(city)s (%(country)s)") % {"city": view.label(known.name), "country": view.country(known.country)} if known else key

    wording["city"] = (_("City"), city)
    # In prose, an objective and a target are named in full.
    wording["gcm"] = (wording["gcm"][0], lambda v: _("Objective %(number)s: %(name)s") % {"number": v, "name": view.objective(int(v))})
    wording["sdg"] = (wording["sdg"][0], lambda v: _("SDG target %(target)s") % {"target": v})
    # Where, then what: "Europe · Housing".
    order = ("region", "country", "city", "network", "theme", "gcm", "sdg", "group", "level", "status", "period")
    return [{"key": facet, "title": wording[facet][0], "values": [wording[facet][1](v) for v in values]}
            for facet, values in sorted(selection.facets, key=lambda item: order.index(item[0]))]


def edition_html(
    lang: str,
    practices: list[Practice],
    vocabularies: Vocabularies,
    selection: Selection,
    *,
    version: str,
    date: datetime.date,
    site_url: str | None = None,
    digest_above: int | None = None,
) -> str:
    """A thematic edition: the practices of ``selection`` in full, with a
    cover and an introduction that say what the selection is. With
    ``digest_above`` (content/print-editions.yml), a selection of more
    practices than that is printed as a digest instead, as the full
    edition's catalogue is (a few lines a practice, by region and country,
    an index of cities), and its introduction says so and why."""
    everything = CatalogueView(practices, vocabularies, lang, CatalogueOptions(today=date))
    chosen = [practice for practice in everything.practices if selection.matches(everything, practice)]
    view = CatalogueView(chosen, vocabularies, lang, CatalogueOptions(today=date))
    digest = digest_above is not None and len(chosen) > digest_above
    cities = catalogue_cities(everything)
    return render_print_html("edition.html.j2", lang, view, site_url, date, version=version, digest_form=digest,
                             digest_above=digest_above, selection_title=edition_title(selection, view, cities),
                             selection_facets=selection_facets(selection, view, cities))
