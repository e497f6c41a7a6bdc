"""Build the whole bilingual site: one MkDocs project per language, then the
search index, then an atomic swap into the target folder.

The default language's project is ``mkdocs.yml``; every other language has
``mkdocs.<lang>.yml``, which inherits it. Each is built into a scratch folder
next to the target; the target is replaced only once everything succeeded, so
a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

# Material prints a banner about MkDocs 2.0 at every build; our builds pin
# MkDocs 1.6 and the maintenance plan lives in the README.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

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


def language_projects(project_dir: Path) -> list[tuple[str, Path]]:
    """(language, config file) for each language, the default one first."""
    default = project_dir / DEFAULT_CONFIG
    if not default.is_file():
        raise SiteBuildError(f"{default}: not found; run this command from the project folder or give --project-dir")
    projects = [(_theme_language(default), default)]
    for config_file in sorted(project_dir.glob("mkdocs.*.yml")):
        projects.append((config_file.name.split(".")[1], config_file))
    return projects


def _theme_language(config_file: Path) -> str:
    config = _load(config_file)
    return config.theme["language"]


def _load(config_file: Path, **overrides: object) -> MkDocsConfig:
    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as error:
        raise SiteBuildError(f"{config_file.name}: {error}") from None


class _WarningCollector(logging.Handler):
    """Keeps the warnings MkDocs logs, to name them when strict mode aborts."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collect_warnings() -> Iterator[_WarningCollector]:
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def build_language(config_file: Path, lang: str, out_dir: Path) -> MkDocsConfig:
    """Build one language's MkDocs project into ``out_dir``, strictly."""
    config = _load(config_file, site_dir=str(out_dir), strict=True)
    if config.theme["language"] != lang:
        raise SiteBuildError(
            f"{config_file.name}: theme.language is {config.theme['language']!r}, "
            f"but the file name says {lang!r}"
        )
    with _collect_warnings() as warnings:
        try:
            mkdocs_build(config)
        except jinja2.TemplateError as error:
            where = f"{error.filename}:{error.lineno}: " if isinstance(error, jinja2.TemplateSyntaxError) else ""
            raise SiteBuildError(f"the {lang} site did not build: template error: {where}{error.message}") from None
        except (MkDocsException, OSError) as error:
            details = "\n".join(f"  - {message}" for message in warnings.messages)
            raise SiteBuildError(
                f"the {lang} site did not build ({config_file.name}): {error}"
                + (f"\n{details}" if details else "")
            ) from None
        except Exception as error:  # a bug of ours or of a plugin: say so plainly
            raise SiteBuildError(
                f"the {lang} site did not build: unexpected {type(error).__name__}: {error}. "
                "This is a bug: please report it with the command you ran."
            ) from None
    return config


def _check_catalogue(config_file: Path) -> int:
    """Read and check the entries once, before the languages' builds fork:
    each finds them already loaded, and an invalid entry stops everything
    before any page is built. Returns how many entries there are."""
    from generator.catalogue.loading import CatalogueError, load_catalogue

    plugin = _load(config_file).plugins.get("cities")
    if plugin is None:
        return 0
    project_dir = config_file.parent
    practices = project_dir / plugin.config.practices_dir
    cache_dir = project_dir / plugin.config.cache_dir if plugin.config.cache else None
    if not practices.is_dir():
        return 0
    try:
        return len(load_catalogue(practices, root=Path.cwd(), jobs=os.cpu_count() or 1, cache_dir=cache_dir).practices)
    except CatalogueError as error:
        raise SiteBuildError(str(error)) from None


@dataclass(frozen=True)
class LanguageBuild:
    seconds: float
    catalogue_seconds: float  # of which making the catalogue's pages (the generator)


def _timed_build(config_file: Path, lang: str, out_dir: Path) -> LanguageBuild:
    started = time.perf_counter()
    config = build_language(config_file, lang, out_dir)
    plugin = config.plugins.get("cities")
    return LanguageBuild(time.perf_counter() - started, getattr(plugin, "catalogue_seconds", 0.0))


def index_search(site_dir: Path) -> None:
    """Run Pagefind over the built HTML: one index per ``<html lang>``."""
    result = subprocess.run(
        [
            sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
            # Heading permalinks ("#") are not words of the page.
            "--exclude-selectors", "a.headerlink",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SiteBuildError(f"the search index could not be built (pagefind):\n{result.stdout}{result.stderr}")
    # Pagefind lists the languages in hash-map order: sort them, so that two
    # builds of the same pages are byte-identical (reproducible releases).
    entry = site_dir / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target`` with two renames on one file
    system, so that readers and servers never see a half-written folder."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(
    project_dir: Path,
    site_dir: Path,
    progress: Callable[[str], None] = lambda message: None,
) -> BuiltSite:
    """Build every language into ``site_dir`` (default language at its root,
    the others in sub-folders) and index it for search."""
    started = time.perf_counter()
    projects = language_projects(project_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    catalogue_seconds: dict[str, float] = {}
    try:
        step = time.perf_counter()
        entries = _check_catalogue(projects[0][1])
        check_seconds = time.perf_counter() - step
        progress(f"checked {entries:,} catalogue entries in {check_seconds:.1f} s")
        default_lang = projects[0][0]
        tree = scratch / "site"
        outputs = {lang: tree if lang == default_lang else scratch / lang for lang, _ in projects}
        # One process per language, side by side (each build is single-threaded).
        workers = max(1, min(len(projects), os.cpu_count() or 1))
        # The entries read above are shared by the forked builds: frozen, the
        # garbage collector of each build no longer walks them.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = {lang: pool.submit(_timed_build, config_file, lang, outputs[lang]) for lang, config_file in projects}
                for lang, config_file in projects:
                    built = futures[lang].result()  # re-raises the build's SiteBuildError
                    catalogue_seconds[lang] = built.catalogue_seconds
                    progress(f"built the {lang} pages from {config_file.name} in {built.seconds:.1f} s "
                             f"(of which the catalogue's pages {built.catalogue_seconds:.1f} s)")
        finally:
            gc.unfreeze()
        for lang, _ in projects[1:]:
            (scratch / lang).rename(tree / lang)
        step = time.perf_counter()
        index_search(tree)
        progress(f"indexed the search in {time.perf_counter() - step:.1f} s")
        pages = sum(1 for _ in tree.rglob("index.html"))
        replace_folder(tree, site_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return BuiltSite(site_dir, tuple(lang for lang, _ in projects), pages, time.perf_counter() - started,
                     check_seconds, catalogue_seconds)
