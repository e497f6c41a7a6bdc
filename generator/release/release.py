"""`publish release`: everything a release holds, made in one go, in order,
into dist/<version>/, which appears only once every step has succeeded."""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.build_cache import DEFAULT_CACHE_DIR
from generator.catalogue.endorsements import EndorsementsError, load_endorsements
from generator.catalogue.loading import CatalogueError, load_catalogue
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import Vocabularies, load_vocabularies
from generator.i18n import translations
from generator.interrupts import become_worker, interrupts_deferred
from generator.languages import site_languages
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView, City
from generator.pages.citation import citation_cff, publication
from generator.pages.citation import label as in_language
from generator.pages.print_editions import EDITION, REPORT, REPORT_FORMATS, PrintEdition, write_print_editions
from generator.release.archive import write_reproducible_tarball
from generator.release.declared_editions import DeclaredEditions, DeclaredEditionsError, load_declared_editions
from generator.release.notes import catalogue_changes
from generator.release.pdf import write_pdf
from generator.release.print_document import edition_html, edition_title, print_html
from generator.release.selection import Selection, SelectionError, catalogue_cities, parse_selection

VERSION = re.compile(r"[0-9][0-9A-Za-z.\-]{0,30}")  # matched whole: it names a folder and files
NAME = "cities-migration"


class ReleaseError(Exception):
    """The release could not be made; the message says why and what to do."""


@dataclass
class Release:
    folder: Path
    files: list[Path]
    seconds: float


def source_date_epoch(project_dir: Path) -> int:
    """The release's timestamp: SOURCE_DATE_EPOCH, or the last commit's date,
    so that two releases of one commit are identical.

    Raises ``ReleaseError`` if SOURCE_DATE_EPOCH is not a number of seconds.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project_dir, capture_output=True, text=True, check=True)
        return int(result.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        raise ReleaseError("no date for the release: run it in the git repository, or set SOURCE_DATE_EPOCH") from None


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _notes(version: str, date: datetime.date, changes, practices, files: list[Path]) -> str:
    lines = [f"# {NAME} {version}", "", f"Date: {date.isoformat()}", ""]
    for lang in site_languages().codes:
        _ = translations(lang).gettext
        titles = {p.slug: p.text("title", lang)[0] for p in practices}
        lines += [f"## {_('Changes in the catalogue')} ({lang})", ""]
        since = _("since %(tag)s") % {"tag": changes.previous} if changes.previous else _("first release")
        lines.append(f"{_('%(count)s practices') % {'count': len(practices)}}, {since}:")
        lines.append("")
        for label, slugs in ((_("Added"), changes.added), (_("Updated"), changes.updated), (_("Removed"), changes.removed)):
            lines.append(f"- {label} ({len(slugs)})" + (":" if slugs else ""))
            lines += [f"  - {titles.get(slug, slug)} (`{slug}`)" for slug in slugs]
        lines.append("")
    data = publication()
    url = os.environ.get("SITE_URL")
    reference = f"{in_language(data['network'], 'en')} ({date.year}). {in_language(data['catalogue']['title'], 'en')}, version {version}." \
        + (f" {url}" if url else "")
    lines += ["## How to cite this release", "", reference, "", "(`CITATION.cff` says the same for reference managers.)", ""]
    lines += ["## Files", ""] + [f"- `{path.name}`" for path in files] + [""]
    return "\n".join(lines)


def report_file(selection: Selection, lang: str, suffix: str, version: str | None = None) -> str:
    """'cities-migration-report-city-amsterdam-nl-en.pdf'; in a release,
    'cities-migration-2026.1-report-city-amsterdam-nl-en.pdf', as its editions
    are named."""
    return f"{NAME}-{version + '-' if version else ''}report-{selection.slug}-{lang}.{suffix}"


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render: the full edition in a language, or a thematic
    edition (``selection``) in a language, printed as a digest when it
    holds more than ``digest_above`` practices (None: in full), or the
    follow-up report of ``selection`` in a language (``report``), its PDF
    with its Markdown and its CSV."""

    lang: str
    file_name: str
    selection: Selection | None = None
    digest_above: int | None = None
    report: bool = False

    @property
    def label(self) -> str:
        if self.selection is None:
            return f"{self.lang} PDF"
        if self.report:
            return f"{self.lang} report {self.selection.query}"
        return f"{self.lang} edition {self.selection.query}" + (" (digest)" if self.digest_above is not None else "")

    @property
    def file_names(self) -> list[str]:
        """Every file the job writes: a report's PDF, Markdown and CSV."""
        if not self.report:
            return [self.file_name]
        return [str(Path(self.file_name).with_suffix(suffix)) for suffix in REPORT_FORMATS]


