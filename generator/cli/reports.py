"""The command a city's international-relations officer runs: report."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.options import PROJECT_DIR_OPTION, show_engine_messages
from generator.cli.releases import release_errors
from generator.terminal import echo


@click.command()
@PROJECT_DIR_OPTION
@click.argument("selection")
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="A language of the site; repeat it for more (default: every language).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder to write the report into (default: reports/SELECTION/, e.g. reports/city-lisbon-pt/).")
def report(project_dir: Path, selection: str, languages: tuple[str, ...], out_dir: Path | None) -> None:
    """Write a follow-up report: what the catalogue holds of a city, a country, a region…

    For a Voluntary Local Review or an input to the International Migration
    Review Forum: the practices of SELECTION arranged by GCM objective, then by
    SDG target, with their periods ("running, unconfirmed" where no source
    confirmed them in a year), results and sources; the objectives and
    targets with no practice (the gaps); and what the catalogue can and cannot
    show. Per language: a PDF, the same text in Markdown, and a CSV with one
    row per practice and objective or target. Dated by the last commit (or
    SOURCE_DATE_EPOCH). The folder appears once every file is written; if
    anything fails, nothing is written.

    SELECTION is written as for publish edition: city (its page's address in
    the catalogue, catalogue/cities/lisbon-pt/, or its name when no other city
    bears it), country (ISO code), region (M49 code or name), network, theme,
    gcm, sdg, group, level, status, period; values of one facet add up
    (country=CO,EC), facets narrow each other. Quote it for the shell.

    \b
    Examples:
      publish report city=lisbon-pt                  # fr, en, es into reports/city-lisbon-pt/
      publish report country=CO --lang es
      publish report "region=Europe&network=eurocities" --out ~/vlr-2026
    """
    from generator.release.report import make_report

    show_engine_messages(verbose=False)
    if out_dir is not None and not out_dir.is_absolute():
        out_dir = project_dir / out_dir
    where = out_dir or project_dir / "reports"
    with release_errors("report", lambda: f"the report was stopped; nothing was written to {where}."):
        chosen, folder, files = make_report(project_dir, selection, out_dir, list(languages),
                                            progress=lambda line: echo(f"  {line}"))
    echo(f"Report {chosen.query} in {folder}:")
    for path in files:
        echo(f"  {path.name}  {path.stat().st_size / 1024:,.0f} KB")
