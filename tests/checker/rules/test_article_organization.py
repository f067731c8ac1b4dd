"""Google recommendations and requirements: article-recommended, organization-name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from termsite.checker.model import Severity

from ..helpers import SITE, assert_reports, assert_silent, check_text, org, page

E, W = Severity.ERROR, Severity.WARNING


def article(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Article", "headline": "Margin calls",
        "image": SITE + "a.png", "datePublished": "2024-01-05T08:00:00+00:00",
        "dateModified": "2024-02-05T08:00:00+00:00",
        "author": {"@type": "Person", "name": "Ada Lovelace", "url": SITE + "ada/"},
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def in_graph(node: dict[str, Any]) -> dict[str, Any]:
    """The node without its own @context, for use inside an @graph."""
    return {k: v for k, v in node.items() if k != "@context"}


def test_complete_article_is_clean(tmp_path: Path) -> None:
    assert_silent(check_text(tmp_path, page(article())), "article-recommended")


@pytest.mark.parametrize("prop", ["headline", "image", "datePublished", "dateModified", "author"])
def test_missing_recommended_property(tmp_path: Path, prop: str) -> None:
    assert_reports(check_text(tmp_path, page(article(**{prop: None}))), "article-recommended", W, f"Article.{prop}")


@pytest.mark.parametrize("author, path", [
    ({"@type": "Person", "name": "Ada"}, "Article.author.url"),
    ({"@type": "Person", "url": SITE + "ada/"}, "Article.author.name"),
    ("Ada Lovelace", "Article.author"),
    ([{"@type": "Person", "name": "A", "url": SITE}, {"@type": "Organization", "name": "B"}], "Article.author[1].url"),
])
def test_author_needs_name_and_url(tmp_path: Path, author: Any, path: str) -> None:
    assert_reports(check_text(tmp_path, page(article(author=author))), "article-recommended", W, path)


def test_subtypes_and_references(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(article(**{"@type": "BlogPosting", "image": None})))
    assert_reports(problems, "article-recommended", W, "BlogPosting.image")
    # a bare reference to an article (e.g. in hasPart) is not checked; a referenced author is followed
    ref = {"@context": "https://schema.org", "@type": "WebPage", "hasPart": {"@id": SITE + "a/#article", "@type": "Article"}}
    assert_silent(check_text(tmp_path, page(ref)), "article-recommended")
    graph = {"@context": "https://schema.org", "@graph": [
        in_graph(article(author={"@id": "#ada"})),
        {"@type": "Person", "@id": "#ada", "name": "Ada"}]}
    assert_reports(check_text(tmp_path, page(graph)), "article-recommended", W, "@graph[1].url")


def test_organization_name(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(org(name=None)))
    assert_reports(problems, "organization-name", E, "Organization.name")
    nested = article(publisher={"@type": "NewsMediaOrganization", "url": SITE})
    assert_reports(check_text(tmp_path, page(nested)), "organization-name", E, "Article.publisher.name")
    assert_silent(check_text(tmp_path, page(org())), "organization-name")
    assert_silent(check_text(tmp_path, page(article(publisher={"@id": SITE + "#org"}))), "organization-name")


def test_partial_copies_defer_to_the_fullest_description(tmp_path: Path) -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "@id": "#org", "url": SITE},  # partial copy, no name
        {"@type": "Organization", "@id": "#org", "name": "Acme", "url": SITE, "logo": SITE + "l.png"},
        in_graph(article(author={"@id": "#ada", "name": "Ada"})),
        {"@type": "Person", "@id": "#ada", "name": "Ada", "url": SITE + "ada/"},
    ]}
    problems = check_text(tmp_path, page(graph))
    assert_silent(problems, "organization-name")
    assert_silent(problems, "article-recommended")
