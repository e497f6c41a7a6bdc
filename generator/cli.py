"""The ``publish`` command: build, preview and (soon) check the site."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

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
        click.echo(f"{level}: {record.getMessage()}", err=True)


def _show_engine_messages(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [_EngineMessages()]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cities-migration-site")
def main() -> None:
    """Build and check the bilingual site of the cities' position paper and
    catalogue of practices.

    \b
    Typical use:
      publish build            # both languages into site/, with search
      publish serve --lang en  # preview the English pages, live reload
    """


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

    The default language (French) lands at the root of SITE_DIR, English
    under SITE_DIR/en/. Any warning (a broken link, a missing anchor) stops
    the build, names the page, and leaves the previous SITE_DIR untouched.

    \b
    Example:
      publish build --site-dir /tmp/preview
    """
    from generator.site_build import SiteBuildError, build_site

    _show_engine_messages(verbose)
    if not site_dir.is_absolute():
        site_dir = project_dir / site_dir
    try:
        built = build_site(project_dir, site_dir, progress=lambda line: click.echo(f"  {line}"))
    except SiteBuildError as error:
        raise click.ClickException(f"{error}\nThe previous site, if any, was left as it was.") from None
    click.echo(
        f"Built {built.pages} pages in {', '.join(built.languages)} into {built.site_dir} "
        f"in {built.seconds:.1f} s."
    )


@main.command()
@PROJECT_DIR_OPTION
@click.option("--lang", default=None, help="Language to preview (default: the site's default language).")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(project_dir: Path, lang: str | None, dev_addr: str) -> None:
    """Preview one language with live reload while you edit.

    Search is not available in the preview: its index is made from the
    built site by `publish build`.

    \b
    Example:
      publish serve --lang en   # then open http://127.0.0.1:8000/
    """
    from generator.site_build import SiteBuildError, language_projects
    from mkdocs.commands.serve import serve as mkdocs_serve

    _show_engine_messages(verbose=True)
    try:
        projects = dict(language_projects(project_dir))
    except SiteBuildError as error:
        raise click.ClickException(str(error)) from None
    lang = lang or next(iter(projects))
    if lang not in projects:
        raise click.BadParameter(f"{lang!r}; the site has {', '.join(projects)}", param_hint="--lang")
    mkdocs_serve(str(projects[lang]), dev_addr=dev_addr, livereload=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
