"""The thematic editions every release makes: content/print-editions.yml,
selections chosen by the communications team, so that the published site
offers them without anyone remembering a command-line option."""

from __future__ import annotations

from pathlib import Path

from generator.catalogue.vocabularies import Vocabularies
from generator.catalogue.yaml_source import YAMLSourceError, located_message, read_located_list
from generator.release.selection import Selection, SelectionError, parse_selection


class DeclaredEditionsError(Exception):
    """The list cannot be used; the message says where and why."""


def load_declared_editions(path: Path, vocabularies: Vocabularies) -> dict[Selection, str]:
    """Each selection of ``path`` (none if the file does not exist), checked
    against the vocabularies, and where it is declared, for messages."""
    if not path.exists():
        return {}
    try:
        document = read_located_list(path, "editions", "a list of selections such as gcm=16 or region=150&theme=housing")
    except YAMLSourceError as error:
        raise DeclaredEditionsError(located_message(path, error)) from None
    declared: dict[Selection, str] = {}
    for index, text in enumerate(document.data["editions"]):
        line, column = document.position(("editions", index))
        where = f"{path}:{line}:{column}: editions[{index}]"
        if not isinstance(text, str):
            raise DeclaredEditionsError(f"{where}: {text!r} is not a selection: write it as the catalogue page's "
                                        f"address writes its filters, in quotes, e.g. \"gcm=16\"")
        try:
            declared.setdefault(parse_selection(text, vocabularies), where)
        except SelectionError as error:
            raise DeclaredEditionsError(f"{where}: {error}") from None
    return declared
