"""A page shown in another language while its translation is missing."""

from __future__ import annotations

from generator.languages import SiteLanguages
from generator.pages.front_matter import join_front_matter, split_front_matter
from generator.pages.templating import render

FALLBACK_META_KEY = "translation_fallback"


def fallback_page(source_markdown: str, languages: SiteLanguages, lang: str, source_lang: str) -> str:
    """The Markdown of a page of ``lang`` that shows ``source_markdown``
    (written in ``source_lang``) under a notice saying it is not translated.

    The page keeps the source's metadata and records which language it falls
    back on, so that templates neither declare it as a translation (hreflang)
    nor hand it to the search index of ``lang``.
    """
    meta, body = split_front_matter(source_markdown)
    meta[FALLBACK_META_KEY] = source_lang
    text = render(
        "fallback.md.j2",
        lang,
        body=body.strip(),
        source_lang=source_lang,
        language_name=languages.name(lang, in_lang=lang),
        source_language_name=languages.name(source_lang, in_lang=lang),
    )
    return join_front_matter(meta, text)
