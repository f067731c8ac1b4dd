"""Social cards: a 1200×630 PNG for every page, the picture a shared link shows.

Facebook, LinkedIn, X and most chat apps show no SVG, so a page's ``og:image`` is a
raster card drawn here: the page's title, its summary or description, its area or
section, the site's name, domain and (raster) logo, over the page's own raster image
when it has one. Pages of any host get the same cards: this module knows pages, not
engines.

The card's layout is measured before it is drawn (:func:`layout_card`): the title is set
at the largest size at which it fits in three lines, and ellipsized at the smallest; the
text below it takes the lines left above the footer. The fonts are Source Sans Pro, from
the ``font-source-sans-pro`` package (Latin, Greek and Cyrillic; other scripts show the
font's missing-glyph box).

Drawing is costly next to everything else a page needs (a few milliseconds), so cards
are cached by the hash of everything drawn on them (:meth:`CardSpec.digest`) in
``.cache/termsite/cards/``: an unchanged page costs a file link on the next build, and a
damaged cache entry (a failed CRC, a wrong size, a missing end) is drawn again. Cards are
palette PNGs, which keeps one near 30 KB and its encoding quick: a card without a
background is drawn in palette indices directly (ramps from the background to the text
and accent colours, so that antialiased text blends inside them), one over a photo is
reduced to a palette once drawn.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import tempfile
import zlib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from termsite.content.model import Glossary, Image
from termsite.problems import Problem
from termsite.settings import CardSettings, SiteSettings
from termsite.workers import map_items

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from PIL import ImageFont

    from termsite.site.articles import ArticlePage
    from termsite.site.pages import GeneratedPage

CARD_WIDTH = 1200
CARD_HEIGHT = 630
CARDS_DIR = "assets/cards/"
# Formats a page's own image may have to be shared as it is (and drawn behind its card).
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
# Changing how cards are drawn changes this, so that every cached card is drawn again.
LAYOUT_VERSION = "1"
# Render in worker processes from this many cards to draw: each costs a few milliseconds,
# so a pool pays for itself much sooner than for the loader's small jobs.
PARALLEL_FROM_CARDS = 64
ALT_MAX = 420  # what X keeps of an image description

# Geometry, in pixels of the 1200×630 card.
MARGIN_X = 80
TEXT_RIGHT = CARD_WIDTH - MARGIN_X
LABEL_BASELINE = 92
TITLE_TOP = 120
TITLE_SIZES = (72, 66, 60, 54, 48)
TITLE_MAX_LINES = 3
TEXT_SIZES = (32, 29)
TEXT_MAX_LINES = 4
FOOTER_RULE_Y = 528
FOOTER_BASELINE = 588
LOGO_BOX = (240, 56)  # the largest a logo is drawn, width × height
LABEL_SIZE = 26
SITE_SIZE = 30
DOMAIN_SIZE = 26

# Palette of a card without a background: a ramp from the background to the text colour
# (antialiased text on the background blends inside it), a ramp to the accent colour,
# and the logo's own colours.
TEXT_RAMP = 128  # indices 0..127
ACCENT_RAMP = 64  # indices 128..191
ACCENT = TEXT_RAMP + ACCENT_RAMP - 1
LOGO_COLOURS = 256 - TEXT_RAMP - ACCENT_RAMP  # indices 192..255
# Shades of the text ramp, as fractions of the way from the background to the text colour.
TITLE_SHADE = 1.0
TEXT_SHADE = 0.86
DOMAIN_SHADE = 0.62
RING_SHADE = 0.05


def is_raster(url: str) -> bool:
    """Whether an image address names a format every sharing service shows."""
    return urlsplit(url).path.lower().endswith(RASTER_SUFFIXES)


def card_path(page_path: str) -> str:
    """Where a page's card is in the site: 'definition/mark-price/' -> 'assets/cards/definition/mark-price.png'."""
    stem = page_path.strip("/")
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    if stem.endswith("/index") or stem == "index":
        stem = stem[: -len("index")].rstrip("/")
    return f"{CARDS_DIR}{stem or 'index'}.png"


