"""The link-preview cards of a site build, drawn beside the languages' builds.

A build with a site address has a card per practice and language (3,000 at
1,000 entries, about 4 ms of CPU each: 12–14 s, a quarter of the cold
build). Drawn inside each language's build, they lengthened each build, and
so the whole: the languages build two at a time on two cores, the last one
alone. Here one process draws every language's cards, at the lowest
priority, while the languages build: it takes the CPU the builds leave (the
core idle while the last language builds alone, the waits on the disk), and
gives it back as soon as a build wants it. The languages' builds make their
pages as before, with the cards' addresses and descriptions, without the
images (the plugin's ``cards: false``); the images are put in the site's
folder before it replaces the previous one.

The cards are those the plugin would draw (``previews.preview_card_specs``
of the same practices, language and address), kept in the same store
(``cards/`` in the generator's cache), where a rebuild finds them again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages.cards import CardStore
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView
from generator.pages.previews import preview_card_specs


def draw_site_cards(
    practices: Sequence[Practice], sites: Mapping[str, tuple[str, str]], store_dir: Path | None, out_dir: Path,
) -> int:
    """Draw (or take from the store in ``store_dir``) the cards of every
    language in ``sites`` (language -> (its folder in the site, its
    address)) into ``out_dir``, laid out as in the site. Returns how many."""
    vocabularies = load_vocabularies()
    store = CardStore(store_dir)
    count = 0
    for lang, (root, site_url) in sites.items():
        view = CatalogueView(list(practices), vocabularies, lang, CatalogueOptions(site_url=site_url))
        for path, card in preview_card_specs(view).items():
            store.place(card, out_dir / root / path)
            count += 1
    return count


def lower_priority() -> None:
    """The lowest scheduling priority: the process runs when the CPU would idle."""
    try:
        os.nice(19)
    except (OSError, AttributeError):
        pass


def merge_tree(source: Path, target: Path) -> None:
    """Move every file of ``source`` to the same place under ``target``
    (whole folders are moved when ``target`` lacks them)."""
    for item in sorted(source.iterdir()):
        destination = target / item.name
        if not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            item.rename(destination)
        elif item.is_dir() and destination.is_dir():
            merge_tree(item, destination)
        else:
            shutil.move(item, destination)
