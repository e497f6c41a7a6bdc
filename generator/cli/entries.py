"""The commands a contributor runs on entries: check, translations, new."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import click

from generator.catalogue.loading import check_practices, check_text
from generator.catalogue.problems import Problem
from generator.cli.options import LANG_OPTION, PROJECT_DIR_OPTION, contributor_language, practices_folder
from generator.terminal import echo, github_command, printable, printable_json


def _github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: shown on the pull request's line."""
    level = "error" if problem.severity == "error" else "warning"
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    return github_command(
        level, {"file": problem.file, "line": problem.line, "col": problem.column, "title": problem.field}, message,
    )



@click.command()
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

    lang = contributor_language(lang)
    _ = translations(lang)
    practices_dir = practices_folder(project_dir)
    only = [Path(file) for file in files] if files else None
    missing = [str(file) for file in only or [] if not file.is_file()]
    if missing:
        raise click.ClickException(_.gettext("no such file: %(files)s") % {"files": ", ".join(printable(file) for file in missing)})
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


@click.command()
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

    report = check_practices(practices_folder(project_dir), root=Path.cwd())
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


def _answer_options(command):
    """An option per question of `publish new` (generator/new_practice.py),
    the question as its help, so that a question and its option are written
    once; the dialogue asks for those not given."""
    from generator.languages import site_languages
    from generator.new_practice import questions

    languages = site_languages()
    for question in reversed(questions(languages)):
        names = [question.option]
        if question.name == f"city_{languages.default}":
            names.insert(0, f"--city-{languages.default}")  # --city-fr and --city alike
        command = click.option(*names, question.name, default=None, help=str(question.prompt))(command)
    return command


@click.command()
@PROJECT_DIR_OPTION
@_answer_options
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

    lang = contributor_language(lang)
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
