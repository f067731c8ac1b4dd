"""Input and JSON syntax rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.checker.model import Severity

from ..helpers import assert_reports, assert_silent, check_text, of, org, page

E, W = Severity.ERROR, Severity.WARNING


@pytest.mark.parametrize("raw, fragment", [
    ('{"@context": "https://schema.org", "@type": "Organization", "name": "A",}', "trailing comma"),
    ('{"@context": "https://schema.org", // note\n "@type": "Organization", "name": "A"}', "comments"),
    ('{"@context": "https://schema.org", "@type": "Organization", "name": "A", "name": "B"}', "duplicate key 'name'"),
    ('{"@context": "https://schema.org", "@type": "Offer", "price": NaN}', "NaN"),
    ('{"@context": "https://schema.org", "@type": "Offer", "price": Infinity}', "Infinity"),
    ('{"@context": "https://schema.org", "@type": "Organization", "name": "a\tb"}', "control character"),
    ('\ufeff{"@context": "https://schema.org", "@type": "Organization", "name": "A"}', "byte order mark"),
    ("", "empty"),
    ('{"@context": "https://schema.org"} {"a": 1}', "extra data"),
    ("{'@type': 'Organization'}", "double quotes"),
])
def test_invalid_json_reported_with_reason(tmp_path: Path, raw: str, fragment: str) -> None:
    problems = check_text(tmp_path, page(raw))
    problem = assert_reports(problems, "invalid-json", E, "")
    assert fragment in problem.message


def test_invalid_json_points_at_the_offending_line(tmp_path: Path) -> None:
    raw = '{\n "@context": "https://schema.org",\n "@type": "Organization",\n "name": "A",\n}'
    html = page(raw)
    problem = assert_reports(check_text(tmp_path, html), "invalid-json", E, "")
    lines = html.splitlines()
    assert lines[problem.line - 1].strip() == "}"


def test_valid_json_is_not_reported(tmp_path: Path) -> None:
    assert_silent(check_text(tmp_path, page(org())), "invalid-json")


def test_bad_block_does_not_hide_good_neighbours(tmp_path: Path) -> None:
    html = page(org(), '{"@context": "https://schema.org", "@type": "Organization",}',
                {"@context": "https://schema.org", "@type": "Articel", "headline": "x"})
    problems = check_text(tmp_path, html)
    assert len(of(problems, "invalid-json")) == 1
    assert_reports(problems, "unknown-type", E, "Articel.@type")


@pytest.mark.parametrize("text, token", [("<!-- x", "<!--"), ("<SCRIPT>", "<SCRIPT"), ("a <script src=x>", "<script")])
def test_unsafe_script_text(tmp_path: Path, text: str, token: str) -> None:
    raw = '{"@context": "https://schema.org", "@type": "Organization", "name": "%s"}' % text
    html = page(raw)
    problem = assert_reports(check_text(tmp_path, html), "unsafe-script-text", E, "")
    assert html.splitlines()[problem.line - 1][problem.col - 1:].startswith(token)


@pytest.mark.parametrize("text", ["<p>Yes.</p>", "<a href='https://example.com/'>more</a>", "<ul><li>a</li></ul>", "</span>"])
def test_closing_tags_other_than_script_are_safe(tmp_path: Path, text: str) -> None:
    """Only </script ends a script element: </p> or </a> in an FAQ answer is not reported."""
    raw = '{"@context": "https://schema.org", "@type": "Organization", "name": "A", "description": "%s"}' % text
    assert_silent(check_text(tmp_path, page(raw)), "unsafe-script-text")


def test_escaped_script_text_is_safe(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(org(description="<p>Yes & no</p>")))  # page() escapes < > &
    assert_silent(problems, "unsafe-script-text")


@pytest.mark.parametrize("raw, path", [
    ('"just a string"', ""),
    ("42", ""),
    ("[]", ""),
    ('[{"@context": "https://schema.org", "@type": "Organization", "name": "A"}, 3]', "[1]"),
    ('{"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "A"}, "x"]}', "@graph[1]"),
])
def test_block_not_object(tmp_path: Path, raw: str, path: str) -> None:
    assert_reports(check_text(tmp_path, page(raw)), "block-not-object", E, path)


def test_array_and_graph_blocks_are_fine(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page(
        [org(), org(name="B")],
        {"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "C"}]}))
    assert_silent(problems, "block-not-object")
    assert_silent(problems, "missing-context")


def test_missing_context(tmp_path: Path) -> None:
    problems = check_text(tmp_path, page({"@type": "Organization", "name": "A"}))
    assert_reports(problems, "missing-context", E, "$")
    problems = check_text(tmp_path, page([org(), {"@type": "Organization", "name": "B"}]))
    assert_reports(problems, "missing-context", E, "[1]")


@pytest.mark.parametrize("context", [
    "https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/",
    {"@vocab": "https://schema.org/"}, {"@vocab": "http://schema.org"},
    ["https://schema.org", {"ex": "https://example.org/"}],
])
def test_accepted_contexts(tmp_path: Path, context: object) -> None:
    problems = check_text(tmp_path, page({"@context": context, "@type": "Organization", "name": "A"}))
    assert_silent(problems, "unknown-context")
    assert_silent(problems, "missing-context")


@pytest.mark.parametrize("context", ["https://schema.com", {"@vocab": "https://example.org/"}, {"name": "x"}, 5])
def test_foreign_context(tmp_path: Path, context: object) -> None:
    problems = check_text(tmp_path, page({"@context": context, "@type": "Nonsense", "name": "A"}))
    assert_reports(problems, "unknown-context", E, "@context")
    assert_silent(problems, "unknown-type")  # not schema.org: the vocabulary is not checked


def test_limit_exceeded_for_deep_json(tmp_path: Path) -> None:
    raw = '{"@context": "https://schema.org", "@type": "Thing", "x": ' + "[" * 600 + "]" * 600 + "}"
    problems = check_text(tmp_path, page(raw, org()))
    assert_reports(problems, "limit-exceeded", E, "")
    assert_silent(problems, "invalid-json")
    assert_silent(problems, "internal-error")


def test_limit_exceeded_for_many_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termsite.checker import extract

    monkeypatch.setattr(extract, "MAX_BLOCKS_PER_PAGE", 3)
    problems = check_text(tmp_path, page(*[org(name=f"O{i}") for i in range(5)]))
    problem = assert_reports(problems, "limit-exceeded", E, "")
    assert "more than 3 JSON-LD blocks" in problem.message


def test_limit_exceeded_for_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termsite.checker import extract

    monkeypatch.setattr(extract, "MAX_PAGE_BYTES", 1000)
    problems = check_text(tmp_path, page(org(), body="x" * 5000))
    assert "larger than" in assert_reports(problems, "limit-exceeded", E, "").message
    assert_silent(check_text(tmp_path, page(org())), "limit-exceeded")


def test_limit_not_reported_for_normal_page(tmp_path: Path) -> None:
    assert_silent(check_text(tmp_path, page(org())), "limit-exceeded")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
                                  bytes(range(128, 256)) * 64])
def test_binary_file_is_not_html(tmp_path: Path, data: bytes) -> None:
    problems = check_text(tmp_path, data)
    assert [p.rule_id for p in problems] == ["not-html"]
    assert problems[0].severity is E


def test_text_file_is_html_enough(tmp_path: Path) -> None:
    assert check_text(tmp_path, "plain text, no markup") == []
    assert check_text(tmp_path, "") == []


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "dir.html").mkdir()
    from termsite.checker.runner import PageTask, check_page

    from ..helpers import config

    problems, _summary, unreadable = check_page(PageTask(str(tmp_path / "dir.html"), "dir.html", None, None), config())
    assert unreadable
    assert_reports(problems, "unreadable-file", E, "")
    assert_silent(check_text(tmp_path, page(org())), "unreadable-file")


def test_raw_text_and_comments_are_not_searched_for_blocks(tmp_path: Path) -> None:
    html = page(org(), body=(
        "<!-- <script type=\"application/ld+json\">{bad</script> -->"
        "<textarea><script type=\"application/ld+json\">{bad}</script></textarea>"
        "<script>var s = '<script type=\"application/ld+json\">{bad';</script>"))
    problems = check_text(tmp_path, html)
    assert_silent(problems, "invalid-json")


def test_type_attribute_variants_are_found(tmp_path: Path) -> None:
    html = ("<html><head><script TYPE='Application/LD+JSON; charset=utf-8'>{bad</script>"
            "<script type=application/ld+json>{bad</script></head></html>")
    assert len(of(check_text(tmp_path, html), "invalid-json")) == 2