# What every worker process needs, sent once to each (initializer) rather
# than with each PDF: thousands of practices pickle in a second.
_WORKER: dict = {}


def _start_worker(parent: int, project_dir: Path, practices, endorsements, version: str, date: datetime.date,
                  site_url: str | None) -> None:
    become_worker(parent)  # as the site's language builds
    _WORKER.update(project_dir=project_dir, practices=practices, endorsements=endorsements, version=version, date=date,
                   site_url=site_url)


def _render(job: PdfJob, folder: Path) -> tuple[PdfJob, int, float]:
    """Render ``job`` into ``folder``; its number of pages and seconds."""
    started = time.perf_counter()
    w = _WORKER
    if job.report:
        # report.py builds on this module (its names, its errors): imported where it is used.
        from generator.release.report import write_language_report

        _, pages = write_language_report(w["practices"], load_vocabularies(), job.selection, job.lang, folder,
                                         project_dir=w["project_dir"], date=w["date"], version=w["version"],
                                         site_url=w["site_url"])
        return job, pages, time.perf_counter() - started
    if job.selection is None:
        html = print_html(w["project_dir"] / "content", job.lang, w["practices"], load_vocabularies(), w["endorsements"],
                          version=w["version"], date=w["date"], site_url=w["site_url"])
    else:
        html = edition_html(job.lang, w["practices"], load_vocabularies(), job.selection, version=w["version"],
                            date=w["date"], site_url=w["site_url"], digest_above=job.digest_above)
    pages = write_pdf(html, folder / job.file_name, base_dir=w["project_dir"])
    return job, pages, time.perf_counter() - started


class PdfRendering:
    """Renders PDFs in worker processes, ``workers`` at a time (WeasyPrint
    holds a whole book in memory and uses one core), while the caller does
    something else (builds the site); reports each PDF as it is done, with
    those left. Leaving the ``with`` block on an error ends the workers."""

    def __init__(self, jobs: list[PdfJob], folder: Path, workers: int, report: Callable[[str], None], **shared) -> None:
        self.jobs, self.folder, self.report = jobs, folder, report
        self.left = [job.label for job in jobs]
        self.pages: dict[str, int] = {}
        self._lock = threading.Lock()
        # fork where there is one: the workers start at once, with the
        # generator already imported.
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self._futures = []
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                         initializer=functools.partial(_start_worker, os.getpid(), **shared))
        try:
            # The workers are forked at the first submit: a signal must not
            # strike one before it sets its own handlers.
            with interrupts_deferred():
                for job in jobs:
                    future = self._pool.submit(_render, job, folder)
                    future.add_done_callback(self._done)
                    self._futures.append(future)
        except BaseException:
            self._stop()
            raise

    def _done(self, future) -> None:
        if future.cancelled() or future.exception() is not None:
            return
        job, count, seconds = future.result()
        with self._lock:
            self.pages[job.file_name] = count
            self.left.remove(job.label)
            # Named while a reader can take them in; past that, the next ones.
            shown = ", ".join(self.left[:3]) + (", …" if len(self.left) > 3 else "")
            rest = f"{len(self.left)} left: {shown}" if self.left else "none left"
            self.report(f"rendered the {job.label}: {count} pages ({seconds:.1f} s); {rest}")

    def still_left(self) -> str:
        with self._lock:
            return f"{len(self.left)} PDF{'s' if len(self.left) != 1 else ''} left" if self.left else "no PDF left"

    def wait(self) -> dict[str, int]:
        """Wait for every PDF (the first error is raised); file name -> pages."""
        for future in self._futures:
            future.result()
        return self.pages

    def __enter__(self) -> PdfRendering:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self._pool.shutdown(wait=True)
            return
        self._stop()

    def _stop(self) -> None:
        """A failure elsewhere, or an interrupt: no PDF is worth finishing."""
        with interrupts_deferred():
            # Before Python 3.14 (terminate_workers) the executor offers no
            # way to end a running worker: its private map of processes is
            # the one handle, read defensively (None once shut down).
            workers = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.terminate()
            for process in workers:
                process.join(10)


