"""Interface strings of the generated pages, from the gettext catalogues.

Translators edit ``generator/locales/<lang>/LC_MESSAGES/messages.po``; the
catalogues are compiled in memory when first used, so no binary ``.mo`` file
is committed and a changed ``.po`` takes effect at the next build.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


def catalogue_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> NullTranslations:
    """The gettext translations for ``lang``; the message ids (English) are
    used as they are for a language without a catalogue."""
    path = catalogue_path(lang)
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


# Where gettext looks for the user's language, in its order.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(codes: Iterable[str], environ: dict[str, str] | None = None) -> str | None:
    """The first of ``codes`` that the environment asks for (LANGUAGE may
    list several, 'es:fr'; LANG reads 'es_ES.UTF-8'), or None."""
    environ = os.environ if environ is None else environ
    known = list(codes)
    for variable in LANGUAGE_VARIABLES:
        for wanted in environ.get(variable, "").split(":"):
            code = wanted.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in known:
                return code
            if code in ("c", "posix"):
                return None  # the plain C locale: no language asked for
    return None
