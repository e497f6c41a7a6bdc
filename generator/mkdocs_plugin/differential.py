"""The differential build: a page is rendered again only when what it shows
changed.

ProperDocs (like MkDocs 1.x) makes every page of every build twice over: it
converts the page's Markdown to HTML (``Page.render``, with its links checked
against the other files), then renders the theme's template around it
(``_build_page``). At 1,000 entries that is nine tenths of a language's build,
redone identically when one entry changed. Its ``--dirty`` option skips both
for files older than their output, which is wrong for this site: a page is
not only its file (the catalogue's pages are generated; every page shows the
navigation, whose titles come from other pages; the language's strings and
the templates change pages whose source did not), and a page it skips keeps
no title, table of contents or anchors, so the navigation and the anchor
checks of the others go wrong.

Here each stage is kept under a key of everything it reads, and reused only
when the key is the same:

1. **Markdown to HTML**, per page: the page's Markdown as the engine is
   about to convert it (after every plugin's ``on_page_markdown``), its
   source and destination paths, the Markdown settings, the engine's and
   Markdown's versions and the generator (``build_cache.cache_key``). The
   links a page holds resolve against the other files: the conversion
   records each file it looked up (and what it found), and the stored result
   is reused only if every lookup gives the same answer today, so a page
   whose link target was removed is converted again and warns again. A
   conversion that logged a warning, or whose HTML the plugin refused, is
   not kept. What is restored is what ``Page.render`` sets: the HTML, the
   table of contents, the title, the anchors it has and the anchors it links
   to (which the engine's anchor check reads, for every page, every build).
   (A Markdown extension that read other files, such as pymdownx.snippets,
   would need those files in this key; mkdocs.yml configures none.)
2. **Template to page**, per page: the page's HTML, title, table of
   contents, metadata, addresses and language alternates, with the whole
   navigation (each item's title and address), the configuration the
   templates can read (everything but paths of this build and the plugins'
   objects), the theme (Material's version, the bytes of ``overrides/``)
   and the generator (its templates, vocabularies, strings, languages).

Whatever is not per page is rendered by the engine every time, as before:
the static files, ``sitemap.xml``, ``404.html``; the search index is the
site build's (``generator/site_build.py``). The stores live in the
generator's cache folder (``build_cache.BuildCache``: only what the last
build used, written atomically), one per language, the templates' one apart
for ``publish serve`` (its pages carry the preview's address).

Hooks: the conversion is wrapped per page in ``on_pre_page`` (the engine calls
``page.render`` right after the Markdown events); the template is wrapped
in ``on_env``, where every page has been converted and the navigation has
its titles, so the key of each page is known before any page is rendered.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from properdocs.structure.files import File, Files
from properdocs.structure.pages import Page

from generator.build_cache import BuildCache, cache_key

# Configuration that does not reach a page: where this build writes, the
# plugins' objects (whose options reach pages through what they set), the
# server's address (its pages carry site_url instead), deployment settings.
_NOT_SHOWN = frozenset({
    "site_dir", "plugins", "hooks", "watch", "dev_addr", "config_file_path", "strict",
    "remote_branch", "remote_name", "google_analytics",
})
_ENGINE_PACKAGES = ("properdocs", "markdown", "mkdocs-material", "pymdown-extensions", "jinja2")


def _versions() -> str:
    found = []
    for name in _ENGINE_PACKAGES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=absent")
    return ";".join(found)


def _folder_digest(folder: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def theme_fingerprint(dirs: list[str]) -> str:
    """The theme's folders: those of installed packages by the packages'
    versions, the others (``overrides/``) by their bytes."""
    import sysconfig

    installed = {Path(sysconfig.get_paths()[kind]).resolve() for kind in ("purelib", "platlib")}
    parts = [_versions()]
    for folder in map(Path, dirs):
        resolved = folder.resolve()
        if any(resolved.is_relative_to(root) for root in installed):
            parts.append(f"{folder}: installed")
        elif resolved.is_dir():
            parts.append(f"{folder}: {_folder_digest(resolved)}")
    return "\n".join(parts)


def _stable(value, depth: int = 0) -> str:
    """A text of ``value`` that is the same in every process for the same
    value (``repr`` of a set follows the process's hash seed)."""
    if depth > 8:
        return repr(value)
    if isinstance(value, (str, int, float, bool, type(None))):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_stable(k, depth + 1)}:{_stable(v, depth + 1)}" for k, v in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_stable(item, depth + 1) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_stable(item, depth + 1) for item in value) + "]"
    if hasattr(value, "__dict__"):
        return f"{type(value).__name__}({_stable(vars(value), depth + 1)})"
    return repr(value)