def pdf_workers(jobs: int) -> int:
    """As many processes as cores, and no more than PDFs (RELEASE_WORKERS
    sets it, e.g. 1 on a machine short of memory)."""
    wanted = os.environ.get("RELEASE_WORKERS", "")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(int(wanted) if wanted.isdigit() and int(wanted) > 0 else cores, jobs))


def site_address() -> str | None:
    """The published site's address (SITE_URL), ending in '/', if it has one."""
    url = os.environ.get("SITE_URL", "").strip()
    return url if not url or url.endswith("/") else url + "/"


def edition_form(count: int, declared: DeclaredEditions) -> str:
    """What the progress says of an edition's form, and why: 'a digest
    (more than 50 practices: digest_above, print-editions.yml:12)'."""
    limit = f"digest_above, {declared.threshold_source}" if declared.threshold_source != "the default" else \
        "the default digest_above; content/print-editions.yml may set it"
    if declared.is_digest(count):
        return f"a digest (more than {declared.digest_above} practices: {limit})"
    return f"in full (at most {declared.digest_above} practices: {limit})"


def wanted_languages(languages: list[str] | None) -> list[str]:
    """``--lang`` values in the order given, once each (all the site's
    languages for none); ReleaseError names any the site does not have."""
    known = site_languages().codes
    wanted = list(dict.fromkeys(languages or known))
    unknown = [lang for lang in wanted if lang not in known]
    if unknown:
        raise ReleaseError(f"--lang {', '.join(unknown)}: the site's languages are {', '.join(known)} "
                           "(generator/languages.yml)")
    return wanted


def dated_catalogue(project_dir: Path) -> tuple[list[Practice], Vocabularies, datetime.date]:
    """The valid practices, the vocabularies and the release date (the last
    commit's, or SOURCE_DATE_EPOCH); ReleaseError lists the catalogue's errors."""
    date = datetime.datetime.fromtimestamp(source_date_epoch(project_dir), tz=datetime.UTC).date()
    try:
        # The build's record of each entry's check, where the project keeps it:
        # at 5,000 entries a report or an edition no longer checks them all again.
        cache_dir = project_dir / DEFAULT_CACHE_DIR
        practices = load_catalogue(project_dir / "practices", root=Path.cwd(),
                                   cache_dir=cache_dir if cache_dir.is_dir() else None).practices
    except CatalogueError as error:
        raise ReleaseError(str(error)) from None
    return practices, load_vocabularies(), date


