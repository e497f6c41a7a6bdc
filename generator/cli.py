"""The ``publish`` command: check the catalogue, scaffold an entry, build and
preview the site."""

from __future__ import annotations

import os
import signal
import sys


def _stopped_while_starting(signum: int, frame: object) -> None:
    # Before a command runs nothing has been changed: one line, no traceback.
    sys.stderr.write("Interrupted: publish was stopped.\n")
    sys.stderr.flush()
    os._exit(128 + signum)


# Run as a program (publish, python -m generator.cli), Ctrl-C or SIGTERM
# during the imports below must not print a traceback; each command then
# handles them itself (generator.terminal.interruptible). Imported by another
# program, this module leaves its signals alone.
_AS_PROGRAM = __name__ == "__main__" or os.path.basename(sys.argv[0]).removesuffix(".exe") == "publish"
if _AS_PROGRAM and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    for _signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(_signum, _stopped_while_starting)

# The modules below read the site's languages as they load: a mistake in
# generator/languages.yml is said here, located, before it can become a
# traceback of the imports.
if _AS_PROGRAM:
    from generator.languages import LanguagesError, site_languages

    try:
        site_languages()
    except LanguagesError as _error:
        sys.stderr.write(f"Error: {_error}\n")
        sys.exit(1)

import contextlib  # noqa: E402
import datetime  # noqa: E402
import logging  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

from generator.catalogue.loading import check_practices, check_text  # noqa: E402
from generator.catalogue.problems import Problem  # noqa: E402
from generator.terminal import (  # noqa: E402
    Interrupted,
    echo,
    github_command,
    interruptible,
    printable,
    printable_json,
    printable_lines,
    printable_message,
)

PROJECT_DIR_OPTION = click.option(
    "--project-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Folder holding mkdocs.yml, content/ and practices/.",
)


class _EngineMessages(logging.Handler):
    """Shows the engine's warnings as plain lines, not as log records."""

    def emit(self, record: logging.LogRecord) -> None:
        level = "warning" if record.levelno >= logging.WARNING else "info"
        echo(f"{level}: {record.getMessage()}", err=True, lines=True)


def _show_engine_messages(verbose: bool) -> None:
    logger = logging.getLogger("properdocs")  # the engine's (generator/mkdocs_plugin/engine.py)
    logger.handlers[:] = [_EngineMessages()]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


class _Publish(click.Group):
    """Runs each command so that what it shows is printable (error messages
    included: they quote entries), and so that Ctrl-C or SIGTERM ends it with
    one line and the shell's status (130, 143) instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            with interruptible():
                return super().invoke(ctx)
        except click.ClickException as error:
            error.message = printable_message(error.message)
            raise
        except Interrupted as interrupt:
            command = " ".join(filter(None, ["publish", ctx.invoked_subcommand]))
            echo(f"Interrupted: {interrupt.message or f'{command} was stopped.'}", err=True)
            ctx.exit(interrupt.exit_code)
        except (click.exceptions.Exit, click.Abort):
            raise  # --help, --version, ctx.exit(): how click ends a command
        except BrokenPipeError:
            # The reader went away (publish check | head): nothing more to say.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the interpreter's last flush must not fail)
            ctx.exit(141)  # 128 + SIGPIPE, as the shell reports it
        except Exception as error:
            # A bug of ours, not the user's input (that is a ClickException):
            # one line that says so; PUBLISH_DEBUG=1 shows where.
            if os.environ.get("PUBLISH_DEBUG"):
                raise
            command = " ".join(filter(None, ["publish", ctx.invoked_subcommand]))
            echo(f"Error: {command} stopped on an unexpected {type(error).__name__} ({printable(error)}). This is a bug "
                 "of publish, not of your entries: please report it, with what PUBLISH_DEBUG=1 prints.", err=True)
            ctx.exit(1)


@click.group(cls=_Publish, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cities-migration-site")
def main() -> None:
    """Build and check the multilingual site of the cities' position paper and
    catalogue of practices.

    \b
    Typical use:
      publish check            # every problem in practices/, located
      publish new              # a new practice file, from a few answers
      publish translations     # what still lacks a language
      publish sources          # are the sources' links still alive?
      publish review           # what is due for peer review, and why
      publish build            # every language into site/, with search
      publish release --version 2026.1   # PDFs + site archive in dist/
      publish edition gcm=16 --lang es   # objective 16's practices as a Spanish PDF
      publish serve --lang en  # preview the English pages, live reload
    """


def _catalogue_errors(error: Exception) -> str:
    """A CatalogueError's message with each problem on a line of its own,
    whatever its file name holds."""
    report = getattr(error, "report", None)
    if report is None:
        return str(error)
    return printable_lines(str(error).split("\n", 1)[0], report.errors)


def _github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: shown on the pull request's line."""
    level = "error" if problem.severity == "error" else "warning"
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    return github_command(
        level, {"file": problem.file, "line": problem.line, "col": problem.column, "title": problem.field}, message,
    )


