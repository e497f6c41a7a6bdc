"""The catalogue's pages in one language, as Markdown and data files.

``catalogue_pages`` is the whole job: validated practices in, a mapping of
page paths to contents out. It knows nothing of the engine that will build
the site; the engine's plugin (or ``publish pages``) writes what it returns.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from babel.dates import format_date

from generator.build_cache import BuildCache, cache_key, cached
from generator.catalogue.model import Practice
from generator.catalogue.review import running_unconfirmed
from generator.catalogue.vocabularies import Labels, Vocabularies
from generator.i18n import translations
from generator.pages import links
from generator.pages.cards import CardStore
from generator.pages.charts import coverage_matrix
from generator.pages.citation import CITATION_FORMATS, absolute, citation_files, practice_citation, practice_files, publication, text_citation, text_files
from generator.pages.cities import city_keys, identify_cities
from generator.pages.data_package import data_package
from generator.pages.map_page import map_cities_by_region, map_points, map_views
from generator.pages.open_data import CSV_COLUMNS, atom_feed, catalogue_csv, catalogue_json, practice_record
from generator.pages.previews import catalogue_card_meta, practice_card_meta, preview_cards
from generator.pages.print_editions import PrintEdition
from generator.pages.related import RELATED_COUNT, related_practices
from generator.pages.structured_data import catalogue_structured_data, practice_structured_data
from generator.pages.templating import environment
from generator.pages.world_map import (
    HEIGHT,
    WIDTH,
    country_shapes,
    graticule_path,
)
from generator.text import sort_key


def sdg_target_key(target: str) -> tuple[int, int, int, str]:
    """Numeric order of SDG targets: by goal, then by target, so that
    '3.8' < '10.7' < '10.9' < '10.10' < '16.9'; the lettered targets of a
    goal (means of implementation, '10.a' to '10.c') after its numbered ones."""
    goal, _, rest = target.partition(".")
    if not goal.isdigit():
        return (10**6, 1, 0, target)
    if rest.isdigit():
        return (int(goal), 0, int(rest), "")
    return (int(goal), 1, 0, rest)


PERIOD_BUCKETS = ((0, 2009), (2010, 2014), (2015, 2019), (2020, 2024), (2025, 9999))


@dataclass
class CatalogueOptions:
    """What the pages need to know about where they are published."""

    site_url: str | None = None  # absolute address of this language's home, if known
    edit_url: str | None = None  # address to edit a practice file, with {path} for practices/<slug>.yml
    # Dates the feed when no practice does. Practice pages are cached without
    # it (catalogue_pages): a practice page must not show the day.
    today: datetime.date = field(default_factory=datetime.date.today)
    # The thematic PDFs a release made in this language (generator.pages.print_editions).
    print_editions: tuple[PrintEdition, ...] = ()
    # The release the site belongs to, if any (the data package's version).
    version: str | None = None
    # Whether the cards' images are made with the pages (with a site address);
    # the site build draws them itself beside the engine (generator/site_cards.py).
    draw_cards: bool = True


@dataclass
class City:
    key: str
    name: Labels
    country: str
    latitude: float
    longitude: float
    practices: list[Practice]


class CatalogueView:
    """The practices and vocabularies, worded in one language."""

    def __init__(self, practices: list[Practice], vocabularies: Vocabularies, lang: str, options: CatalogueOptions):
        # Alphabetical by title, as a reader scans it: quotes and other
        # leading signs do not count, nor do accents.
        self.practices = sorted(practices, key=lambda p: (sort_key(p.text("title", lang)[0]), p.slug))
        self.vocab = vocabularies
        self.lang = lang
        self.options = options
        self.gettext = translations(lang).gettext
        self._dates: dict[datetime.date, str] = {}
        self._pieces: dict[tuple, str] = {}

    # Words -----------------------------------------------------------------
    def label(self, labels: Labels | None) -> str:
        if not labels:
            return ""
        return labels.get(self.lang) or next((text for text in labels.values() if text), "")

    def country(self, code: str) -> str:
        return self.vocab.country_name(code, self.lang)

    def region(self, code: str | None) -> str:
        return self.vocab.region_name(code, self.lang) if code else ""

    def date(self, value: datetime.date) -> str:
        # Thousands of entries share a few hundred dates; CLDR formatting
        # costs more than the rest of a facts panel.
        worded = self._dates.get(value)
        if worded is None:
            worded = self._dates[value] = format_date(value, format="long", locale=self.lang)
        return worded

    def objective(self, number: int) -> str:
        return self.label(self.vocab.gcm_objectives[number].short)

    def objective_title(self, number: int) -> str:
        return self.label(self.vocab.gcm_objectives[number].title)

    def period(self, practice: Practice, *, short: bool = False) -> str:
        """'since 2016 (ongoing)', '2016–2020'; a start year not known is said so."""
        _ = self.gettext
        if practice.start is None:
            if practice.ongoing:
                return _("ongoing") if short else _("ongoing (start year not known)")
            return (_("until %(year)s") if short else _("until %(year)s (start year not known)")) % {"year": practice.end}
        if practice.ongoing:
            return (_("since %(year)s") if short else _("since %(year)s (ongoing)")) % {"year": practice.start}
        return f"{practice.start}–{practice.end}"

    def period_bucket(self, practice: Practice) -> str:
        if practice.start is None:
            return ""  # in no bucket of start years
        for low, high in PERIOD_BUCKETS:
            if low <= practice.start <= high:
                return f"{low}-{high}"
        return ""

    def period_label(self, bucket: str) -> str:
        low, high = bucket.split("-")
        if low == "0":
            return self.gettext("before %(year)s") % {"year": int(high) + 1}
        if high == "9999":
            return self.gettext("%(year)s and after") % {"year": low}
        return f"{low}–{high}"

    # Groupings -------------------------------------------------------------
    @cached_property
    def _city_of_slug(self) -> dict[str, City]:
        # Who shares a page, and its address, come from generator.pages.cities:
        # one name in any script, one country, one place (Portland, Oregon is
        # not Portland, Maine), whatever the language or the entries' order.
        identities = identify_cities(self.practices)
        keys = city_keys(identities)
        of_slug: dict[str, City] = {}
        for identity in identities:
            stands_for = identity.representative
            city = City(keys[identity], stands_for.city, identity.country, stands_for.latitude, stands_for.longitude, [])
            for practice in identity.practices:
                of_slug[practice.slug] = city
        for practice in self.practices:  # in the view's order
            of_slug[practice.slug].practices.append(practice)
        return of_slug

    @cached_property
    def related(self) -> dict[str, list[Practice]]:
        """slug -> its related practices, the most related first (generator.pages.related)."""
        by_slug = {practice.slug: practice for practice in self.practices}
        return {slug: [by_slug[other] for other in others] for slug, others in self.related_slugs().items()}

    def related_slugs(self, cache: BuildCache | None = None) -> dict[str, list[str]]:
        """slug -> the slugs of its related practices; with a ``cache``, the
        last build's while no entry changed what it shares with the others."""
        if "_related_slugs" not in self.__dict__:
            make = lambda: related_practices(self.practices, self.vocab.region_of)  # noqa: E731
            if cache is None:
                self._related_slugs = make()
            else:
                shapes = sorted((p.slug, p.last_updated, p.themes, p.gcm_objectives, p.target_groups, p.country) for p in self.practices)
                self._related_slugs = cached(cache, cache_key("related", shapes), make)
        return self._related_slugs

    @cached_property
    def cities(self) -> dict[str, City]:
        cities = {city.key: city for city in self._city_of_slug.values()}
        return dict(sorted(cities.items(), key=lambda item: (self.label(item[1].name).casefold(), item[0])))

    def city_of(self, practice: Practice) -> City:
        return self._city_of_slug[practice.slug]

    def grouped(self, values_of) -> dict[object, list[Practice]]:
        groups: dict[object, list[Practice]] = defaultdict(list)
        for practice in self.practices:
            for value in values_of(practice):
                groups[value].append(practice)
        return groups

    @cached_property
    def by_objective(self) -> dict[int, list[Practice]]:
        return self.grouped(lambda p: p.gcm_objectives)

    @cached_property
    def by_target(self) -> dict[str, list[Practice]]:
        return self.grouped(lambda p: p.sdg_targets)

    @cached_property
    def by_theme(self) -> dict[str, list[Practice]]:
        return self.grouped(lambda p: p.themes)

    @cached_property
    def by_country(self) -> dict[str, list[Practice]]:
        return self.grouped(lambda p: (p.country,))

    @cached_property
    def by_network(self) -> dict[str, list[Practice]]:
        return self.grouped(lambda p: p.networks)

    def facet_wording(self) -> dict[str, tuple[str, Callable]]:
        """Each facet the catalogue filters on, in the page's order: its
        title and how one of its values reads, in the view's language."""
        _, vocab = self.gettext, self.vocab
        return {
            "theme": (_("Theme"), lambda v: self.label(vocab.themes[v])),
            "region": (_("Region"), self.region),
            "country": (_("Country"), self.country),
            "gcm": (_("GCM objective"), lambda v: f"{v}. {self.objective(int(v))}"),
            "sdg": (_("SDG target"), str),
            "network": (_("Network"), lambda v: self.label(vocab.networks[v].name)),
            "group": (_("Target group"), lambda v: self.label(vocab.target_groups[v])),
            "level": (_("Level of government"), lambda v: self.label(vocab.government_levels[v])),
            "status": (_("Review status"), lambda v: self.label(vocab.review_statuses[v])),
            "period": (_("Start"), self.period_label),
        }

    def facets(self) -> list[dict]:
        """Each filter of the catalogue page: its values, labels and counts."""
        wording = self.facet_wording()

        def facet(key: str, values_of, order=None) -> dict:
            title, label_of = wording[key]
            counts = Counter(value for practice in self.practices for value in values_of(practice))
            values = order if order is not None else sorted(counts, key=lambda v: label_of(v).casefold())
            return {
                "key": key, "title": title,
                "values": [{"value": str(v), "label": label_of(v), "count": counts.get(v, 0)} for v in values if counts.get(v)],
            }

        return [
            facet("theme", lambda p: p.themes),
            facet("region", lambda p: [self.vocab.region_of(p.country)], list(self.vocab.regions)),
            facet("country", lambda p: [p.country]),
            facet("gcm", lambda p: p.gcm_objectives, list(range(1, 24))),
            facet("sdg", lambda p: p.sdg_targets, sorted(self.vocab.sdg_targets, key=sdg_target_key)),
            facet("network", lambda p: p.networks),
            facet("group", lambda p: p.target_groups),
            facet("level", lambda p: [p.government_level], list(self.vocab.government_levels)),
            facet("status", lambda p: [p.review_status], list(self.vocab.review_statuses)),
            facet("period", lambda p: [self.period_bucket(p)], [f"{low}-{high}" for low, high in PERIOD_BUCKETS]),
        ]

    def facet_values(self, practice: Practice) -> dict[str, str]:
        """The data-* attributes that the filter script reads."""
        return {
            "theme": " ".join(practice.themes),
            "region": self.vocab.region_of(practice.country) or "",
            "country": practice.country,
            "gcm": " ".join(map(str, self.objectives_in_order(practice))),
            "sdg": " ".join(self.targets_in_order(practice)),
            "group": " ".join(practice.target_groups),
            "network": " ".join(practice.networks),
            "level": practice.government_level,
            "status": practice.review_status,
            "period": self.period_bucket(practice),
        }

    def countries_by_region(self) -> list[tuple[str, list[str]]]:
        grouped = []
        for region in self.vocab.regions:
            countries = [c for c in self.by_country if self.vocab.region_of(c) == region]
            if countries:
                grouped.append((region, sorted(countries, key=lambda c: self.country(c).casefold())))
        return grouped

    # Pieces of pages, rendered once ----------------------------------------
    # Every practice appears in a dozen lists and shares its facts (a theme,
    # a country) with hundreds of others: each piece is rendered by its macro
    # in _macros.j2 the first time, then reused. Template calls are most of
    # the generator's time at thousands of entries (BENCHMARKS.md).
    @cached_property
    def _macros(self):
        return environment(self.lang).get_template("_macros.j2").make_module({})

    def practice_items(self, page: str, practices: Iterable[Practice]) -> list[str]:
        """The list items (macro practice_item) of ``practices`` on ``page``."""
        items = []
        for practice in practices:
            # The item depends on the page only through the link to the practice.
            key = (practice.slug, links.markdown_link(page, links.practice_page(practice.slug)))
            item = self._pieces.get(key)
            if item is None:
                item = self._pieces[key] = str(self._macros.practice_item(self, page, practice))
            items.append(item)
        return items

    def _fact_value(self, text: str, href: str | None, note: str = "") -> str:
        key = ("fact", text, href, note)
        value = self._pieces.get(key)
        if value is None:
            value = self._pieces[key] = str(self._macros.fact_value(text, href, note))
        return value

    def practice_facts(self, practice: Practice, page: str) -> list[tuple[str, list[str], str]]:
        """The facts panel of a practice page: (row label, [value as HTML],
        separator), each value rendered by the macro fact_value."""
        rows = self._practice_fact_rows(practice, page)
        return [(label, [self._fact_value(*value) for value in values], separator)
                for label, values, separator in rows]

    # A reader scans numbers in order; the entry's order carries one meaning
    # only (its first objective is the main one, practice.schema.json), said
    # in words on the page. The open data keeps the order the entry wrote.
    def objectives_in_order(self, practice: Practice) -> list[int]:
        return sorted(practice.gcm_objectives)

    def targets_in_order(self, practice: Practice) -> list[str]:
        return sorted(practice.sdg_targets, key=sdg_target_key)

    def objective_note(self, practice: Practice, number: int) -> str:
        """'main objective' beside the entry's first objective, when it has several."""
        if len(practice.gcm_objectives) > 1 and number == practice.gcm_objectives[0]:
            return self.gettext("main objective")
        return ""

    def _practice_fact_rows(self, practice: Practice, page: str) -> list[tuple[str, list[tuple], str]]:
        _ = self.gettext
        vocab = self.vocab
        region = vocab.region_of(practice.country)
        period = self.period(practice)
        # Each value: (text, address or None[, note after the link]).
        rows: list[tuple[str, list[tuple], str]] = [
            (_("City"), [(self.label(practice.city), links.url_link(page, links.city_page(self.city_of(practice).key)))], ""),
            (_("Country"), [(self.country(practice.country), links.url_link(page, links.country_page(practice.country)))], ""),
            (_("Region"), [(self.region(region), None)], ""),
            (_("Level of government"), [(self.label(vocab.government_levels[practice.government_level]), None)], ""),
            # Said to be running, but no source confirmed it in a year: the reader is told.
            (_("Period"), [(period, None, _("running, unconfirmed") if running_unconfirmed(practice, self.options.today) else "")],
             ""),
            (_("Themes"), [(self.label(vocab.themes[t]), links.url_link(page, links.theme_page(t))) for t in practice.themes], ", "),
            (_("GCM objectives"), [(f"{n}. {self.objective(n)}", links.url_link(page, links.gcm_page(n)), self.objective_note(practice, n))
                                   for n in self.objectives_in_order(practice)], "<br>"),
            (_("GCM guiding principles"), [(self.label(vocab.gcm_principles[p]), None) for p in practice.gcm_principles], ", "),
            (_("SDG targets"), [(t, links.url_link(page, links.sdg_page(t))) for t in self.targets_in_order(practice)], ", "),
            (_("Target groups"), [(self.label(vocab.target_groups[g]), None) for g in practice.target_groups], ", "),
            (_("Partners"), [(self.label(partner), None) for partner in practice.partners], "; "),
            (_("Networks"), [(self.label(vocab.networks[n].name), links.url_link(page, links.NETWORKS) + "#" + n) for n in practice.networks], ", "),
            (_("Last updated"), [(self.date(practice.last_updated), None)], ""),
        ]
        return [row for row in rows if row[1]]

    def review_mark(self, practice: Practice) -> str:
        """'Peer-reviewed by UCLG secretariat on 1 November 2026' for a
        peer-reviewed entry, as plain text, and what an editorial check is
        for an editor-checked one; '' for any other: a submission
        or a request for changes is the editors' business, not a claim a
        reader can lean on (the catalogue page says what peer review is)."""
        date = self.date(practice.review_date)
        if practice.review_status == "editor-checked":
            return self.gettext("Checked against its sources by %(by)s on %(date)s; not yet peer-reviewed") % {
                "by": practice.review_by, "date": date}
        if practice.review_status != "peer-reviewed":
            return ""
        if practice.review_by:  # always, for a checked entry (checks._review_findings)
            return self.gettext("Peer-reviewed by %(by)s on %(date)s") % {"by": practice.review_by, "date": date}
        return self.gettext("Peer-reviewed on %(date)s") % {"date": date}

    def peer_reviewed_count(self) -> int:
        return sum(1 for practice in self.practices if practice.review_status == "peer-reviewed")


