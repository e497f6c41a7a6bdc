"""What a shared link shows: each page's card (generator.pages.cards), its
alternative text, and where it is published. Only for a site built with its
address: a preview needs the image's absolute address, which the theme
writes into each page's head (overrides/main.html, og: and twitter: tags).

Cards: one per practice, one per text (the paper, the governance text), one
for the catalogue, and the site's own for every other page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.catalogue.model import Practice
from generator.pages import links
from generator.pages.cards import SITE_CARD, Card, CardStore, card_path
from generator.pages.citation import label, publication


def _site(view) -> tuple[str, str]:
    """The site's name in the view's language, and its host."""
    return view.gettext("Cities and Migration"), urlsplit(view.options.site_url or "").netloc


def practice_card(view, practice: Practice) -> tuple[Card, str]:
    """The card of a practice's page, and its alternative text."""
    name, host = _site(view)
    title = practice.text("title", view.lang)[0]
    place = f"{view.label(practice.city)}, {view.country(practice.country)}"
    catalogue = label(publication()["catalogue"]["title"], view.lang)
    card = Card(kicker=name, title=title, lines=(f"{place} · {view.period(practice, short=True)}",),
                footer=f"{catalogue} · {host}" if host else catalogue)
    return card, f"{title} — {place} ({name})"


def practice_card_meta(view, practice: Practice) -> dict | None:
    """The front matter that tells the theme about a practice's card."""
    if not view.options.site_url:
        return None
    _, alternative = practice_card(view, practice)
    return {"image": card_path(links.practice_page(practice.slug)), "alt": alternative}


def catalogue_card(view) -> tuple[Card, str]:
    name, host = _site(view)
    title = label(publication()["catalogue"]["title"], view.lang)
    count = view.gettext("%(count)s practices of %(cities)s cities") % {"count": len(view.practices), "cities": len(view.cities)}
    return Card(kicker=name, title=title, lines=(count,), footer=host), f"{title}: {count} ({name})"


def catalogue_card_meta(view) -> dict | None:
    if not view.options.site_url:
        return None
    return {"image": card_path(links.CATALOGUE), "alt": catalogue_card(view)[1]}


def text_card(view, page: str) -> Card:
    name, host = _site(view)
    text = publication()["texts"][page]
    return Card(kicker=name, title=label(text["title"], view.lang), lines=(label(text["author"], view.lang),), footer=host)


def site_card(view) -> Card:
    name, host = _site(view)
    network = label(publication()["network"], view.lang)
    description = view.gettext(
        "Cities' contribution to the UN Global Compacts on migration and on refugees, "
        "the local governance of migration, and a catalogue of city practices."
    )
    return Card(kicker=network, title=name, lines=(description,), footer=host)


def preview_card_specs(view) -> dict[str, Card]:
    """Every card of the site in the view's language: path -> what it shows."""
    if not view.options.site_url:
        return {}
    cards = {card_path(links.practice_page(p.slug)): practice_card(view, p)[0] for p in view.practices}
    cards[card_path(links.CATALOGUE)] = catalogue_card(view)[0]
    cards.update({card_path(page): text_card(view, page) for page in publication()["texts"]})
    cards[SITE_CARD] = site_card(view)
    return cards


def preview_cards(view, store: CardStore) -> dict[str, bytes]:
    """Every card of the site in the view's language: path -> PNG."""
    return {path: store.image(card) for path, card in preview_card_specs(view).items()}
