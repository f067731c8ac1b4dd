"""What a reader does on the example site at desktop size: hover a linked term, search,
jump through the A–Z index, open an area's terms. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from termsite.site.pages import index_letter

from .conftest import ExampleSite, Session

pytestmark = pytest.mark.browser

SEARCH_BOX = 'input[data-md-component="search-query"]'
FIRST_RESULT = "ol.md-search-result__list > li:first-child > a.md-search-result__link"


def _term_url(slug: str) -> re.Pattern[str]:
    """A term page's URL, with or without the ?h= highlight that search adds."""
    return re.compile(rf"/definition/{re.escape(slug)}/(\?[^#]*)?(#.*)?$")


def _slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def _page_with_autolink(site: ExampleSite) -> str:
    """The first term (by title) whose definition links another term automatically."""
    for term in site.glossary.sorted_terms():
        html = (site.root / f"definition/{term.slug}/index.html").read_text(encoding="utf-8")
        body = html[html.index('class="termsite-body"'):]
        if 'class="termsite-term"' in body[: body.index("</div>")]:
            return term.slug
    pytest.fail("no term page of the example has an automatic link in its definition")


def test_hovering_a_linked_term_shows_its_summary(desktop: Session, example_site: ExampleSite,
                                                  artifacts: Path) -> None:
    slug = _page_with_autolink(example_site)
    page = desktop.open(f"definition/{slug}/")
    link = page.locator(".termsite-body a.termsite-term").first
    target = example_site.glossary.terms[_slug_of(link.get_attribute("href") or "")]
    assert link.get_attribute("title") == target.summary
    link.evaluate("e => e.scrollIntoView({block: 'center'})")  # room for the tooltip in the screenshot
    link.hover()
    # content.tooltips turns the title into a tooltip element that describes the link.
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(target.summary)
    expect(link).to_have_attribute("aria-describedby", tooltip.get_attribute("id") or "")
    tooltip.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")  # faded in
    page.screenshot(path=artifacts / "term-tooltip.png")
    desktop.assert_clean()


def test_a_guide_links_its_terms_with_the_same_tooltips(desktop: Session, example_site: ExampleSite,
                                                        artifacts: Path) -> None:
    page = desktop.open("guides/reading-funding-rates/")
    links = page.locator("article a.termsite-term")
    assert links.count() >= 3
    link = links.nth(1)
    target = example_site.glossary.terms[_slug_of(link.get_attribute("href") or "")]
    link.evaluate("e => e.scrollIntoView({block: 'center'})")
    link.hover()
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(target.summary)
    tooltip.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")
    page.screenshot(path=artifacts / "guide-tooltip.png")
    link.click()
    expect(page).to_have_url(_term_url(target.slug))
    # the term's page lists the guide among the pages that mention it
    expect(page.locator("#mentioned-in + ul a", has_text="Reading funding rates")).to_have_count(1)
    desktop.assert_clean()


def _search(page: Page, query: str) -> None:
    page.locator(SEARCH_BOX).click()
    # typed key by key as a reader does: the theme searches on key events, not on a filled value
    page.locator(SEARCH_BOX).press_sequentially(query, delay=10)


@pytest.mark.parametrize("query, slug, field", [
    ("Funding Rate", "funding-rate", "title"),
    ("haircut", "collateral-haircut", "alias"),
    ("ADL", "auto-deleveraging", "abbreviation"),
    ("OI", "open-interest", "abbreviation"),
])
def test_search_finds_a_term_first_and_opens_it(desktop: Session, example_site: ExampleSite, artifacts: Path,
                                                query: str, slug: str, field: str) -> None:
    term = example_site.glossary.terms[slug]
    assert query == term.title if field == "title" else query in term.aliases  # the example still says so
    page = desktop.open("")
    _search(page, query)
    first = page.locator(FIRST_RESULT).first  # the page itself; its matching sections follow
    expect(first).to_have_attribute("href", _term_url(slug))
    expect(first.locator("h1")).to_have_text(term.title)
    if query == "ADL":
        page.screenshot(path=artifacts / "search-result.png")
    first.click()
    page.wait_for_url(_term_url(slug))
    expect(page.locator(".md-content h1")).to_have_text(term.title)
    desktop.assert_clean()