def make_edition(
    project_dir: Path,
    selection_text: str,
    out_dir: Path,
    languages: list[str] | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> list[Path]:
    """A thematic edition now, without a release (a booklet for a
    conference): the PDF of ``selection_text`` in each of ``languages`` (all
    the site's by default) into ``out_dir``, dated and named as a release's
    are (the version is the date). An existing file of the same name is
    replaced only once the new one is whole.

    Raises ``ReleaseError`` (a wrong selection or language, a PDF that could
    not be rendered); ``generator.interrupts.Interrupted`` on SIGINT or
    SIGTERM.
    """
    languages = wanted_languages(languages)
    practices, vocabularies, date = dated_catalogue(project_dir)
    view = CatalogueView(practices, vocabularies, languages[0], CatalogueOptions(today=date))
    # city= names a city of the catalogue: read first.
    cities = catalogue_cities(view)
    try:
        # The team's threshold: an edition of more practices is a digest.
        declared = load_declared_editions(project_dir / "content" / "print-editions.yml", vocabularies, cities)
    except DeclaredEditionsError as error:
        raise ReleaseError(str(error)) from None
    try:
        selection = parse_selection(selection_text, vocabularies, cities)
    except SelectionError as error:
        raise ReleaseError(str(error)) from None
    count = sum(selection.matches(view, practice) for practice in view.practices)
    if not count:
        raise ReleaseError(f"{selection.query}: no practice of the catalogue matches it; "
                           "check it on the catalogue page's filters")
    digest_above = declared.digest_above if declared.is_digest(count) else None
    jobs = [PdfJob(lang, f"{NAME}-{date.isoformat()}-{selection.slug}-{lang}.pdf", selection, digest_above)
            for lang in languages]
    workers = pdf_workers(len(jobs))
    matching = "1 practice matches" if count == 1 else f"{count} practices match"
    progress(f"{matching} {selection.query}: {edition_form(count, declared)}; "
             f"rendering {len(jobs)} PDF{'s' if len(jobs) > 1 else ''} ({workers} at a time)")
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".edition-", dir=out_dir))
    try:
        with PdfRendering(jobs, scratch, workers, progress, project_dir=project_dir, practices=practices, endorsements=[],
                          version=date.isoformat(), date=date, site_url=site_address()) as rendering:
            rendering.wait()
        for job in jobs:
            (scratch / job.file_name).replace(out_dir / job.file_name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [out_dir / job.file_name for job in jobs]


def _declared(project_dir: Path, vocabularies: Vocabularies, cities: Mapping[str, City],
              editions: list[str]) -> tuple[DeclaredEditions, dict[Selection, str]]:
    """The team's list (content/print-editions.yml) and the editions to
    make: {selection: where it was asked for}, the list's, then --edition."""
    try:
        declared = load_declared_editions(project_dir / "content" / "print-editions.yml", vocabularies, cities)
        where = dict(declared.selections)
        for text in editions:
            where.setdefault(parse_selection(text, vocabularies, cities), f"--edition {text}")
    except DeclaredEditionsError as error:
        raise ReleaseError(str(error)) from None
    except SelectionError as error:
        raise ReleaseError(f"--edition: {error}") from None
    return declared, where


def make_release(
    project_dir: Path,
    version: str,
    dist_dir: Path,
    progress: Callable[[str], None] = lambda line: None,
    editions: list[str] = (),
) -> Release:
    """Make the release ``version`` into ``dist_dir``/``version``: the full
    edition in each language, a thematic edition in each language for each
    selection of content/print-editions.yml and of ``editions`` (e.g.
    'gcm=16', 'region=150&theme=housing'), the follow-up reports that file
    declares, the site offering them, its archive, notes and checksums.

    Raises ``ReleaseError`` (the message says what to do; a ``dist_dir``
    folder it made is removed), ``generator.site_build.SiteBuildError`` from
    the site's build, ``generator.interrupts.Interrupted`` on SIGINT or
    SIGTERM.
    """
    from generator.site_build import SiteBuildError, build_site  # the engine, at the edge

    started = time.perf_counter()
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"{version!r} is not a version name: use digits, letters, dots and hyphens, e.g. 2026.1")
    target = (dist_dir / version).resolve()
    if target.exists():
        raise ReleaseError(f"{target} already exists: choose another version, or remove that folder first")
    vocabularies = load_vocabularies()
    epoch = source_date_epoch(project_dir)
    date = datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC).date()
    languages = site_languages().codes
    steps = ["check the catalogue", "render the PDFs and build the site", "archive the site",
             "write the release notes and checksums"]
    done: list[str] = []

    @contextmanager
    def step(label: str) -> Iterator[None]:
        """Step ``label`` (what it did), reported once done with the next one."""
        number, started_step = len(done) + 1, time.perf_counter()
        yield
        done.append(label)
        after = f"; next: {steps[number]}" if number < len(steps) else ""
        progress(f"[{number}/{len(steps)}] {label} ({time.perf_counter() - started_step:.1f} s){after}")

    created = not dist_dir.exists()  # removed again if the release fails: a mistake changes nothing
    dist_dir.mkdir(parents=True, exist_ok=True)
    scratch = dist_dir / f".{version}.partial-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        with step("checked the catalogue"):
            try:
                report = load_catalogue(project_dir / "practices", root=Path.cwd())
                endorsements = load_endorsements(project_dir / "content" / "endorsements.yml")
            except CatalogueError as error:
                raise ReleaseError(str(error)) from None
            except EndorsementsError as error:
                raise ReleaseError(str(error)) from None
            view = CatalogueView(report.practices, vocabularies, languages[0], CatalogueOptions(today=date))
            # A selection may name a city (city=lisbon-pt): checked against
            # the catalogue's, so read once the catalogue is.
            cities = catalogue_cities(view)
            declared, where = _declared(project_dir, vocabularies, cities, editions)
            selections = list(where)
            counts = {selection: sum(selection.matches(view, practice) for practice in view.practices)
                      for selection in [*selections, *declared.reports]}
            for selection, count in counts.items():
                if not count:
                    said = where.get(selection) or declared.reports[selection]
                    raise ReleaseError(f"{said}: no practice of the catalogue matches it; "
                                       "check it on the catalogue page's filters, or leave it out")

        # The site links to the PDFs by name (downloads.json) and is built
        # while they render, side by side: both then share the cores.
        downloads, pdf_folder = scratch / "downloads", scratch / "pdfs"
        pdf_folder.mkdir()
        jobs = [PdfJob(lang, f"{NAME}-{version}-{lang}.pdf") for lang in languages]
        # An edition of more practices than the team's threshold is a digest.
        jobs += [PdfJob(lang, f"{NAME}-{version}-{selection.slug}-{lang}.pdf", selection,
                        declared.digest_above if declared.is_digest(counts[selection]) else None)
                 for selection in selections for lang in languages]
        # Each report in each language: its PDF, Markdown and CSV.
        jobs += [PdfJob(lang, report_file(selection, lang, "pdf", version), selection, report=True)
                 for selection in declared.reports for lang in languages]
        titles = {lang: CatalogueView([], vocabularies, lang, CatalogueOptions(today=date)) for lang in languages}
        write_print_editions(downloads, [
            PrintEdition(job.file_name, job.lang) if job.selection is None else
            PrintEdition(name, job.lang, job.selection.query, edition_title(job.selection, titles[job.lang], cities),
                         REPORT if job.report else EDITION)
            for job in jobs for name in job.file_names
        ])
        workers = pdf_workers(len(jobs))
        during = f"[2/{len(steps)}] "
        for selection in selections:
            count = counts[selection]
            progress(f"{during}edition {selection.query}: {count} practice{'s' if count != 1 else ''}, "
                     f"{edition_form(count, declared)}")
        for selection in declared.reports:
            count = counts[selection]
            progress(f"{during}report {selection.query}: {count} practice{'s' if count != 1 else ''}, "
                     f"its PDF, Markdown and CSV in {', '.join(languages)}")
        progress(f"{during}rendering {len(jobs)} PDFs ({workers} at a time) while the site builds: "
                 + ", ".join(job.label for job in jobs))
        with step("rendered the PDFs and built the site"), \
                PdfRendering(jobs, pdf_folder, workers, lambda line: progress(during + line), project_dir=project_dir,
                             practices=report.practices, endorsements=endorsements, version=version, date=date,
                             site_url=site_address()) as rendering:
            site_started = time.perf_counter()
            with _environment(SOURCE_DATE_EPOCH=str(epoch), SITE_VERSION=version, RELEASE_DOWNLOADS=str(downloads)):
                try:
                    build_site(project_dir, scratch / "site", progress=lambda line: progress(f"{during}site: {line}"))
                except SiteBuildError as error:
                    raise ReleaseError(str(error)) from None
            progress(f"{during}built the site ({time.perf_counter() - site_started:.1f} s); {rendering.still_left()}")
            rendering.wait()
        # Every language's site offers every PDF, as the site build would
        # have copied them had they been there.
        for lang in languages:
            folder = scratch / "site" / site_languages().root(lang) / "downloads"
            folder.mkdir(parents=True, exist_ok=True)
            for name in (name for job in jobs for name in job.file_names):
                shutil.copyfile(pdf_folder / name, folder / name)

        archive = scratch / f"{NAME}-site-{version}.tar.gz"
        with step("archived the site"):
            write_reproducible_tarball(scratch / "site", archive, prefix=f"{NAME}-site-{version}", mtime=epoch)

        pdfs = [pdf_folder / name for job in jobs for name in job.file_names]
        files = [archive] + [shutil.move(str(pdf), scratch / pdf.name) and scratch / pdf.name for pdf in pdfs]
        with step("wrote the release notes and checksums"):
            # How to cite this release: its CITATION.cff, and its reference in the notes.
            citation = scratch / "CITATION.cff"
            citation.write_text(citation_cff(version, date, os.environ.get("SITE_URL") or None), encoding="utf-8")
            files.append(citation)
            current = {p.slug: p.last_updated.isoformat() for p in report.practices}
            notes = scratch / "RELEASE-NOTES.md"
            notes.write_text(_notes(version, date, catalogue_changes(project_dir, version, current), report.practices, files),
                             encoding="utf-8")
            files.append(notes)
            sums = "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in sorted(files))
            (scratch / "SHA256SUMS").write_text(sums, encoding="utf-8")
        shutil.rmtree(scratch / "site")
        shutil.rmtree(downloads)
        shutil.rmtree(pdf_folder)
        scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):  # only if still empty
                dist_dir.rmdir()
        raise
    final = sorted(target.iterdir())
    return Release(target, final, time.perf_counter() - started)
