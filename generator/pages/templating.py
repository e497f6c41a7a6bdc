"""The Jinja2 environment that renders Markdown pages in one language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from generator.i18n import translations

TEMPLATES_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=None)
def environment(lang: str) -> jinja2.Environment:
    """A template environment whose ``_()``/``gettext()`` speak ``lang``.

    Autoescaping is off because the output is Markdown, not HTML: values
    that come from contributors are escaped by the filters of the templates
    that use them.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        autoescape=False,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["lang"] = lang
    return env


def render(template: str, lang: str, **context: object) -> str:
    return environment(lang).get_template(template).render(**context)
