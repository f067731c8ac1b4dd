"""Social cards: laid out to fit, drawn at 1200×630, cached by what is drawn on them."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw

from conftest import MINIMAL_AREA, write_glossary
from termsite.content.loader import load_glossary
from termsite.content.model import Image
from termsite.settings import CardSettings, Publisher, SiteSettings
from termsite.site.cards import (CARD_HEIGHT, CARD_WIDTH, MARGIN_X, TEXT_RIGHT, TITLE_MAX_LINES, TITLE_SIZES,
                                 CardCache, CardPlanner, CardSpec, card_alt, card_path, card_problems, draw_card,
                                 is_whole_card, layout_card, render_card, write_cards)
from termsite.site.jsonld import JsonLd

STYLE = CardSettings()
LONG_TITLE = ("Cross-Margin Liquidation Cascade Protection Protocol for Perpetual Futures Markets "
              "Under Extreme Volatility Conditions 2")  # 120 characters
SUMMARY = "The fair reference price an exchange uses to value open positions and trigger liquidations."


def spec(title: str = "Mark Price", text: str = SUMMARY, label: str = "Market Data and Pricing",
         **changes: str) -> CardSpec:
    base = CardSpec(title=title, text=text, label=label, site_name="Test glossary", domain="test.termsite.example",
                    background_colour=STYLE.background, text_colour=STYLE.text, accent_colour=STYLE.accent)
    return dataclasses.replace(base, **changes)


def ink_box(card: CardSpec) -> tuple[int, int, int, int]:
    """Where the words were drawn: the bounding box of what differs from the same card without words."""
    blank = dataclasses.replace(card, title="", text="", label="", site_name="", domain="")
    drawn = draw_card(card).convert("RGB")
    empty = draw_card(dataclasses.replace(blank, title=" ")).convert("RGB")
    box = ImageChops.difference(drawn, empty).getbbox()
    assert box is not None
    return box


def test_card_paths_follow_page_paths() -> None:
    assert card_path("definition/mark-price/") == "assets/cards/definition/mark-price.png"
    assert card_path("definition/mark-price.html") == "assets/cards/definition/mark-price.png"
    assert card_path("") == "assets/cards/index.png"
    assert card_path("index.html") == "assets/cards/index.png"
    assert card_path("guides/") == "assets/cards/guides.png"
    assert card_path("print/") == "assets/cards/print.png"


def test_a_card_is_a_1200_by_630_png() -> None:
    data = render_card(spec())
    with PILImage.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (CARD_WIDTH, CARD_HEIGHT))
    assert is_whole_card(data)


def test_a_120_character_title_is_set_smaller_and_stays_inside_the_margins() -> None:
    assert len(LONG_TITLE) == 120
    card = spec(LONG_TITLE, SUMMARY * 4)
    layout = layout_card(card)
    titles = layout.of("title")
    assert 1 < len(titles) <= TITLE_MAX_LINES
    assert layout.title_size < TITLE_SIZES[0]
    assert " ".join(line.text for line in titles).replace("…", "") in LONG_TITLE
    for line in layout.lines:
        left, top, right, bottom = line.box()
        assert MARGIN_X - 4 <= left and right <= TEXT_RIGHT, line
        assert 0 <= top and bottom <= CARD_HEIGHT, line
    # Measured on the drawn pixels, not on the layout's own numbers: nothing crosses the right margin.
    left, top, right, bottom = ink_box(card)
    assert left >= MARGIN_X - 4 and right <= TEXT_RIGHT + 1
    assert bottom <= CARD_HEIGHT - 20


def test_lines_do_not_overlap() -> None:
    layout = layout_card(spec(LONG_TITLE, SUMMARY * 4))
    boxes = [line.box() for line in layout.lines if line.role in ("label", "title", "text")]
    for upper, lower in zip(boxes, boxes[1:]):
        assert upper[3] <= lower[1] + 2, (upper, lower)


def test_a_title_too_long_for_three_lines_is_ellipsized() -> None:
    title = " ".join(["Liquidation"] * 30)
    layout = layout_card(spec(title))
    titles = layout.of("title")
    assert len(titles) == TITLE_MAX_LINES and titles[-1].text.endswith("…") and layout.shortened
    assert layout.title_size == TITLE_SIZES[-1]
    assert ink_box(spec(title))[2] <= TEXT_RIGHT + 1


def test_a_word_longer_than_a_line_is_broken() -> None:
    word = "Supercalifragilisticexpialidociouslyunbreakablederivativesterminology" * 2
    layout = layout_card(spec(word))
    assert all(line.box()[2] <= TEXT_RIGHT for line in layout.lines)
    assert "".join(line.text for line in layout.of("title")).rstrip("…") in word


def test_the_summary_follows_the_title_and_ends_above_the_footer() -> None:
    short = layout_card(spec("Mark Price", SUMMARY * 6))
    tall = layout_card(spec(LONG_TITLE, SUMMARY * 6))
    for layout in (short, tall):
        title_bottom = max(line.box()[3] for line in layout.of("title"))
        text = layout.of("text")
        assert 1 <= len(text) <= 4 and text[0].box()[1] > title_bottom
        assert max(line.box()[3] for line in text) < min(line.box()[1] for line in layout.of("site")) - 20
        assert text[-1].text.endswith("…")
    assert tall.of("text")[0].baseline > short.of("text")[0].baseline


def test_cards_of_different_pages_differ() -> None:
    first, second = render_card(spec("Mark Price")), render_card(spec("Index Price"))
    assert first != second
    assert render_card(spec("Mark Price")) == first  # drawing is deterministic


def test_the_digest_covers_everything_drawn_and_nothing_else() -> None:
    card = spec()
    for change in [{"title": "Other"}, {"text": "Other."}, {"label": "Other"}, {"site_name": "Other"},
                   {"domain": "other.example"}, {"background_colour": "#000000"}, {"text_colour": "#eeeeee"},
                   {"accent_colour": "#ff0000"}, {"logo_hash": "abc"}, {"background_hash": "def"}]:
        assert dataclasses.replace(card, **change).digest() != card.digest(), change
    # where a file lies is not drawn: the same image elsewhere is the same card
    assert dataclasses.replace(card, logo="/a/logo.png").digest() == dataclasses.replace(card, logo="/b/logo.png").digest()


def test_a_raster_logo_is_drawn_in_the_footer(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    image = PILImage.new("RGBA", (120, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, 119, 119), fill=(250, 180, 40, 255))
    image.save(logo)
    card = spec(logo=str(logo), logo_hash="1")
    layout = layout_card(card, (56, 56))
    assert layout.logo_box is not None
    left, top, right, bottom = layout.logo_box
    drawn = draw_card(card).convert("RGB")
    assert drawn.getpixel(((left + right) // 2, (top + bottom) // 2)) == (250, 180, 40)
    site = layout.of("site")[0]
    assert site.x > right


def test_the_page_s_own_raster_image_is_the_background(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    PILImage.new("RGB", (1600, 900), (250, 20, 20)).save(photo)
    flat = draw_card(spec()).convert("RGB")
    over = draw_card(spec(background=str(photo), background_hash="1")).convert("RGB")
    assert over.mode == "RGB" and over.size == (CARD_WIDTH, CARD_HEIGHT)
    corner_flat, corner_over = flat.getpixel((600, 450)), over.getpixel((600, 450))
    assert corner_over != corner_flat and corner_over[0] > corner_flat[0]  # red shows through
    # a background that cannot be read draws the plain card
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    assert draw_card(spec(background=str(broken), background_hash="2")).convert("RGB").tobytes() == flat.tobytes()


def test_damaged_cache_entries_are_drawn_again(tmp_path: Path) -> None:
    cache = CardCache(tmp_path / "cache")
    cards = {"assets/cards/a.png": spec("A"), "assets/cards/b.png": spec("B"), "assets/cards/c.png": spec("C")}
    site = tmp_path / "site"
    report, digests = write_cards(site, cards, cache)
    assert (report.drawn, report.reused) == (3, 0)
    first = {path: (site / path).read_bytes() for path in cards}
    report, _ = write_cards(tmp_path / "site2", cards, cache)
    assert (report.drawn, report.reused) == (0, 3)
    # one entry truncated, one with a flipped byte inside its image data
    truncated = cache.path(digests["assets/cards/a.png"])
    truncated.write_bytes(truncated.read_bytes()[:-40])
    flipped = cache.path(digests["assets/cards/b.png"])
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 0xFF
    flipped.write_bytes(bytes(data))
    report, _ = write_cards(tmp_path / "site3", cards, cache)
    assert (report.drawn, report.reused) == (2, 1)
    assert {path: (tmp_path / "site3" / path).read_bytes() for path in cards} == first


def test_a_preview_leaves_unchanged_cards_in_place_and_a_full_build_prunes_the_cache(tmp_path: Path) -> None:
    cache = CardCache(tmp_path / "cache")
    site = tmp_path / "site"
    cards = {"assets/cards/a.png": spec("A"), "assets/cards/b.png": spec("B")}
    _, written = write_cards(site, cards, cache)
    edited = {**cards, "assets/cards/b.png": spec("B, edited")}
    report, written = write_cards(site, edited, cache, previous=written)
    assert (report.unchanged, report.drawn, report.reused) == (1, 1, 0)
    report, _ = write_cards(tmp_path / "full", edited, cache, prune=True)
    assert report.pruned == 1  # the card of B before its edit
    assert sorted(path.stem for path in cache.folder.glob("*/*.png")) == sorted(written.values())


def test_without_a_cache_every_card_is_drawn(tmp_path: Path) -> None:
    report, _ = write_cards(tmp_path / "site", {"assets/cards/a.png": spec()}, None)
    assert report.drawn == 1 and is_whole_card((tmp_path / "site/assets/cards/a.png").read_bytes())


TERM = """\
title: Mark Price
summary: The fair reference price used to value positions.
areas: [liquidation]
image: {url: images/IMAGE, width: 1200, height: 630, caption: A chart.}
"""


def glossary_with_image(tmp_path: Path, image_name: str):
    content = write_glossary(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA,
                                        "terms/mark-price.yml": TERM.replace("IMAGE", image_name)})
    return load_glossary(content)


def settings(**changes) -> SiteSettings:
    return SiteSettings(site_url="https://test.termsite.example/", site_name="Test glossary",
                        publisher=Publisher("Test"), **changes)


def test_a_page_s_own_png_stays_its_json_ld_image_and_an_svg_gives_way_to_the_card(tmp_path: Path) -> None:
    png = glossary_with_image(tmp_path / "png", "chart.png")
    node = JsonLd(settings(), png).term_article(png.terms["mark-price"])
    assert node["image"]["url"] == "https://test.termsite.example/images/chart.png"
    svg = glossary_with_image(tmp_path / "svg", "chart.svg")
    node = JsonLd(settings(), svg).term_article(svg.terms["mark-price"])
    assert node["image"] == {"@type": "ImageObject",
                             "url": "https://test.termsite.example/assets/cards/definition/mark-price.png",
                             "width": 1200, "height": 630,
                             "caption": "Mark Price: The fair reference price used to value positions."}
    off = JsonLd(settings(cards=CardSettings(enabled=False)), svg).term_article(svg.terms["mark-price"])
    assert off["image"]["url"] == "https://test.termsite.example/images/chart.svg"


def test_the_planner_draws_local_raster_images_only(tmp_path: Path) -> None:
    files = tmp_path / "docs"
    (files / "images").mkdir(parents=True)
    PILImage.new("RGB", (10, 10)).save(files / "images/chart.png")
    (files / "images/chart.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    glossary = glossary_with_image(tmp_path / "g", "chart.png")
    planner = CardPlanner(settings(), glossary, files)
    assert planner.spec("T", "S", "", Image("images/chart.png", 1, 1, "c")).background == str(files / "images/chart.png")
    assert planner.spec("T", "S", "", Image("images/chart.svg", 1, 1, "c")).background == ""
    assert planner.spec("T", "S", "", Image("https://elsewhere.example/x.png", 1, 1, "c")).background == ""
    first = planner.spec("T", "S", "", Image("images/chart.png", 1, 1, "c")).digest()
    PILImage.new("RGB", (10, 10), (255, 0, 0)).save(files / "images/chart.png")
    import os
    os.utime(files / "images/chart.png", ns=(1, 2_000_000_000_000_000_000))
    assert planner.spec("T", "S", "", Image("images/chart.png", 1, 1, "c")).digest() != first


def test_an_unreadable_raster_image_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    glossary = glossary_with_image(tmp_path, "chart.png")
    files = tmp_path / "docs"
    (files / "images").mkdir(parents=True)
    (files / "images/chart.png").write_text("<html>not an image</html>", encoding="utf-8")
    problems = card_problems(glossary, files)
    assert [(p.path.endswith("terms/mark-price.yml"), p.line, p.column, p.code, p.field) for p in problems] == [
        (True, 4, 14, "unreadable-image", "image.url")]
    assert problems[0].message.startswith("'images/chart.png' cannot be read as an image")
    PILImage.new("RGB", (10, 10)).save(files / "images/chart.png")
    assert card_problems(glossary, files) == []


def test_alt_text_is_the_card_s_words_within_what_services_keep() -> None:
    assert card_alt("Mark Price", "The price.") == "Mark Price: The price."
    assert card_alt("Mark Price", "") == "Mark Price"
    long = card_alt("T", "word " * 200)
    assert len(long) <= 420 and long.endswith("…")


@pytest.mark.parametrize("size", TITLE_SIZES)
def test_every_title_size_keeps_a_short_title_on_one_line(size: int) -> None:
    from termsite.site.cards import wrap
    assert wrap("Mark Price", "bold", size, TEXT_RIGHT - MARGIN_X) == ["Mark Price"]