def shown_configuration(config) -> str:
    """What of the configuration templates and pages can show, as text."""
    return "\n".join(f"{name}={_stable(config[name])}" for name in sorted(config.keys()) if name not in _NOT_SHOWN)


def _toc(items) -> list:
    return [(item.title, item.id, item.level, getattr(item, "active", False), _toc(item.children)) for item in items]


def _nav(items) -> list:
    return [(type(item).__name__, item.title, getattr(item, "url", None), _nav(getattr(item, "children", None) or []))
            for item in items]


@dataclass
class _Converted:
    """What ``Page.render`` sets, and the lookups it made."""
    content: str
    toc: bytes  # pickled when converted: templates may mark its items later
    title: str | None
    present_anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]]  # by the target's source path
    lookups: dict[str, tuple | None]


def _answer(file: File | None) -> tuple | None:
    return None if file is None else (file.src_uri, file.url, file.inclusion.name)


class _RecordingFiles:
    """The files, as the Markdown conversion looks them up; each lookup is kept."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, tuple | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = _answer(found)
        return found

    def __getattr__(self, name: str):
        return getattr(self._files, name)


class _WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageReuse:
    """The two stores of one language's build, and what this build did with
    them (``converted``/``rendered`` pages done anew, the others reused)."""

    def __init__(self, cache_dir: Path | None, lang: str, serving: bool, config, previous: PageReuse | None = None) -> None:
        """``previous``: the last build's, in a preview (its stores are taken
        as they are in memory)."""
        self.conversions = BuildCache(cache_dir, f"converted-{lang}", previous and previous.conversions)
        self.pages = BuildCache(cache_dir, f"rendered-{lang}-{'serve' if serving else 'build'}", previous and previous.pages)
        self._markdown_settings = cache_key(
            "markdown", _versions(), _stable(config["markdown_extensions"]), _stable(config["mdx_configs"]),
            config["use_directory_urls"], _stable(config["validation"]),
        )
        self._pending: dict[str, tuple[str, _Converted]] = {}
        self.reused_conversions: set[str] = set()
        self._page_keys: dict[str, str] = {}
        self._reused_pages: dict[str, str] = {}
        self.converted = self.rendered = self.reused = 0

    # 1. Markdown to HTML ------------------------------------------------------

    def wrap_conversion(self, page: Page) -> None:
        """Have ``page.render`` (called by the engine once its Markdown is
        final) reuse the last conversion of the same Markdown."""
        self.reused_conversions.discard(page.file.src_uri)
        page.render = lambda config, files: self._convert(page, config, files)  # type: ignore[method-assign]

    def _convert(self, page: Page, config, files: Files) -> None:
        key = cache_key("converted", self._markdown_settings, page.markdown, page.file.src_uri, page.url,
                        page.file.inclusion.name)
        stored = self.conversions.get(key)
        if isinstance(stored, _Converted) and self._restore(page, stored, files):
            self.reused_conversions.add(page.file.src_uri)
            return
        recording = _RecordingFiles(files)
        warnings = _WarningCount()
        logger = logging.getLogger("properdocs")
        logger.addHandler(warnings)
        try:
            Page.render(page, config, recording)  # type: ignore[arg-type]
        finally:
            logger.removeHandler(warnings)
        self.converted += 1
        if warnings.count:
            return  # it warns again next time
        assert page.content is not None
        self._pending[page.file.src_uri] = (key, _Converted(
            page.content, pickle.dumps(page.toc, protocol=5), page._title_from_render, set(page.present_anchor_ids or ()),
            {target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()},
            recording.lookups,
        ))

    @staticmethod
    def _restore(page: Page, stored: _Converted, files: Files) -> bool:
        if any(_answer(files.get_file_from_path(path)) != answer for path, answer in stored.lookups.items()):
            return False
        links = {}
        for src_uri, anchors in stored.links_to_anchors.items():
            target = page.file if src_uri == page.file.src_uri else files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = dict(anchors)
        page.content, page.toc = stored.content, pickle.loads(stored.toc)
        page._title_from_render = stored.title
        page.present_anchor_ids = set(stored.present_anchor_ids)
        page.links_to_anchors = links
        return True

    def conversion_accepted(self, page: Page) -> None:
        """The plugin found the converted HTML fit to publish: keep it."""
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is not None:
            key, converted = pending
            converted.present_anchor_ids = set(page.present_anchor_ids or ())  # as the plugin completed them
            self.conversions.put(key, converted)

    # 2. Template to page ------------------------------------------------------

    def plan_pages(self, config, files: Files, nav, theme: str, alternates: Callable[[Page], list]) -> None:
        """The key of every page, now that all are converted and the
        navigation has its titles; the pages whose output can be reused."""
        shared = cache_key("rendered", theme, shown_configuration(config), _nav(nav.items) if nav else None)
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            key = cache_key(
                shared, file.src_uri, file.dest_uri, file.inclusion.name, page.url, page.canonical_url, page.edit_url,
                page.title, page.is_homepage, page.content, _toc(page.toc),
                json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False), alternates(page),
            )
            self._page_keys[file.src_uri] = key
            stored = self.pages.get(key)
            if isinstance(stored, str):
                self._reused_pages[file.src_uri] = stored

    def wrap_templates(self, env) -> None:
        """The engine asks the environment for each page's template: give it
        one that returns the page's last output when its key is the same."""
        get_template = env.get_template

        def page_template(name, parent=None, globals=None):
            template = get_template(name, parent, globals)
            # Jinja's own includes and extends name their parent; the engine's call does not.
            return template if parent is not None else _ReusingTemplate(template, self)

        env.get_template = page_template

    def render(self, template, context) -> str:
        page = context.get("page")
        src_uri = page.file.src_uri if isinstance(page, Page) else None
        if src_uri in self._reused_pages:
            self.reused += 1
            return self._reused_pages[src_uri]
        output = template.render(context)
        if src_uri in self._page_keys:
            self.rendered += 1
            self.pages.put(self._page_keys[src_uri], output)
        return output

    def save(self) -> None:
        self.conversions.save()
        self.pages.save()


def keep_compiled_templates(env, cache_dir: Path) -> None:
    """Keep the theme's templates compiled (Jinja's bytecode) from one build
    to the next: compiling Material's templates costs a few tenths of a
    second a build. Jinja checks each template's source against its
    bytecode; the folder's name holds what else compilation depends on (the
    versions, the generator that configures the environment)."""
    import jinja2

    folder = cache_dir / f"templates-{cache_key('templates', _versions())[:16]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("templates-*"):
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:  # a read-only checkout builds as well
        return
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


class _ReusingTemplate:
    def __init__(self, template, reuse: PageReuse) -> None:
        self._template, self._reuse = template, reuse

    def render(self, context) -> str:  # the engine's call: one context
        return self._reuse.render(self._template, context)

    def __getattr__(self, name: str):
        return getattr(self._template, name)
