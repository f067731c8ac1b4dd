"""`termsite lint`: documented codes, the same precise message as the build, paths and output formats."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from termsite.authoring.lint import lint_content

from conftest import MINIMAL_AREA, MINIMAL_TERM, ROOT, make_site, mkdocs_build, termsite, write_glossary

SOURCES = [ROOT / "tools/termsite" / name for name in (
    "content/fields.py", "content/loader.py", "content/yamlsource.py", "content/articles.py", "authoring/lint.py",
    "importer/codes.py", "site/cards.py", "content/translations.py", "content/languages.py",
    "authoring/translations.py")]
CODE_RE = re.compile(r"^[a-z]+(-[a-z]+)*$")
# Where the code is among the arguments of each call that reports a problem.
CODE_ARGUMENT = {"Problem": 3, "error": 2, "warning": 2, "_warning": 2, "at": 2, "problem": 2, "_problem": 1, "_at": 2}
NOT_CODES = {"date-time",  # a JSON Schema format name, not a problem code
             "area-index", "term-index",  # page kinds
             "term-translation", "area-translation", "rev-parse", "cat-file"}  # kinds of file, git commands


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for source in SOURCES:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = CODE_ARGUMENT.get(name)
            if index is not None and len(node.args) > index:
                argument = node.args[index]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    codes.add(argument.value)
        # and any code-like string with a hyphen, in case a new helper reports problems
        codes |= {literal for literal in re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source.read_text(encoding="utf-8"))
                  if literal not in NOT_CODES}
    return codes


def documented_codes() -> set[str]:
    text = (ROOT / "docs/lint-codes.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z-]+)` \| (?:error|warning|info) \|", text, re.MULTILINE))


def test_every_emitted_code_is_documented_and_every_documented_code_is_emitted() -> None:
    emitted, documented = emitted_codes(), documented_codes()
    assert all(CODE_RE.match(code) for code in emitted)
    assert {"unknown-reference", "bad-date", "duplicate-name", "encoding", "key-order"} <= emitted
    assert emitted - documented == set(), "document these codes in docs/lint-codes.md"
    assert documented - emitted == set(), "these documented codes are no longer emitted"


MISTAKES = {
    "a typo'd area": (
        {"terms/mark-price.yml": MINIMAL_TERM.replace("[liquidation]", "[liquidaton]")},
        "content/terms/mark-price.yml:3:1: error[unknown-reference] areas: unknown area 'liquidaton' (did you mean "
        "'liquidation'?)."),
    "a bad date": (
        {"terms/mark-price.yml": MINIMAL_TERM + "published: 2026-02-03 09:00\n"},
        "content/terms/mark-price.yml:4:12: error[bad-date] published: '2026-02-03 09:00' has no UTC offset; write "
        "it like 2026-03-01T09:00:00+00:00."),
    "a duplicate alias": (
        {"terms/mark-price.yml": MINIMAL_TERM + "aliases: [MP]\n",
         "terms/margin-price.yml": "title: Margin Price\nsummary: A price.\nareas: [liquidation]\naliases: [mp]\n"},
        "content/terms/mark-price.yml:4:1: error[duplicate-name] aliases: 'MP' is already the alias of "
        "'margin-price' (content/terms/margin-price.yml); names must be unique so that links and search are "
        "unambiguous."),
}


@pytest.mark.parametrize("case", list(MISTAKES), ids=list(MISTAKES))
def test_lint_and_the_build_give_the_same_single_precise_message(tmp_path: Path, case: str) -> None:
    files, expected = MISTAKES[case]
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, **files})
    lint = termsite(["lint"], project)
    assert lint.returncode == 1
    assert lint.stdout.splitlines() == [expected, "termsite lint: 1 error(s), 0 warning(s)"]
    build = mkdocs_build(project)
    assert build.returncode == 1
    errors = [line.removeprefix("ERROR   -  ") for line in build.stderr.splitlines() if ": error[" in line]
    assert errors == [expected]
    assert "Traceback" not in lint.stderr + build.stderr


def test_github_format_annotates_the_line(tmp_path: Path) -> None:
    files, _ = MISTAKES["a typo'd area"]
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, **files})
    result = termsite(["lint", "--format", "github"], project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/terms/mark-price.yml,line=3,col=1,title=unknown-reference::areas: unknown area "
        "'liquidaton' (did you mean 'liquidation'?)."]
    assert result.stderr.strip() == "termsite lint: 1 error(s), 0 warning(s)"


def test_json_format(tmp_path: Path) -> None:
    files, _ = MISTAKES["a bad date"]
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, **files})
    result = termsite(["lint", "--format", "json"], project)
    assert json.loads(result.stdout) == [{
        "path": "content/terms/mark-price.yml", "line": 4, "column": 12, "severity": "error", "code": "bad-date",
        "field": "published",
        "message": "'2026-02-03 09:00' has no UTC offset; write it like 2026-03-01T09:00:00+00:00."}]


def test_paths_limit_the_report_but_the_whole_glossary_is_checked(tmp_path: Path) -> None:
    project = make_site(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/mark-price.yml": MINIMAL_TERM + "related: [index-prise]\n",
        "terms/index-price.yml": "title: Index Price\nsummary: An average.\nareas: [liquidaton]\n",
    })
    one = termsite(["lint", "content/terms/mark-price.yml"], project)
    assert one.stdout.splitlines() == [
        "content/terms/mark-price.yml:4:1: error[unknown-reference] related: unknown term 'index-prise' (did you mean "
        "'index-price'?).", "termsite lint: 1 error(s), 0 warning(s)"]
    folder = termsite(["lint", "content/terms"], project)
    assert folder.stdout.splitlines()[-1] == "termsite lint: 2 error(s), 0 warning(s)"
    both = termsite(["lint", "content/terms/index-price.yml", "content"], project)
    assert both.stdout.splitlines()[-1] == "termsite lint: 2 error(s), 0 warning(s)"
    missing = termsite(["lint", "content/terms/nope.yml"], project)
    assert (missing.returncode, missing.stderr.strip()) == (2, "termsite lint: content/terms/nope.yml does not exist.")


def test_a_broken_file_does_not_make_every_reference_to_it_an_error(tmp_path: Path) -> None:
    project = make_site(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA + "terms: [mark-price, index-price]\n",
        "terms/mark-price.yml": MINIMAL_TERM + "related: [index-price]\nbody: See [[index-price]].\n",
        "terms/index-price.yml": "title: [Index Price\n",
    })
    result = termsite(["lint"], project)
    assert [line.split(": error[")[1].split("]")[0] for line in result.stdout.splitlines()[:-1]] == ["yaml-syntax"]


def test_style_warnings(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA + "terms: [mark-price]\n",
        "terms/mark-price.yml": "summary: " + "A very long summary that goes on. " * 6 + "\ntitle: Mark Price\n"
                                "areas: [liquidation]\n",
        "terms/index-price.yml": "title: Index Price\nsummary: No full stop\nareas: [liquidation]\n",
    })
    codes = sorted(p.code for p in lint_content(content))
    assert codes == ["key-order", "summary-sentence", "summary-too-long", "unordered-term"]


def test_the_example_content_lints_clean() -> None:
    result = termsite(["lint"], ROOT)
    assert (result.returncode, result.stdout.strip()) == (0, "termsite lint: 0 error(s), 0 warning(s)")


def knowledge_base_project(tmp_path: Path) -> Path:
    project = make_site(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/mark-price.yml": MINIMAL_TERM,
        "terms/margin-call.yml": "title: Margin Call\nsummary: A warning.\nareas: [liquidation]\n",
        "terms/index-price.yml": "title: Index Price\nsummary: A spot average.\nareas: [liquidation]\n",
    })
    (project / "docs/guide.md").write_text("# Guide\n\nMargin calls happen.\n", encoding="utf-8")
    (project / "docs/notes.md").write_text("# Notes\n\nNothing about the glossary.\n", encoding="utf-8")
    return project


def test_lint_notes_terms_nothing_links_and_warns_about_unlinked_pages_when_asked(tmp_path: Path) -> None:
    project = knowledge_base_project(tmp_path)
    lint = termsite(["lint"], project)
    orphans = ["content/terms/index-price.yml:1:1: info[orphan-term] no page, term or area links this term (its area "
               "lists it); mention it in a related definition or a guide, or add it to a term's 'related'.",
               "content/terms/mark-price.yml:1:1: info[orphan-term] no page, term or area links this term (its area "
               "lists it); mention it in a related definition or a guide, or add it to a term's 'related'."]
    assert lint.returncode == 0 and lint.stdout.splitlines() == orphans + ["termsite lint: 0 error(s), 0 warning(s), "
                                                                           "2 info"]
    asked = termsite(["lint", "--unlinked-pages", "--warnings-as-errors"], project)
    assert asked.returncode == 1
    assert "docs/notes.md:1:1: error[unlinked-page] links no glossary term; mention terms by name or link them with " \
           "[[slug]] so that readers can look them up." in asked.stdout.splitlines()
    assert "docs/guide.md" not in asked.stdout  # "Margin calls" links Margin Call
    assert all(line in asked.stdout.splitlines() for line in orphans)  # notes stay notes


def test_lint_checks_hand_written_pages_like_the_build(tmp_path: Path) -> None:
    project = knowledge_base_project(tmp_path)
    (project / "docs/guide.md").write_text("---\nauthor: nobody\n---\n# Guide\n\nSee [[mark-prise]].\n",
                                           encoding="utf-8")
    expected = ["docs/guide.md:2:1: error[unknown-reference] author: unknown author 'nobody'; authors are the keys "
                "of the glossary's authors.yml.",
                "docs/guide.md:6:5: error[unknown-reference] '[[mark-prise]]' refers to unknown term 'mark-prise' "
                "(did you mean 'mark-price'?)."]
    lint = termsite(["lint"], project)
    assert lint.returncode == 1 and lint.stdout.splitlines()[:2] == expected
    build = mkdocs_build(project)
    assert build.returncode == 1 and all(line in build.stderr for line in expected) and "Traceback" not in build.stderr


@pytest.mark.parametrize(("look_alike", "shown"), [
    ("M\u0430rk Price", "M\\u0430rk Price"),  # Cyrillic 'а'
    ("\uff2dark Price", "\\uff2dark Price"),  # a full-width 'Ｍ'
    ("Mark\u200b Price", "Mark\\u200b Price"),  # a zero-width space
])
def test_a_name_that_only_looks_like_another_is_a_warning_naming_both_files(
        tmp_path: Path, look_alike: str, shown: str) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/mark-price.yml": MINIMAL_TERM,
        "terms/fair-price.yml": f"title: Fair Price\nsummary: The fair price.\naliases: [{look_alike}]\nareas: [liquidation]\n",
    })
    warnings = [p for p in lint_content(content) if p.code == "confusable-name"]
    assert len(warnings) == 1, warnings
    warning = warnings[0]
    assert (Path(warning.path).name, warning.line, warning.field) == ("mark-price.yml", 1, "title")
    assert f"'Mark Price' looks the same as '{shown}' in " in warning.message
    assert warning.message.split(" in ", 1)[1].split(" but ", 1)[0].endswith("terms/fair-price.yml")


def test_names_in_other_scripts_and_plain_ascii_look_alikes_are_not_confusables(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/a.yml": "title: Маржа\nsummary: Margin.\nareas: [liquidation]\n",  # Russian
        "terms/b.yml": "title: Марка\nsummary: Mark.\nareas: [liquidation]\n",
        "terms/c.yml": "title: L1 Fee\nsummary: Fee.\nareas: [liquidation]\n",
        "terms/d.yml": "title: Ll Fee\nsummary: Fee.\nareas: [liquidation]\n",
    })
    assert [p for p in lint_content(content) if p.code == "confusable-name"] == []
