"""The site's search index: Pagefind run over the built HTML, one index per
language, made again only for the languages whose pages changed.

Pagefind has no incremental mode, but its index of a language is made from
that language's pages alone (checked: the French files of an index of the
whole site and of an index of the French pages only are byte-identical;
``tests/test_search_index.py`` holds it). So a rebuild after a French entry
changed indexes the French pages again and keeps the English and Spanish
files of the previous site's index, and ``pagefind-entry.json`` lists them
all. What each language's index was made from (a hash of its pages,
Pagefind's version, the generator) is recorded in the generator's cache,
with the size and time of each page of the site as it was put in place: a
page of the previous site changed by hand since (its size or time differs)
has its language indexed anew.

Engine-free: it reads a folder of HTML pages, whatever made them.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.interrupts import interrupts_deferred

INDEX_FOLDER = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
RECORD_FILE = "search-index.json"
# Where Pagefind puts a language's files, named after its hash ("fr_b977cc3328").
_CHUNK_FOLDERS = ("fragment", "index", "filter")


class SearchIndexError(Exception):
    """Pagefind failed; the message carries what it printed."""


@dataclass(frozen=True)
class SearchIndexed:
    indexed: tuple[str, ...]  # languages indexed anew
    kept: tuple[str, ...]  # languages whose index was kept from the previous site


def page_language(relative: str, roots: Mapping[str, str]) -> str | None:
    """The language of a page of the site from its path (``en/about/index.html``):
    the language whose folder holds it, the one at the root otherwise. None
    for the search index's own files."""
    if relative.startswith(f"{INDEX_FOLDER}/"):
        return None
    default = None
    for lang, root in roots.items():
        if not root:
            default = lang
        elif relative.startswith(root):
            return lang
    return default


def _language_pages(site_dir: Path, roots: Mapping[str, str]) -> Iterator[tuple[str, str, Path]]:
    """(language, path in the site, file) of each HTML page of ``site_dir``,
    in the order of their paths; the search index's own files aside."""
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        lang = page_language(relative, roots)
        if lang is not None:
            yield lang, relative, path


def _hash_per_language(site_dir: Path, roots: Mapping[str, str], part: Callable[[str, Path], bytes]) -> dict[str, str]:
    digests = {lang: hashlib.blake2b(digest_size=20) for lang in roots}
    for lang, relative, path in _language_pages(site_dir, roots):
        digests[lang].update(part(relative, path))
    return {lang: digest.hexdigest() for lang, digest in digests.items()}


def pages_digests(site_dir: Path, roots: Mapping[str, str]) -> dict[str, str] | None:
    """Per language, a hash of its HTML pages (what Pagefind reads); None if
    there is no site."""
    if not site_dir.is_dir():
        return None
    return _hash_per_language(site_dir, roots, lambda relative, path: relative.encode() + b"\0" + path.read_bytes() + b"\0")


def pages_stats(site_dir: Path, roots: Mapping[str, str]) -> dict[str, str]:
    """Per language, a hash of its HTML pages' paths, sizes and modification
    times: what tells, without reading them, that pages were not touched."""
    def part(relative: str, path: Path) -> bytes:
        stat = path.stat()
        return f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
    return _hash_per_language(site_dir, roots, part)


def search_inputs(tree: Path, roots: Mapping[str, str]) -> dict:
    """What each language's search index of ``tree`` is made from: its pages,
    Pagefind's version and the generator (which runs Pagefind with its options)."""
    from generator.build_cache import generator_fingerprint

    try:
        pagefind = importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        pagefind = None
    return {"pages": pages_digests(tree, roots), "pagefind": pagefind, "generator": generator_fingerprint()}


def run_pagefind(site_dir: Path, output_dir: Path | None = None) -> None:
    """Run Pagefind over ``site_dir`` (one index per ``<html lang>``) into
    ``output_dir`` (``site_dir/pagefind`` by default), with the languages of
    ``pagefind-entry.json`` sorted so that two runs over the same pages are
    byte-identical (reproducible releases).

    Raises ``SearchIndexError`` with what Pagefind printed.
    """
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
        # Heading permalinks ("#") are not words of the page.
        "--exclude-selectors", "a.headerlink",
    ]
    if output_dir is not None:
        command += ["--output-path", str(output_dir)]
    process = None
    try:
        # Started and known together: an interrupt cannot leave it running
        # unseen, writing into a scratch folder being removed.
        with interrupts_deferred():
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        stdout, stderr = process.communicate()
    except BaseException:
        if process is not None:
            process.kill()
            process.communicate()
        raise
    if process.returncode != 0:
        raise SearchIndexError(f"the search index could not be built (pagefind):\n{stdout}{stderr}")
    entry = (output_dir or site_dir / INDEX_FOLDER) / ENTRY_FILE
    _write_entry(entry, json.loads(entry.read_text(encoding="utf-8")))


