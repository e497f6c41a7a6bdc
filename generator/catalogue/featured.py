"""The practices the home page shows first: a list of slugs, chosen by people."""

from __future__ import annotations

from pathlib import Path

from generator.catalogue.yaml_source import YAMLSourceError, located_message, read_located_list


class FeaturedError(Exception):
    """The list cannot be used; the message says where and why."""


def load_featured(path: Path, slugs: set[str]) -> list[str]:
    """The featured slugs of ``path`` (none if the file does not exist),
    each checked against the catalogue's ``slugs``.

    Raises ``FeaturedError`` naming the file and the line at fault.
    """
    if not path.exists():
        return []
    try:
        document = read_located_list(path, "featured", "a list of practice slugs")
    except YAMLSourceError as error:
        raise FeaturedError(located_message(path, error)) from None
    featured = document.data["featured"]
    for index, slug in enumerate(featured):
        line, column = document.position(("featured", index))
        if not isinstance(slug, str) or slug not in slugs:
            raise FeaturedError(f"{path}:{line}:{column}: featured[{index}]: {slug!r} is not the slug of a practice "
                                f"(the file name in practices/ without .yml)")
    if len(set(featured)) != len(featured):
        raise FeaturedError(f"{path}: a practice is listed twice")
    return featured
