"""What the commands share: the project's folder, the contributor's
language, how a catalogue's errors and the engine's messages are shown."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from generator.terminal import echo, printable, printable_lines

PROJECT_DIR_OPTION = click.option(
    "--project-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Folder holding mkdocs.yml, content/ and practices/.",
)


LANG_OPTION = click.option(
    "--lang", "lang", default=None, metavar="CODE",
    help="Language of the messages (fr, en, es…); by default the environment's (LANGUAGE, LC_ALL, LANG), else English.",
)


def catalogue_errors(error: Exception) -> str:
    """A CatalogueError's message with each problem on a line of its own,
    whatever its file name holds."""
    report = getattr(error, "report", None)
    if report is None:
        return str(error)
    return printable_lines(str(error).split("\n", 1)[0], report.errors)


def practices_folder(project_dir: Path) -> Path:
    """The project's practices/ folder; outside a project, advice rather
    than "0 files checked … All good" (a CI job in the wrong folder would
    pass)."""
    folder = project_dir / "practices"
    if not folder.is_dir():
        where = "this folder" if project_dir == Path(".") else printable(project_dir)
        raise click.ClickException(f"{where} has no practices/ folder: run publish from the project's folder "
                                   "(where mkdocs.yml is), or give it with --project-dir")
    return folder


def contributor_language(lang: str | None) -> str:
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


class _EngineMessages(logging.Handler):
    """Shows the engine's warnings as plain lines, not as log records."""

    def emit(self, record: logging.LogRecord) -> None:
        level = "warning" if record.levelno >= logging.WARNING else "info"
        echo(f"{level}: {record.getMessage()}", err=True, lines=True)


def show_engine_messages(verbose: bool) -> None:
    logger = logging.getLogger("properdocs")  # the engine's (generator/mkdocs_plugin/engine.py)
    logger.handlers[:] = [_EngineMessages()]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
