"""The catalogue on the home page: its figures, the featured and the latest
practices as cards, in one language. Engine-free, like the rest of pages/:
the engine's plugin (ProperDocs) puts the section where the home page marks it."""

from __future__ import annotations

from collections.abc import Iterable

from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import Vocabularies
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView
from generator.pages.templating import environment

# Where a page asks for the section (an HTML comment: invisible elsewhere).
MARKER = "<!-- catalogue highlights -->"
LATEST = 3


def home_highlights(
    practices: Iterable[Practice], vocabularies: Vocabularies, lang: str, featured: list[str],
    options: CatalogueOptions | None = None, page: str = "index.md",
) -> str:
    """The Markdown of the section, for ``page`` in ``lang``."""
    view = CatalogueView(list(practices), vocabularies, lang, options or CatalogueOptions())
    by_slug = {practice.slug: practice for practice in view.practices}
    chosen = [by_slug[slug] for slug in featured if slug in by_slug]
    # The latest changed first; a featured practice is not shown twice.
    latest = sorted((p for p in view.practices if p.slug not in featured),
                    key=lambda p: (p.last_updated, p.slug), reverse=True)[:LATEST]
    _ = view.gettext
    figures = {
        "practices": len(view.practices),
        "cities": len(view.cities),
        "countries": len(view.by_country),
        "objectives": len(view.by_objective),
    }
    sections = [(_("Featured practices"), "featured", chosen), (_("Latest practices"), "latest", latest)]
    return environment(lang).get_template("home_highlights.md.j2").render(
        view=view, page=page, figures=figures, sections=sections)
