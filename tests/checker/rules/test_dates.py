"""Date rules: invalid-date, date-without-offset, date-order."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.checker.model import Severity
from termsite.checker.rules._shared import TemporalError, is_before, parse_temporal

from ..helpers import assert_reports, assert_silent, check_text, page

E, W = Severity.ERROR, Severity.WARNING


def article(**dates: object) -> dict[str, object]:
    return {"@context": "https://schema.org", "@type": "Article", "headline": "x", **dates}


@pytest.mark.parametrize("value", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                                   "2024-01-01T25:00:00Z", "2024-01-01T10:61Z", "2024-01-01 10:00:00Z",
                                   "01/02/2024", "yesterday", "2024-1-5", "2024-01-01T10:00:00+25:00", " 2024-01-01"])
def test_invalid_date(tmp_path: Path, value: str) -> None:
    assert_reports(check_text(tmp_path, page(article(datePublished=value))), "invalid-date", E, "Article.datePublished")


@pytest.mark.parametrize("value", ["2024-02-29", "2000-02-29", "2024", "2024-05", "2024-05-01T10:00:00Z",
                                   "2024-05-01T10:00+02:00", "2024-05-01T10:00:00.123-0530", "2024-05-01T24:00:00Z",
                                   "2024-05-01T10:00:00"])
def test_valid_dates(tmp_path: Path, value: str) -> None:
    assert_silent(check_text(tmp_path, page(article(datePublished=value))), "invalid-date")


def test_time_only_where_time_is_allowed(tmp_path: Path) -> None:
    event = {"@context": "https://schema.org", "@type": "Event", "name": "e", "doorTime": "19:30:00+01:00"}
    assert_silent(check_text(tmp_path, page(event)), "invalid-date")
    assert_reports(check_text(tmp_path, page(article(datePublished="19:30:00"))), "invalid-date", E,
                   "Article.datePublished")


def test_date_list_values_get_indexed_paths(tmp_path: Path) -> None:
    data = article(datePublished=["2024-01-01", "2024-02-31"])
    assert_reports(check_text(tmp_path, page(data)), "invalid-date", E, "Article.datePublished[1]")


def test_date_without_offset(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(article(dateModified="2024-03-01T09:00:00")))
    assert_reports(problems, "date-without-offset", W, "Article.dateModified")
    for ok in ("2024-03-01T09:00:00Z", "2024-03-01T09:00:00+01:00", "2024-03-01"):
        assert_silent(check_text(tmp_path, page(article(dateModified=ok))), "date-without-offset")


@pytest.mark.parametrize("published, modified", [
    ("2024-05-02", "2024-05-01"),
    ("2024-05-01T10:00:00Z", "2024-05-01T09:59:59Z"),
    ("2024-05-01T10:00:00+02:00", "2024-05-01T07:00:00Z"),
])
def test_date_order(tmp_path: Path, published: str, modified: str) -> None:
    problems = check_text(tmp_path, page(article(datePublished=published, dateModified=modified)))
    assert_reports(problems, "date-order", E, "Article.dateModified")


@pytest.mark.parametrize("published, modified", [
    ("2024-05-01", "2024-05-02"),
    ("2024-05-01", "2024-05-01"),
    ("2024-05-01T10:00:00+02:00", "2024-05-01T09:00:00Z"),  # 08:00Z then 09:00Z
    ("2024-05-01T10:00:00Z", "2024-05-01"),  # same calendar day: not comparable finer
    ("2024", "2023-12-01"),  # reduced precision: not compared
])
def test_date_order_fine(tmp_path: Path, published: str, modified: str) -> None:
    problems = check_text(tmp_path, page(article(datePublished=published, dateModified=modified)))
    assert_silent(problems, "date-order")


def test_event_end_before_start(tmp_path: Path) -> None:
    event = {"@context": "https://schema.org", "@type": "Event", "name": "e",
             "startDate": "2024-06-02", "endDate": "2024-06-01"}
    assert_reports(check_text(tmp_path, page(event)), "date-order", E, "Event.endDate")


def test_parse_temporal_units() -> None:
    assert parse_temporal("2024-02-29").date == (2024, 2, 29)
    assert parse_temporal("2024-02-29T10:00:00Z").has_offset
    with pytest.raises(TemporalError):
        parse_temporal("1900-02-29")
    assert is_before(parse_temporal("2024-01-01"), parse_temporal("2024-01-02")) is True
    assert is_before(parse_temporal("2024"), parse_temporal("2024-01-02")) is None
