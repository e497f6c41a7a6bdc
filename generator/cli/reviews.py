"""Peer review: what is due, and recording a review (publish review)."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import click

from generator.catalogue.loading import check_text
from generator.cli.options import PROJECT_DIR_OPTION, catalogue_errors, practices_folder
from generator.terminal import echo, printable, printable_json, printable_lines

# (generator/catalogue/vocabularies/review_statuses.yml; a test holds both).
REVIEW_OUTCOMES = ["peer-reviewed", "changes-requested", "editor-checked"]



@click.command()
@PROJECT_DIR_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown gives a checklist for an issue.")
@click.option("--sources-report", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The last source watch, as `publish sources --format json` wrote it: its dead and moved sources are due.")
@click.option("--mark", "mark_slug", metavar="SLUG",
              help="Record a review of this entry (its slug: the file name in practices/ without .yml) in its file, instead of listing.")
@click.option("--outcome", type=click.Choice(REVIEW_OUTCOMES),
              help="With --mark: the review's outcome (editor-checked: by the editorial team, not the network's peer review).")
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
        report = load_catalogue(practices_folder(project_dir), root=Path.cwd())
    except CatalogueError as error:
        raise click.ClickException(f"{catalogue_errors(error)}\nNothing was listed.") from None
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
