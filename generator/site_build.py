"""Build the whole multilingual site: one ProperDocs build per language, then
the search index, then an atomic swap into the target folder.

Every language is built from ``mkdocs.yml``: the ``cities`` plugin, told
which language to build, sets that language's folder of pages, theme
language and strings (generator/languages.yml declares the languages). Each
is built into a scratch folder next to the target; the target is replaced
only once everything succeeded, so a failed build never leaves a
half-written site behind.

Ctrl-C (SIGINT) or SIGTERM at any moment stops the build the same way: the
language builds (child processes) are ended, the scratch folder is removed,
the target is left as it was, and ``generator.interrupts.Interrupted`` is
raised. The children ignore the terminal's Ctrl-C (the parent ends them) and
die with the parent, so that they never print a traceback or outlive it; a
build killed outright (kill -9) leaves a scratch folder that the next build
removes.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import jinja2

# isort: split
# First of the engine: from here on, mkdocs.* imports (Material's) are ProperDocs'.
from generator.mkdocs_plugin.engine import engine_logger

# isort: split
from properdocs.commands.build import build as engine_build
from properdocs.config import load_config
from properdocs.config.defaults import ProperDocsConfig
from properdocs.exceptions import ProperDocsException

from generator.interrupts import become_worker, check_interrupted, interrupt_received, interruptible, interrupts_deferred
from generator.languages import LanguagesError, site_languages
from generator.pages.sitemap import add_alternates
from generator.search_index import SearchIndexError, index_site
from generator.search_index import remember as remember_search_index
from generator.site_cards import draw_site_cards, lower_priority, merge_tree
from generator.terminal import printable, printable_lines

# ProperDocs reads it when there is no properdocs.yml; Zensical reads it too,
# so the name stays.
DEFAULT_CONFIG = "mkdocs.yml"


class SiteBuildError(Exception):
    """The site could not be built; the message says why and what to do."""


@dataclass(frozen=True)
class BuiltSite:
    site_dir: Path
    languages: tuple[str, ...]
    pages: int
    seconds: float
    # The generator's part: reading and checking the entries (once), then
    # making each language's catalogue pages (the languages side by side).
    check_seconds: float = 0.0
    catalogue_seconds: dict[str, float] = field(default_factory=dict)
    # The differential build: per language, the pages rendered anew and those
    # whose inputs had not changed since the last build (their output kept);
    # whether the search index was kept from the previous site (no page changed).
    pages_rendered: dict[str, int] = field(default_factory=dict)
    pages_reused: dict[str, int] = field(default_factory=dict)
    search_reused: bool = False
    # The languages whose search index was made again (the others' were kept).
    search_indexed: tuple[str, ...] = ()


def language_projects(project_dir: Path) -> list[tuple[str, Path]]:
    """(language, config file) for each declared language, the default one
    first: the same mkdocs.yml for all.

    Raises ``SiteBuildError`` without mkdocs.yml or with a wrong
    languages.yml.
    """
    default = project_dir / DEFAULT_CONFIG
    if not default.is_file():
        raise SiteBuildError(f"{default}: not found; run this command from the project folder or give --project-dir")
    try:
        languages = site_languages()
    except LanguagesError as error:
        raise SiteBuildError(str(error)) from None
    return [(lang, default) for lang in languages.codes]


def _load(config_file: Path, **overrides: object) -> ProperDocsConfig:
    try:
        return load_config(str(config_file), **overrides)
    except ProperDocsException as error:
        raise SiteBuildError(f"{config_file.name}: {error}") from None


class _WarningCollector(logging.Handler):
    """Keeps the warnings the engine logs, to name them when strict mode aborts."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collect_warnings() -> Iterator[_WarningCollector]:
    collector = _WarningCollector()
    logger = engine_logger()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def build_language(config_file: Path, lang: str, out_dir: Path, cards: bool = True) -> ProperDocsConfig:
    """Build one language's project into ``out_dir`` with ProperDocs, strictly;
    ``cards``: whether the plugin draws the link-preview cards (the site
    build draws them itself, generator/site_cards.py).

    Raises ``SiteBuildError`` saying why, with the engine's warnings.
    """
    config = _load(config_file, site_dir=str(out_dir), strict=True)
    plugin = config.plugins.get("cities")
    if plugin is None:
        raise SiteBuildError(f"{config_file.name}: the 'cities' plugin is not in its plugins: it builds each language")
    plugin.config["language"] = lang
    plugin.config["cards"] = plugin.config["cards"] and cards
    with _collect_warnings() as warnings:
        try:
            engine_build(config)
        # What the pages and entries hold is quoted on lines of its own (printable).
        except jinja2.TemplateError as error:
            where = f"{error.filename}:{error.lineno}: " if isinstance(error, jinja2.TemplateSyntaxError) else ""
            raise SiteBuildError(
                f"the {lang} site did not build: template error: {printable(where)}{printable(error.message)}"
            ) from None
        except (ProperDocsException, OSError) as error:
            raise SiteBuildError(printable_lines(
                f"the {lang} site did not build ({config_file.name}): {printable(error)}",
                warnings.messages, indent="  - ",
            )) from None
        except Exception as error:  # a bug of ours or of a plugin: say so plainly
            raise SiteBuildError(
                f"the {lang} site did not build: unexpected {type(error).__name__}: {printable(error)}. "
                "This is a bug: please report it with the command you ran."
            ) from None
    return config


