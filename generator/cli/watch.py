"""The source watch: publish sources."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from generator.catalogue.loading import check_practices
from generator.cli.options import PROJECT_DIR_OPTION, catalogue_errors, practices_folder
from generator.interrupts import Interrupted
from generator.terminal import echo, printable, printable_json, printable_lines


@click.command()
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
        report = check_practices(practices_folder(project_dir), only=list(files), root=Path.cwd())
        if report.errors:
            raise click.ClickException(printable_lines("Fix these first (publish check says the same):", report.errors)
                                       + "\nNo source was checked.")
    else:
        try:
            report = load_catalogue(practices_folder(project_dir), root=Path.cwd())
        except CatalogueError as error:
            raise click.ClickException(f"{catalogue_errors(error)}\nNo source was checked.") from None
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
            # Sources counted from 1, as publish check and [source N] count them.
            echo(f"{printable(c.slug):<{width}}  {c.index + 1}  {c.outcome:<11} {c.status or '-':>6} {c.seconds:>7.2f}  {detail}")
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
