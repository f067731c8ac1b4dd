"""A term page on a 390 px wide phone screen: it fits, and its menu works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, ExampleSite, Session

pytestmark = pytest.mark.browser


def _longest_term(site: ExampleSite) -> str:
    """The term with the longest definition: the likeliest to hold something too wide."""
    return max(site.glossary.terms.values(), key=lambda t: (len(t.body), t.slug)).slug


def test_a_term_page_fits_a_phone_screen(phone: Session, example_site: ExampleSite, artifacts: Path) -> None:
    page = phone.open(f"definition/{_longest_term(example_site)}/")
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width == [PHONE["width"], PHONE["width"]]
    page.screenshot(path=artifacts / "term-phone.png", full_page=True)
    phone.assert_clean()


def test_the_menu_opens_and_its_links_work_on_a_phone(phone: Session, example_site: ExampleSite,
                                                      artifacts: Path) -> None:
    page = phone.open(f"definition/{_longest_term(example_site)}/")
    primary_nav = page.locator("nav.md-nav--primary")
    a_to_z = primary_nav.get_by_role("link", name="Glossary A–Z", exact=True)
    expect(a_to_z).not_to_be_in_viewport()  # the drawer starts closed
    page.locator('label.md-header__button[for="__drawer"]').click()
    expect(a_to_z).to_be_in_viewport()
    drawer = page.locator(".md-sidebar--primary")
    drawer.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")  # slid in
    page.screenshot(path=artifacts / "menu-phone.png")
    a_to_z.click()
    page.wait_for_url(re.compile(r"/definition/$"))
    expect(page.locator(".md-content h1")).to_have_text("Glossary A–Z")
    expect(a_to_z).not_to_be_in_viewport()  # the new page opens with the drawer closed
    phone.settle(page)
    phone.assert_clean()
