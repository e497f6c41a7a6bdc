"""Event handlers of the ``cities`` plugin.

Each project (one per language) gets: each page's links to its other
languages; the pages it lacks, as virtual files that fall back on another
language with a notice; the catalogue's pages; the endorsing cities on the
paper; the release's version and PDFs. The pages themselves are made by
``generator.pages``; this module only hands them to the engine (ProperDocs).
"""

from __future__ import annotations

import os
import time
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import markdown
from jinja2.utils import htmlsafe_json_dumps
from properdocs.config.defaults import ProperDocsConfig
from properdocs.exceptions import PluginError
from properdocs.livereload import LiveReloadServer
from properdocs.plugins import BasePlugin
from properdocs.structure.files import File, Files, InclusionLevel
from properdocs.structure.pages import Page
from properdocs.utils import get_relative_url

from generator.build_cache import BuildCache
from generator.catalogue.endorsements import EndorsementsError, load_endorsements
from generator.catalogue.featured import FeaturedError, load_featured
from generator.catalogue.loading import CatalogueError, CatalogueReport, load_catalogue
from generator.catalogue.vocabularies import VOCABULARIES_DIR, load_vocabularies
from generator.i18n import language_from_environment, translations
from generator.languages import LanguagesError, markdown_pages, missing_pages, site_languages
from generator.mkdocs_plugin.config import CitiesPluginConfig
from generator.mkdocs_plugin.differential import PageReuse, keep_compiled_templates, theme_fingerprint
from generator.mkdocs_plugin.engine import engine_logger
from generator.mkdocs_plugin.material_bundle import BundleChanged, leave_language_links_alone
from generator.mkdocs_plugin.preview_output import PreviewOutput, under_title
from generator.mkdocs_plugin.raw_html import PassThroughHtml, anchor_ids
from generator.pages import print_editions
from generator.pages.catalogue_pages import CatalogueOptions, catalogue_pages
from generator.pages.endorsements import endorsements_section
from generator.pages.fallback import fallback_page
from generator.pages.home import MARKER as HIGHLIGHTS_MARKER
from generator.pages.home import home_highlights
from generator.pages.inert import active_content
from generator.pages.preview_problems import PROBLEMS_PAGE, preview_notice, preview_problem_pages
from generator.pages.propose import propose_page
from generator.pages.templating import TEMPLATES_DIR