# The outcomes a review records: the vocabulary's statuses but 'submitted'
# (generator/catalogue/vocabularies/review_statuses.yml; a test holds both).
REVIEW_OUTCOMES = ["peer-reviewed", "changes-requested", "editor-checked"]


def _practices(project_dir: Path) -> Path:
    """The project's practices/ folder; outside a project, advice rather
    than "0 files checked … All good" (a CI job in the wrong folder would
    pass)."""
    folder = project_dir / "practices"
    if not folder.is_dir():
        where = "this folder" if project_dir == Path(".") else printable(project_dir)
        raise click.ClickException(f"{where} has no practices/ folder: run publish from the project's folder "
                                   "(where mkdocs.yml is), or give it with --project-dir")
    return folder


LANG_OPTION = click.option(
    "--lang", "lang", default=None, metavar="CODE",
    help="Language of the messages (fr, en, es…); by default the environment's (LANGUAGE, LC_ALL, LANG), else English.",
)


def _contributor_language(lang: str | None) -> str:
    """The language a contributor reads messages in: --lang, or the
    environment's when the site has it, or English."""
    from generator.i18n import language_from_environment
    from generator.languages import site_languages

    codes = site_languages().codes
    if lang is not None:
        if lang not in codes and lang != "en":
            raise click.BadParameter(f"{lang!r} is not a language of the site; one of: {', '.join(codes)}",
                                     param_hint="--lang")
        return lang
    return language_from_environment(codes) or "en"


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@PROJECT_DIR_OPTION
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
    help="text for people, json for programs, github for pull-request annotations.",
)
@LANG_OPTION
def check(files: tuple[Path, ...], project_dir: Path, output_format: str, lang: str | None) -> None:
    """Check practice entries and report every problem at once.

    Each problem is one line, FILE:LINE:COLUMN: FIELD: WHAT IS WRONG (HOW TO
    FIX IT), the items of a list counted from 1 (sources #2.url is the url
    of the second source). Errors make the command exit with status 1; a
    missing translation is a warning and does not. Without FILES, every
    file in practices/ is checked.

    \b
    Examples:
      publish check
      publish check practices/montreal-binam.yml
      publish check --lang es
      publish check --format json > report.json
    """
    from generator.i18n import translations

    lang = _contributor_language(lang)
    _ = translations(lang)
    practices_dir = _practices(project_dir)
    only = [Path(file) for file in files] if files else None
    missing = [str(file) for file in only or [] if not file.is_file()]
    if missing:
        raise click.ClickException(f"no such file: {', '.join(printable(file) for file in missing)}")
    report = check_practices(practices_dir, only=only, root=Path.cwd())

    if output_format == "json":
        # The field as programs read it (sources[0].url); the words in the chosen language.
        click.echo(printable_json({
            "files": report.files,
            "valid": len(report.practices),
            "errors": [problem.in_language(lang).as_dict() for problem in report.errors],
            "warnings": [problem.in_language(lang).as_dict() for problem in report.warnings],
        }))
    elif output_format == "github":
        for problem in report.problems:
            click.echo(_github_annotation(problem.for_people(lang)))
    else:
        for problem in report.problems:
            shown = problem.for_people(lang)
            label = _.gettext("error") if problem.severity == "error" else _.gettext("warning")
            label = click.style(label, fg="red" if problem.severity == "error" else "yellow")
            click.echo(f"{printable(shown)}  [{label}]")  # the label's colour is ours; the rest, the entry's
        summary = _.gettext("%(files)s checked: %(errors)s, %(warnings)s.") % {
            "files": _.ngettext("%(count)s file", "%(count)s files", report.files) % {"count": report.files},
            "errors": _.ngettext("%(count)s error", "%(count)s errors", len(report.errors)) % {"count": len(report.errors)},
            "warnings": _.ngettext("%(count)s warning", "%(count)s warnings", len(report.warnings)) % {
                "count": len(report.warnings)},
        }
        click.echo(summary if report.problems else f"{summary} {_.gettext('All good.')}")
    if report.errors:
        sys.exit(1)


