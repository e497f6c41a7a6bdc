"""The site: pages for another engine, build and serve."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.cli.options import PROJECT_DIR_OPTION, catalogue_errors, practices_folder, show_engine_messages
from generator.interrupts import Interrupted
from generator.terminal import echo, printable


@click.command()
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
        report = load_catalogue(practices_folder(project_dir), root=Path.cwd())
    except CatalogueError as error:
        raise click.ClickException(f"{catalogue_errors(error)}\nNothing was written.") from None
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


@click.command()
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
    show_engine_messages(verbose)
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


@click.command()
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

    show_engine_messages(verbose=True)
    try:
        projects = dict(language_projects(project_dir))
    except SiteBuildError as error:
        raise click.ClickException(str(error)) from None
    lang = lang or next(iter(projects))
    if lang not in projects:
        raise click.BadParameter(f"{lang!r}; the site has {', '.join(projects)}", param_hint="--lang")
    # mkdocs.yml hands SITE_LANGUAGE to the cities plugin, which builds that language.
    os.environ["SITE_LANGUAGE"] = lang
    # Dirty builds: the served folder is kept between rebuilds, and the cities
    # plugin writes only what changed (generator/mkdocs_plugin/preview_output.py).
    engine_serve(str(projects[lang]), dev_addr=dev_addr, livereload=True, build_type="dirty")
