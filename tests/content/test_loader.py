"""Loading a content folder: the model on good content, one precise message per mistake."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from termsite.content.loader import check_content, load_glossary
from termsite.problems import ContentError

from conftest import MINIMAL_AREA, MINIMAL_TERM, write_glossary


def problems_of(tmp_path: Path, files: dict[str, str], default_author: str = "") -> list[str]:
    content = write_glossary(tmp_path, files)
    glossary, problems = check_content(content, default_author=default_author)
    return [p.format().replace(str(content) + "/", "") for p in problems]


def test_good_content_becomes_the_model(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "authors.yml": "ana:\n  name: Ana Example\n  url: https://example.org/ana\n",
        "areas/liquidation.yml": MINIMAL_AREA + "terms: [mark-price, bankruptcy]\n"
                                 "faq:\n  - aspect: Trigger\n    answer: A price move.\n",
        "terms/mark-price.yml": MINIMAL_TERM + "aliases: [MP]\nrelated: [bankruptcy]\n"
                                "published: 2026-01-10T09:00:00+00:00\nmodified: 2026-03-01T12:00:00Z\n",
        "terms/bankruptcy.yml": "title: Bankruptcy\nsummary: When equity is gone.\nareas: [liquidation]\n"
                                "author: ana\nimage: {url: images/b.svg, width: 1200, height: 630, caption: A chart}\n",
    })
    glossary = load_glossary(content, default_author="ana")
    mark = glossary.terms["mark-price"]
    assert (mark.title, mark.aliases, mark.related) == ("Mark Price", ["MP"], ["bankruptcy"])
    assert mark.published == datetime(2026, 1, 10, 9, tzinfo=timezone.utc)
    assert mark.modified == datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    assert glossary.terms["bankruptcy"].image.width == 1200
    assert glossary.areas["liquidation"].faq[0].question_for("Liquidation") == "What is the Trigger of Liquidation?"
    assert [t.slug for t in glossary.area_members["liquidation"]] == ["mark-price", "bankruptcy"]
    assert glossary.author_of(mark).name == "Ana Example"


def test_terms_without_explicit_order_are_listed_by_title(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/zeta.yml": "title: Zeta\nsummary: Z.\nareas: [liquidation]\n",
        "terms/alpha.yml": "title: alpha\nsummary: A.\nareas: [liquidation]\n",
    })
    glossary = load_glossary(content)
    assert [t.slug for t in glossary.area_members["liquidation"]] == ["alpha", "zeta"]


CASES = {
    "unknown area with a did-you-mean": (
        {"terms/mark-price.yml": MINIMAL_TERM.replace("[liquidation]", "[liquidaton]")},
        "terms/mark-price.yml:3:1: error[unknown-reference] areas: unknown area 'liquidaton' "
        "(did you mean 'liquidation'?)."),
    "unknown key with a did-you-mean": (
        {"terms/mark-price.yml": MINIMAL_TERM + "sumary: x\n"},
        "terms/mark-price.yml:4:1: error[unknown-key] sumary: 'sumary' is not a known field (did you mean "
        "'summary'?); expected one of: title, summary, aliases, code, areas, broader, related, status, replaced_by, "
        "body, faq, sources, image, author, published, modified, autolink, plurals."),
    "a number as a title": (
        {"terms/mark-price.yml": MINIMAL_TERM.replace("title: Mark Price", "title: 42")},
        "terms/mark-price.yml:1:8: error[wrong-type] title: expected text, found a number (42); put it in quotes "
        "if it is meant as text."),
    "a list where text is expected": (
        {"terms/mark-price.yml": MINIMAL_TERM.replace("summary: The fair", "summary: [The fair") .replace(
            "positions.", "positions.]")},
        "terms/mark-price.yml:2:10: error[wrong-type] summary: expected text, found a list."),
    "a missing required field": (
        {"terms/mark-price.yml": "title: Mark Price\nareas: [liquidation]\n"},
        "terms/mark-price.yml:1:1: error[missing-field] summary: the required field 'summary' is missing."),
    "a file that is not a mapping": (
        {"terms/mark-price.yml": "- title\n- summary\n"},
        "terms/mark-price.yml:1:1: error[wrong-type] expected the file to be a mapping of fields (title, summary, "
        "aliases, code, ...), found a list."),
    "a bad slug as a file name": (
        {"terms/Mark Price.yml": MINIMAL_TERM},
        "terms/Mark Price.yml:1:1: error[bad-slug] the file name 'Mark Price' is not a valid slug; use lowercase "
        "letters, digits and single hyphens, like 'mark-price.yml'."),
    "a bad slug in a reference": (
        {"terms/mark-price.yml": MINIMAL_TERM + "related: [../etc/passwd]\n"},
        "terms/mark-price.yml:4:11: error[bad-slug] related[1]: '../etc/passwd' is not a valid term slug; slugs "
        "use lowercase letters, digits and single hyphens, like 'mark-price'."),
    "a dangling related term": (
        {"terms/mark-price.yml": MINIMAL_TERM + "related: [index-prise]\n",
         "terms/index-price.yml": "title: Index Price\nsummary: An average.\nareas: [liquidation]\n"},
        "terms/mark-price.yml:4:1: error[unknown-reference] related: unknown term 'index-prise' (did you mean "
        "'index-price'?)."),
    "a dangling reference in the body": (
        {"terms/mark-price.yml": MINIMAL_TERM + "body: |\n  First line.\n  See [[index-prise]].\n",
         "terms/index-price.yml": "title: Index Price\nsummary: An average.\nareas: [liquidation]\n"},
        "terms/mark-price.yml:6:1: error[unknown-reference] body: '[[index-prise]]' refers to unknown term "
        "'index-prise' (did you mean 'index-price'?)."),
    "a self reference": (
        {"terms/mark-price.yml": MINIMAL_TERM + "related: [mark-price]\n"},
        "terms/mark-price.yml:4:1: error[self-reference] related: a term cannot be related to itself; remove its "
        "own slug."),
    "an impossible date": (
        {"terms/mark-price.yml": MINIMAL_TERM + "published: 2026-02-30T09:00:00+00:00\n"},
        "terms/mark-price.yml:4:12: error[bad-date] published: '2026-02-30T09:00:00+00:00' is not a real calendar "
        "date and time."),
    "a date without offset": (
        {"terms/mark-price.yml": MINIMAL_TERM + "published: 2026-02-03T09:00:00\n"},
        "terms/mark-price.yml:4:12: error[bad-date] published: '2026-02-03T09:00:00' has no UTC offset; write it "
        "like 2026-03-01T09:00:00+00:00."),
    "reversed dates": (
        {"terms/mark-price.yml": MINIMAL_TERM + "published: 2026-03-01T00:00:00+00:00\n"
                                                "modified: 2026-01-01T00:00:00+00:00\n"},
        "terms/mark-price.yml:5:11: error[dates-reversed] modified: 2026-01-01T00:00:00+00:00 is before published "
        "(2026-03-01T00:00:00+00:00); modified cannot come before published."),
    "a duplicate title across files": (
        {"terms/mark-price.yml": MINIMAL_TERM,
         "terms/mark-price-2.yml": MINIMAL_TERM.replace("Mark Price", "mark price")},
        "terms/mark-price.yml:1:1: error[duplicate-name] title: 'Mark Price' is already the title of "
        "'mark-price-2' (terms/mark-price-2.yml); names must be unique so that links and search are unambiguous."),
    "a duplicate alias across files": (
        {"terms/mark-price.yml": MINIMAL_TERM + "aliases: [MP]\n",
         "terms/margin-price.yml": "title: Margin Price\nsummary: X.\nareas: [liquidation]\naliases: [mp]\n"},
        "terms/mark-price.yml:4:1: error[duplicate-name] aliases: 'MP' is already the alias of 'margin-price' "
        "(terms/margin-price.yml); names must be unique so that links and search are unambiguous."),
    "a javascript URL": (
        {"terms/mark-price.yml": MINIMAL_TERM + "sources:\n  - title: x\n    url: javascript:alert(1)\n"},
        "terms/mark-price.yml:6:10: error[bad-url] sources[1].url: 'javascript:alert(1)' uses the 'javascript' "
        "scheme; only http and https URLs are allowed."),
    "a negative image size": (
        {"terms/mark-price.yml": MINIMAL_TERM + "image: {url: images/x.svg, width: -5, height: 2, caption: c}\n"},
        "terms/mark-price.yml:4:35: error[out-of-range] image.width: -5 is out of range; expected 1 to 100000."),
    "an unknown author": (
        {"terms/mark-price.yml": MINIMAL_TERM + "author: bob\n",
         "authors.yml": "bo:\n  name: Bo\n  url: https://example.org/bo\n"},
        "terms/mark-price.yml:4:1: error[unknown-reference] author: unknown author 'bob' (did you mean 'bo'?); "
        "authors are the keys of authors.yml."),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_mistake_gets_one_precise_message(tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    files, expected = CASES[case]
    content = write_glossary(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, **files})
    monkeypatch.chdir(content)
    glossary, problems = check_content(content)
    assert glossary is None
    assert [p.format() for p in problems if p.is_error] == [expected]


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/a.yml": "title: A\nsummary: A.\nareas: [nowhere]\n",
        "terms/b.yml": "title: B\nsummary: B.\nareas: [liquidation]\ncolour: red\n",
        "terms/c.yml": "title: [C\n",
    })
    with pytest.raises(ContentError) as raised:
        load_glossary(content)
    codes = sorted(p.code for p in raised.value.problems)
    assert codes == ["unknown-key", "unknown-reference", "yaml-syntax"]
    assert raised.value.report().endswith("termsite: 3 error(s) in the glossary content; nothing was built.")


def test_references_in_code_are_not_checked(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/mark-price.yml": MINIMAL_TERM + "body: |\n  Write `[[slug]]` to link.\n\n  ```\n  [[nothing]]\n  ```\n",
    })
    assert load_glossary(content).terms["mark-price"].body.startswith("Write `[[slug]]`")


def test_an_explicit_order_may_only_list_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA + "terms: [mark-price, other]\n",
        "areas/pricing.yml": "title: Pricing\ndescription: Prices.\n",
        "terms/mark-price.yml": MINIMAL_TERM,
        "terms/other.yml": "title: Other\nsummary: O.\nareas: [pricing]\n",
    })
    monkeypatch.chdir(content)
    _, problems = check_content(content)
    assert [p.format() for p in problems] == [
        "areas/liquidation.yml:3:1: error[not-a-member] terms: 'other' is listed here but its file does not name "
        "this area in 'areas'; add 'liquidation' to terms/other.yml or remove it here."]


def _term(title: str, broader: str = "", extra: str = "") -> str:
    return f"title: {title}\nsummary: {title} explained.\nareas: [liquidation]\n" + \
        (f"broader: [{broader}]\n" if broader else "") + extra


def test_broader_gives_each_term_its_narrower_terms(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/liquidation.yml": _term("Liquidation", extra="code: FDL-1\n"),
        "terms/partial-liquidation.yml": _term("Partial Liquidation", "liquidation"),
        "terms/full-liquidation.yml": _term("Full Liquidation", "liquidation"),
        "terms/auto-deleveraging.yml": _term("Auto-Deleveraging", "full-liquidation, partial-liquidation"),
    })
    glossary = load_glossary(content)
    assert glossary.terms["liquidation"].code == "FDL-1"
    assert glossary.terms["auto-deleveraging"].broader == ["full-liquidation", "partial-liquidation"]
    # narrower terms come by title, like every list of terms
    assert glossary.narrower == {"liquidation": ["full-liquidation", "partial-liquidation"],
                                 "full-liquidation": ["auto-deleveraging"],
                                 "partial-liquidation": ["auto-deleveraging"]}
    assert [t.slug for t in glossary.narrower_of("liquidation")] == ["full-liquidation", "partial-liquidation"]


HIERARCHY_MISTAKES = {
    "an unknown broader term": (
        {"terms/a.yml": _term("A", "liquidaton"), "terms/liquidation.yml": _term("Liquidation")},
        ["terms/a.yml:4:1: error[unknown-reference] broader: unknown term 'liquidaton' (did you mean "
         "'liquidation'?)."]),
    "a term broader than itself": (
        {"terms/a.yml": _term("A", "a")},
        ["terms/a.yml:4:1: error[self-reference] broader: a term cannot be broader than itself; remove its own slug."]),
    "a circle of three": (
        {"terms/c.yml": _term("C", "a"), "terms/a.yml": _term("A", "b"), "terms/b.yml": _term("B", "c")},
        ["terms/a.yml:4:1: error[broader-cycle] broader: the broader terms go round in a circle (a -> b -> c -> a), "
         "so each of them would be narrower than itself; remove one of these links."]),
    "two terms with one code": (
        {"terms/a.yml": _term("A", extra="code: X-1\n"), "terms/b.yml": _term("B", extra="code: x-1\n")},
        ["terms/b.yml:4:1: error[duplicate-name] code: the code 'x-1' is already the code of 'a' (terms/a.yml); "
         "a code identifies one term."]),
}


@pytest.mark.parametrize("case", list(HIERARCHY_MISTAKES), ids=list(HIERARCHY_MISTAKES))
def test_a_broken_hierarchy_is_one_message_at_its_line(tmp_path: Path, case: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    files, expected = HIERARCHY_MISTAKES[case]
    content = write_glossary(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, **files})
    monkeypatch.chdir(content)
    glossary, problems = check_content(content)
    assert glossary is None
    assert [p.format() for p in problems if p.is_error] == expected


def test_files_saved_with_a_bom_and_windows_line_ends_load(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {})
    (content / "areas/liquidation.yml").write_bytes(b"\xef\xbb\xbf" + MINIMAL_AREA.replace("\n", "\r\n").encode())
    (content / "terms/mark-price.yml").write_bytes(
        b"\xef\xbb\xbftitle: Mark Price\r\nsummary: The fair price.\r\nareas: [liquidation]\r\n"
        b"body: |\r\n  First line.\r\n\r\n  Second [[nowhere]] paragraph.\r\n")
    glossary, problems = check_content(content)
    # the one problem is the content's own, at the line an editor shows for it
    assert [(p.code, p.line) for p in problems] == [("unknown-reference", 7)]
    (content / "terms/mark-price.yml").write_bytes(
        b"\xef\xbb\xbftitle: Mark Price\r\nsummary: The fair price.\r\nareas: [liquidation]\r\n"
        b"body: |\r\n  First line.\r\n\r\n  Second paragraph.\r\n")
    term = load_glossary(content).terms["mark-price"]
    assert (term.title, term.body) == ("Mark Price", "First line.\n\nSecond paragraph.")
    assert load_glossary(content).areas["liquidation"].title == "Liquidation"
