"""The commands communications staff run: release and edition."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from generator.cli.options import PROJECT_DIR_OPTION, catalogue_errors, show_engine_messages
from generator.interrupts import Interrupted
from generator.terminal import echo


@contextlib.contextmanager
def release_errors(what: str, stopped: Callable[[], str]) -> Iterator[None]:
    """A release's or an edition's failure as advice, never a traceback;
    ``stopped`` says what an interrupt left."""
    from generator.release.release import ReleaseError

    try:
        yield
    except ReleaseError as error:
        # A catalogue error reaches us as text: its problems again, one a line.
        cause = error.__context__
        message = catalogue_errors(cause) if hasattr(cause, "report") else str(error)
        raise click.ClickException(f"{message}\nNo {what} was written.") from None
    except Interrupted as interrupt:
        interrupt.message = stopped()
        raise
    except Exception as error:  # a bug: say so plainly, without a traceback
        raise click.ClickException(
            f"unexpected {type(error).__name__}: {error}. No {what} was written. "
            "This is a bug: please report it with the command you ran."
        ) from None


@click.command()
@PROJECT_DIR_OPTION
@click.option("--version", "version", required=True, help="Name of the release, e.g. 2026.1.")
@click.option("--dist", "dist_dir", type=click.Path(file_okay=False, path_type=Path), default="dist", show_default=True,
              help="Where to write dist/<version>/.")
@click.option("--edition", "editions", multiple=True, metavar="SELECTION",
              help="Also make a thematic edition of this selection, in each language, beside those of "
                   "content/print-editions.yml; repeat it for more. "
                   "A selection is written as the catalogue page's address writes its filters: "
                   "gcm=16, region=150&theme=housing, sdg=10.7, country=BE, network=eurocities.")
def release(project_dir: Path, version: str, dist_dir: Path, editions: tuple[str, ...]) -> None:
    """Make a release: a PDF per language and the site, versioned and reproducible.

    Checks the catalogue, renders the print edition in each language of the site
    (the position paper and the governance text in full, then the catalogue as a
    digest: a few lines a practice, by region and country, with indexes of
    cities and of GCM objectives), and each thematic edition listed in
    content/print-editions.yml or asked for with --edition (its practices in
    full, with a cover and an introduction saying what the selection is), and
    each follow-up report listed under reports: in that file (as publish
    report writes it: PDF, Markdown and CSV per language); builds the site,
    which offers those files (the catalogue page offers a thematic edition
    when its filters are that selection; a city's or a country's page, or a
    region's section of the countries page, offers its report) and shows
    the version; and writes into DIST/VERSION/: the site
    as a .tar.gz, the PDFs, the release notes (what changed in the catalogue
    since the previous v* tag) and SHA256SUMS. The date is the last commit's
    (or SOURCE_DATE_EPOCH): two releases of one commit are byte-identical. If
    a step fails, nothing is left in DIST.

    A selection names the facets the catalogue filters on: theme, region (an
    M49 code or a name: 150 or Europe), country (ISO code), city (its page's
    address in the catalogue, catalogue/cities/lisbon-pt/), gcm (objective
    number), sdg (target), group, level, status, period, network. Values of
    one facet add up (theme=housing,health), facets narrow each other
    (region=150&theme=housing), as on the catalogue page; quote it for the
    shell. The PDFs render side by side, one process per core, while the site
    builds (RELEASE_WORKERS=1 renders one at a time, where memory is short); each
    step and each PDF is reported as it is done, with what is left.

    \b
    Examples:
      publish release --version 2026.1
      publish release --version 2026.2 --edition gcm=16 --edition "region=Europe&theme=housing"
      SITE_URL=https://example.org/cities/ publish release --version 2026.3   # addresses printed in full
    """
    from generator.release.release import make_release

    show_engine_messages(verbose=False)
    if not dist_dir.is_absolute():
        dist_dir = project_dir / dist_dir
    target = dist_dir / version
    existed = target.exists()
    # The release appears in one rename, its last step: there or not at all.
    stopped = lambda: (f"the release was stopped after it was written in full to {target}."  # noqa: E731
                       if target.is_dir() and not existed else f"the release was stopped; nothing was written to {dist_dir}.")
    with release_errors("release", stopped):
        made = make_release(project_dir, version, dist_dir, progress=lambda line: echo(f"  {line}"), editions=list(editions))
    echo(f"Release {version} in {made.folder} ({made.seconds:.1f} s):")
    for path in made.files:
        echo(f"  {path.name}  {path.stat().st_size / 1024:,.0f} KB")


@click.command()
@PROJECT_DIR_OPTION
@click.argument("selection")
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="A language of the site; repeat it for more (default: every language).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default="dist/editions", show_default=True,
              help="Where to write the PDFs.")
def edition(project_dir: Path, selection: str, languages: tuple[str, ...], out_dir: Path) -> None:
    """Make a thematic edition now, without a release: a booklet for a conference.

    The practices of SELECTION in full, with a cover and an introduction saying
    what the selection is, as a PDF per language (PDF/UA, reproducible), named
    cities-migration-DATE-SELECTION-LANG.pdf, dated by the last commit (or
    SOURCE_DATE_EPOCH). A release makes the same editions, and its site offers
    them, for each selection of content/print-editions.yml and each
    `publish release --edition SELECTION`.

    SELECTION is written as the catalogue page writes its filters in its
    address: theme, region (M49 code or name), country (ISO code), gcm
    (objective number), sdg (target), group, level, status, period, network;
    and city (its page's address in the catalogue, e.g. city=lisbon-pt);
    values of one facet add up (theme=housing,health), facets narrow each
    other (region=Europe&theme=housing). Quote it for the shell.

    \b
    Examples:
      publish edition gcm=16 --lang es               # objective 16 in Spanish
      publish edition "region=Europe&theme=housing"  # in every language
      publish edition "country=CO,EC&sdg=10.7" --lang es --lang en --out ~/conference
    """
    from generator.release.release import make_edition

    show_engine_messages(verbose=False)
    if not out_dir.is_absolute():
        out_dir = project_dir / out_dir
    with release_errors("edition", lambda: f"the edition was stopped; nothing was written to {out_dir}."):
        made = make_edition(project_dir, selection, out_dir, list(languages), progress=lambda line: echo(f"  {line}"))
    echo(f"Edition {selection} in {out_dir}:")
    for path in made:
        echo(f"  {path.name}  {path.stat().st_size / 1024:,.0f} KB")
