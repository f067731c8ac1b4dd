"""Breadcrumb rules: breadcrumb-items, breadcrumb-position, breadcrumb-position-gap, breadcrumb-last-item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from termsite.checker.model import Severity

from ..helpers import SITE, assert_reports, assert_silent, check_text, page

E, W = Severity.ERROR, Severity.WARNING
PAGE_URL = SITE + "page/"


def crumb(position: Any, name: str | None = "Crumb", item: Any = "keep") -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "ListItem"}
    if position is not None:
        data["position"] = position
    if name is not None:
        data["name"] = name
    if item == "keep":
        item = SITE if position == 1 else PAGE_URL
    if item is not None:
        data["item"] = item
    return data


def trail(*items: Any) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": list(items)}


GOOD = trail(crumb(1, "Home"), crumb(2, "Page"))


def test_good_trail_is_clean(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(GOOD))
    assert problems == []
    last_without_item = trail(crumb(1, "Home"), crumb(2, "Page", item=None))
    assert check_text(tmp_path, page(last_without_item)) == []


@pytest.mark.parametrize("data, path", [
    (trail(crumb(1)), "BreadcrumbList.itemListElement"),
    ({"@context": "https://schema.org", "@type": "BreadcrumbList"}, "BreadcrumbList.itemListElement"),
    (trail(crumb(1, name=None), crumb(2)), "BreadcrumbList.itemListElement[0].name"),
    (trail(crumb(1, item=None), crumb(2)), "BreadcrumbList.itemListElement[0].item"),
    (trail(crumb(1), "https://example.com/x"), "BreadcrumbList.itemListElement[1]"),
    (trail(crumb(1), {"@type": "Thing", "position": 2, "name": "x"}), "BreadcrumbList.itemListElement[1].@type"),
])
def test_breadcrumb_items(tmp_path: Path, data: dict[str, Any], path: str) -> None:
    assert_reports(check_text(tmp_path, page(data)), "breadcrumb-items", E, path)


def test_name_may_come_from_item_object(tmp_path: Path) -> None:
    data = trail({"@type": "ListItem", "position": 1, "item": {"@id": SITE, "name": "Home"}}, crumb(2))
    assert_silent(check_text(tmp_path, page(data)), "breadcrumb-items")


@pytest.mark.parametrize("data, path, words", [
    (trail(crumb(1), crumb(None)), "BreadcrumbList.itemListElement[1].position", "no position"),
    (trail(crumb(1), crumb("2")), "BreadcrumbList.itemListElement[1].position", "integer"),
    (trail(crumb(1), crumb(1.5)), "BreadcrumbList.itemListElement[1].position", "integer"),
    (trail(crumb(1), crumb(1)), "BreadcrumbList.itemListElement[1].position", "twice"),
    (trail(crumb(2, item=SITE), crumb(3)), "BreadcrumbList.itemListElement[0].position", "start at 2"),
])
def test_breadcrumb_position(tmp_path: Path, data: dict[str, Any], path: str, words: str) -> None:
    problem = assert_reports(check_text(tmp_path, page(data)), "breadcrumb-position", E, path)
    assert words in problem.message


def test_positions_in_any_order_are_fine(tmp_path: Path) -> None:
    data = trail(crumb(2, "Page"), crumb(1, "Home"))
    problems = check_text(tmp_path, page(data))
    assert_silent(problems, "breadcrumb-position")
    assert_silent(problems, "breadcrumb-last-item")


def test_breadcrumb_position_gap(tmp_path: Path) -> None:
    data = trail(crumb(1, "Home"), crumb(2, "Area", item=SITE + "area/"), crumb(4, "Page"))
    problems = check_text(tmp_path, page(data))
    assert_reports(problems, "breadcrumb-position-gap", W, "BreadcrumbList.itemListElement[2].position")
    assert_silent(problems, "breadcrumb-position")
    assert_silent(check_text(tmp_path, page(GOOD)), "breadcrumb-position-gap")


def test_breadcrumb_last_item(tmp_path: Path) -> None:
    data = trail(crumb(1, "Home"), crumb(2, "Area", item=SITE + "area/"))
    problem = assert_reports(check_text(tmp_path, page(data)), "breadcrumb-last-item", W,
                             "BreadcrumbList.itemListElement[1].item")
    assert PAGE_URL in problem.message
    same = trail(crumb(1, "Home"), crumb(2, "Page", item=PAGE_URL + "index.html#top"))
    assert_silent(check_text(tmp_path, page(same)), "breadcrumb-last-item")
    relative = trail(crumb(1, "Home"), crumb(2, "Page", item={"@id": "/page/"}))
    assert_silent(check_text(tmp_path, page(relative)), "breadcrumb-last-item")


def test_breadcrumb_in_graph_with_references(tmp_path: Path) -> None:
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "BreadcrumbList", "itemListElement": [{"@id": "#c1"}, {"@id": "#c2"}]},
        {"@type": "ListItem", "@id": "#c1", "position": 1, "name": "Home", "item": SITE},
        {"@type": "ListItem", "@id": "#c2", "position": 3, "name": "Page", "item": PAGE_URL},
    ]}
    problems = check_text(tmp_path, page(data))
    assert_reports(problems, "breadcrumb-position-gap", W, "@graph[2].position")
    assert_silent(problems, "breadcrumb-items")


def test_trail_ending_at_the_section_is_only_a_warning(tmp_path: Path) -> None:
    """A news article whose trail is Home › Entertainment: Google shows it; not an error."""
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Premiere",
               "mainEntityOfPage": PAGE_URL}
    data = trail(crumb(1, "Home"), crumb(2, "Entertainment", item=SITE + "entertainment/"))
    problems = check_text(tmp_path, page(article, data))
    assert [(p.rule_id, p.severity) for p in problems if p.severity is not Severity.INFO] == [
        ("article-recommended", W)] * 4 + [("breadcrumb-last-item", W)]


def test_last_crumb_with_another_scheme_is_a_url_variant(tmp_path: Path) -> None:
    data = trail(crumb(1, "Home"), crumb(2, "Page", item=PAGE_URL.replace("https://", "http://")))
    problems = check_text(tmp_path, page(data))
    assert_silent(problems, "breadcrumb-last-item")
    problem = assert_reports(problems, "url-variant", W, "BreadcrumbList.itemListElement[1].item")
    assert "same address, different scheme" in problem.message
