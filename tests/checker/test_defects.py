"""The eight defects from the issue, each caught on a realistic termsite page fixture."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from termsite.checker.model import Problem, Severity
from termsite.checker.runner import PageTask, check_page

from .helpers import FIXTURES, assert_reports, config, of

E, W = Severity.ERROR, Severity.WARNING
SITE_URL = "https://glossary.termsite.example/"


Checker = Callable[[str, str], list[Problem]]
AREA = "area/area-0-margin/"
TERM = "definition/term-0-margin/"

# Each defect is one clean fixture with one small edit: (clean fixture, [(text, replacement)]).
DEFECTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "defect_breadcrumb_gap.html": ("area_ok.html", [('   "position": 3,', '   "position": 4,')]),
    "defect_faq_not_shown.html": ("area_ok.html", [
        ('<h3 id="q1">What does area-0-margin question 1 mean?</h3>', '<h3 id="q1">Something else entirely</h3>')]),
    "defect_missing_answer_text.html": ("area_ok.html", [
        ('    "text": "\\u003cp\\u003eIt means Settlement', '    "txt": "\\u003cp\\u003eIt means Settlement')]),
    "defect_trailing_comma.html": ("area_ok.html", [
        ('   "item": "https://glossary.termsite.example/area/area-0-margin/"\n',
         '   "item": "https://glossary.termsite.example/area/area-0-margin/",\n')]),
    "defect_comment.html": ("term_ok.html", [(' "@type": "DefinedTerm",\n', ' "@type": "DefinedTerm", // the term itself\n')]),
    "defect_duplicate_key.html": ("term_ok.html", [
        (' "@type": "DefinedTerm",\n', ' "@type": "DefinedTerm",\n "name": "Duplicate",\n')]),
    "defect_impossible_date.html": ("term_ok.html", [
        (' "datePublished": "2024-01-15T09:00:00+00:00",', ' "datePublished": "2023-02-29T09:00:00+00:00",')]),
    "defect_one_bad_block.html": ("term_ok.html", [
        (' "mainEntityOfPage": "https://glossary.termsite.example/definition/term-0-margin/",',
         ' "mainEntityOfPage"  "https://glossary.termsite.example/definition/term-0-margin/",'),
        (' "@type": "DefinedTerm",\n', ' "@type": "DefinedTerms",\n')]),
}


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean fixtures, and each defect page made from its clean fixture."""
    folder = tmp_path_factory.mktemp("defects")
    for clean in FIXTURES.glob("*.html"):
        (folder / clean.name).write_text(clean.read_text(encoding="utf-8"), encoding="utf-8")
    for name, (clean, edits) in DEFECTS.items():
        text = (FIXTURES / clean).read_text(encoding="utf-8")
        for old, new in edits:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def check_fixture(fixture_dir: Path) -> Checker:
    def check(name: str, rel_url: str) -> list[Problem]:
        path = fixture_dir / name
        problems, _summary, _ = check_page(PageTask(str(path), name, None, rel_url), config(site_url=SITE_URL))
        return problems

    return check


@pytest.mark.parametrize("name, rel_url", [("area_ok.html", AREA), ("term_ok.html", TERM)])
def test_clean_fixtures_have_no_errors(check_fixture: Checker, name: str, rel_url: str) -> None:
    problems = check_fixture(name, rel_url)
    assert [p for p in problems if p.rule_id != "pending-term"] == []


def test_missing_accepted_answer_text(check_fixture: Checker) -> None:
    problems = check_fixture("defect_missing_answer_text.html", AREA)
    assert_reports(problems, "faq-question", E, "FAQPage.mainEntity[2].acceptedAnswer.text")
    assert_reports(problems, "unknown-property", E, "FAQPage.mainEntity[2].acceptedAnswer.txt")


def test_breadcrumb_position_gap(check_fixture: Checker) -> None:
    problems = check_fixture("defect_breadcrumb_gap.html", AREA)
    problem = assert_reports(problems, "breadcrumb-position-gap", W, "BreadcrumbList.itemListElement[2].position")
    assert "missing 3" in problem.message


def test_impossible_date(check_fixture: Checker) -> None:
    problems = check_fixture("defect_impossible_date.html", TERM)
    problem = assert_reports(problems, "invalid-date", E, "Article.datePublished")
    assert "day 29 does not exist in 2023-02" in problem.message


def test_faq_text_not_shown(check_fixture: Checker) -> None:
    problems = check_fixture("defect_faq_not_shown.html", AREA)
    assert_reports(problems, "faq-text-visible", E, "FAQPage.mainEntity[1].name")
    assert len(of(problems, "faq-text-visible")) == 1


@pytest.mark.parametrize("name, words", [
    ("defect_trailing_comma.html", "trailing comma"),
    ("defect_comment.html", "comments are not allowed"),
    ("defect_duplicate_key.html", "duplicate key 'name'"),
])
def test_repaired_json_is_reported(check_fixture: Checker, fixture_dir: Path, name: str, words: str) -> None:
    problems = check_fixture(name, AREA if "comma" in name else TERM)
    [problem] = of(problems, "invalid-json")
    assert words in problem.message and problem.severity is E
    source = (fixture_dir / name).read_text(encoding="utf-8").splitlines()
    assert problem.line > 1 and source[problem.line - 1].strip()  # points into the file


def test_one_bad_block_among_good_ones(check_fixture: Checker) -> None:
    problems = check_fixture("defect_one_bad_block.html", TERM)
    assert len(of(problems, "invalid-json")) == 1
    # the neighbours are still checked: the DefinedTerm block after the bad one has a typo
    problem = assert_reports(problems, "unknown-type", E, "DefinedTerms.@type")
    assert "'DefinedTerm'" in problem.message
    assert not of(problems, "internal-error")


def test_another_sites_page_yoast_graph(check_fixture: Checker) -> None:
    """A WordPress/Yoast-style @graph page (references between graph nodes, SearchAction
    annotations, an FAQ answer with <strong>...</strong> in its JSON string): nothing to report."""
    problems = check_fixture("other_site_yoast_post.html", "how-to-bake-bread/")
    assert [(p.rule_id, p.severity) for p in problems if p.severity is not Severity.INFO] == []
