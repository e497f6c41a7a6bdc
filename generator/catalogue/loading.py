"""Load every practice file, check it, and report every problem at once."""

from __future__ import annotations

import datetime
import multiprocessing
import os
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import Path

from generator.build_cache import BuildCache, cache_key
from generator.catalogue.checks import check_entry
from generator.catalogue.messages import N_
from generator.catalogue.model import Practice
from generator.catalogue.problems import Problem, field_path
from generator.catalogue.schema import schema_issues
from generator.catalogue.vocabularies import Vocabularies, load_vocabularies
from generator.catalogue.yaml_source import YAMLSourceError, read_located_yaml, read_plain_file

PRACTICE_SUFFIX = ".yml"


@dataclass
class CatalogueReport:
    """What a check found: the valid practices and every problem, sorted by
    file and line."""

    practices: list[Practice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class CatalogueError(Exception):
    """The catalogue has errors; ``report`` lists them."""

    def __init__(self, report: CatalogueReport) -> None:
        count = len(report.errors)
        messages = "\n".join(f"  {problem}" for problem in report.errors)
        super().__init__(
            f"the catalogue has {count} error{'s' if count != 1 else ''}; fix "
            f"{'them' if count != 1 else 'it'} (publish check lists them too):\n{messages}"
        )
        self.report = report


Stray = tuple[Path, str, str]  # path, why it is not an entry, what to do


def scan_practices(practices_dir: Path) -> tuple[list[Path], list[Stray]]:
    """One look at the practices folder: the plain files a contributor may
    have meant as entries (.yml, or .yaml to be told to rename it), and
    everything else, each with why it is not an entry and what to do.
    Nothing in it is skipped without a word, and no link is followed."""
    if not practices_dir.is_dir():
        return [], []
    files: list[Path] = []
    strays: list[Stray] = []
    for entry in sorted(os.scandir(practices_dir), key=lambda entry: entry.name):
        path = Path(entry.path)
        why = _not_an_entry(entry)
        if why:
            strays.append((path, *why))
        else:
            files.append(path)
    return files, strays


def _not_an_entry(entry: os.DirEntry) -> tuple[str, str] | None:
    if entry.is_symlink():
        return (N_("is a symbolic link; entries are plain files, and links are not followed"),
                N_("replace the link with the file itself"))
    if entry.is_dir(follow_symlinks=False):
        return (N_("is a folder; the practices folder holds one file per entry and nothing else"),
                N_("move the files it holds up into practices/ or out of it"))
    if not entry.is_file(follow_symlinks=False):
        return (N_("is not a plain file"), N_("remove it: an entry is one YAML file"))
    if entry.name.startswith("."):
        return (N_("is a hidden file; it would not be published"),
                N_("remove it, or rename it without the leading dot if it is an entry"))
    if Path(entry.name).suffix.lower() not in (".yml", ".yaml"):
        return (N_("is not a practice entry: entries are files named <slug>%(suffix)s") % {"suffix": PRACTICE_SUFFIX},
                N_("move it out of practices/, or rename it if it is an entry"))
    return None


def _display(path: Path, root: Path | None) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix() if root else path.as_posix()
    except ValueError:
        return path.as_posix()


def check_text(text: str, file_name: str, vocabularies: Vocabularies, *, shown: str,
               today: datetime.date | None = None) -> list[Problem]:
    """The problems of ``text`` as a practice file named ``file_name`` would
    hold it, checked in a scratch folder before anything is written, and
    located under the name ``shown``."""
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / file_name
        draft.write_text(text, encoding="utf-8")
        _, problems = check_file(draft, vocabularies, today=today)
    return [replace(problem, file=shown) for problem in problems]


def check_file(
    path: Path,
    vocabularies: Vocabularies,
    *,
    root: Path | None = None,
    today: datetime.date | None = None,
) -> tuple[Practice | None, list[Problem]]:
    """Read and check one practice file: the practice if it has no error, and
    every problem found."""
    today = today or datetime.date.today()
    shown = _display(path, root)
    if path.suffix != PRACTICE_SUFFIX:
        return None, [Problem(shown, 1, 1, "file", N_("practice files end in %(suffix)s") % {"suffix": PRACTICE_SUFFIX},
                              N_("rename it to %(name)s") % {"name": path.stem + PRACTICE_SUFFIX})]
    try:
        document = read_located_yaml(path)
    except YAMLSourceError as error:
        return None, [Problem(shown, error.line, error.column, error.layer, error.message, error.hint)]

    problems = [
        Problem(shown, line, column, field_path(key_path), message, N_("delete one of the two lines"))
        for (line, column), key_path, message in document.duplicate_keys
    ] + [
        Problem(shown, line, column, field_path(value_path) or "yaml", message, hint)
        for (line, column), value_path, message, hint in document.misread_values
    ]
    if not isinstance(document.data, dict):
        problems.append(Problem(shown, 1, 1, "file", "a practice file is a list of 'field: value' lines",
                                "start from the template: publish new --help"))
        return None, problems
    misread = {value_path for _, value_path, _, _ in document.misread_values}
    # A misread value is reported as such, not again as the wrong type.
    issues = [issue for issue in schema_issues(document.data) if issue.path not in misread]
    for issue in issues:
        line, column = document.position(issue.where, key=issue.at_key)
        problems.append(Problem(shown, line, column, field_path(issue.path) or "file", issue.message, issue.hint))
    # A value the schema already refused is not checked again.
    refused = {issue.path for issue in issues}
    for finding_path, message, hint, severity in check_entry(document.data, path.stem, vocabularies, today):
        if finding_path in refused:
            continue
        # A missing translation is about the field as a whole: point at its name.
        line, column = document.position(finding_path, key=severity == "warning")
        problems.append(Problem(shown, line, column, field_path(finding_path), message, hint, severity))

    problems.sort()
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return Practice.from_data(document.data, path), problems


def _declared_slug(path: Path) -> str | None:
    """The slug a file declares, even when the file has other errors."""
    try:
        data = read_located_yaml(path).data
    except YAMLSourceError:
        return None
    slug = data.get("slug") if isinstance(data, dict) else None
    return slug if isinstance(slug, str) else None


FileResult = tuple[Practice | None, list[Problem], str | None]  # practice, problems, declared slug
# Below this many files, starting processes costs more than it saves.
PARALLEL_FROM = 400


def _check_chunk(paths: list[Path], root: Path | None, today: datetime.date) -> list[FileResult]:
    vocabularies = load_vocabularies()
    results = []
    for path in paths:
        practice, problems = check_file(path, vocabularies, root=root, today=today)
        results.append((practice, problems, practice.slug if practice else _declared_slug(path)))
    return results


def _check_files(
    paths: list[Path], root: Path | None, today: datetime.date, jobs: int, cache: BuildCache | None,
) -> list[FileResult]:
    """check_file on each path: from the cache for a file read before as it
    is now, else in ``jobs`` processes for a large catalogue (parsing YAML
    is most of the time, and it is CPU work)."""
    if cache is None:
        return _check_uncached(paths, root, today, jobs)
    keys = [_file_key(path, root, today) for path in paths]
    results: list[FileResult | None] = [cache.get(key) if key else None for key in keys]
    unread = [index for index, result in enumerate(results) if result is None]
    for index, result in zip(unread, _check_uncached([paths[index] for index in unread], root, today, jobs)):
        results[index] = result
        if keys[index]:
            cache.put(keys[index], result)
    cache.save()
    return results  # type: ignore[return-value]


def _file_key(path: Path, root: Path | None, today: datetime.date) -> str | None:
    """What a file's result depends on: its bytes, its path (the practice
    records it, and publish sources writes to it) and the name it is shown
    under, and today's date (dates in the future are errors)."""
    try:
        return cache_key("practice-file", str(path), _display(path, root), today, read_plain_file(path))
    except YAMLSourceError:
        return None  # refused unread anyway


def _check_uncached(paths: list[Path], root: Path | None, today: datetime.date, jobs: int) -> list[FileResult]:
    jobs = min(jobs, len(paths) // (PARALLEL_FROM // 2) or 1)
    if jobs <= 1:
        return _check_chunk(paths, root, today)
    # Forked, so the children need not import anything; contiguous chunks
    # keep the results in the files' order.
    size = -(-len(paths) // jobs)
    chunks = [paths[start:start + size] for start in range(0, len(paths), size)]
    with ProcessPoolExecutor(max_workers=len(chunks), mp_context=multiprocessing.get_context("fork")) as pool:
        return [result for chunk in pool.map(_check_chunk, chunks, repeat(root), repeat(today)) for result in chunk]


def check_practices(
    practices_dir: Path,
    *,
    only: list[Path] | None = None,
    root: Path | None = None,
    today: datetime.date | None = None,
    jobs: int = 1,
    cache_dir: Path | None = None,
    cache: BuildCache | None = None,
) -> CatalogueReport:
    """Check every practice file (or ``only`` these), then what no single file
    can tell (a slug used twice). ``jobs`` > 1 reads a large catalogue in
    that many processes (forked: not from a process that runs threads);
    ``cache_dir`` keeps each file's result for the next check, or ``cache``,
    a store the caller keeps (the preview, in memory between rebuilds).

    Wrong entries are in the report it returns, not raised.
    """
    files, strays = scan_practices(practices_dir)
    report = CatalogueReport(files=len(only) if only is not None else len(files))
    checked = {path.resolve() for path in only} if only is not None else None
    slugs: dict[str, list[Path]] = defaultdict(list)
    to_read = files if only is None else sorted(set(files) | set(only))
    for path, (practice, problems, slug) in zip(to_read, _check_files(
        to_read, root, today or datetime.date.today(), jobs, cache or (BuildCache(cache_dir, "entries") if cache_dir else None),
    )):
        if slug:
            slugs[slug].append(path)
        if checked is not None and path.resolve() not in checked:
            continue  # read for the cross-file checks only
        report.problems.extend(problems)
        if practice:
            report.practices.append(practice)
    if only is None:
        for path, message, hint in strays:
            report.problems.append(Problem(_display(path, root), 1, 1, "file", message, hint))
    for slug, paths in slugs.items():
        paths.sort(key=lambda path: path.stem != slug)  # blame the file not named after it
        for path in paths[1:]:
            report.problems.append(Problem(
                _display(path, root), 1, 1, "slug",
                N_("%(slug)s is already the slug of %(file)s") % {"slug": repr(slug), "file": _display(paths[0], root)},
                N_("give each practice its own slug and file name"),
            ))
    report.problems.sort()
    report.practices.sort(key=lambda practice: practice.slug)
    return report


_loaded: dict[tuple, CatalogueReport] = {}


def _signature(practices_dir: Path, root: Path | None) -> tuple:
    files, strays = scan_practices(practices_dir)
    stats = tuple((path.name, stat.st_mtime_ns, stat.st_size) for path in files for stat in (path.stat(),))
    return (str(practices_dir.resolve()), str(root), datetime.date.today(), stats, tuple(str(path) for path, _, _ in strays))


def load_catalogue(
    practices_dir: Path, *, root: Path | None = None, jobs: int = 1, cache_dir: Path | None = None,
    cache: BuildCache | None = None,
) -> CatalogueReport:
    """The valid practices, or ``CatalogueError`` listing every error.

    A catalogue whose files have not changed since it was last read in this
    process is not read again: the site build reads it once, before the
    language builds fork, and each of them finds it here."""
    signature = _signature(practices_dir, root)
    report = _loaded.get(signature)
    if report is None:
        report = check_practices(practices_dir, root=root, jobs=jobs, cache_dir=cache_dir, cache=cache)
        _loaded.clear()
        _loaded[signature] = report
    if report.errors:
        raise CatalogueError(report)
    return report
