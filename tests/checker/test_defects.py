"""The eight defects from the issue, each caught on a realistic termsite page fixture."""

from __future__ import annotations

import pytest

from termsite.checker.model import Problem, Severity
from termsite.checker.runner import PageTask, check_page

from .helpers import FIXTURES, assert_reports, config, of

E, W = Severity.ERROR, Severity.WARNING
SITE_URL = "https://glossary.termsite.example/"


def check_fixture(name: str, rel_url: str) -> list[Problem]:
    path = FIXTURES / name
    problems, _summary, _ = check_page(PageTask(str(path), name, None, rel_url), config(site_url=SITE_URL))
    return problems


AREA = "area/area-0-margin/"
TERM = "definition/term-0-margin/"


@pytest.mark.parametrize("name, rel_url", [("area_ok.html", AREA), ("term_ok.html", TERM)])
def test_clean_fixtures_have_no_errors(name: str, rel_url: str) -> None:
    problems = check_fixture(name, rel_url)
    assert [p for p in problems if p.rule_id != "pending-term"] == []


def test_missing_accepted_answer_text() -> None:
    problems = check_fixture("defect_missing_answer_text.html", AREA)
    assert_reports(problems, "faq-question", E, "FAQPage.mainEntity[2].acceptedAnswer.text")
    assert_reports(problems, "unknown-property", E, "FAQPage.mainEntity[2].acceptedAnswer.txt")


def test_breadcrumb_position_gap() -> None:
    problems = check_fixture("defect_breadcrumb_gap.html", AREA)
    problem = assert_reports(problems, "breadcrumb-position-gap", W, "BreadcrumbList.itemListElement[2].position")
    assert "missing 3" in problem.message


def test_impossible_date() -> None:
    problems = check_fixture("defect_impossible_date.html", TERM)
    problem = assert_reports(problems, "invalid-date", E, "Article.datePublished")
    assert "day 29 does not exist in 2023-02" in problem.message


def test_faq_text_not_shown() -> None:
    problems = check_fixture("defect_faq_not_shown.html", AREA)
    assert_reports(problems, "faq-text-visible", E, "FAQPage.mainEntity[1].name")
    assert len(of(problems, "faq-text-visible")) == 1


@pytest.mark.parametrize("name, words", [
    ("defect_trailing_comma.html", "trailing comma"),
    ("defect_comment.html", "comments are not allowed"),
    ("defect_duplicate_key.html", "duplicate key 'name'"),
])
def test_repaired_json_is_reported(name: str, words: str) -> None:
    problems = check_fixture(name, AREA if "comma" in name else TERM)
    [problem] = of(problems, "invalid-json")
    assert words in problem.message and problem.severity is E
    source = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    assert problem.line > 1 and source[problem.line - 1].strip()  # points into the file


def test_one_bad_block_among_good_ones() -> None:
    problems = check_fixture("defect_one_bad_block.html", TERM)
    assert len(of(problems, "invalid-json")) == 1
    # the neighbours are still checked: the DefinedTerm block after the bad one has a typo
    problem = assert_reports(problems, "unknown-type", E, "DefinedTerms.@type")
    assert "'DefinedTerm'" in problem.message
    assert not of(problems, "internal-error")


def test_another_sites_page_yoast_graph() -> None:
    """A WordPress/Yoast-style @graph page (references between graph nodes, SearchAction
    annotations, an FAQ block): only the unescaped '</' inside the JSON-LD is reported."""
    problems = check_fixture("other_site_yoast_post.html", "how-to-bake-bread/")
    assert [(p.rule_id, p.severity) for p in problems] == [("unsafe-script-text", E)]