def _cache_dir(config_file: Path) -> Path | None:
    """The generator's cache folder, None if the cities plugin has it off."""
    plugin = _load(config_file).plugins.get("cities")
    if plugin is None or not plugin.config.cache:
        return None
    return config_file.parent / plugin.config.cache_dir


def _check_catalogue(config_file: Path) -> list:
    """Read and check the entries once, before the languages' builds fork:
    each finds them already loaded, and an invalid entry stops everything
    before any page is built. Returns the practices."""
    from generator.catalogue.loading import CatalogueError, load_catalogue

    plugin = _load(config_file).plugins.get("cities")
    if plugin is None:
        return []
    project_dir = config_file.parent
    practices = project_dir / plugin.config.practices_dir
    cache_dir = project_dir / plugin.config.cache_dir if plugin.config.cache else None
    if not practices.is_dir():
        return []
    try:
        return list(load_catalogue(practices, root=Path.cwd(), jobs=os.cpu_count() or 1, cache_dir=cache_dir).practices)
    except CatalogueError as error:
        # Each problem on a line of its own, whatever its file name holds.
        raise SiteBuildError(printable_lines(str(error).split("\n", 1)[0], error.report.errors)) from None


def _card_sites(config_file: Path) -> tuple[dict[str, tuple[str, str]], Path | None] | None:
    """Each language's folder in the site and address, and the cards' store,
    for the site build to draw the link-preview cards; None when there are
    none to draw (no site address, or the plugin's cards off)."""
    config = _load(config_file)
    plugin = config.plugins.get("cities")
    if plugin is None or not plugin.config.cards or not config.site_url:
        return None
    languages = site_languages()
    sites = {code: (languages.root(code), urljoin(config.site_url, languages.root(code))) for code in languages.codes}
    return sites, (config_file.parent / plugin.config.cache_dir / "cards" if plugin.config.cache else None)


def _cards_worker(results, parent: int, practices: list, sites: dict, store: Path | None, out_dir: Path) -> None:
    """The cards' drawing, in a forked child at the lowest priority: it
    sends back how many, or a SiteBuildError, never a traceback."""
    become_worker(parent)
    lower_priority()
    try:
        outcome: tuple[bool, object] = (True, draw_site_cards(practices, sites, store, out_dir))
    except BaseException as error:  # noqa: BLE001 (a bug of ours: say so plainly)
        outcome = (False, SiteBuildError(
            f"the link-preview cards could not be drawn: unexpected {type(error).__name__}: {printable(error)}. "
            "This is a bug: please report it with the command you ran."
        ))
    results.send(outcome)
    results.close()


class _CardDrawing:
    """The child process that draws the cards while the languages build."""

    def __init__(self, practices: list, sites: dict, store: Path | None, out_dir: Path) -> None:
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_cards_worker, args=(sender, os.getpid(), practices, sites, store, out_dir),
                                       name="cards", daemon=True)
        with interrupts_deferred():  # the child must not take a signal before it sets its handlers
            self.process.start()
        sender.close()

    def result(self) -> int:
        """Wait for the drawing to end; how many cards it made."""
        try:
            ok, value = self.receiver.recv()
        except EOFError:  # it died without a word: killed, out of memory
            self.process.join()
            raise SiteBuildError(
                f"the link-preview cards were not drawn: their process ended unexpectedly (exit status {self.process.exitcode})"
            ) from None
        finally:
            self.receiver.close()
        self.process.join()
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def stop(self) -> None:
        with interrupts_deferred():
            if self.process.pid is not None and self.process.exitcode is None:
                self.process.terminate()
                self.process.join(10)
                if self.process.exitcode is None:
                    self.process.kill()
                    self.process.join()
            self.receiver.close()


@dataclass(frozen=True)
class LanguageBuild:
    seconds: float
    catalogue_seconds: float  # of which making the catalogue's pages (the generator)
    rendered: int = 0  # pages rendered anew
    reused: int = 0  # pages whose last output was kept (nothing they show changed)


def _timed_build(config_file: Path, lang: str, out_dir: Path, cards: bool) -> LanguageBuild:
    started = time.perf_counter()
    config = build_language(config_file, lang, out_dir, cards)
    plugin = config.plugins.get("cities")
    reuse = getattr(plugin, "reuse", None)
    return LanguageBuild(time.perf_counter() - started, getattr(plugin, "catalogue_seconds", 0.0),
                         reuse.rendered if reuse else 0, reuse.reused if reuse else 0)