def _write_entry(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _language_files(index: Path, entry: dict, lang: str) -> list[Path] | None:
    """The files of ``lang``'s index in a Pagefind folder; None if the entry
    does not list the language or a file it names is missing."""
    described = entry.get("languages", {}).get(lang)
    if not isinstance(described, dict) or not isinstance(described.get("hash"), str):
        return None
    files = [index / f"pagefind.{described['hash']}.pf_meta", index / f"wasm.{described.get('wasm')}.pagefind"]
    if not all(path.is_file() for path in files):
        return None
    for folder in _CHUNK_FOLDERS:
        if (index / folder).is_dir():
            files += sorted((index / folder).glob(f"{lang}_*"))
    return files


def _kept_languages(previous: Path, inputs: dict, cache_dir: Path | None, roots: Mapping[str, str]) -> tuple[str, ...]:
    """The languages whose index in the previous site was made from the very
    pages this build made, by the same Pagefind and generator."""
    entry = _read_json(previous / INDEX_FOLDER / ENTRY_FILE)
    recorded = _read_json(cache_dir / RECORD_FILE) if cache_dir is not None else None
    if entry is None or recorded is None or not isinstance(recorded.get("pages"), dict):
        return ()
    if (recorded.get("pagefind"), recorded.get("generator")) != (inputs["pagefind"], inputs["generator"]):
        return ()
    same = {lang for lang, digest in inputs["pages"].items() if recorded["pages"].get(lang) == digest}
    if not same:
        return ()
    # The previous site is as it was put in place (each page's size and
    # time), or, without that record, its pages say the same.
    stats = recorded.get("stats")
    if isinstance(stats, dict) and previous.is_dir():
        untouched = pages_stats(previous, roots)
        same = {lang for lang in same if stats.get(lang) == untouched.get(lang)}
    else:
        on_disk = pages_digests(previous, roots) or {}
        same = {lang for lang in same if on_disk.get(lang) == inputs["pages"][lang]}
    return tuple(lang for lang in roots if lang in same and _language_files(previous / INDEX_FOLDER, entry, lang) is not None)


def _stage_pages(tree: Path, stage: Path, languages: Collection[str], roots: Mapping[str, str]) -> None:
    """Hard links (copies across file systems) to the pages of ``languages``,
    at their places in the site, for Pagefind to read those alone."""
    for lang, relative, path in _language_pages(tree, roots):
        if lang in languages:
            target = stage / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)


def index_site(
    tree: Path, roots: Mapping[str, str], previous: Path | None = None, cache_dir: Path | None = None,
) -> tuple[SearchIndexed, dict]:
    """Write ``tree``'s search index into ``tree/pagefind``, keeping from the
    ``previous`` site's index the languages whose pages did not change.
    Returns what was indexed and kept, and the inputs to ``remember`` once
    the site is in place."""
    inputs = search_inputs(tree, roots)
    kept = _kept_languages(previous, inputs, cache_dir, roots) if previous is not None else ()
    indexed = tuple(lang for lang in roots if lang not in kept)
    index = tree / INDEX_FOLDER
    if not indexed:
        shutil.copytree(previous / INDEX_FOLDER, index)  # type: ignore[operator]
    elif not kept:
        run_pagefind(tree)
    else:
        previous_index = previous / INDEX_FOLDER  # type: ignore[operator]
        stage = Path(tempfile.mkdtemp(prefix=".search-pages-", dir=tree.parent))
        try:
            _stage_pages(tree, stage, indexed, roots)
            run_pagefind(stage, index)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        old_entry = _read_json(previous_index / ENTRY_FILE) or {}
        entry = _read_json(index / ENTRY_FILE) or {}
        for lang in kept:
            for path in _language_files(previous_index, old_entry, lang) or ():
                target = index / path.relative_to(previous_index)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            entry.setdefault("languages", {})[lang] = old_entry["languages"][lang]
        _write_entry(index / ENTRY_FILE, entry)
    return SearchIndexed(indexed, kept), inputs


def remember(inputs: dict, cache_dir: Path | None, site_dir: Path, roots: Mapping[str, str]) -> None:
    """Record what the index of ``site_dir``, now in place, was made from,
    and its pages' sizes and times (atomically; a read-only checkout builds
    as well, only without reuse)."""
    if cache_dir is None:
        return
    inputs = {**inputs, "stats": pages_stats(site_dir, roots)}
    scratch = cache_dir / f".{RECORD_FILE}.{os.getpid()}"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        scratch.write_text(json.dumps(inputs), encoding="utf-8")
        os.replace(scratch, cache_dir / RECORD_FILE)
    except OSError:
        scratch.unlink(missing_ok=True)