def card_alt(title: str, text: str) -> str:
    """The card's description for screen readers and for services that show it as text."""
    title = " ".join(title.split())
    text = " ".join(text.split())
    alt = f"{title}: {text}" if text else title
    return alt if len(alt) <= ALT_MAX else alt[: ALT_MAX - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class CardSpec:
    """Everything drawn on one card. Files are named by path and identified by their content's hash."""

    title: str
    text: str
    label: str  # the area or section, above the title
    site_name: str
    domain: str
    background_colour: str
    text_colour: str
    accent_colour: str
    logo: str = ""  # file of a raster logo; '' for none
    logo_hash: str = ""
    background: str = ""  # file of the page's own raster image; '' for none
    background_hash: str = ""

    def digest(self) -> str:
        """The cache key: everything drawn, the fonts and the drawing code; not where the files are."""
        drawn = {key: value for key, value in asdict(self).items() if key not in ("logo", "background")}
        drawn["layout"] = LAYOUT_VERSION
        drawn["fonts"] = _font_identity()
        return hashlib.sha256(json.dumps(drawn, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    @property
    def alt(self) -> str:
        return card_alt(self.title, self.text)


# Fonts
@lru_cache(maxsize=1)
def _font_identity() -> str:
    from importlib.metadata import version

    import PIL
    from PIL import features

    return f"source-sans-pro {version('font-source-sans-pro')}; Pillow {PIL.__version__}; " \
           f"FreeType {features.version('freetype2')}"


_FONT_FILES = {"regular": "SourceSansPro-Regular.ttf", "semibold": "SourceSansPro-Semibold.ttf",
               "bold": "SourceSansPro-Bold.ttf"}


@lru_cache(maxsize=None)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    """A font of the card, loaded once per process and size."""
    from importlib.resources import files

    from PIL import ImageFont

    path = files("font_source_sans_pro") / "files" / _FONT_FILES[weight]
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


_REFERENCE_SIZE = 100


@lru_cache(maxsize=65536)
def _word_width(weight: str, word: str) -> float:
    """A word's advance at the reference size; widths at other sizes scale with the size."""
    return font(weight, _REFERENCE_SIZE).getlength(word)


# Layout
@dataclass(frozen=True)
class TextLine:
    """One line of text as drawn: its role, font, size and left baseline point."""

    role: str  # 'label', 'title', 'text', 'site' or 'domain'
    text: str
    weight: str
    size: int
    x: int
    baseline: int
    anchor: str = "ls"  # Pillow's text anchor: left baseline, or right baseline ('rs')

    def box(self) -> tuple[int, int, int, int]:
        """The line's ink box, as Pillow measures it: (left, top, right, bottom)."""
        left, top, right, bottom = font(self.weight, self.size).getbbox(self.text, anchor=self.anchor)
        return self.x + left, self.baseline + top, self.x + right, self.baseline + bottom


@dataclass(frozen=True)
class CardLayout:
    lines: tuple[TextLine, ...]
    title_size: int
    shortened: bool  # the title or the text was ellipsized to fit
    logo_box: tuple[int, int, int, int] | None = None

    def of(self, role: str) -> list[TextLine]:
        return [line for line in self.lines if line.role == role]


def _space(weight: str) -> float:
    return _word_width(weight, " ")


def wrap(text: str, weight: str, size: int, width: float) -> list[str]:
    """Greedy line breaking at spaces; a word wider than the line is broken between characters.

    Widths are sums of word widths (scaled from the reference size), checked for every
    line against the real measure at ``size``: a line that kerning or hinting made too
    wide gives up its last word.
    """
    scale = size / _REFERENCE_SIZE
    space = _space(weight) * scale
    lines: list[list[str]] = []
    current: list[str] = []
    current_width = 0.0
    for word in text.split():
        word_width = _word_width(weight, word) * scale
        if word_width > width:
            pieces = _break_word(word, weight, size, width)
            if current:
                lines.append(current)
            lines.extend([piece] for piece in pieces[:-1])
            current, current_width = [pieces[-1]], _word_width(weight, pieces[-1]) * scale
            continue
        added = word_width + (space if current else 0.0)
        if current and current_width + added > width:
            lines.append(current)
            current, current_width = [word], word_width
        else:
            current.append(word)
            current_width += added
    if current:
        lines.append(current)
    return _fit_measured([" ".join(line) for line in lines], weight, size, width)


def _fit_measured(lines: list[str], weight: str, size: int, width: float) -> list[str]:
    measured = font(weight, size)
    out: list[str] = []
    carry = ""
    for line in lines:
        line = f"{carry} {line}".strip() if carry else line
        carry = ""
        while measured.getlength(line) > width and " " in line:
            line, moved = line.rsplit(" ", 1)
            carry = f"{moved} {carry}".strip()
        out.append(line)
    while carry:
        head = carry
        rest = ""
        while measured.getlength(head) > width and " " in head:
            head, moved = head.rsplit(" ", 1)
            rest = f"{moved} {rest}".strip()
        out.append(head)
        carry = rest
    return out


def _break_word(word: str, weight: str, size: int, width: float) -> list[str]:
    measured = font(weight, size)
    pieces: list[str] = []
    current = ""
    for character in word:
        if current and measured.getlength(current + character) > width:
            pieces.append(current)
            current = character
        else:
            current += character
    return pieces + [current] if current else pieces


def ellipsize(line: str, weight: str, size: int, width: float) -> str:
    """The line shortened at a word (or a character) so that it and '…' fit ``width``."""
    measured = font(weight, size)
    line = line.rstrip(" ,;:.-–—")
    while line and measured.getlength(line + "…") > width:
        line = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
        line = line.rstrip(" ,;:.-–—")
    return line + "…"


def _fitted(text: str, weight: str, sizes: Sequence[int], width: float, max_lines: int) -> tuple[int, list[str], bool]:
    """(size, lines, shortened): the largest size at which ``text`` fits ``max_lines``, else the smallest, ellipsized."""
    for size in sizes:
        lines = wrap(text, weight, size, width)
        if len(lines) <= max_lines:
            return size, lines, False
    size = sizes[-1]
    lines = wrap(text, weight, size, width)
    kept = lines[:max_lines]
    kept[-1] = ellipsize(kept[-1] + " " + lines[max_lines], weight, size, width)
    return size, kept, True


def layout_card(spec: CardSpec, logo_size: tuple[int, int] | None = None) -> CardLayout:
    """Where every line of the card goes; ``logo_size`` is the drawn logo's (width, height), if any."""
    width = TEXT_RIGHT - MARGIN_X
    lines: list[TextLine] = []
    shortened = False
    if spec.label:
        label = spec.label.upper()
        label_lines = wrap(label, "semibold", LABEL_SIZE, width)
        if len(label_lines) > 1:
            label_lines[0] = ellipsize(label_lines[0] + " " + label_lines[1], "semibold", LABEL_SIZE, width)
        lines.append(TextLine("label", label_lines[0], "semibold", LABEL_SIZE, MARGIN_X, LABEL_BASELINE))
    title_size, title_lines, cut = _fitted(spec.title or spec.site_name, "bold", TITLE_SIZES, width, TITLE_MAX_LINES)
    shortened |= cut
    title_ascent = font("bold", title_size).getmetrics()[0]
    line_height = round(title_size * 1.12)
    baseline = TITLE_TOP + round(title_ascent * 0.86)
    for line in title_lines:
        lines.append(TextLine("title", line, "bold", title_size, MARGIN_X, baseline))
        baseline += line_height
    text_bottom = FOOTER_RULE_Y - 28
    if spec.text:
        for size in TEXT_SIZES:
            text_line_height = round(size * 1.32)
            first = baseline - line_height + round(title_size * 0.32) + text_line_height
            room = min(TEXT_MAX_LINES, max(0, (text_bottom - first) // text_line_height + 1))
            text_lines = wrap(spec.text, "regular", size, width)
            if len(text_lines) <= room or size == TEXT_SIZES[-1]:
                break
        if room:
            if len(text_lines) > room:
                text_lines = text_lines[:room - 1] + [ellipsize(" ".join(text_lines[room - 1:]), "regular", size, width)]
                shortened = True
            for index, line in enumerate(text_lines):
                lines.append(TextLine("text", line, "regular", size, MARGIN_X, first + index * text_line_height))
        else:
            shortened = True
    logo_box = None
    site_x = MARGIN_X
    if logo_size is not None:
        logo_width, logo_height = logo_size
        top = FOOTER_BASELINE - 10 - logo_height // 2 - 8
        logo_box = (MARGIN_X, top, MARGIN_X + logo_width, top + logo_height)
        site_x = MARGIN_X + logo_width + 18
    domain_width = font("regular", DOMAIN_SIZE).getlength(spec.domain) if spec.domain else 0
    site_room = TEXT_RIGHT - site_x - (domain_width + 40 if spec.domain else 0)
    if spec.site_name and site_room > 0:
        site = spec.site_name
        if font("semibold", SITE_SIZE).getlength(site) > site_room:
            site = ellipsize(site, "semibold", SITE_SIZE, site_room)
        lines.append(TextLine("site", site, "semibold", SITE_SIZE, site_x, FOOTER_BASELINE))
    if spec.domain:
        lines.append(TextLine("domain", spec.domain, "regular", DOMAIN_SIZE, TEXT_RIGHT, FOOTER_BASELINE, "rs"))
    return CardLayout(tuple(lines), title_size, shortened, logo_box)


# Drawing
@lru_cache(maxsize=None)
def _glyph(weight: str, size: int, character: str, phase: int) -> tuple[Any, tuple[int, int]]:
    """A character's coverage mask and offset from its left baseline point, at a quarter-pixel phase."""
    return font(weight, size).getmask2(character, "L", start=(phase / 4, 0), anchor="ls")


@lru_cache(maxsize=None)
def _advance(weight: str, size: int, character: str) -> float:
    return font(weight, size).getlength(character)


@lru_cache(maxsize=None)
def _kerning(weight: str, size: int, first: str, second: str) -> float:
    return font(weight, size).getlength(first + second) - _advance(weight, size, first) - _advance(weight, size, second)


def _draw_text(draw: Any, line: TextLine, fill: Any) -> None:
    """A line drawn glyph by glyph from masks rendered once per process.

    Pillow rasterizes every glyph of every string it draws; the words of a site's cards
    repeat the same few dozen characters, so reusing their masks halves a card's drawing
    time, with the same pixels (glyphs are placed at quarter pixels, as FreeType renders them).
    """
    try:
        ink = draw._getink(fill)[0]  # Pillow's own conversion of a colour to the image's ink
        bitmap = draw.draw.draw_bitmap
    except AttributeError:  # a Pillow without these: draw the string as a whole
        draw.text((line.x, line.baseline), line.text, font=font(line.weight, line.size), fill=fill, anchor=line.anchor)
        return
    weight, size = line.weight, line.size
    x = float(line.x)
    if line.anchor == "rs":
        x -= font(weight, size).getlength(line.text)
    previous = ""
    for character in line.text:
        if previous:
            x += _kerning(weight, size, previous, character)
        left = int(x // 1)
        phase = int((x - left) * 4 + 0.5)
        if phase == 4:
            left, phase = left + 1, 0
        mask, (dx, dy) = _glyph(weight, size, character, phase)
        if mask.size[0] and mask.size[1]:
            bitmap((left + dx, line.baseline + dy), mask, ink)
        x += _advance(weight, size, character)
        previous = character


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b))  # type: ignore[return-value]


def _shade(amount: float) -> int:
    return round(amount * (TEXT_RAMP - 1))


@lru_cache(maxsize=8)
def _base(background: str, text: str, accent: str) -> PILImage.Image:
    """The card without its words, in palette indices: background, rings and the accent rules."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image = PILImage.new("L", (CARD_WIDTH, CARD_HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    ring = _shade(RING_SHADE)
    for radius in (150, 230, 310, 390):
        draw.ellipse((1080 - radius, 60 - radius, 1080 + radius, 60 + radius), outline=ring, width=3)
    draw.rectangle((0, 0, 15, CARD_HEIGHT), fill=ACCENT)
    draw.rectangle((MARGIN_X, FOOTER_RULE_Y, TEXT_RIGHT, FOOTER_RULE_Y + 2), fill=ACCENT)
    return image


def _palette(background: str, text: str, accent: str, logo: Sequence[int] = ()) -> list[int]:
    bg, fg, ac = _rgb(background), _rgb(text), _rgb(accent)
    palette: list[int] = []
    for index in range(TEXT_RAMP):
        palette += _blend(bg, fg, index / (TEXT_RAMP - 1))
    for index in range(1, ACCENT_RAMP + 1):
        palette += _blend(bg, ac, index / ACCENT_RAMP)
    palette += list(logo)[: LOGO_COLOURS * 3]
    return palette + [0] * (768 - len(palette))


@lru_cache(maxsize=4)
def _logo(path: str, content_hash: str, background: str) -> tuple[PILImage.Image, PILImage.Image, list[int]] | None:
    """The logo at its drawn size: (RGBA image, its palette indices on the card's background, their palette)."""
    from PIL import Image as PILImage

    try:
        with PILImage.open(path) as source:
            logo = source.convert("RGBA")
    except (OSError, ValueError):
        return None
    logo.thumbnail(LOGO_BOX, PILImage.Resampling.LANCZOS)
    flat = PILImage.new("RGB", logo.size, _rgb(background))
    flat.paste(logo, mask=logo.getchannel("A"))
    quantized = flat.quantize(colors=LOGO_COLOURS, method=PILImage.Quantize.MEDIANCUT)
    palette = (quantized.getpalette() or [])[: LOGO_COLOURS * 3]
    # The palette indices as plain values, moved past the card's own ramps.
    offset = TEXT_RAMP + ACCENT_RAMP
    indices = PILImage.frombytes("L", quantized.size, quantized.tobytes()).point(
        lambda value: offset + min(value, LOGO_COLOURS - 1))
    return logo, indices, palette


def draw_card(spec: CardSpec) -> PILImage.Image:
    """The card as a palette image (see _draw_flat and _draw_on_background)."""
    logo = _logo(spec.logo, spec.logo_hash, spec.background_colour) if spec.logo else None
    layout = layout_card(spec, logo[0].size if logo else None)
    if spec.background:
        image = _draw_on_background(spec, layout, logo)
        if image is not None:
            return image
    return _draw_flat(spec, layout, logo)


def _draw_flat(spec: CardSpec, layout: CardLayout, logo: Any) -> PILImage.Image:
    from PIL import ImageDraw

    image = _base(spec.background_colour, spec.text_colour, spec.accent_colour).copy()
    draw = ImageDraw.Draw(image)
    shades = {"title": _shade(TITLE_SHADE), "text": _shade(TEXT_SHADE), "site": _shade(TITLE_SHADE),
              "domain": _shade(DOMAIN_SHADE)}
    for line in layout.lines:
        if line.role == "label":
            _draw_accent_text(image, line)
        else:
            _draw_text(draw, line, shades[line.role])
    palette_logo: Sequence[int] = ()
    if logo is not None and layout.logo_box is not None:
        _, indices, palette_logo = logo
        image.paste(indices, layout.logo_box[:2])
    image.putpalette(_palette(spec.background_colour, spec.text_colour, spec.accent_colour, palette_logo))
    return image


def _draw_accent_text(image: PILImage.Image, line: TextLine) -> None:
    """Text in the accent colour: drawn as a coverage mask, then mapped onto the accent ramp."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    left, top, right, bottom = line.box()
    mask = PILImage.new("L", (right - left + 2, bottom - top + 2), 0)
    ImageDraw.Draw(mask).text((line.x - left + 1, line.baseline - top + 1), line.text,
                              font=font(line.weight, line.size), fill=255, anchor=line.anchor)
    step = 255 / ACCENT_RAMP
    indices = mask.point(lambda value: TEXT_RAMP + min(ACCENT_RAMP - 1, int(value / step)) if value else 0)
    image.paste(indices, (left - 1, top - 1), mask.point(lambda value: 255 if value else 0))


@lru_cache(maxsize=8)
def _background(path: str, content_hash: str, background: str) -> PILImage.Image | None:
    """A page's own image covered to 1200×630 and darkened towards the background colour, so that
    the words read on it; kept per process, since the pages of an area often share one image."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    try:
        with PILImage.open(path) as source:
            source.draft("RGB", (CARD_WIDTH, CARD_HEIGHT))
            photo = ImageOps.fit(source.convert("RGB"), (CARD_WIDTH, CARD_HEIGHT), PILImage.Resampling.BILINEAR)
    except (OSError, ValueError, SyntaxError):
        return None
    return PILImage.blend(photo, PILImage.new("RGB", photo.size, _rgb(background)), 0.78)


def _draw_on_background(spec: CardSpec, layout: CardLayout, logo: Any) -> PILImage.Image | None:
    """The words over the page's own image; reduced to a palette, which encodes several times quicker
    and smaller than full colour at a loss no feed's thumbnail shows."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    background = _background(spec.background, spec.background_hash, spec.background_colour)
    if background is None:
        return None
    image = background.copy()
    bg, fg, ac = _rgb(spec.background_colour), _rgb(spec.text_colour), _rgb(spec.accent_colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 15, CARD_HEIGHT), fill=ac)
    draw.rectangle((MARGIN_X, FOOTER_RULE_Y, TEXT_RIGHT, FOOTER_RULE_Y + 2), fill=ac)
    colours = {"label": ac, "title": fg, "text": _blend(bg, fg, TEXT_SHADE), "site": fg,
               "domain": _blend(bg, fg, DOMAIN_SHADE)}
    for line in layout.lines:
        _draw_text(draw, line, colours[line.role])
    if logo is not None and layout.logo_box is not None:
        image.paste(logo[0], layout.logo_box[:2], logo[0])
    return image.quantize(256, method=PILImage.Quantize.FASTOCTREE)


def render_card(spec: CardSpec) -> bytes:
    """The card as PNG bytes. A module-level function, so that worker processes can run it."""
    output = io.BytesIO()
    # Level 1: a third quicker than the default for a few KB more per card (docs/benchmarks.md).
    draw_card(spec).save(output, "PNG", compress_level=1)
    return output.getvalue()


# The cache
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def is_whole_card(data: bytes) -> bool:
    """A complete 1200×630 PNG: its signature, every chunk's CRC, and its end chunk."""
    if not data.startswith(_PNG_SIGNATURE):
        return False
    position, end = len(_PNG_SIGNATURE), len(data)
    first = True
    while position + 12 <= end:
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body_end = position + 8 + length
        if body_end + 4 > end:
            return False
        (crc,) = struct.unpack(">I", data[body_end:body_end + 4])
        if zlib.crc32(data[position + 4:body_end]) != crc:
            return False
        if first:
            if kind != b"IHDR" or struct.unpack(">II", data[position + 8:position + 16]) != (CARD_WIDTH, CARD_HEIGHT):
                return False
            first = False
        if kind == b"IEND":
            return body_end + 4 == end
        position = body_end + 4
    return False


class CardCache:
    """Drawn cards by digest, in a folder that lives across builds (``.cache/termsite/cards/``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.png"

    def get(self, digest: str) -> bytes | None:
        """The cached card, or None when there is none or it is damaged (then it is removed)."""
        path = self.path(digest)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if is_whole_card(data):
            return data
        try:
            path.unlink()
        except OSError:
            pass
        return None

    def put(self, digest: str, data: bytes) -> Path | None:
        """Store a card; a cache that cannot be written costs speed, never the build."""
        path = self.path(digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".card.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except OSError:
            return None
        return path

    def prune(self, keep: Iterable[str]) -> int:
        """Remove the cards no page uses any more; returns how many went."""
        wanted = set(keep)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*.png"):
            if path.stem not in wanted:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


@dataclass
class CardReport:
    """What one build did with its cards."""

    drawn: int = 0
    reused: int = 0  # taken from the cache
    unchanged: int = 0  # already in the site from the previous build of a preview
    pruned: int = 0


def _place(data: bytes, cached: Path | None, target: Path) -> None:
    """Put a card into the site: a hard link to the cache entry where the file system allows, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        target.unlink()
    if cached is not None:
        try:
            os.link(cached, target)
            return
        except OSError:
            pass
    target.write_bytes(data)


def write_cards(site_dir: str | Path, cards: dict[str, CardSpec], cache: CardCache | None, *,
                previous: dict[str, str] | None = None, prune: bool = False) -> tuple[CardReport, dict[str, str]]:
    """Write every card into the site: from the cache, else drawn (in worker processes when there are many).

    ``cards`` maps site paths to specs; ``previous`` maps the site paths written by the last
    build into the same folder (a preview) to their digests, so that a card already in place
    is left alone; without a ``cache`` every card is drawn. Returns the report and the digests
    written.
    """
    root = Path(site_dir)
    report = CardReport()
    digests = {path: spec.digest() for path, spec in cards.items()}
    missing: dict[str, list[str]] = {}
    for path, digest in digests.items():
        target = root / path
        if previous is not None and previous.get(path) == digest and target.is_file():
            report.unchanged += 1
            continue
        data = cache.get(digest) if cache is not None else None
        if data is None:
            missing.setdefault(digest, []).append(path)
            continue
        _place(data, cache.path(digest) if cache is not None else None, target)
        report.reused += 1
    order = sorted(missing)
    specs = [cards[missing[digest][0]] for digest in order]
    drawn = map_items(render_card, specs, chunk_size=16, min_items=PARALLEL_FROM_CARDS)
    for digest, data in zip(order, drawn):
        cached = cache.put(digest, data) if cache is not None else None
        for path in missing[digest]:
            _place(data, cached, root / path)
        report.drawn += 1
    if prune and cache is not None:
        report.pruned = cache.prune(digests.values())
    return report, digests


# From pages to specs
class CardPlanner:
    """Makes the card of each page of one site: its words, and the files drawn on it."""

    def __init__(self, settings: SiteSettings, glossary: Glossary, files_dir: Path | None = None) -> None:
        self.settings = settings
        self.style: CardSettings = settings.cards
        self.glossary = glossary
        self.files_dir = Path(files_dir) if files_dir is not None else None
        self.domain = urlsplit(settings.site_url).hostname or ""
        self._hashes: dict[str, tuple[tuple[int, int], str]] = {}
        self.logo = self._local_raster(settings.publisher.logo) if settings.publisher.logo else ""

    def _local_raster(self, url: str) -> str:
        """The file of a raster image inside the site, or '' (an SVG, an address on the web, a missing file)."""
        if self.files_dir is None or not url or not is_raster(url) or urlsplit(url).scheme or url.startswith("//"):
            return ""
        path = self.files_dir / urlsplit(url).path.lstrip("/")
        return str(path) if path.is_file() else ""

    def _hash(self, path: str) -> str:
        if not path:
            return ""
        try:
            stat = os.stat(path)
        except OSError:
            return ""
        key = (stat.st_mtime_ns, stat.st_size)
        known = self._hashes.get(path)
        if known is None or known[0] != key:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            self._hashes[path] = (key, digest)
            return digest
        return known[1]

    def spec(self, title: str, text: str, label: str, image: Image | None) -> CardSpec:
        background = self._local_raster(image.url) if image is not None else ""
        return CardSpec(title=title, text=text, label=label, site_name=self.settings.site_name, domain=self.domain,
                        background_colour=self.style.background, text_colour=self.style.text,
                        accent_colour=self.style.accent, logo=self.logo, logo_hash=self._hash(self.logo),
                        background=background, background_hash=self._hash(background))

    def for_generated(self, page: GeneratedPage) -> CardSpec:
        labels = self.settings.labels
        label = {"area": labels.area, "area-index": labels.area, "term-index": labels.term,
                 "print": labels.term_index_title}.get(page.kind, "")
        term = getattr(page, "term", None)
        if page.kind == "term" and term is not None and term.areas:
            label = self.glossary.areas[term.areas[0]].title
        return self.spec(page.title, page.description, label, page.image)

    def for_article(self, page: ArticlePage) -> CardSpec:
        label = page.section[0] if page.section and page.section[1] != page.path else ""
        return self.spec(page.title, page.description, label, page.image)


def card_problems(glossary: Glossary, files_dir: Path, images: Iterable[tuple[str, tuple[int, int], str]] = ()
                  ) -> list[Problem]:
    """Raster images inside the site that cannot be read as images, which would draw no card.

    ``images`` adds (file, (line, column), url) of images named elsewhere, such as the front
    matter of hand-written pages and the publisher's logo.
    """
    from PIL import Image as PILImage

    named: list[tuple[str, tuple[int, int], str]] = []
    for entry in [*glossary.terms.values(), *glossary.areas.values()]:
        if entry.image is not None:
            named.append((entry.path, entry.positions.get("image.url", entry.positions.get("image", (1, 1))),
                          entry.image.url))
    named.extend(images)
    problems = []
    for path, (line, column), url in named:
        if not is_raster(url) or urlsplit(url).scheme or url.startswith("//"):
            continue
        file = files_dir / urlsplit(url).path.lstrip("/")
        if not file.is_file():
            continue  # reported as missing-file by the loader
        try:
            with PILImage.open(file) as image:
                image.verify()
        except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
            problems.append(Problem(path, line, column, "unreadable-image",
                                    f"'{url}' cannot be read as an image ({type(error).__name__}: {error}); "
                                    "save it again as PNG or JPEG, or give an SVG file.", "image.url"))
    return problems


def site_card_problems(glossary: Glossary, articles: Mapping[str, Any], settings: SiteSettings, files_dir: Path,
                       config_file: Path) -> list[Problem]:
    """Every raster image a build would draw on a card but cannot read: terms, areas, pages, the logo."""
    if not settings.cards.enabled:
        return []
    images = [(article.path, article.positions.get("image", (1, 1)), article.image.url)
              for article in articles.values() if article.image is not None]
    if settings.publisher.logo:
        images.append((os.path.relpath(config_file), (1, 1), settings.publisher.logo))
    return card_problems(glossary, files_dir, images)