class CitiesPlugin(BasePlugin[CitiesPluginConfig]):
    serving = False
    reuse: PageReuse | None = None  # the differential build's stores (with the cache)
    preview_errors: tuple = ()  # in the preview, the catalogue's errors
    preview_pages: dict = {}  # and the pages that show them
    preview_output: PreviewOutput | None = None  # a dirty preview's folder (publish serve)
    entries_cache: BuildCache | None = None  # the generator's stores, kept by the preview
    pages_cache: BuildCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # The preview shows an entry's errors as pages instead of stopping;
        # a build stays strict. (Defining this also keeps the plugin across
        # the preview's rebuilds; every build sets its state anew.)
        self.serving = command == "serve"
        # publish serve keeps its folder between rebuilds and writes what changed.
        self.preview_output = PreviewOutput() if self.serving and dirty else None

    def on_config(self, config: ProperDocsConfig) -> ProperDocsConfig:
        try:
            self.languages = site_languages()
        except LanguagesError as error:
            raise PluginError(str(error)) from None
        self.lang = self.config.language or self.languages.default
        if self.lang not in self.languages.codes:
            raise PluginError(
                f"the language to build is {self.lang!r}, but generator/languages.yml declares "
                f"{', '.join(self.languages.codes)}: add it there, or build one of those"
            )
        project_dir = Path(config.config_file_path).parent
        self.content_dir = project_dir / self.config.content_dir
        self.practices_dir = project_dir / self.config.practices_dir
        self.cache_dir = project_dir / self.config.cache_dir if self.config.cache else None
        _localize(config, self.lang, self.content_dir)
        # The generator's HTML blocks reach the page without the engine's HTML parsers (raw_html.py).
        config.markdown_extensions.append(PassThroughHtml())

        # The language with its territory, as link previews name it (og:locale).
        config.extra["locale"] = self.languages.locale(self.lang)
        # From this language's home to the site's root (where the search index is).
        config.extra["site_root"] = self.languages.relative_root(self.lang, self.languages.default)
        # The release this site belongs to, and its PDF per language.
        downloads = Path(self.config.downloads_dir) if self.config.downloads_dir else None
        editions = print_editions.read_print_editions(downloads, self.languages.codes) if downloads else []
        # Those already there are copied; a release puts the others in place
        # after the build (it renders them meanwhile).
        self.downloads = [downloads / e.file_name for e in editions if (downloads / e.file_name).is_file()]
        # Thematic editions are offered by the catalogue page, for its selection.
        self.editions = tuple(edition for edition in editions if edition.query and edition.lang == self.lang)
        config.extra["release"] = {
            "version": self.config.version or os.environ.get("SITE_VERSION", ""),
            "pdf": {edition.lang: f"downloads/{edition.file_name}" for edition in editions if not edition.query},
        }
        # The preview's address is the engine's (http://127.0.0.1:8000/), not
        # the site's: its pages are the pages of a build without an address
        # (no link-preview cards drawn, the build's stores reused).
        self.site_url = None if self.serving else config.site_url
        if config.site_url and self.lang != self.languages.default:
            config.site_url = urljoin(config.site_url, self.languages.root(self.lang))
        return config

    def on_env(self, env, config: ProperDocsConfig, files: Files):
        # Our own template strings (overrides/) go through the same gettext
        # catalogues as the generated pages.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(translations(self.lang), newstyle=True)
        # JSON the generator wrote as text (a page's schema.org data), escaped
        # for a script element by Jinja's own tojson escaping.
        env.filters["json_text"] = lambda text: htmlsafe_json_dumps(text, dumps=lambda same, **_: same)
        if self.cache_dir is not None:
            keep_compiled_templates(env, self.cache_dir)
        self.files = files
        if self.reuse is not None:
            # Every page is converted and the navigation has its titles: the
            # pages whose inputs did not change keep their last output.
            self.reuse.plan_pages(config, files, self.nav, theme_fingerprint(config.theme.dirs), self._alternates)
            self.reuse.wrap_templates(env)
        return env

    def on_nav(self, nav, config: ProperDocsConfig, files: Files):
        self.nav = nav
        return nav

    def on_pre_page(self, page: Page, config: ProperDocsConfig, files: Files) -> Page:
        if self.reuse is not None:
            self.reuse.wrap_conversion(page)
        return page

    def on_page_context(self, context: dict, page: Page, config: ProperDocsConfig, nav) -> dict:
        context["alternates"] = self._alternates(page)
        return context

    def _alternates(self, page: Page) -> list[dict]:
        # Where this page lives in each language, and whether it is a real
        # translation there (a fallback page is not, and must not be
        # announced as one through hreflang). Asked twice a page a build:
        # for its key, then for its template.
        known = self._alternates_by_page.get(page.file.src_uri)
        if known is None:
            known = self._alternates_by_page[page.file.src_uri] = self._page_alternates(page)
        return known

    def _page_alternates(self, page: Page) -> list[dict]:
        return [
            {
                "lang": code,
                "name": self.languages.menu_name(code),
                "root": self.languages.relative_root(self.lang, code),
                "translated": PurePosixPath(page.file.src_uri) in self.pages[code],
                "locale": self.languages.locale(code),
                "absolute": urljoin(self.site_url, self.languages.root(code) + page.url) if self.site_url else None,
            }
            for code in self.languages.codes
        ]

    def on_files(self, files: Files, config: ProperDocsConfig) -> Files:
        # Every plugin has set the configuration: the differential build's keys can read it.
        # The preview's rebuilds take the stores from memory and write them when it stops.
        previous = self.reuse if self.serving else None
        self.reuse = PageReuse(self.cache_dir, self.lang, self.serving, config, previous) if self.cache_dir else None
        self.nav = None
        self._alternates_by_page: dict[str, list[dict]] = {}
        self.pages = {code: markdown_pages(self.content_dir / code) for code in self.languages.codes}
        for page in missing_pages(self.content_dir, self.languages, self.lang):
            try:
                source = page.source_file.read_text(encoding="utf-8")
                content = fallback_page(source, self.languages, self.lang, page.source_lang)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                raise PluginError(f"{page.source_file}: cannot show it as a fallback page: {error}") from None
            files.append(File.generated(config, page.path.as_posix(), content=content))
        self._add_catalogue(files, config)
        for path in self.downloads:
            files.append(File.generated(config, f"downloads/{path.name}", abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV))
        if self.preview_output is not None:
            self.preview_output.start(files)
        return files

    def _say_preview_errors(self, config: ProperDocsConfig) -> None:
        """In the terminal too: each located error, in the contributor's
        language, and the page that shows them all (the preview goes on)."""
        lang = language_from_environment(self.languages.codes) or "en"
        for problem in self.preview_errors:
            engine_logger().info(str(problem.for_people(lang)))  # info: a warning would stop the strict build
        # The preview serves its one language at the root.
        page = PurePosixPath(PROBLEMS_PAGE).with_suffix("").as_posix() + "/"
        engine_logger().info(translations(lang).ngettext(
            "%(num)d error in the entries: the preview shows it at %(address)s until it is fixed",
            "%(num)d errors in the entries: the preview shows them at %(address)s until they are fixed",
            len(self.preview_errors)) % {"num": len(self.preview_errors),
                                          "address": f"http://{config.dev_addr.host}:{config.dev_addr.port}/{page}"})

    def _add_catalogue(self, files: Files, config: ProperDocsConfig) -> None:
        started = time.perf_counter()
        self.preview_errors, self.preview_pages, self._notices = (), {}, {}
        # The preview keeps the generator's stores in memory between rebuilds
        # (reading and writing them was a tenth of a rebuild at 1,000 entries).
        kept = self.serving and self.cache_dir is not None
        if kept:
            self.entries_cache = BuildCache(self.cache_dir, "entries", self.entries_cache, deferred=True)
        try:
            report = load_catalogue(self.practices_dir, root=Path.cwd(), cache_dir=self.cache_dir,
                                    cache=self.entries_cache if kept else None)
        except CatalogueError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            # The preview goes on with the valid entries, and shows the errors.
            report, self.preview_errors = error.report, error.report.errors
            broken = {(Path.cwd() / problem.file).resolve() for problem in self.preview_errors}
            report = CatalogueReport([p for p in report.practices if p.file.resolve() not in broken], files=report.files)
        # The release the site belongs to, if any: the data package's version.
        version = self.config.version or os.environ.get("SITE_VERSION") or None
        options = CatalogueOptions(site_url=None if self.serving else config.site_url, edit_url=self.config.edit_url, print_editions=self.editions,
                                   version=version, draw_cards=self.config.cards)
        self.practices, self.catalogue_options = report.practices, options
        in_nav = {item for item in _nav_paths(config.nav)}
        cache = BuildCache(self.cache_dir, f"pages-{self.lang}", self.pages_cache if kept else None, deferred=kept) if self.cache_dir else None
        self.pages_cache = cache
        self.catalogue_paths: set[str] = set()
        vocabularies = load_vocabularies()
        generated = [(path, content, True) for path, content in
                     catalogue_pages(report.practices, vocabularies, self.lang, options, cache).items()]
        # The form that writes an entry: made from the schema, not from
        # entries, it carries its script (so it is not in catalogue_paths).
        listed = [practice.slug for practice in report.practices]
        generated += [(path, content, False) for path, content in
                      propose_page(vocabularies, self.lang, self.config.edit_url, listed).items()]
        if self.preview_errors:
            taken = {path for path, _, _ in generated}
            self.preview_pages = preview_problem_pages(self.preview_errors, Path.cwd(), self.lang, taken)
            generated += [(path, content, True) for path, content in self.preview_pages.items()]
            self._say_preview_errors(config)
        for path, content, from_entries in generated:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{path} is generated from the catalogue: remove it from {self.content_dir / self.lang}")
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            if self.preview_output is not None and not path.endswith(".md"):
                files.append(self.preview_output.generated_file(config, path, content=content, inclusion=inclusion))
            else:
                files.append(File.generated(config, path, content=content, inclusion=inclusion))
            if from_entries:
                self.catalogue_paths.add(path)
            if path.endswith(".md"):
                # Every language gets the catalogue's pages: each is a translation.
                for pages in self.pages.values():
                    pages.add(PurePosixPath(path))
        # The generator's share of this build, which publish build reports.
        self.catalogue_seconds = time.perf_counter() - started

    def on_page_markdown(self, markdown: str, page: Page, config: ProperDocsConfig, files: Files) -> str:
        # A page asks for the catalogue's figures and cards with a marker line.
        if HIGHLIGHTS_MARKER in markdown:
            try:
                featured = load_featured(self.content_dir / "featured.yml", {p.slug for p in self.practices})
            except FeaturedError as error:
                raise PluginError(str(error)) from None
            section = home_highlights(self.practices, load_vocabularies(), self.lang, featured,
                                      self.catalogue_options, page.file.src_uri)
            markdown = markdown.replace(HIGHLIGHTS_MARKER, section, 1)
        # A page asks for the list of endorsing cities with `endorsements: true`.
        if not page.meta.get("endorsements"):
            return markdown
        try:
            endorsements = load_endorsements(self.content_dir / "endorsements.yml")
        except EndorsementsError as error:
            raise PluginError(str(error)) from None
        return markdown.rstrip() + "\n" + endorsements_section(endorsements, self.lang)

    def on_page_content(self, html: str, page: Page, config: ProperDocsConfig, files: Files) -> str:
        # Entry text reaches these pages; whatever got through the checks and
        # the escaping, a page that could act is not published. (HTML reused
        # from an earlier build was checked before it was kept.)
        reused = self.reuse is not None and page.file.src_uri in self.reuse.reused_conversions
        if page.file.src_uri in self.catalogue_paths and not reused:
            found = active_content(html)
            if found:
                raise PluginError(
                    f"{page.file.src_uri} would hold {found[0]}, which entries may not put in a page; "
                    f"the entry behind it gets through publish check: please report this as a bug"
                )
        # The ids of the HTML blocks handed through (raw_html.py), for the
        # engine's anchor check (a reused conversion has them in its store).
        if not reused:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(html)
        if self.reuse is not None:
            self.reuse.conversion_accepted(page)
        return html

    def on_template_context(self, context: dict, template_name: str, config: ProperDocsConfig) -> dict:
        # The 404 page is served at any address, so the engine gives it absolute
        # links from site_url's path, '/' when none is set. This language's
        # pages live under its folder: '/en/…', not '/…'.
        if template_name == "404.html" and not config.site_url and self.languages.root(self.lang):
            context["base_url"] = "/" + self.languages.root(self.lang).rstrip("/")
        return context

    def on_post_page(self, output: str, page: Page, config: ProperDocsConfig) -> str:
        if self.preview_errors and page.file.src_uri not in self.preview_pages:
            output = under_title(output, self._preview_notice(page, config))
        if self.preview_output is not None:
            return self.preview_output.page_output(output, page.file)
        return output

    def _preview_notice(self, page: Page, config: ProperDocsConfig) -> str:
        """The notice's HTML, made once per address of the list of errors."""
        problems = self.files.get_file_from_path(PROBLEMS_PAGE)
        link = get_relative_url(problems.url, page.url) if problems is not None else PROBLEMS_PAGE
        if link not in self._notices:
            self._notices[link] = markdown.markdown(
                preview_notice(self.preview_errors, self.lang, link),
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs,
            )
        return self._notices[link]

    def on_post_build(self, config: ProperDocsConfig) -> None:
        if self.preview_output is not None:
            self.preview_output.finish(self.files)
        try:
            leave_language_links_alone(Path(config.site_dir))
        except BundleChanged as error:
            raise PluginError(str(error)) from None
        if self.reuse is not None and not self.serving:
            self.reuse.save()

    def on_shutdown(self) -> None:
        if self.reuse is not None:  # the preview's stores, for the next one
            self.reuse.save()
        for cache in (self.entries_cache, self.pages_cache):
            if cache is not None:
                cache.flush()

    def on_serve(self, server: LiveReloadServer, config: ProperDocsConfig, builder) -> LiveReloadServer:
        # A page added or removed in another language changes this one's
        # fallbacks; an entry, a vocabulary or a page template changes the
        # catalogue's pages; the endorsements change the paper's page.
        watched = [self.content_dir / code for code in self.languages.others(self.lang)]
        watched += [self.practices_dir, VOCABULARIES_DIR, TEMPLATES_DIR, self.content_dir / "endorsements.yml",
                    self.content_dir / "featured.yml"]
        for path in watched:
            if path.exists():
                server.watch(str(path))
        return server


def _localize(config: ProperDocsConfig, lang: str, content_dir: Path) -> None:
    """What differs between the languages' builds of one mkdocs.yml: the
    folder of pages, the theme's language and the site's own strings (from
    the gettext catalogues, like every string we add)."""
    _ = translations(lang).gettext
    config.docs_dir = str(content_dir / lang)
    config.theme["language"] = lang
    config.site_name = _("Cities and Migration")
    config.site_description = _(
        "Cities' contribution to the UN Global Compacts on migration and on refugees, "
        "the local governance of migration, and a catalogue of city practices."
    )
    config.copyright = _("Metropolis · UCLG — texts published by the city network")
    footnotes = config.mdx_configs.setdefault("footnotes", {})
    footnotes["BACKLINK_TITLE"] = _("Back to footnote %d in the text")
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = _("Link to this section")


def _nav_paths(nav) -> list[str]:
    """The page paths that mkdocs.yml's nav lists."""
    if nav is None:
        return []
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    return [path for item in nav for path in _nav_paths(item)]
