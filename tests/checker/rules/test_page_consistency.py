"""Page consistency: canonical-mismatch, missing-canonical, has-part-linked, open-graph-url,
other-structured-data (breadcrumb-last-item and faq-text-visible are in their own modules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from termsite.checker.model import Severity

from ..helpers import SITE, assert_reports, assert_silent, check_text, org, page

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
URL = SITE + "page/"


def webpage(**data: Any) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "CollectionPage", "@id": URL, "url": URL,
            "headline": "Page", **data}


def test_canonical_agrees(tmp_path: Path) -> None:
    article = {"@context": "https://schema.org", "@type": "Article", "@id": URL + "#article", "headline": "x",
               "mainEntityOfPage": URL}
    problems = check_text(tmp_path, page(webpage(**{"@id": URL + "#webpage"}), article))
    assert_silent(problems, "canonical-mismatch")


@pytest.mark.parametrize("data, path", [
    (webpage(url=SITE + "other/"), "CollectionPage.url"),
    (webpage(**{"@id": SITE + "other/#webpage"}), "CollectionPage.@id"),
    ({"@context": "https://schema.org", "@type": "Article", "headline": "x", "mainEntityOfPage": SITE + "other/"},
     "Article.mainEntityOfPage"),
    ({"@context": "https://schema.org", "@type": "Article", "headline": "x",
      "mainEntityOfPage": {"@type": "WebPage", "@id": SITE + "other/"}}, "Article.mainEntityOfPage"),
])
def test_canonical_mismatch(tmp_path: Path, data: dict[str, Any], path: str) -> None:
    assert_reports(check_text(tmp_path, page(data)), "canonical-mismatch", E, path)


@pytest.mark.parametrize("written, difference", [
    (URL.replace("https://", "http://"), "different scheme"),
    (URL.rstrip("/"), "only a trailing slash"),
    (URL.replace("https://", "https://www."), "with and without www."),
])
def test_url_variants_are_a_warning_not_a_mismatch(tmp_path: Path, written: str, difference: str) -> None:
    article = {"@context": "https://schema.org", "@type": "Article", "headline": "x", "mainEntityOfPage": written}
    problems = check_text(tmp_path, page(webpage(url=written), article))
    assert_silent(problems, "canonical-mismatch")
    hits = [p for p in problems if p.rule_id == "url-variant"]
    assert [p.json_path for p in hits] == ["CollectionPage.url", "Article.mainEntityOfPage"]
    assert all(p.severity is W and f"(same address, {difference})" in p.message for p in hits)
    # another page entirely is still the error
    problems = check_text(tmp_path, page(webpage(url="http://example.com/other/")))
    assert_reports(problems, "canonical-mismatch", E, "CollectionPage.url")
    assert_silent(problems, "url-variant")


def test_canonical_mismatch_ignores_non_url_ids_and_other_articles(tmp_path: Path) -> None:
    listing = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": "x", "url": SITE + "post/"}
    problems = check_text(tmp_path, page(webpage(**{"@id": "_:page"}), listing))
    assert_silent(problems, "canonical-mismatch")


def test_missing_canonical(tmp_path: Path) -> None:
    assert_reports(check_text(tmp_path, page(org(), canonical=None)), "missing-canonical", W, "")
    assert_silent(check_text(tmp_path, page(org())), "missing-canonical")
    assert_silent(check_text(tmp_path, page(canonical=None)), "missing-canonical")  # no JSON-LD
    redirect = '<meta http-equiv="refresh" content="0; url=/new/">'
    assert_silent(check_text(tmp_path, page(org(), canonical=None, head=redirect)), "missing-canonical")


def test_has_part_linked(tmp_path: Path) -> None:
    parts = [{"@type": "Article", "@id": SITE + "definition/a/#article", "url": SITE + "definition/a/", "headline": "A"},
             {"@type": "Article", "url": SITE + "definition/b/", "headline": "B"},
             {"@id": SITE + "definition/c/#article"}]
    body = '<a href="../definition/a/">A</a> <a href="https://example.com/definition/c/index.html">C</a>'
    problems = check_text(tmp_path, page(webpage(hasPart=parts), body=body))
    assert_reports(problems, "has-part-linked", E, "CollectionPage.hasPart[1]")
    assert len([p for p in problems if p.rule_id == "has-part-linked"]) == 1
    body += '<a href="/definition/b/#top">B</a>'
    assert_silent(check_text(tmp_path, page(webpage(hasPart=parts), body=body)), "has-part-linked")


def test_has_part_links_resolve_against_base_element(tmp_path: Path) -> None:
    parts = [{"@type": "Article", "url": SITE + "docs/b/", "headline": "B"}]
    body = '<a href="b/">B</a>'
    problems = check_text(tmp_path, page(webpage(hasPart=parts), body=body, head=f'<base href="{SITE}docs/">'))
    assert_silent(problems, "has-part-linked")


def test_open_graph_url(tmp_path: Path) -> None:
    head = f'<meta property="og:url" content="{SITE}elsewhere/"><meta property="og:title" content="t">'
    assert_reports(check_text(tmp_path, page(org(), head=head)), "open-graph-url", W, "")
    head = f'<meta property="og:url" content="{URL}index.html">'
    assert_silent(check_text(tmp_path, page(org(), head=head)), "open-graph-url")


def test_other_structured_data(tmp_path: Path) -> None:
    body = '<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ada</span></div>'
    problem = assert_reports(check_text(tmp_path, page(org(), body=body)), "other-structured-data", I, "")
    assert "microdata" in problem.message and "Person" in problem.message
    rdfa = '<div vocab="https://schema.org/" typeof="Person"><span property="name">Ada</span></div>'
    problem = assert_reports(check_text(tmp_path, page(org(), body=rdfa)), "other-structured-data", I, "")
    assert "rdfa" in problem.message
    assert_silent(check_text(tmp_path, page(org(), body="<p>plain</p>")), "other-structured-data")


def test_foreign_site_links_resolve_against_its_canonical(tmp_path: Path) -> None:
    # checked with our site URL configured (e.g. from mkdocs.yml) but the page belongs to another host
    other = "https://other.example/docs/page/"
    parts = [{"@type": "Article", "url": "https://other.example/docs/b/", "headline": "B"}]
    html = page({"@context": "https://schema.org", "@type": "CollectionPage", "url": other, "hasPart": parts},
                body='<a href="../b/">B</a>', canonical=other)
    problems = check_text(tmp_path, html, rel_url="page/", site_url=SITE)
    assert_silent(problems, "has-part-linked")
    assert_silent(problems, "canonical-mismatch")
