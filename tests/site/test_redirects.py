"""Renamed and retired terms: redirects.yml validated by the loader, redirect pages in the build,
and deprecated terms that say so and link their replacement."""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import pytest

from termsite.content.loader import check_content, load_glossary
from termsite.site.redirects import redirect_pages, write_redirect_pages
from termsite.settings import Publisher, SiteSettings

from conftest import MINIMAL_AREA, MINIMAL_TERM, make_site, mkdocs_build, termsite, write_glossary

INDEX_PRICE = "title: Index Price\nsummary: An average of spot prices.\nareas: [liquidation]\n"


def problems_of(tmp_path: Path, redirects: str, monkeypatch: pytest.MonkeyPatch, **extra: str) -> list[str]:
    content = write_glossary(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, "terms/mark-price.yml": MINIMAL_TERM,
                                        "terms/index-price.yml": INDEX_PRICE, "redirects.yml": redirects, **extra})
    monkeypatch.chdir(content)
    _, problems = check_content(content)
    return [p.format() for p in problems]


CASES = {
    "an unknown target": (
        "old-price: mark-prise\n",
        "redirects.yml:1:12: error[unknown-reference] old-price: unknown term 'mark-prise' (did you mean "
        "'mark-price'?); a redirect must lead to a term in terms/."),
    "a bad old slug": (
        "Old Price: mark-price\n",
        "redirects.yml:1:1: error[bad-slug] Old Price: 'Old Price' is not a valid key; use lowercase letters, digits "
        "and hyphens."),
    "a bad target slug": (
        "old-price: Mark Price\n",
        "redirects.yml:1:12: error[bad-slug] old-price: 'Mark Price' is not a valid term slug; slugs use lowercase "
        "letters, digits and single hyphens, like 'mark-price'."),
    "an old slug that is a live term": (
        "# renamed\nindex-price: mark-price\n",
        "redirects.yml:2:1: error[redirect-conflict] index-price: 'index-price' is a live term "
        "(terms/index-price.yml); a redirect would hide its page, so remove this line or the term."),
    "a loop": (
        "old-a: old-b\nold-b: old-a\n",
        "redirects.yml:1:8: error[redirect-loop] old-a: the redirects go round in a circle (old-a -> old-b -> "
        "old-a); point one of them at a live term."),
    "a broken chain, reported at its last link only": (
        "old-a: old-b\nold-b: nowhere\n",
        "redirects.yml:2:8: error[unknown-reference] old-b: unknown term 'nowhere'; a redirect must lead to a term "
        "in terms/."),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_redirect_mistake_gets_one_precise_message(tmp_path: Path, case: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    redirects, expected = CASES[case]
    assert problems_of(tmp_path, redirects, monkeypatch) == [expected]


def test_chains_resolve_to_the_live_term(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, "terms/mark-price.yml": MINIMAL_TERM,
                                        "redirects.yml": "fair-price: old-mark\nold-mark: mark-price\n"})
    assert load_glossary(content).redirects == {"fair-price": "mark-price", "old-mark": "mark-price"}


def test_an_empty_redirects_file_is_fine(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, "terms/mark-price.yml": MINIMAL_TERM,
                                        "redirects.yml": "# no renamed terms yet\n"})
    assert load_glossary(content).redirects == {}


def test_a_reference_to_a_renamed_slug_says_what_it_became(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = INDEX_PRICE + "body: |\n  Compare the [[fair-price]].\n"
    assert problems_of(tmp_path, "fair-price: mark-price\n", monkeypatch, **{"terms/index-price.yml": body}) == [
        "terms/index-price.yml:5:1: error[unknown-reference] body: '[[fair-price]]' refers to unknown term "
        "'fair-price' (it was renamed to 'mark-price')."]


def settings(directory_urls: bool = True) -> SiteSettings:
    return SiteSettings(site_url="https://g.example/", site_name="G", publisher=Publisher("G"),
                        directory_urls=directory_urls, language="de")


def test_redirect_pages_point_at_the_new_address(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, "terms/mark-price.yml": MINIMAL_TERM,
                                        "redirects.yml": "fair-price: mark-price\n"})
    glossary = load_glossary(content)
    [page] = redirect_pages(glossary, settings())
    assert (page.file_name, page.canonical_url) == ("definition/fair-price/index.html",
                                                    "https://g.example/definition/mark-price/")
    html = page.html()
    for expected in ('<html lang="de">', '<meta http-equiv="refresh" content="0; url=../mark-price/">',
                     '<link rel="canonical" href="https://g.example/definition/mark-price/">',
                     '<meta name="robots" content="noindex">', '<a href="../mark-price/">Mark Price</a>'):
        assert expected in html
    [flat] = redirect_pages(glossary, settings(directory_urls=False))
    assert flat.file_name == "definition/fair-price.html"
    assert 'url=mark-price.html"' in flat.html()
    site = tmp_path / "site"
    (site / "definition/fair-price").mkdir(parents=True)
    assert write_redirect_pages(site, [page]) == []
    assert (site / page.file_name).read_text(encoding="utf-8") == html
    assert write_redirect_pages(site, [page]) == []  # its own page from an earlier build is replaced
    (site / page.file_name).write_text("<html>a real page</html>", encoding="utf-8")
    assert write_redirect_pages(site, [page]) == [page]  # never over a page of the site


DEPRECATED = """\
title: Fair Price
summary: An older name for the mark price.
areas: [liquidation]
status: deprecated
replaced_by: mark-price
"""


def test_a_built_site_redirects_old_slugs_and_marks_deprecated_terms(tmp_path: Path) -> None:
    project = make_site(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA + "faq:\n  - aspect: Trigger\n    answer: A price move.\n",
        "terms/mark-price.yml": MINIMAL_TERM,
        "terms/fair-price.yml": DEPRECATED,
        "redirects.yml": "old-mark: mark-price\n",
    })
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    site = project / "site"
    redirect = (site / "definition/old-mark/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../mark-price/">' in redirect
    assert "old-mark" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if "old-mark" in doc["location"]]

    page = (site / "definition/fair-price/index.html").read_text(encoding="utf-8")
    assert "Deprecated term" in page
    assert '<a href="../mark-price/" title="The fair reference price used to value positions.">Mark Price</a>' in page
    nodes = {node["@type"]: node for node in extruct.extract(page, syntaxes=["json-ld"], uniform=True)["json-ld"]}
    assert nodes["DefinedTerm"]["name"] == "Fair Price"
    assert nodes["Article"]["headline"] == "Fair Price"
    check = termsite(["check", "site/"], project)
    assert check.returncode == 0, check.stdout[-2000:]
