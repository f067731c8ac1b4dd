"""schema.org vocabulary rules: types, properties, status, value ranges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from termsite.checker.model import Severity

from ..helpers import assert_reports, assert_silent, check_text, page

E, W = Severity.ERROR, Severity.WARNING
CTX = {"@context": "https://schema.org"}


def node(**data: Any) -> dict[str, Any]:
    return {**CTX, **data}


def test_missing_type(tmp_path: Path) -> None:
    assert_reports(check_text(tmp_path, page(node(name="Acme"))), "missing-type", W, "$")
    assert_silent(check_text(tmp_path, page(node(**{"@type": "Organization", "name": "Acme"}))), "missing-type")
    assert_silent(check_text(tmp_path, page(node(**{"@id": "https://example.com/#org"}))), "missing-type")


def test_unknown_type_with_suggestion(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(node(**{"@type": "Articel", "headline": "Hi"})))
    problem = assert_reports(problems, "unknown-type", E, "Articel.@type")
    assert "did you mean 'Article'?" in problem.message
    problem = assert_reports(check_text(tmp_path, page(node(**{"@type": "article"}))), "unknown-type", E, "article.@type")
    assert "'Article'" in problem.message


def test_unknown_type_nested_and_prefixed(tmp_path: Path) -> None:
    data = node(**{"@type": "Article", "author": {"@type": "Persn", "name": "A"}})
    assert_reports(check_text(tmp_path, page(data)), "unknown-type", E, "Article.author.@type")
    ok = node(**{"@type": ["schema:Article", "https://schema.org/BlogPosting", "ex:Custom"], "headline": "x"})
    assert_silent(check_text(tmp_path, page(ok)), "unknown-type")


def test_non_string_type(tmp_path: Path) -> None:
    assert_reports(check_text(tmp_path, page(node(**{"@type": 5}))), "unknown-type", E, "$.@type")


def test_unknown_property_with_suggestion(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(node(**{"@type": "Article", "headlin": "Hi"})))
    problem = assert_reports(problems, "unknown-property", E, "Article.headlin")
    assert "'headline'" in problem.message
    problems = check_text(tmp_path, page(node(**{"@type": "Article", "headline": "Hi", "ex:foo": 1,
                                                  "https://example.org/bar": 2})))
    assert_silent(problems, "unknown-property")


def test_attic_property_is_unknown(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(node(**{"@type": "Offer", "productReturnDays": 3})))
    problem = assert_reports(problems, "unknown-property", E, "Offer.productReturnDays")
    assert "attic" in problem.message and "'merchantReturnDays'" in problem.message
    problems = check_text(tmp_path, page(node(**{"@type": "ProductReturnPolicy"})))
    assert "attic" in assert_reports(problems, "unknown-type", E, "ProductReturnPolicy.@type").message
    assert_silent(problems, "superseded-term")


def test_property_domain(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(node(**{"@type": "Person", "name": "Ada", "headline": "Hi"})))
    problem = assert_reports(problems, "property-domain", E, "Person.headline")
    assert "CreativeWork" in problem.message
    ok = node(**{"@type": "TechArticle", "headline": "Hi", "dependencies": "none"})  # inherited + own
    assert_silent(check_text(tmp_path, page(ok)), "property-domain")
    multi = node(**{"@type": ["Person", "Article"], "headline": "Hi", "jobTitle": "x"})
    assert_silent(check_text(tmp_path, page(multi)), "property-domain")


def test_property_domain_skips_untyped_and_foreign(tmp_path: Path) -> None:
    data = node(**{"@type": "Article", "author": {"name": "A", "headline": "x"}})
    assert_silent(check_text(tmp_path, page(data)), "property-domain")
    data = node(**{"@type": ["Person", "ex:Thing"], "headline": "x"})
    assert_silent(check_text(tmp_path, page(data)), "property-domain")


def test_superseded_term(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(node(**{"@type": "TVSeries", "name": "S", "episodes": []})))
    problem = assert_reports(problems, "superseded-term", W, "TVSeries.episodes")
    assert "'episode'" in problem.message
    assert_silent(check_text(tmp_path, page(node(**{"@type": "TVSeries", "name": "S", "episode": []}))),
                  "superseded-term")


def test_pending_term_reported_once_per_page(tmp_path: Path) -> None:
    terms = [node(**{"@type": "DefinedTerm", "name": f"t{i}"}) for i in range(3)]
    problems = check_text(tmp_path, page(*terms))
    hits = [p for p in problems if p.rule_id == "pending-term"]
    assert len(hits) == 1 and hits[0].severity is Severity.INFO and hits[0].json_path == "DefinedTerm.@type"
    assert "3 uses" in hits[0].message
    assert_silent(check_text(tmp_path, page(node(**{"@type": "Thing", "name": "t"}))), "pending-term")


@pytest.mark.parametrize("data, path", [
    ({"@type": "Article", "author": {"@type": "ImageObject", "url": "a.png"}}, "Article.author"),
    ({"@type": "Article", "headline": {"@type": "Person", "name": "x"}}, "Article.headline"),
    ({"@type": "Article", "headline": True}, "Article.headline"),
    ({"@type": "Article", "author": 5}, "Article.author"),
    ({"@type": "Article", "datePublished": 2024}, "Article.datePublished"),
    ({"@type": "Book", "numberOfPages": 1.5}, "Book.numberOfPages"),
    ({"@type": "Book", "numberOfPages": "many"}, "Book.numberOfPages"),
    ({"@type": "Book", "numberOfPages": "12.5"}, "Book.numberOfPages"),
    ({"@type": "Product", "name": "p", "offers": {"@type": "Offer", "availability": "https://schema.org/InStok"}},
     "Product.offers.availability"),
    ({"@type": "Product", "name": "p", "offers": {"@type": "Offer", "availability": "https://schema.org/Monday"}},
     "Product.offers.availability"),
    ({"@type": "WebPage", "url": "not a url"}, "WebPage.url"),
    ({"@type": "Article", "isAccessibleForFree": "maybe"}, "Article.isAccessibleForFree"),
    ({"@type": "Article", "keywords": ["a", {"@type": "Person"}]}, "Article.keywords[1]"),
    ({"@type": "HowTo", "totalTime": "10 minutes"}, "HowTo.totalTime"),
    ({"@type": "Recipe", "cookTime": "PT"}, "Recipe.cookTime"),
    ({"@type": "Recipe", "cookTime": 10}, "Recipe.cookTime"),
    ({"@type": "NutritionInformation", "calories": "lots"}, "NutritionInformation.calories"),
    ({"@type": "NutritionInformation", "proteinContent": "g 63"}, "NutritionInformation.proteinContent"),
])
def test_value_range_violations(tmp_path: Path, data: dict[str, Any], path: str) -> None:
    assert_reports(check_text(tmp_path, page(node(**data))), "value-range", E, path)


@pytest.mark.parametrize("data", [
    {"@type": "Article", "author": {"@type": "Person", "name": "A"}},
    {"@type": "Article", "author": {"@type": "Corporation", "name": "A"}},  # subtype of Organization
    {"@type": "Article", "author": "Ada Lovelace"},  # text in place of a Thing
    {"@type": "Article", "author": {"@id": "https://example.com/#ada"}},
    {"@type": "Article", "author": {"name": "Ada"}},  # untyped node
    {"@type": "Article", "author": {"@type": "Role", "roleName": "editor"}},
    {"@type": "ListItem", "position": 1},
    {"@type": "ListItem", "position": "1"},  # Integer or Text
    {"@type": "Book", "numberOfPages": "12"},
    {"@type": "Book", "numberOfPages": 12.0},
    {"@type": "Product", "name": "p", "offers": {"@type": "Offer", "price": "9.99", "availability": "https://schema.org/InStock"}},
    {"@type": "Product", "name": "p", "offers": {"@type": "Offer", "availability": "InStock"}},
    {"@type": "ImageObject", "width": 1200, "height": "630"},  # Distance/QuantitativeValue accept numbers/text
    {"@type": "WebPage", "url": "/relative/path"},
    {"@type": "WebPage", "url": {"@id": "https://example.com/"}},
    {"@type": "Article", "isAccessibleForFree": "true"},
    {"@type": "Article", "isAccessibleForFree": False},
    {"@type": "Article", "headline": {"@value": "Hi", "@language": "en"}},
    {"@type": "Article", "headline": 2024},  # a number where Text is expected: read as text
    {"@type": "Article", "keywords": {"@list": ["a", "b"]}},
    {"@type": "Article", "author": {"@type": "ex:Robot"}},
    {"@type": "Article", "about": None},
    # schema.org's Quantity values are strings of a set form
    {"@type": "WebPage", "timeRequired": "PT1H"},
    {"@type": "Recipe", "cookTime": "PT10M", "prepTime": "P0Y0M0DT0H10M39S", "totalTime": "PT1H30M"},
    {"@type": "VideoObject", "duration": "PT1M33.5S"},
    {"@type": "NutritionInformation", "calories": "339 calories", "fatContent": "12,5 g"},
    {"@type": "NutritionInformation", "calories": "123 kcal", "proteinContent": "63 g", "sodiumContent": "150 mg"},
    {"@type": "NutritionInformation", "calories": 339},
    {"@type": "Person", "height": "6 ft"},
])
def test_value_range_accepted(tmp_path: Path, data: dict[str, Any]) -> None:
    assert_silent(check_text(tmp_path, page(node(**data))), "value-range")


@pytest.mark.parametrize("value, words", [
    ("10 minutes", "not an ISO 8601 duration such as 'PT1H30M'"),
    ("lots", "not a number with a unit such as '339 calories'"),
])
def test_quantity_messages_say_what_form_is_expected(tmp_path: Path, value: str, words: str) -> None:
    prop = "totalTime" if "minutes" in value else "calories"
    kind = "HowTo" if prop == "totalTime" else "NutritionInformation"
    problem = assert_reports(check_text(tmp_path, page(node(**{"@type": kind, prop: value}))), "value-range", E,
                             f"{kind}.{prop}")
    assert words in problem.message


def test_role_node_may_carry_the_property_it_qualifies(tmp_path: Path) -> None:
    """schema.org's Role pattern: OrganizationRole between an Organization and its member."""
    data = node(**{"@type": "Organization", "name": "Cryptography Users", "member": {
        "@type": "OrganizationRole", "roleName": "member", "startDate": "1977",
        "member": {"@type": "Person", "name": "Alice"}}})
    problems = check_text(tmp_path, page(data))
    assert_silent(problems, "property-domain")
    assert_silent(problems, "value-range")
    # a Role carrying a property other than the one it qualifies is still reported
    data["member"]["headline"] = "x"
    assert_reports(check_text(tmp_path, page(data)), "property-domain", E, "Organization.member.headline")
    data["member"].pop("headline")
    data["alumni"] = {"@type": "OrganizationRole", "member": {"@type": "Person", "name": "Bob"}}
    assert_reports(check_text(tmp_path, page(data)), "property-domain", E, "Organization.alumni.member")


def test_action_annotations_are_not_unknown_properties(tmp_path: Path) -> None:
    data = node(**{"@type": "WebSite", "url": "https://example.com/", "potentialAction": {
        "@type": "SearchAction", "target": "https://example.com/?q={q}", "query-input": "required name=q"}})
    assert_silent(check_text(tmp_path, page(data)), "unknown-property")
    data["potentialAction"]["bogus-input"] = "x"
    assert_reports(check_text(tmp_path, page(data)), "unknown-property", E, "WebSite.potentialAction.bogus-input")
