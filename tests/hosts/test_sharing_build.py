"""Cards, the embed files and the print page through real `mkdocs build` runs."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from PIL import Image as PILImage

from conftest import MINIMAL_AREA, ROOT, make_site, mkdocs_build

TERM_WITH_PNG = """\
title: Mark Price
summary: The fair reference price used to value positions.
areas: [liquidation]
image: {url: images/chart.png, width: 800, height: 420, caption: A chart of the mark price.}
"""
TERM_WITH_SVG = """\
title: Index Price
summary: A reference spot price.
areas: [liquidation]
image: {url: images/chart.svg, width: 1200, height: 630, caption: An index chart.}
"""


def project_with_images(root: Path, **plugin_options: object) -> Path:
    project = make_site(root, {"areas/liquidation.yml": MINIMAL_AREA, "terms/mark-price.yml": TERM_WITH_PNG,
                               "terms/index-price.yml": TERM_WITH_SVG},
                        plugin_options=plugin_options or None)
    images = project / "docs/images"
    images.mkdir(parents=True)
    PILImage.new("RGB", (800, 420), (200, 30, 30)).save(images / "chart.png")
    (images / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>',
                                      encoding="utf-8")
    (project / "docs/guide.md").write_text("# A guide\n\nThe mark price moves.\n", encoding="utf-8")
    return project


def meta(html: str, name: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert found, name
    return found.group(1)


def cache_entries(project: Path) -> list[Path]:
    return sorted((project / ".cache/termsite/cards").glob("*/*.png"))


def test_a_second_build_draws_no_card_and_links_them_from_the_cache(tmp_path: Path) -> None:
    project = project_with_images(tmp_path)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    cards = sorted(path.relative_to(site).as_posix() for path in (site / "assets/cards").rglob("*.png"))
    assert cards == ["assets/cards/area.png", "assets/cards/area/liquidation.png", "assets/cards/definition.png",
                     "assets/cards/definition/index-price.png", "assets/cards/definition/mark-price.png",
                     "assets/cards/guide.png", "assets/cards/index.png", "assets/cards/print.png"]
    entries = cache_entries(project)
    assert len(entries) == len(cards)
    stamps = {entry: entry.stat().st_mtime_ns for entry in entries}
    assert mkdocs_build(project).returncode == 0
    assert {entry: entry.stat().st_mtime_ns for entry in cache_entries(project)} == stamps  # nothing drawn again
    card = site / "assets/cards/definition/mark-price.png"
    assert os.stat(card).st_ino in {entry.stat().st_ino for entry in entries}  # a link to the cache entry


def test_the_own_png_is_drawn_behind_the_card_and_stays_the_json_ld_image(tmp_path: Path) -> None:
    project = project_with_images(tmp_path)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    html = (site / "definition/mark-price/index.html").read_text(encoding="utf-8")
    assert meta(html, "og:image") == "https://test.termsite.example/assets/cards/definition/mark-price.png"
    article = next(node for node in map(json.loads, re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S)) if node["@type"] == "Article")
    assert article["image"]["url"] == "https://test.termsite.example/images/chart.png"
    with PILImage.open(site / "assets/cards/definition/mark-price.png") as with_photo, \
            PILImage.open(site / "assets/cards/definition/index-price.png") as plain:
        assert with_photo.size == plain.size == (1200, 630)
        red_behind = with_photo.convert("RGB").getpixel((700, 450))
        assert red_behind[0] > plain.convert("RGB").getpixel((700, 450))[0] + 20
    guide = (site / "guide/index.html").read_text(encoding="utf-8")
    assert meta(guide, "og:image") == "https://test.termsite.example/assets/cards/guide.png"
    assert meta(guide, "og:image:alt") == "A guide: The mark price moves."


def test_a_site_can_turn_cards_off(tmp_path: Path) -> None:
    project = project_with_images(tmp_path, cards=False)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    assert not (site / "assets/cards").exists() and not (project / ".cache/termsite/cards").exists()
    html = (site / "definition/index-price/index.html").read_text(encoding="utf-8")
    assert meta(html, "og:image") == "https://test.termsite.example/images/chart.svg"
    assert meta(html, "og:image:alt") == "An index chart."


def test_card_colours_are_options_checked_for_contrast(tmp_path: Path) -> None:
    project = project_with_images(tmp_path / "ok", cards={"background": "#FFFFFF", "text": "#111111",
                                                          "accent": "#1d4ed8"})
    assert mkdocs_build(project).returncode == 0
    with PILImage.open(project / "site/assets/cards/index.png") as card:
        assert card.convert("RGB").getpixel((600, 400)) == (255, 255, 255)
    project = project_with_images(tmp_path / "faint", cards={"background": "#ffffff", "text": "#dddddd"})
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "#dddddd on the background #ffffff has a contrast of 1.4:1; cards need at least 4.5:1" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_png_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    project = project_with_images(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = (project / "site/index.html").read_bytes()
    (project / "docs/images/chart.png").write_text("not a picture", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert ("content/terms/mark-price.yml:4:14: error[unreadable-image] image.url: 'images/chart.png' cannot be "
            "read as an image") in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site/index.html").read_bytes() == before


def test_the_embed_files_and_the_print_page_are_in_the_site(tmp_path: Path) -> None:
    project = project_with_images(tmp_path)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    script = (site / "termsite-embed.js").read_text(encoding="utf-8")
    assert '"pages\\":\\"definition/{slug}/\\"' in script and "__TERMSITE_CONFIG__" not in script
    names = json.loads((site / "termsite-names.json").read_text(encoding="utf-8"))
    assert names["terms"]["mark-price"][0] == "Mark Price"
    printed = (site / "print/index.html").read_text(encoding="utf-8")
    assert printed.index('id="index-price"') < printed.index('id="mark-price"')  # A to Z
    assert "print/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_site_with_its_own_old_templates_still_gets_the_print_page(tmp_path: Path) -> None:
    project = project_with_images(tmp_path, templates_dir="my-templates")
    shutil.copytree(ROOT / "templates", project / "my-templates", ignore=shutil.ignore_patterns("print.html", "*.py"))
    assert mkdocs_build(project).returncode == 0
    assert "termsite-print-term" in (project / "site/print/index.html").read_text(encoding="utf-8")