def _page(template: str, view: CatalogueView, page: str, **context) -> str:
    env = environment(view.lang)
    return env.get_template(template).render(view=view, page=page, **context)


def catalogue_pages(
    practices: Iterable[Practice],
    vocabularies: Vocabularies,
    lang: str,
    options: CatalogueOptions | None = None,
    cache: BuildCache | None = None,
) -> dict[str, str | bytes]:
    """Every page and data file of the catalogue in ``lang``: path -> content
    (text; the link-preview cards, made when the site has an address, as PNG bytes).

    With a ``cache``, a practice's page is taken from the last build when
    the practice, the language and the options are the same; the pages
    that gather practices, when none of them changed."""
    view = CatalogueView(list(practices), vocabularies, lang, options or CatalogueOptions())
    if cache is None:
        gathering = _gathering_pages(view)
        practice_pages = {path: content for practice in view.practices for path, content in _practice_page(view, practice).items()}
    else:
        # A practice page does not depend on the day (only the feed, among
        # the gathering pages, does): yesterday's pages serve today.
        addresses = (view.options.site_url, view.options.edit_url)
        # Related practices depend on what the entries share, not on their
        # texts: the last build's serve while none of that changed.
        view.related_slugs(cache)
        # Its city's address too, which other entries can change (a homonym),
        # and how its related practices read (their titles, cities, countries).
        # Whether it is still confirmed as running (the day matters only there).
        keys = [cache_key("practice-page", lang, addresses, practice, view.city_of(practice).key,
                          _related_items(view, practice), running_unconfirmed(practice, view.options.today))
                for practice in view.practices]
        gathering = cached(cache, cache_key("gathering-pages", lang, view.options, keys), lambda: _gathering_pages(view))
        practice_pages = {}
        for practice, key in zip(view.practices, keys):
            practice_pages.update(cached(cache, key, lambda practice=practice: _practice_page(view, practice)))
        cache.save()
    # Link-preview cards (with a site address only), each drawn once per
    # content and kept as a file in the cache's folder for every language.
    cards = preview_cards(view, CardStore(cache.path.parent / "cards" if cache is not None and cache.path else None)) \
        if view.options.draw_cards else {}
    # The catalogue first, then the practices, as engines list them.
    return {links.CATALOGUE: gathering[links.CATALOGUE], **practice_pages, **gathering, **cards}