def _language_worker(results, parent: int, config_file: Path, lang: str, out_dir: Path, cards: bool) -> None:
    """One language's build, in a forked child: it sends back a
    LanguageBuild or a SiteBuildError, never a traceback."""
    become_worker(parent)
    try:
        outcome: tuple[bool, object] = (True, _timed_build(config_file, lang, out_dir, cards))
    except SiteBuildError as error:
        outcome = (False, error)
    except BaseException as error:  # noqa: BLE001 (a bug of ours or of a plugin: say so plainly)
        outcome = (False, SiteBuildError(
            f"the {lang} site did not build: unexpected {type(error).__name__}: {printable(error)}. "
            "This is a bug: please report it with the command you ran."
        ))
    results.send(outcome)
    results.close()


def _build_languages(
    projects: list[tuple[str, Path]], outputs: dict[str, Path], workers: int,
    done: Callable[[str, Path, LanguageBuild], None], cards: bool = True,
) -> None:
    """Build each language in a child process, ``workers`` at a time; call
    ``done`` for each in the order of ``projects``. On an error or an
    interrupt, the children still running are ended before this returns."""
    context = multiprocessing.get_context("fork")
    waiting = list(projects)
    running: dict[multiprocessing.connection.Connection, tuple[str, Path, multiprocessing.process.BaseProcess]] = {}
    finished: dict[str, LanguageBuild] = {}
    reported = 0
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                lang, config_file = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_language_worker, args=(sender, os.getpid(), config_file, lang, outputs[lang], cards),
                    name=f"build-{lang}", daemon=True,
                )
                running[receiver] = (lang, config_file, process)
                with interrupts_deferred():  # the child must not take a signal before it sets its handlers
                    process.start()
                sender.close()
            for receiver in multiprocessing.connection.wait(list(running)):
                lang, config_file, process = running.pop(receiver)
                try:
                    ok, value = receiver.recv()
                except EOFError:  # it died without a word: killed, out of memory
                    process.join()
                    raise SiteBuildError(
                        f"the {lang} site did not build: its process ended unexpectedly (exit status {process.exitcode})"
                    ) from None
                finally:
                    receiver.close()
                process.join()
                if not ok:
                    raise value  # type: ignore[misc]
                finished[lang] = value  # type: ignore[assignment]
            while reported < len(projects) and projects[reported][0] in finished:
                lang, config_file = projects[reported]
                done(lang, config_file, finished[lang])
                reported += 1
    finally:
        with interrupts_deferred():
            for _, _, process in running.values():
                if process.pid is not None:
                    process.terminate()
            for receiver, (_, _, process) in running.items():
                receiver.close()
                if process.pid is not None:
                    process.join(10)
                    if process.exitcode is None:
                        process.kill()
                        process.join()


def replace_folder(new: Path, target: Path, old: Path) -> None:
    """Put ``new`` in the place of ``target`` with two renames on one file
    system, so that readers and servers never see a half-written folder.
    The previous ``target``, if any, is moved to ``old`` (for the caller to
    delete)."""
    if target.exists():
        target.rename(old)
    new.rename(target)


SCRATCH_INFIX = ".build-"


def _scratch_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}{SCRATCH_INFIX}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's
        return True
    return True


def clear_stale_scratch(site_dir: Path) -> None:
    """Remove the scratch folders (``.site.build-<pid>-*``) that builds killed
    outright left beside ``site_dir``; the folder of a build still running is
    kept. If a killed build had moved the previous site aside and not yet put
    the new one in its place, the previous site is put back."""
    prefix = _scratch_prefix(site_dir)
    for folder in sorted(site_dir.parent.glob(f"{prefix}*")):
        owner = folder.name[len(prefix):].split("-", 1)[0]
        if owner.isdigit() and _alive(int(owner)) or not folder.is_dir():
            continue
        previous = folder / "previous"
        if previous.is_dir() and not site_dir.exists():
            previous.rename(site_dir)
        shutil.rmtree(folder, ignore_errors=True)


def build_site(
    project_dir: Path,
    site_dir: Path,
    progress: Callable[[str], None] = lambda message: None,
) -> BuiltSite:
    """Build every language into ``site_dir`` (default language at its root,
    the others in sub-folders) and index it for search.

    SIGINT or SIGTERM (in the main thread) raises
    ``generator.interrupts.Interrupted`` with no scratch folder and no child
    process left; its ``site_replaced`` attribute says whether it arrived
    only after ``site_dir`` had been replaced (else ``site_dir`` is as it was).

    Raises ``SiteBuildError`` when it cannot build (the message says why;
    ``site_dir`` is left as it was).
    """
    with interruptible():
        return _build_site(project_dir, site_dir, progress)