@main.command()
@PROJECT_DIR_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown gives a checklist to paste in a pull request.")
def translations(project_dir: Path, output_format: str) -> None:
    """List the entries and fields that lack a language.

    A missing translation does not stop the site: readers see the other
    language with a notice. This list is what translators work from.

    \b
    Example:
      publish translations --format markdown
    """
    from generator.catalogue.checks import TRANSLATION_GAPS

    report = check_practices(_practices(project_dir), root=Path.cwd())
    # Only the warnings that say a language is missing (not an http:// source, say).
    gaps = [problem for problem in report.warnings if getattr(problem.message, "template", None) in TRANSLATION_GAPS]
    if output_format == "json":
        click.echo(printable_json([
            {"file": gap.file, "line": gap.line, "field": gap.field, "missing": gap.message} for gap in gaps
        ]))
        return
    if not gaps:
        click.echo(f"Every field of the {len(report.practices)} valid entries is in every language of the site.")
        return
    for gap in gaps:
        if output_format == "markdown":
            echo(f"- [ ] `{gap.file}` line {gap.line}, `{gap.field}`: {gap.message}")
        else:
            echo(f"{gap.file}:{gap.line}: {gap.field}: {gap.message}")
    files = len({gap.file for gap in gaps})
    if output_format == "text":
        click.echo(f"{len(gaps)} missing translation{'s' if len(gaps) != 1 else ''} in {files} file{'s' if files != 1 else ''}.")


def _per_language_options(command):
    """--title-xx, --summary-xx and --city-xx for each language of the site
    (generator/languages.yml); `publish new` asks for those not given."""
    from generator.languages import english_name, site_languages

    languages = site_languages()
    options = []
    for code in languages.codes:
        options.append(click.option(f"--title-{code}", default=None, help=f"Title in {english_name(code)}."))
    for code in languages.codes:
        options.append(click.option(f"--summary-{code}", default=None, help=f"One-sentence summary in {english_name(code)}."))
    default_name = english_name(languages.default)
    options.append(click.option(f"--city-{languages.default}", "--city", f"city_{languages.default}", default=None,
                                help=f"City name, as written in {default_name}."))
    for code in languages.others(languages.default):
        options.append(click.option(f"--city-{code}", default=None, help=f"City name in {english_name(code)}, if it differs."))
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@PROJECT_DIR_OPTION
@_per_language_options
@click.option("--country", default=None, help="Two-letter country code (ISO 3166-1).")
@click.option("--lat", default=None, help="Latitude of the city, in decimal degrees.")
@click.option("--lon", default=None, help="Longitude of the city, in decimal degrees.")
@click.option("--level", default=None, help="Level of government that leads the practice (default: municipal).")
@click.option("--start", default=None, help="Year it started.")
@click.option("--end", default=None, help="Year it ended, if it has.")
@click.option("--themes", default=None, help="Theme ids, separated by spaces.")
@click.option("--gcm", default=None, help="GCM objective numbers, the main one first.")
@click.option("--source-title", default=None, help="Title of the main source.")
@click.option("--source-url", default=None, help="Address (URL) of the main source.")
@click.option("--source-lang", default=None, help="Language of the main source (fr, en, es…).")
@click.option("--slug", default=None, help="File name and address of the entry (default: from the city and title).")
@LANG_OPTION
def new(project_dir: Path, lang: str | None, **given: str | None) -> None:
    """Create a practice file from a few answers, then check it.

    Asks for what the options do not give, in your language (--lang, or the
    environment's). Each answer is checked as soon as it is given: a wrong
    one is asked again with the reason, and nothing typed is lost. The file
    is written to practices/<slug>.yml, the slug made from the city and the
    title with accents folded; it passes `publish check` as written, and the
    rest of the fields (description, results, SDG targets, partners…) are
    yours to fill.

    \b
    Example:
      publish new --title-fr "Maison des migrants" --title-en "Migrants' House" \\
        --title-es "Casa de los migrantes" --summary-fr "…" --summary-en "…" \\
        --summary-es "…" --city Montréal --city-en Montreal --city-es Montreal \\
        --country CA \\
        --lat 45.5019 --lon -73.5674 --start 2020 --themes reception --gcm 16 \\
        --source-title "Ville de Montréal" --source-url https://montreal.ca/ --source-lang fr
    """
    from generator.catalogue.editing import create_atomically
    from generator.catalogue.scaffold import render_practice
    from generator.catalogue.vocabularies import load_vocabularies
    from generator.i18n import translations
    from generator.languages import site_languages
    from generator.new_practice import Dialogue, can_ask, preview_address

    lang = _contributor_language(lang)
    _ = translations(lang)
    languages = site_languages()
    today = datetime.date.today()
    dialogue = Dialogue(languages, load_vocabularies(), lang, given, today, can_ask=can_ask(), project_dir=project_dir)
    dialogue.run()
    practice = dialogue.practice(complete=True)
    target = project_dir / "practices" / f"{practice.slug}.yml"
    text = render_practice(practice, today)
    shown = printable(os.path.relpath(target))
    # The dialogue checked each answer; the whole file once more, as it will be written.
    problems = check_text(text, target.name, dialogue.vocabularies, shown=shown)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise click.ClickException(_.gettext("some answers are not valid, nothing was written:") + "\n" + "\n".join(
            f"  {problem.for_people(lang).field}: {problem.for_people(lang).message}" for problem in errors))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        create_atomically(target, text)
    except FileExistsError:
        raise click.ClickException(_.gettext("%(path)s is already in the catalogue") % {"path": shown}) from None
    echo(_.gettext("Wrote %(path)s.") % {"path": shown})
    echo(_.gettext("Its page in the preview: %(address)s (once `publish serve` runs)") % {
        "address": preview_address(practice.slug, languages)})
    echo(_.gettext("Now expand the description, then run: publish check %(path)s") % {"path": shown})
    for problem in problems:
        said = problem.for_people(lang)
        echo("  " + _.gettext("to do: %(field)s: %(message)s") % {"field": said.field, "message": said.message})


