"""Messages for contributors that can be said again in their language.

A check words its findings in English, as ``N_("%(value)s is out of range")
% {"value": 12}``: the result is the English text, a ``str`` like any other,
that also remembers the gettext template and the values it was made from.
``translated`` says it again through another language's catalogue, the
values unchanged (a value is what the contributor wrote, or a number).
So the checks know nothing of languages, and whoever shows a message
(``publish check --lang es``, the preview, the web form) picks its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from babel import Locale, UnknownLocaleError

from generator.i18n import translations


class Message(str):
    """English text with its gettext template and values."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, values: dict[str, Any] | None = None) -> Message:
        values = dict(values or {})
        self = super().__new__(cls, template % values if values else template)
        self.template, self.values = template, values
        return self

    def __mod__(self, values: Any) -> Message:
        if not isinstance(values, dict):
            return str.__mod__(self, values)  # not a template of ours: plain formatting
        return Message(self.template, {**self.values, **values})

    def __reduce__(self) -> tuple:
        # Findings cross process boundaries (loading checks in parallel).
        return Message, (self.template, self.values)

    def __deepcopy__(self, memo: dict) -> Message:
        return self  # immutable, as str


class _CodeName(Message):
    """A name CLDR gives to a code, said in each language: its English name
    as a str, the name in ``lang`` from ``in_language``."""

    @staticmethod
    def _names(locale: Locale) -> dict[str, str]:
        raise NotImplementedError

    def __new__(cls, code: str) -> _CodeName:
        self = str.__new__(cls, cls._names(Locale("en")).get(code, code))
        self.template, self.values = "", {"code": code}
        return self

    def __reduce__(self) -> tuple:
        return type(self), (self.values["code"],)

    def in_language(self, lang: str) -> str:
        try:
            return self._names(Locale.parse(lang)).get(self.values["code"], str(self))
        except (ValueError, UnknownLocaleError):
            return str(self)


class LanguageName(_CodeName):
    """A language's name: 'Spanish' in English, 'espagnol' in French."""

    @staticmethod
    def _names(locale: Locale) -> dict[str, str]:
        return locale.languages


class CountryName(_CodeName):
    """A country's name from its ISO code, as CLDR names it in each language."""

    @staticmethod
    def _names(locale: Locale) -> dict[str, str]:
        return locale.territories


def N_(template: str) -> Message:
    """Marks ``template`` for the gettext catalogues (``pybabel extract -k
    N_``) and makes it a Message, to format with ``%``."""
    return Message(template)


def joined(parts: Iterable[str], separator: str = "; ") -> str:
    """The non-empty ``parts`` joined, each translatable on its own (a hint
    made of a field's description and its example)."""
    kept = [part for part in parts if part]
    if len(kept) < 2:
        return kept[0] if kept else ""
    template = separator.join(f"%(part{index})s" for index in range(len(kept)))
    return Message(template, {f"part{index}": part for index, part in enumerate(kept)})


def translated(text: Any, lang: str) -> Any:
    """``text`` in ``lang``: a Message through that language's gettext
    catalogue, with its Message values translated too; anything else as it
    is (a value a contributor wrote is never looked up)."""
    if isinstance(text, _CodeName):
        return text.in_language(lang)
    if not isinstance(text, Message):
        return text
    template = translations(lang).gettext(text.template) if text.template else text.template
    if not text.values:
        return template
    values = {key: translated(value, lang) for key, value in text.values.items()}
    try:
        return template % values
    except (KeyError, TypeError, ValueError):
        return str(text)  # a translation that names another value: English, rather than nothing
