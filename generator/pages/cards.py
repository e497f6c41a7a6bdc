"""The link-preview cards: a 1,200 × 630 PNG per page and language, which
messaging apps and social networks show for a shared address (og:image).

A practice's card shows its title, its city and country, and the site's
name; a text's, its title and its author; the site's own card (for the
other pages), the site's name and description. They are drawn with the
fonts shipped in ``fonts/`` (no request to any host), at sizes a phone
still reads when it shows the card about 400 px wide (the smallest text,
the footer, is 28 px of 1,200, the title 44 to 72).

A card is made once per content: it is stored under a hash of everything it
shows (and of this module and its fonts) in the build cache's folder, where
every language and every later build finds it.

Drawing is cheap in one channel: the text's coverage is drawn on a grey
image, whose 256 levels a palette then maps from the background colour to
white; the PNG is that palette image (8 bits a pixel, about 35 KB).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONTS_DIR = Path(__file__).parent / "fonts"
REGULAR, BOLD = FONTS_DIR / "DejaVuSans.ttf", FONTS_DIR / "DejaVuSans-Bold.ttf"
# The site's primary colour (overrides/assets/stylesheets/site.css, --md-primary-fg-color).
BACKGROUND = (0x0B, 0x4F, 0x6C)
TITLE_SIZES = (72, 64, 56, 48, 44)
# Grey levels of the one-channel drawing (255: white text, 0: background).
TEXT, SOFT, RULE = 255, 205, 70


@dataclass(frozen=True)
class Card:
    """What a card shows; its image is ``draw(card)``."""

    kicker: str  # the small line above the title: the site's name
    title: str
    lines: tuple[str, ...] = ()  # below the title: place and period, or an author
    footer: str = ""  # at the bottom: the catalogue's name, the site's host

    def key(self) -> str:
        digest = hashlib.blake2b(_fingerprint().encode(), digest_size=16)
        for part in (self.kicker, self.title, *self.lines, "\0", self.footer):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()


@cache
def _fingerprint() -> str:
    """Changes when this module or its fonts change: older cards are not reused."""
    digest = hashlib.blake2b(digest_size=16)
    for path in (Path(__file__), REGULAR, BOLD):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@cache
def _palette() -> list[int]:
    """Grey level -> colour: from the background to white."""
    return [round(b + (255 - b) * level / 255) for level in range(256) for b in BACKGROUND]


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words in lines no wider than ``width``; a word wider than a line is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while font.getlength(word) > width:  # a very long word: cut where it fills the line
            cut = max(1, next((i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width), 1))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


FOOTER_HEIGHT, LINE_HEIGHT, TITLE_TOP = 84, 50, 168


def _title_lines(title: str, room: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title holds in ``room`` pixels of
    height; else the smallest, its last line ending with an ellipsis."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(BOLD, size)
        lines = wrap(title, font, width)
        if len(lines) * round(size * 1.12) <= room:
            return font, lines
    fits = max(1, room // round(font.size * 1.12))
    last = " ".join(lines[fits - 1:])
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return font, lines[: fits - 1] + [last + " …"]


def layout(card: Card) -> tuple[ImageFont.FreeTypeFont, list[str], list[str]]:
    """The title's font and lines, and the lines below it (at most three)."""
    below = [part for line in card.lines for part in wrap(line, _font(REGULAR, 38), WIDTH - 2 * MARGIN)[:2]][:3]
    bottom = HEIGHT - (FOOTER_HEIGHT if card.footer else 0) - 28
    font, lines = _title_lines(card.title, bottom - TITLE_TOP - 18 - LINE_HEIGHT * len(below))
    return font, lines, below


@lru_cache(maxsize=16)
def _base(kicker: str, footer: str) -> Image.Image:
    """What the cards of one language share (the site's name, the rule, the
    footer): drawn once, copied for each card."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    pen.text((MARGIN, 64), kicker, font=_font(BOLD, 34), fill=SOFT)
    pen.rectangle((MARGIN, 122, MARGIN + 120, 128), fill=RULE + 120)
    if footer:
        small = _font(REGULAR, 28)
        pen.rectangle((0, HEIGHT - FOOTER_HEIGHT, WIDTH, HEIGHT), fill=RULE)
        name, _, host = footer.rpartition(" · ")
        if host:  # the host at the right, always whole; the name before it, cut if it must be
            host_width = small.getlength(host)
            pen.text((WIDTH - MARGIN - host_width, HEIGHT - 60), host, font=small, fill=TEXT)
            room = width - host_width - 40
            if name and small.getlength(name) > room:
                while name and small.getlength(name + "…") > room:
                    name = name[:-1]
                name += "…"
        else:
            name = footer
        if name:
            pen.text((MARGIN, HEIGHT - 60), name, font=small, fill=TEXT)
    return image


def draw(card: Card) -> bytes:
    image = _base(card.kicker, card.footer).copy()
    pen = ImageDraw.Draw(image)
    font, lines, below = layout(card)
    y = TITLE_TOP
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=TEXT)
        y += round(font.size * 1.12)
    y += 18
    regular = _font(REGULAR, 38)
    for part in below:
        pen.text((MARGIN, y), part, font=regular, fill=SOFT)
        y += LINE_HEIGHT
    # The grey levels become the palette's colours: an 8-bit palette PNG.
    image.putpalette(_palette())
    output = io.BytesIO()
    # Run-length deflate: the flat background is long runs; twice as fast as
    # zlib's level 1 here, for a file of about 35 KB.
    image.save(output, "PNG", compress_level=1, compress_type=zlib.Z_RLE)
    return output.getvalue()


class CardStore:
    """Cards already drawn, one PNG file per content, in ``folder``
    (shared by every language and every build); without a folder, every
    card is drawn."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.drawn = self.reused = 0

    def image(self, card: Card) -> bytes:
        path = self.folder / f"{card.key()}.png" if self.folder is not None else None
        if path is not None:
            try:
                data = path.read_bytes()
                self.reused += 1
                return data
            except OSError:
                pass
        data = draw(card)
        self.drawn += 1
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, scratch = tempfile.mkstemp(prefix=".card-", dir=path.parent)
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(scratch, path)  # another language's build may write the same card: atomic
            except OSError:
                pass  # a read-only checkout: drawn again next time
        return data

    def place(self, card: Card, target: Path) -> None:
        """Write ``card``'s image at ``target``, from the store when it is there."""
        target.parent.mkdir(parents=True, exist_ok=True)
        stored = self.folder / f"{card.key()}.png" if self.folder is not None else None
        if stored is not None and stored.is_file():
            try:
                shutil.copyfile(stored, target)
                self.reused += 1
                return
            except OSError:
                pass
        target.write_bytes(self.image(card))


def card_path(page: str) -> str:
    """Where a page's card is published: 'catalogue/practices/x.md' ->
    'cards/catalogue/practices/x.png'; the site's own card is 'cards/site.png'."""
    return "cards/" + page.removesuffix(".md") + ".png"


SITE_CARD = "cards/site.png"