def test_the_a_to_z_index_jumps_to_each_letter(desktop: Session, example_site: ExampleSite) -> None:
    page = desktop.open("definition/")
    letters = page.locator("nav.termsite-letters a")
    expected_letters = sorted({index_letter(term.title) for term in example_site.glossary.terms.values()})
    assert letters.all_inner_texts() == expected_letters
    for letter in expected_letters:
        anchor = f"letter-{letter.lower()}"
        # (the theme rewrites every href to an absolute URL, so the link is found by its text)
        page.locator("nav.termsite-letters").get_by_role("link", name=letter, exact=True).click()
        expect(page).to_have_url(re.compile(f"#{anchor}$"))
        heading = page.locator(f"h2#{anchor}")
        expect(heading).to_be_in_viewport()
        # the section under the heading lists exactly the terms filed under that letter
        titles = heading.evaluate("h => [...h.nextElementSibling.querySelectorAll('a')].map(a => a.textContent)")
        assert titles == [t.title for t in example_site.glossary.sorted_terms() if index_letter(t.title) == letter]
    desktop.assert_clean()


def test_an_area_page_lists_its_terms_and_each_opens(desktop: Session, example_site: ExampleSite,
                                                      artifacts: Path) -> None:
    glossary = example_site.glossary
    slug = max(glossary.area_members, key=lambda s: (len(glossary.area_members[s]), s))
    page = desktop.open(f"area/{slug}/")
    # area-page.png is the README's picture: refresh it with
    # cp test-artifacts/area-page.png docs/images/area-page.png
    page.screenshot(path=artifacts / "area-page.png")
    page.screenshot(path=artifacts / "area-page-full.png", full_page=True)
    links = page.locator("h2#terms + ul.termsite-term-list > li > a")
    members = glossary.area_members[slug]
    assert links.all_inner_texts() == [term.title for term in members]
    for index, term in enumerate(members):
        links.nth(index).click()
        page.wait_for_url(_term_url(term.slug))
        expect(page.locator(".md-content h1")).to_have_text(term.title)
        desktop.settle(page)
        page.go_back()
        page.wait_for_url(re.compile(rf"/area/{slug}/$"))
        desktop.settle(page)
    desktop.assert_clean()


def test_the_home_page_leads_to_every_area(desktop: Session, example_site: ExampleSite, artifacts: Path) -> None:
    page = desktop.open("")
    page.screenshot(path=artifacts / "home.png", full_page=True)
    glossary = example_site.glossary
    cards = page.locator("ul.termsite-cards > li.termsite-card")
    areas = cards.locator(".termsite-card-title a")
    assert areas.all_inner_texts() == [area.title for area in glossary.sorted_areas()]
    counts = cards.locator(".termsite-count").all_text_contents()
    sizes = [len(glossary.area_members[area.slug]) for area in glossary.sorted_areas()]
    assert counts == [f"{n} term{'s' if n != 1 else ''}" for n in sizes]
    # each card shows its area's illustration, loaded and drawn at the card's width
    images = cards.locator("img")
    assert images.count() == len(glossary.areas)
    assert all(size["natural"] > 0 and abs(size["shown"] - size["card"]) < 2 for size in images.evaluate_all(
        "imgs => imgs.map(i => ({natural: i.naturalWidth, shown: i.getBoundingClientRect().width, "
        "card: i.closest('li').getBoundingClientRect().width - 2}))"))
    first = glossary.sorted_areas()[0]
    # the whole card is the link, not only its title
    box = cards.first.locator("img").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(rf"/area/{first.slug}/$"))
    expect(page.locator(".md-content h1")).to_have_text(first.title)
    desktop.assert_clean()
