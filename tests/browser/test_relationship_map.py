"""The relationship map of an area page, as a reader on a phone meets it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, ExampleSite, Session

pytestmark = pytest.mark.browser


def test_the_map_fits_a_phone_and_its_nodes_open_their_terms(phone: Session, example_site: ExampleSite,
                                                            artifacts: Path) -> None:
    glossary = example_site.glossary
    slug = max(glossary.area_members, key=lambda s: (len(glossary.area_members[s]), s))
    page = phone.open(f"area/{slug}/")
    svg = page.locator("svg.termsite-relmap-svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # labels are drawn at a readable size: at least 12 CSS pixels on this screen
    font_px = svg.evaluate("s => s.querySelector('a text').getBoundingClientRect().height")
    assert font_px >= 12
    page.locator("section.termsite-relmap").screenshot(path=artifacts / "relationship-map-phone.png")
    nodes = svg.locator("a.termsite-relmap-node")
    members = [term.title for term in glossary.area_members[slug]]
    assert nodes.locator("text").all_text_contents()[: len(members)] == members
    faded = svg.locator("a.termsite-relmap-faded").first
    title = (faded.locator("title").text_content() or "").split(" (in ")[0]
    target = next(term for term in glossary.terms.values() if term.title == title)
    assert slug not in target.areas
    faded.click()
    page.wait_for_url(re.compile(rf"/definition/{target.slug}/$"))
    expect(page.locator(".md-content h1")).to_have_text(target.title)
    phone.settle(page)
    phone.assert_clean()
