"""Readers of the example site in German and Spanish: the header's language switcher and the search of their
language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT

from .conftest import Session

pytestmark = pytest.mark.browser

SEARCH_BOX = 'input[data-md-component="search-query"]'
FIRST_RESULT = "ol.md-search-result__list > li:first-child > a.md-search-result__link"
SWITCHER = ".md-header .md-select"


def test_the_switcher_goes_to_the_same_term_in_the_other_language(desktop: Session) -> None:
    page = desktop.open("definition/margin-call-protocol-logic/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(SWITCHER).hover()
    page.locator(SWITCHER).get_by_role("link", name="Deutsch").click()
    page.wait_for_url(re.compile(r"/de/definition/margin-call-protocol-logic/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".md-content h1")).to_have_text("Margin-Call-Logik")
    expect(page.locator(".termsite-breadcrumb a").first).to_have_text("Startseite")
    # and on to Spanish, then back to English
    page.locator(SWITCHER).hover()
    page.locator(SWITCHER).get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(r"/es/definition/margin-call-protocol-logic/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator(SWITCHER).hover()
    page.locator(SWITCHER).get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/definition/margin-call-protocol-logic/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    desktop.assert_clean()


def test_a_term_without_a_translation_switches_to_the_language_home(desktop: Session) -> None:
    assert not (ROOT / "content/i18n/es/terms/funding-rate.yml").exists()  # the example still says so
    page = desktop.open("definition/funding-rate/")
    page.locator(SWITCHER).hover()
    page.locator(SWITCHER).get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(r"/es/$"))
    expect(page.locator(".md-content h1")).to_have_text("Glosario de ejemplo de termsite")
    desktop.assert_clean()


def test_german_search_finds_a_term_by_its_german_alias(desktop: Session) -> None:
    alias = "Nachschussaufforderung"
    assert alias in (ROOT / "content/i18n/de/terms/margin-call-protocol-logic.yml").read_text(encoding="utf-8")
    page = desktop.open("de/")
    page.locator(SEARCH_BOX).click()
    page.locator(SEARCH_BOX).press_sequentially(alias, delay=10)
    first = page.locator(FIRST_RESULT).first
    german_page = re.compile(r"/de/definition/margin-call-protocol-logic/(\?h=[^/]*)?$")  # (?h= highlights)
    expect(first).to_have_attribute("href", german_page)
    first.click()
    page.wait_for_url(german_page)
    expect(page.locator(".md-content h1")).to_have_text("Margin-Call-Logik")
    # the English search does not hold the German pages
    english = desktop.open("")
    english.locator(SEARCH_BOX).click()
    english.locator(SEARCH_BOX).press_sequentially(alias, delay=10)
    expect(english.locator(".md-search-result__meta")).to_contain_text("No matching documents")
    desktop.assert_clean()
