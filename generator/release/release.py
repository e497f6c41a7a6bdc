"""`publish release`: everything a release holds, made in one go, in order,
into dist/<version>/, which appears only once every step has succeeded."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.endorsements import EndorsementsError, load_endorsements
from generator.catalogue.loading import CatalogueError, load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.i18n import translations
from generator.languages import site_languages
from generator.release.archive import write_reproducible_tarball
from generator.release.notes import catalogue_changes
from generator.release.pdf import write_pdf
from generator.release.print_document import print_html

VERSION = re.compile(r"^[0-9][0-9A-Za-z.\-]{0,30}$")
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
    so that two releases of one commit are identical."""
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
    lines += ["## Files", ""] + [f"- `{path.name}`" for path in files] + [""]
    return "\n".join(lines)


def make_release(
    project_dir: Path,
    version: str,
    dist_dir: Path,
    progress: Callable[[str], None] = lambda line: None,
) -> Release:
    from generator.site_build import SiteBuildError, build_site  # the engine, at the edge

    started = time.perf_counter()
    if not VERSION.match(version):
        raise ReleaseError(f"{version!r} is not a version name: use digits, letters, dots and hyphens, e.g. 2026.1")
    target = (dist_dir / version).resolve()
    if target.exists():
        raise ReleaseError(f"{target} already exists: choose another version, or remove that folder first")
    epoch = source_date_epoch(project_dir)
    date = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc).date()

    def step(label: str):
        class Step:
            def __enter__(self):
                self.start = time.perf_counter()

            def __exit__(self, kind, error, trace):
                if kind is None:
                    progress(f"{label} ({time.perf_counter() - self.start:.1f} s)")
        return Step()

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

        downloads = scratch / "downloads"
        downloads.mkdir()
        pdfs = []
        for lang in site_languages().codes:
            with step(f"rendered the {lang} PDF"):
                html = print_html(project_dir / "content", lang, report.practices, load_vocabularies(), endorsements,
                                  version=version, date=date)
                pdf = downloads / f"{NAME}-{version}-{lang}.pdf"
                write_pdf(html, pdf, base_dir=project_dir)
                pdfs.append(pdf)

        with step("built the site"), _environment(
            SOURCE_DATE_EPOCH=str(epoch), SITE_VERSION=version, RELEASE_DOWNLOADS=str(downloads),
        ):
            try:
                build_site(project_dir, scratch / "site")
            except SiteBuildError as error:
                raise ReleaseError(str(error)) from None

        archive = scratch / f"{NAME}-site-{version}.tar.gz"
        with step("archived the site"):
            write_reproducible_tarball(scratch / "site", archive, prefix=f"{NAME}-site-{version}", mtime=epoch)

        files = [archive] + [shutil.move(str(pdf), scratch / pdf.name) and scratch / pdf.name for pdf in pdfs]
        with step("wrote the release notes and checksums"):
            current = {p.slug: p.last_updated.isoformat() for p in report.practices}
            notes = scratch / "RELEASE-NOTES.md"
            notes.write_text(_notes(version, date, catalogue_changes(project_dir, version, current), report.practices, files),
                             encoding="utf-8")
            files.append(notes)
            sums = "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in sorted(files))
            (scratch / "SHA256SUMS").write_text(sums, encoding="utf-8")
        shutil.rmtree(scratch / "site")
        shutil.rmtree(downloads)
        scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    final = sorted(target.iterdir())
    return Release(target, final, time.perf_counter() - started)