@contextlib.contextmanager
def _release_errors(what: str, stopped: Callable[[], str]) -> Iterator[None]:
    """A release's or an edition's failure as advice, never a traceback;
    ``stopped`` says what an interrupt left."""
    from generator.release.release import ReleaseError

    try:
        yield
    except ReleaseError as error:
        # A catalogue error reaches us as text: its problems again, one a line.
        cause = error.__context__
        message = _catalogue_errors(cause) if hasattr(cause, "report") else str(error)
        raise click.ClickException(f"{message}\nNo {what} was written.") from None
    except Interrupted as interrupt:
        interrupt.message = stopped()
        raise
    except Exception as error:  # a bug: say so plainly, without a traceback
        raise click.ClickException(
            f"unexpected {type(error).__name__}: {error}. No {what} was written. "
            "This is a bug: please report it with the command you ran."
        ) from None


@main.command()
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
    full, with a cover and an introduction saying what the selection is); builds the site, which offers those PDFs (the
    catalogue page offers a thematic edition when its filters are that
    selection) and shows the version; and writes into DIST/VERSION/: the site
    as a .tar.gz, the PDFs, the release notes (what changed in the catalogue
    since the previous v* tag) and SHA256SUMS. The date is the last commit's
    (or SOURCE_DATE_EPOCH): two releases of one commit are byte-identical. If
    a step fails, nothing is left in DIST.

    A selection names the facets the catalogue filters on: theme, region (an
    M49 code or a name: 150 or Europe), country (ISO code), gcm (objective
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

    _show_engine_messages(verbose=False)
    if not dist_dir.is_absolute():
        dist_dir = project_dir / dist_dir
    target = dist_dir / version
    existed = target.exists()
    # The release appears in one rename, its last step: there or not at all.
    stopped = lambda: (f"the release was stopped after it was written in full to {target}."  # noqa: E731
                       if target.is_dir() and not existed else f"the release was stopped; nothing was written to {dist_dir}.")
    with _release_errors("release", stopped):
        made = make_release(project_dir, version, dist_dir, progress=lambda line: echo(f"  {line}"), editions=list(editions))
    echo(f"Release {version} in {made.folder} ({made.seconds:.1f} s):")
    for path in made.files:
        echo(f"  {path.name}  {path.stat().st_size / 1024:,.0f} KB")


@main.command()
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
    values of one facet add up (theme=housing,health), facets narrow each
    other (region=Europe&theme=housing). Quote it for the shell.

    \b
    Examples:
      publish edition gcm=16 --lang es               # objective 16 in Spanish
      publish edition "region=Europe&theme=housing"  # in every language
      publish edition "country=CO,EC&sdg=10.7" --lang es --lang en --out ~/conference
    """
    from generator.release.release import make_edition

    _show_engine_messages(verbose=False)
    if not out_dir.is_absolute():
        out_dir = project_dir / out_dir
    with _release_errors("edition", lambda: f"the edition was stopped; nothing was written to {out_dir}."):
        made = make_edition(project_dir, selection, out_dir, list(languages), progress=lambda line: echo(f"  {line}"))
    echo(f"Edition {selection} in {out_dir}:")
    for path in made:
        echo(f"  {path.name}  {path.stat().st_size / 1024:,.0f} KB")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@PROJECT_DIR_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown gives the body of an issue listing what broke.")
@click.option("--write-dates", is_flag=True, help="Record today's date as 'checked:' under each source that answered.")
@click.option("--save", "save_to", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every check as JSON to this file (what `publish review --sources-report` reads).")
@click.option("--per-host", default=2, show_default=True, type=click.IntRange(1, 8), help="Requests at a time to one host.")
@click.option("--timeout", default=15.0, show_default=True, type=click.FloatRange(1, 120),
              help="Seconds before giving up on an address, all included (redirects, a slow answer).")
@click.option("--deadline", default=1200.0, show_default=True, type=click.FloatRange(1, 86400),
              help="Seconds for the whole run; the sources not checked by then are reported as 'not checked'.")
@click.option("--slow", "slow_after", default=5.0, show_default=True, type=click.FloatRange(0.1, 120), help="Seconds after which an answer counts as slow.")
def sources(files: tuple[Path, ...], project_dir: Path, output_format: str, write_dates: bool, save_to: Path | None,
            per_host: int, timeout: float, deadline: float, slow_after: float) -> None:
    """Check that every source of every practice still answers (or only
    those of the entries FILES, e.g. the one you are adding).

    Each address is asked politely (HEAD, then GET if HEAD is refused; a few
    requests at a time per host; a user agent naming the project) and
    reported as ok, moved (permanently redirected), slow, dead (an HTTP
    error), unreachable (no answer within --timeout), refused or not checked.
    Only http and https addresses on public hosts are requested: a redirect
    to file:, data: or ftp:, or to an internal address (127.0.0.1, a private
    network, 169.254.169.254…), is refused, never followed. The run ends by
    --deadline, and Ctrl-C or SIGTERM ends it within seconds: either way the
    report lists what was checked and what was not. Exits with status 1 when
    a source is dead, unreachable, refused or not checked.

    \b
    Examples:
      publish sources
      publish sources practices/montreal-binam.yml
      publish sources --format markdown --deadline 600 > report.md
      publish sources --format json > sources.json
      publish sources --write-dates   # then commit the 'checked:' dates
    """
    from generator.catalogue.editing import UneditableEntry, set_source_checked
    from generator.catalogue.loading import CatalogueError, load_catalogue
    from generator.catalogue.source_watch import (
        BROKEN,
        MOVED,
        NOT_CHECKED,
        OK,
        REFUSED,
        SLOW,
        WatchInterrupted,
        check_sources,
        network_seems_down,
    )
    from generator.markdown_text import quoted

    missing = [str(file) for file in files if not file.is_file()]
    if missing:
        raise click.ClickException(f"no such file: {', '.join(printable(file) for file in missing)}")
    if files:
        # The given entries only: they must be valid, the rest of the catalogue need not be.
        report = check_practices(_practices(project_dir), only=list(files), root=Path.cwd())
        if report.errors:
            raise click.ClickException(printable_lines("Fix these first (publish check says the same):", report.errors)
                                       + "\nNo source was checked.")
    else:
        try:
            report = load_catalogue(_practices(project_dir), root=Path.cwd())
        except CatalogueError as error:
            raise click.ClickException(f"{_catalogue_errors(error)}\nNo source was checked.") from None
    stopped: BaseException | None = None
    try:
        checks = check_sources(report.practices, per_host=per_host, timeout=timeout, slow_after=slow_after, deadline=deadline)
    except WatchInterrupted as interrupted:
        checks, stopped = interrupted.checks, interrupted.__cause__ or interrupted
    files = {practice.slug: practice.file for practice in report.practices}
    broken = [c for c in checks if c.outcome in BROKEN]
    unchecked = [c for c in checks if c.outcome == NOT_CHECKED]
    records = [dict(c.as_dict(), file=str(files[c.slug])) for c in checks]
    checked = f"{len(checks) - len(unchecked)} of {len(checks)}" if unchecked else f"{len(checks)}"
    if output_format == "json":
        click.echo(printable_json(records))
    elif output_format == "markdown":
        # Posted as a public issue: whatever a server sent is quoted inert.
        attention = [c for c in checks if c.outcome != OK]
        refused = sum(c.outcome == REFUSED for c in checks)
        click.echo(f"Source watch of {datetime.date.today().isoformat()}: {checked} sources checked, "
                   f"{len(broken) - refused} dead or unreachable, {sum(c.outcome == MOVED for c in checks)} moved, "
                   f"{sum(c.outcome == SLOW for c in checks)} slow"
                   + (f", {refused} refused" if refused else "") + (f", {len(unchecked)} not checked" if unchecked else "")
                   + ".\n")
        if attention:
            click.echo("| entry | source | outcome | detail |\n|---|---|---|---|")
            for c in attention:
                cells = [f"practices/{c.slug}.yml", c.url, c.outcome, c.detail]
                click.echo("| " + " | ".join(quoted(cell, table_cell=True) for cell in cells) + " |")
    else:
        width = max((len(printable(c.slug)) for c in checks), default=10)
        click.echo(f"{'entry':<{width}}  #  {'outcome':<11} {'status':>6} {'seconds':>7}  address / detail")
        for c in checks:
            # The detail may come from the server (where it redirects to).
            detail = f"{c.url}" + (f"  → {c.detail}" if c.detail else "")
            echo(f"{printable(c.slug):<{width}}  {c.index}  {c.outcome:<11} {c.status or '-':>6} {c.seconds:>7.2f}  {detail}")
        click.echo(f"{checked} sources checked: {len(checks) - len(broken) - len(unchecked)} answer, "
                   f"{len(broken)} dead, unreachable or refused.")
    if network_seems_down(checks):
        echo("No source answered, and every one failed before reaching a server (host name not found, network "
             "unreachable): this machine is probably offline, or a proxy stands in the way. Check the connection and "
             "run again; the entries are not at fault for now.", err=True)

    if save_to:  # after the report: a folder that cannot take the file costs it no result
        try:
            save_to.write_text(printable_json(records) + "\n", encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"{save_to}: could not be written ({error.strerror or type(error).__name__}); "
                                       "the report above has every result") from None
    if stopped is not None:
        # The report is out; the entries are left as they were.
        if isinstance(stopped, Interrupted):
            stopped.message = (f"the source watch was stopped: {checked} sources checked, the others listed as not checked"
                               + ("; no 'checked:' date was recorded." if write_dates else "."))
        raise stopped
    if write_dates:
        today = datetime.date.today()
        answered: dict[str, set[int]] = {}
        for c in checks:
            if c.outcome in (OK, MOVED, SLOW):
                answered.setdefault(c.slug, set()).add(c.index)
        changed = 0
        for slug, indexes in answered.items():
            try:
                changed += set_source_checked(files[slug], indexes, today)
            except UneditableEntry as error:
                echo(f"warning: {error}", err=True, lines=True)
        click.echo(f"Recorded the check date in {changed} file{'s' if changed != 1 else ''}.", err=output_format != "text")
    if broken or unchecked:
        sys.exit(1)


@main.command()
@PROJECT_DIR_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown gives a checklist for an issue.")
@click.option("--sources-report", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The last source watch, as `publish sources --format json` wrote it: its dead and moved sources are due.")
@click.option("--mark", "mark_slug", metavar="SLUG",
              help="Record a review of this entry (its slug: the file name in practices/ without .yml) in its file, instead of listing.")
@click.option("--outcome", type=click.Choice(REVIEW_OUTCOMES), help="With --mark: the review's outcome (editor-checked: by the editorial team, not the network's peer review).")
@click.option("--by", "reviewer", help="With --mark: who reviewed, a role or the network (never an e-mail address).")
@click.option("--checked-sources", help="With --mark: the numbers of the sources checked, 1 being the first (e.g. 1,2).")
@click.option("--next", "next_date", type=click.DateTime(["%Y-%m-%d"]), help="With --mark: when to look again (default: a year later).")
def review(project_dir: Path, output_format: str, sources_report: Path | None, mark_slug: str | None, outcome: str | None,
           reviewer: str | None, checked_sources: str | None, next_date: datetime.datetime | None) -> None:
    """List what is due for review, worst first, with the reason; or record a review.

    Due: a source found dead or moved by the last source watch
    (--sources-report), changes requested, never reviewed, a review older
    than a year (or past its 'next' date), a practice said to be running that
    no source confirmed in a year, a figure in the description or results
    that names no source ("[source 2]"). Exits with status 1 when something
    is due.

    \b
    Examples:
      publish review
      publish sources --format json > sources.json; publish review --sources-report sources.json --format markdown
      publish review --mark montreal-binam --outcome peer-reviewed --by "UCLG secretariat" --checked-sources 1,2
    """
    import json

    from generator.catalogue.loading import CatalogueError, load_catalogue
    from generator.catalogue.review import read_source_checks, reviews_due
    from generator.markdown_text import quoted

    if mark_slug is not None:
        _mark_review(project_dir, mark_slug, outcome, reviewer, checked_sources, next_date)
        return
    try:
        report = load_catalogue(_practices(project_dir), root=Path.cwd())
    except CatalogueError as error:
        raise click.ClickException(f"{_catalogue_errors(error)}\nNothing was listed.") from None
    checks = None
    if sources_report:
        try:
            checks = read_source_checks(json.loads(sources_report.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise click.BadParameter(f"{sources_report}: not the JSON of `publish sources --format json` ({error})",
                                     param_hint="--sources-report") from None
    today = datetime.date.today()
    due = reviews_due(report.practices, today, checks)
    entries = len({item.slug for item in due})
    if output_format == "json":
        click.echo(printable_json([item.as_dict() for item in due]))
    elif output_format == "markdown":
        click.echo(f"Review due on {today.isoformat()}: {entries} of {len(report.practices)} entries, "
                   f"{len(due)} reason{'s' if len(due) != 1 else ''}, worst first.\n")
        for item in due:
            # Posted as a public issue: what the entry or a server wrote is quoted inert.
            echo(f"- [ ] {quoted(f'practices/{item.slug}.yml')} — **{item.kind_name}**: {item.reason_with(quoted)}")
    else:
        for item in due:
            echo(f"practices/{item.slug}.yml: {item.kind_name}: {item.reason}")
        click.echo(f"{entries} of {len(report.practices)} entries due for review ({len(due)} reason{'s' if len(due) != 1 else ''}).")
    if due:
        sys.exit(1)


def _mark_review(project_dir: Path, slug: str, outcome: str | None, reviewer: str | None,
                 checked_sources: str | None, next_date: datetime.datetime | None) -> None:
    import re

    from generator.catalogue.editing import UneditableEntry, with_review, write_atomically
    from generator.catalogue.loading import check_file
    from generator.catalogue.scaffold import split_list
    from generator.catalogue.schema import practice_schema, python_pattern
    from generator.catalogue.vocabularies import load_vocabularies
    from generator.catalogue.yaml_source import YAMLSourceError, located_message

    # A slug, matched whole, names a file in practices/ and nothing else: no
    # path (../x, /etc/x), no line break, nothing a shell let through.
    rule = practice_schema()["properties"]["slug"]
    if len(slug) > rule["maxLength"] or not re.fullmatch(python_pattern(rule["pattern"]), slug):
        raise click.BadParameter(
            f"{printable(repr(slug))} is not an entry's slug; give the file name in practices/ without .yml, "
            "e.g. --mark montreal-binam", param_hint="--mark")
    if not (outcome and reviewer and checked_sources):
        raise click.UsageError("--mark needs --outcome, --by and --checked-sources (e.g. --checked-sources 1,2)")
    try:
        numbers = [int(number) for number in split_list(checked_sources)]
    except ValueError:
        raise click.BadParameter(f"{checked_sources!r}: write source numbers, e.g. 1,2", param_hint="--checked-sources") from None
    path = project_dir / "practices" / f"{slug}.yml"
    if not path.is_file() or path.is_symlink():
        raise click.ClickException(f"{path}: no such entry; the slug is the file name in practices/ without .yml "
                                   "(publish review lists them)")
    vocabularies = load_vocabularies()
    _, problems = check_file(path, vocabularies, root=Path.cwd())
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise click.ClickException(printable_lines("the entry has errors; fix them, then record the review "
                                                   "(nothing was written):", errors))
    record = {"status": outcome, "date": datetime.date.today(), "by": reviewer, "checked_sources": numbers,
              "next": next_date.date() if next_date else None}
    try:
        updated = with_review(path, record)
    except UneditableEntry as error:
        raise click.ClickException(str(error)) from None
    except YAMLSourceError as error:  # changed since it was checked
        raise click.ClickException(f"{located_message(path, error)}\nNothing was written.") from None
    # The entry as it would be written must pass; otherwise nothing is written.
    shown = Path(os.path.relpath(path)).as_posix()  # as publish check names it
    errors = [p for p in check_text(updated, path.name, vocabularies, shown=shown) if p.severity == "error"]
    if errors:
        raise click.ClickException(printable_lines("the review was not recorded (nothing was written):", errors))
    try:
        write_atomically(path, updated)
    except OSError as error:
        raise click.ClickException(f"{path}: could not be written ({error.strerror or type(error).__name__}); "
                                   "it was left as it was") from None
    echo(f"Recorded in {path}: {outcome} by {reviewer} on {record['date']} (sources {', '.join(map(str, numbers))}).")


@main.command()
@PROJECT_DIR_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the pages to, one sub-folder per language.")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeat for several; default: every language of the site).")
def pages(project_dir: Path, out_dir: Path, languages: tuple[str, ...]) -> None:
    """Write the catalogue's generated pages as Markdown files.

    The same pages that the site build generates, for another Markdown
    engine or for review: OUT/fr/catalogue/..., OUT/en/catalogue/... The
    entries are checked first; nothing is written if one is invalid.

    \b
    Example:
      publish pages --out /tmp/catalogue-pages
    """
    from generator.catalogue.loading import CatalogueError, load_catalogue
    from generator.catalogue.vocabularies import load_vocabularies
    from generator.languages import site_languages
    from generator.pages.catalogue_pages import catalogue_pages
    from generator.pages.propose import propose_page

    try:
        report = load_catalogue(_practices(project_dir), root=Path.cwd())
    except CatalogueError as error:
        raise click.ClickException(f"{_catalogue_errors(error)}\nNothing was written.") from None
    codes = site_languages().codes
    unknown = [lang for lang in languages if lang not in codes]
    if unknown:  # before anything is written
        raise click.BadParameter(f"{', '.join(map(repr, unknown))}; the site has {', '.join(codes)}", param_hint="--lang")
    written = 0
    for lang in languages or codes:
        generated = catalogue_pages(report.practices, load_vocabularies(), lang)
        # The form that proposes a practice, which the catalogue's index links to
        # (its script and style are the site's, in overrides/assets/).
        generated.update(propose_page(load_vocabularies(), lang, os.environ.get("EDIT_URL"),
                                      [practice.slug for practice in report.practices]))
        for path, content in generated.items():
            target = out_dir / lang / path
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
            except OSError as error:
                raise click.ClickException(f"{printable(target)}: could not be written ({error.strerror or type(error).__name__}); "
                                           f"{written} files were written into {printable(out_dir)} before it") from None
            written += 1
    echo(f"Wrote {written} files for {len(report.practices)} practices into {out_dir}.")


@main.command()
@PROJECT_DIR_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="Where to write the site. It is replaced only if the whole build succeeds.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also show the engine's progress messages.")
def build(project_dir: Path, site_dir: Path, verbose: bool) -> None:
    """Build the site in every language, strictly, and index it for search.

    The default language (French) lands at the root of SITE_DIR, each other
    language of generator/languages.yml in a folder of its own (SITE_DIR/en/,
    SITE_DIR/es/). Any warning (a broken link, a missing anchor) stops
    the build, names the page, and leaves the previous SITE_DIR untouched.
    Entries and catalogue pages that did not change since the last build are
    taken from .cache/plugin/cities/ (delete it to start afresh).

    The engine is ProperDocs 1.6, the maintained continuation of MkDocs 1.x
    (MkDocs has had no release since 1.6.1), with Material for MkDocs, which
    is maintained until May 2027; its successor Zensical cannot be installed
    from the package index yet. README.md, "The engine", says more.

    \b
    Example:
      publish build --site-dir /tmp/preview
    """
    _show_engine_messages(verbose)
    if not site_dir.is_absolute():
        site_dir = project_dir / site_dir
    built = None
    try:
        from generator.site_build import SiteBuildError, build_site

        try:
            built = build_site(project_dir, site_dir, progress=lambda line: echo(f"  {line}"))
        except SiteBuildError as error:
            raise click.ClickException(f"{error}\nThe previous site, if any, was left as it was.") from None
        echo(f"Built {built.pages} pages in {', '.join(built.languages)} into {built.site_dir} in {built.seconds:.1f} s.")
    except Interrupted as interrupt:
        interrupt.message = (
            "the build was stopped after the new site was in place."
            if built is not None or getattr(interrupt, "site_replaced", False) else
            "the build was stopped; the previous site was left as it was."
        )
        raise


@main.command()
@PROJECT_DIR_OPTION
@click.option("--lang", default=None, help="Language to preview (default: the site's default language).")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(project_dir: Path, lang: str | None, dev_addr: str) -> None:
    """Preview one language with live reload while you edit.

    Search is not available in the preview: its index is made from the
    built site by `publish build`.

    The engine is ProperDocs 1.6, as for `publish build`: the maintained
    continuation of MkDocs 1.x, which has had no release since 1.6.1.

    \b
    Example:
      publish serve --lang en   # then open http://127.0.0.1:8000/
    """
    from properdocs.commands.serve import serve as engine_serve

    from generator.site_build import SiteBuildError, language_projects

    _show_engine_messages(verbose=True)
    try:
        projects = dict(language_projects(project_dir))
    except SiteBuildError as error:
        raise click.ClickException(str(error)) from None
    lang = lang or next(iter(projects))
    if lang not in projects:
        raise click.BadParameter(f"{lang!r}; the site has {', '.join(projects)}", param_hint="--lang")
    # mkdocs.yml hands SITE_LANGUAGE to the cities plugin, which builds that language.
    os.environ["SITE_LANGUAGE"] = lang
    engine_serve(str(projects[lang]), dev_addr=dev_addr, livereload=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