def _related_items(view: CatalogueView, practice: Practice) -> list[str]:
    return view.practice_items(links.practice_page(practice.slug), view.related[practice.slug])


def _practice_page(view: CatalogueView, practice: Practice) -> dict[str, str]:
    """A practice's page and its citation files."""
    page = links.practice_page(practice.slug)
    citation, files = practice_citation(view, practice), practice_files(practice.slug)
    cite = {"citation": citation, "files": files, "formats": CITATION_FORMATS}
    markdown = _page("practice.md.j2", view, page, practice=practice, city=view.city_of(practice),
                     related=view.related[practice.slug], cite=cite,
                     structured_data=practice_structured_data(view, practice), card=practice_card_meta(view, practice))
    return {page: markdown, **citation_files(citation, files)}


def _gathering_pages(view: CatalogueView) -> dict[str, str]:
    """The pages that gather practices (catalogue, objectives, targets,
    themes, countries, cities, map, dashboard, networks) and the data files."""
    vocabularies = view.vocab
    pages: dict[str, str] = {}
    pages[links.CATALOGUE] = _page("catalogue_index.md.j2", view, links.CATALOGUE, facets=view.facets(),
                                    related_count=RELATED_COUNT, structured_data=catalogue_structured_data(view),
                                    card=catalogue_card_meta(view))
    pages[links.GCM_INDEX] = _page("gcm_index.md.j2", view, links.GCM_INDEX)
    for number in vocabularies.gcm_objectives:
        page = links.gcm_page(number)
        pages[page] = _page("gcm_objective.md.j2", view, page, number=number, practices=view.by_objective.get(number, []))

    pages[links.SDG_INDEX] = _page("sdg_index.md.j2", view, links.SDG_INDEX)
    for target, practices_of_target in view.by_target.items():
        page = links.sdg_page(target)
        pages[page] = _page("sdg_target.md.j2", view, page, target=target, practices=practices_of_target)

    pages[links.THEMES_INDEX] = _page("themes_index.md.j2", view, links.THEMES_INDEX)
    for theme, practices_of_theme in view.by_theme.items():
        page = links.theme_page(theme)
        pages[page] = _page("theme.md.j2", view, page, theme=theme, practices=practices_of_theme)

    pages[links.COUNTRIES_INDEX] = _page("countries_index.md.j2", view, links.COUNTRIES_INDEX)
    for country, practices_of_country in view.by_country.items():
        page = links.country_page(country)
        pages[page] = _page("country.md.j2", view, page, country=country, practices=practices_of_country)
    for city in view.cities.values():
        page = links.city_page(city.key)
        pages[page] = _page("city.md.j2", view, page, city=city)

    pages[links.MAP] = _page(
        "map.md.j2", view, links.MAP,
        shapes=country_shapes(), graticule=graticule_path(), width=WIDTH, height=HEIGHT,
        points=(points := map_points(view, links.MAP)), map=map_views(view, points),
        cities_by_region=map_cities_by_region(view),
        countries_with_practices={code for code in view.by_country},
    )
    gcm_matrix = coverage_matrix(
        "gcm", view,
        [(n, f"{n}. {view.objective(n)}", links.url_link(links.DASHBOARD, links.gcm_page(n))) for n in vocabularies.gcm_objectives],
        lambda p: p.gcm_objectives,
    )
    sdg_matrix = coverage_matrix(
        "sdg", view,
        [(t, f"{t} {view.label(vocabularies.sdgs[vocabularies.sdg_of_target(t)])}",
          links.url_link(links.DASHBOARD, links.sdg_page(t)) if t in view.by_target else "")
         for t in vocabularies.sdg_targets],
        lambda p: p.sdg_targets,
    )
    pages[links.DASHBOARD] = _page("dashboard.md.j2", view, links.DASHBOARD, gcm=gcm_matrix, sdg=sdg_matrix)
    pages[links.NETWORKS] = _page("networks.md.j2", view, links.NETWORKS)
    pages[links.OPEN_DATA] = _page("open_data.md.j2", view, links.OPEN_DATA, csv_columns=CSV_COLUMNS,
                                   license=publication()["catalogue"]["license_title"],
                                   package_address=absolute(view.options.site_url, links.DATA_PACKAGE) or "datapackage.json")

    records = [practice_record(view, practice) for practice in view.practices]
    pages[links.JSON_DATA] = catalogue_json(view, records)
    pages[links.CSV_DATA] = catalogue_csv(view, records)
    pages[links.FEED] = atom_feed(view)
    pages[links.DATA_PACKAGE] = data_package(view)
    # The texts' citation files (their pages say how to cite them).
    for text in publication()["texts"]:
        pages.update(citation_files(text_citation(text, view.lang, view.options.site_url), text_files(text)))
    return pages