def _build_site(project_dir: Path, site_dir: Path, progress: Callable[[str], None]) -> BuiltSite:
    started = time.perf_counter()
    projects = language_projects(project_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clear_stale_scratch(site_dir)
    catalogue_seconds: dict[str, float] = {}
    rendered: dict[str, int] = {}
    reused: dict[str, int] = {}
    search_reused = False
    search_indexed: tuple[str, ...] = ()
    scratch: Path | None = None
    cards: _CardDrawing | None = None
    replaced = False
    try:
        try:
            with interrupts_deferred():  # the scratch folder is made and known together
                scratch = Path(tempfile.mkdtemp(prefix=f"{_scratch_prefix(site_dir)}{os.getpid()}-", dir=site_dir.parent))
            step = time.perf_counter()
            # Short, and it may fork readers for a large catalogue: a signal
            # takes effect when it ends (and the readers never see it).
            with interrupts_deferred():
                practices = _check_catalogue(projects[0][1])
            check_seconds = time.perf_counter() - step
            progress(f"checked {len(practices):,} catalogue entries in {check_seconds:.1f} s")
            default_lang = projects[0][0]
            tree = scratch / "site"
            outputs = {lang: tree if lang == default_lang else scratch / lang for lang, _ in projects}

            def built(lang: str, config_file: Path, result: LanguageBuild) -> None:
                catalogue_seconds[lang] = result.catalogue_seconds
                rendered[lang], reused[lang] = result.rendered, result.reused
                kept = f"; {result.rendered:,} pages rendered, {result.reused:,} unchanged" if result.rendered or result.reused else ""
                progress(f"built the {lang} pages from {config_file.name} in {result.seconds:.1f} s "
                         f"(of which the catalogue's pages {result.catalogue_seconds:.1f} s{kept})")

            # One process per language, side by side (each build is single-threaded).
            workers = max(1, min(len(projects), os.cpu_count() or 1))
            # The entries read above are shared by the forked builds: frozen, the
            # garbage collector of each build no longer walks them.
            gc.freeze()
            try:
                # The link-preview cards (with a site address) are drawn beside
                # the builds, in the CPU time they leave (site_cards.py).
                card_sites = _card_sites(projects[0][1])
                if card_sites is not None:
                    cards = _CardDrawing(practices, *card_sites, scratch / "cards")
                _build_languages(projects, outputs, workers, built, cards=card_sites is None)
            finally:
                gc.unfreeze()
            for lang, _ in projects[1:]:
                (scratch / lang).rename(tree / lang)
            step = time.perf_counter()
            cache_dir = _cache_dir(projects[0][1])
            languages = site_languages()
            roots = {code: languages.root(code) for code in languages.codes}
            try:
                search, search_inputs = index_site(tree, roots, site_dir, cache_dir)
            except SearchIndexError as error:
                raise SiteBuildError(str(error)) from None
            search_reused, search_indexed = not search.indexed, search.indexed
            seconds = time.perf_counter() - step
            if search_reused:
                progress(f"kept the search index, no page changed ({seconds:.1f} s)")
            elif search.kept:
                progress(f"indexed the search for {', '.join(search.indexed)} in {seconds:.1f} s "
                         f"(kept {', '.join(search.kept)}: no page changed)")
            else:
                progress(f"indexed the search in {seconds:.1f} s")
            # Search engines learn each page's other languages from its sitemap
            # (needs absolute addresses: only with a site address).
            site_url = os.environ.get("SITE_URL")
            if site_url:
                add_alternates(tree, site_url, roots)
            if cards is not None:
                step = time.perf_counter()
                drawn = cards.result()
                merge_tree(scratch / "cards", tree)
                progress(f"put {drawn:,} link-preview cards in place, drawn beside the builds "
                         f"({time.perf_counter() - step:.1f} s after them)")
            pages = sum(1 for _ in tree.rglob("index.html"))
            check_interrupted()  # one that a library caught and dropped still stops the build
            with interrupts_deferred():  # both renames, or neither
                if not interrupt_received():
                    replace_folder(tree, site_dir, scratch / "previous")
                    replaced = True
            if replaced:
                remember_search_index(search_inputs, cache_dir, site_dir, roots)
        finally:
            if cards is not None:
                cards.stop()
            if scratch is not None:
                with interrupts_deferred():
                    shutil.rmtree(scratch, ignore_errors=True)
    except KeyboardInterrupt as interrupt:
        interrupt.site_replaced = replaced  # type: ignore[attr-defined]
        raise
    return BuiltSite(site_dir, tuple(lang for lang, _ in projects), pages, time.perf_counter() - started,
                     check_seconds, catalogue_seconds, rendered, reused, search_reused, search_indexed)
