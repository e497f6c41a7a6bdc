"""The site's languages and where each one lives in the built tree.

The languages are declared once, in ``languages.yml`` beside this module.
The first language is the default one, published at the root of the site;
every other language lives in a folder named after its code (``en/``). Pages
keep the same path in every language, so the counterpart of a page is always
found by swapping the language root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global

MARKDOWN_SUFFIX = ".md"
DECLARATION = Path(__file__).parent / "languages.yml"
TYPOGRAPHIES = ("french",)


@dataclass(frozen=True)
class SiteLanguages:
    """An ordered set of language codes; the first one is the default."""

    codes: tuple[str, ...]
    # code -> name of the typographic rules of that language (TYPOGRAPHIES)
    typographies: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # code -> the locale its texts are written for ("en_GB"), where declared
    locales: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.codes:
            raise ValueError("at least one language is needed")
        if len(set(self.codes)) != len(self.codes):
            raise ValueError(f"a language is listed twice in {list(self.codes)}")

    def typography(self, lang: str) -> str | None:
        return self.typographies.get(lang)

    def locale(self, lang: str) -> str:
        """The language with its territory, as link previews name it
        (og:locale, "fr_FR"): the declared one, else CLDR's likeliest."""
        self._check(lang)
        return self.locales.get(lang) or likely_locale(lang)

    @property
    def default(self) -> str:
        return self.codes[0]

    def others(self, lang: str) -> tuple[str, ...]:
        """The other languages, the default first: the order in which a
        missing page looks for a version to fall back on."""
        return tuple(code for code in self.codes if code != lang)

    def root(self, lang: str) -> str:
        """Path of a language's home from the site root ('' or 'en/')."""
        self._check(lang)
        return "" if lang == self.default else f"{lang}/"

    def relative_root(self, from_lang: str, to_lang: str) -> str:
        """Path from the home of ``from_lang`` to the home of ``to_lang``,
        usable as a relative URL prefix ('', 'en/', '../', '../de/')."""
        if from_lang == to_lang:
            return ""
        up = "../" if self.root(from_lang) else ""
        return up + self.root(to_lang)

    def name(self, lang: str, in_lang: str) -> str:
        """The name of ``lang`` in ``in_lang`` as CLDR spells it inside a
        sentence ('anglais' in French, 'French' in English)."""
        self._check(lang)
        return Locale.parse(in_lang).languages.get(lang, lang)

    def menu_name(self, lang: str) -> str:
        """The language's own name, capitalised as a menu entry ('Français')."""
        own = self.name(lang, in_lang=lang)
        return own[:1].upper() + own[1:]

    def _check(self, lang: str) -> None:
        if lang not in self.codes:
            raise ValueError(f"unknown language {lang!r}: the site has {', '.join(self.codes)}")


def likely_locale(lang: str) -> str:
    """CLDR's likeliest territory for a language: "fr" -> "fr_FR", "pt" -> "pt_BR"."""
    locale = Locale.parse(get_global("likely_subtags").get(lang, lang))
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def english_name(lang: str) -> str:
    """'Spanish' for 'es': how messages for contributors name a language."""
    return Locale("en").languages.get(lang, lang)


class LanguagesError(ValueError):
    """The declaration of the languages is wrong; the message says where."""


def read_site_languages(path: Path = DECLARATION) -> SiteLanguages:
    """The languages declared in ``path``, checked.

    Raises ``LanguagesError`` locating the mistake in the declaration.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LanguagesError(f"{path}: cannot be read: {error}") from None
    entries = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise LanguagesError(f"{path}: expected 'languages:' followed by a list of '- code: xx' items")
    codes, typographies, locales = [], {}, {}
    for index, entry in enumerate(entries):
        where = f"{path}: languages[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str) or set(entry) - {"code", "typography", "locale"}:
            raise LanguagesError(f"{where}: write '- code: xx', optionally with 'typography: …' and 'locale: …' (nothing else)")
        code = entry["code"]
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise LanguagesError(f"{where}: {code!r} is not a language code CLDR knows (e.g. fr, en, es, pt)") from None
        typography = entry.get("typography")
        if typography is not None:
            if typography not in TYPOGRAPHIES:
                raise LanguagesError(f"{where}.typography: {typography!r} is not one of {', '.join(TYPOGRAPHIES)}")
            typographies[code] = typography
        locale = entry.get("locale")
        if locale is not None:
            try:
                parsed = Locale.parse(str(locale))
            except (ValueError, UnknownLocaleError):
                parsed = None
            if parsed is None or not parsed.territory or str(parsed) != locale or parsed.language != Locale.parse(code).language:
                raise LanguagesError(f"{where}.locale: {locale!r} is not {code!r} with a territory CLDR knows (e.g. {likely_locale(code)})")
            locales[code] = locale
        codes.append(code)
    try:
        return SiteLanguages(tuple(codes), typographies, locales)
    except ValueError as error:
        raise LanguagesError(f"{path}: {error}") from None


@lru_cache(maxsize=1)
def site_languages() -> SiteLanguages:
    """The site's languages, as ``languages.yml`` declares them."""
    return read_site_languages()


@dataclass(frozen=True)
class MissingPage:
    """A page that exists in ``source_lang`` but not yet in the language being built."""

    path: PurePosixPath
    source_lang: str
    source_file: Path


def markdown_pages(folder: Path) -> set[PurePosixPath]:
    """Every Markdown page under ``folder``, as POSIX paths relative to it."""
    if not folder.is_dir():
        return set()
    return {
        PurePosixPath(path.relative_to(folder).as_posix())
        for path in folder.rglob(f"*{MARKDOWN_SUFFIX}")
        if path.is_file()
    }


def missing_pages(content_dir: Path, languages: SiteLanguages, lang: str) -> list[MissingPage]:
    """Pages that ``lang`` lacks and another language has, each with the
    language to fall back on (the default language first)."""
    present = markdown_pages(content_dir / lang)
    missing: dict[PurePosixPath, MissingPage] = {}
    for other in languages.others(lang):
        for path in sorted(markdown_pages(content_dir / other) - present):
            missing.setdefault(path, MissingPage(path, other, content_dir / other / path))
    return sorted(missing.values(), key=lambda page: page.path)
