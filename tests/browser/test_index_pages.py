"""The home page, the area index and the A–Z index as a reader sees them, at desktop and phone widths.

Each page is photographed into test-artifacts/ (index-<page>-<desktop|phone>.png), so that a
change of their look can be seen in CI's artifacts; the checks below are what the pictures
must show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import DESKTOP, PHONE, ExampleSite, Session

pytestmark = pytest.mark.browser

INDEX_PAGES = {"home": "", "area-index": "area/", "a-z": "definition/"}
CARD_BOXES = """cards => cards.map(card => {
  const box = card.getBoundingClientRect();
  return {x: Math.round(box.x), y: Math.round(box.y), width: box.width, right: box.right};
})"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("name", list(INDEX_PAGES))
def test_index_pages_fit_the_screen(request: pytest.FixtureRequest, example_site: ExampleSite, artifacts: Path,
                                    name: str, width: str) -> None:
    session: Session = request.getfixturevalue(width)
    viewport = DESKTOP if width == "desktop" else PHONE
    page = session.open(INDEX_PAGES[name])
    page.screenshot(path=artifacts / f"index-{name}-{width}.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") == viewport["width"]
    session.assert_clean()


@pytest.mark.parametrize("path", ["", "area/"])
def test_area_cards_make_a_grid_on_a_desktop_and_a_column_on_a_phone(desktop: Session, phone: Session,
                                                                     example_site: ExampleSite, path: str) -> None:
    glossary = example_site.glossary
    for session, columns in ((desktop, 2), (phone, 1)):
        page = session.open(path)
        cards = page.locator("li.termsite-card")
        assert cards.locator(".termsite-card-title a").all_inner_texts() == [a.title for a in glossary.sorted_areas()]
        summaries = cards.locator(".termsite-card-summary").all_inner_texts()
        assert summaries == [area.description for area in glossary.sorted_areas()]
        boxes = cards.evaluate_all(CARD_BOXES)
        assert len({box["x"] for box in boxes}) == columns
        assert all(box["right"] <= page.viewport_size["width"] for box in boxes)
        session.assert_clean()


def test_the_a_to_z_shows_each_summary_under_its_term(desktop: Session, phone: Session,
                                                      example_site: ExampleSite) -> None:
    terms = sorted(example_site.glossary.terms.values(), key=lambda t: t.title.casefold())
    for session in (desktop, phone):
        page = session.open("definition/")
        entries = page.locator("dl.termsite-az").evaluate_all("""lists => lists.flatMap(list =>
          [...list.querySelectorAll('dt')].map(dt => ({
            title: dt.textContent.trim(), summary: dt.nextElementSibling.textContent.trim(),
            below: dt.nextElementSibling.getBoundingClientRect().top >= dt.getBoundingClientRect().bottom - 1,
          })))""")
        assert sorted(entry["title"] for entry in entries) == sorted(term.title for term in terms)
        by_title = {term.title: term.summary for term in terms}
        assert all(entry["summary"] == by_title[entry["title"]] and entry["below"] for entry in entries)
        # the letters are targets a finger can hit: at least 24 by 24 CSS pixels (WCAG 2.5.8)
        sizes = page.locator("nav.termsite-letters a").evaluate_all(
            "links => links.map(a => [a.getBoundingClientRect().width, a.getBoundingClientRect().height])")
        assert sizes and all(w >= 24 and h >= 24 for w, h in sizes)
        session.assert_clean()
