"""Output formats: text, json, github, junit (parsed back), sarif (validated)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from termsite.checker.formats import FORMATS
from termsite.checker.model import Problem, Severity
from termsite.checker.rules import RULES
from termsite.checker.runner import CheckResult

from ..helpers import config

SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-subset.schema.json").read_text())

PROBLEMS = [
    Problem("site/area/a/index.html", 12, 1, "faq-question", Severity.ERROR, "acceptedAnswer has no text (the full answer)",
            "FAQPage.mainEntity[2].acceptedAnswer.text"),
    Problem("site/area/a/index.html", 20, 3, "breadcrumb-position-gap", Severity.WARNING,
            "breadcrumb positions jump from 2 to 4, under 50%, a:b", "BreadcrumbList.itemListElement[2].position"),
    Problem("site/b c.html", 1, 1, "other-structured-data", Severity.INFO, "page has 1 microdata item(s)\nsecond line", ""),
]


def result(problems: list[Problem] = PROBLEMS, pages: int = 5) -> CheckResult:
    return CheckResult(list(problems), pages)


def test_text_format() -> None:
    out = FORMATS["text"].render(result(), config())
    lines = out.splitlines()
    assert lines[0] == ("site/area/a/index.html:12:1: error[faq-question] acceptedAnswer has no text (the full answer) "
                        "(FAQPage.mainEntity[2].acceptedAnswer.text)")
    assert lines[2].startswith("site/b c.html:1:1: info[other-structured-data] page has")
    assert lines[-1] == "checked 5 pages: 1 error, 1 warning, 1 info"
    assert FORMATS["text"].render(result([], 57)).strip() == "checked 57 pages: 0 errors, 0 warnings, 0 infos"


def test_json_format() -> None:
    doc = json.loads(FORMATS["json"].render(result(), config()))
    assert doc["version"] == 1 and doc["pages_checked"] == 5
    assert doc["summary"] == {"errors": 1, "warnings": 1, "infos": 1}
    assert doc["problems"][0] == {
        "path": "site/area/a/index.html", "line": 12, "col": 1, "rule_id": "faq-question", "severity": "error",
        "message": "acceptedAnswer has no text (the full answer)", "json_path": "FAQPage.mainEntity[2].acceptedAnswer.text"}


def test_github_format() -> None:
    lines = FORMATS["github"].render(result(), config()).splitlines()
    assert lines[0] == ("::error file=site/area/a/index.html,line=12,col=1,title=faq-question::acceptedAnswer has no "
                        "text (the full answer) (FAQPage.mainEntity[2].acceptedAnswer.text)")
    assert lines[1].startswith("::warning file=site/area/a/index.html,line=20,col=3,title=breadcrumb-position-gap::")
    assert "50%25" in lines[1]  # '%' escaped in data
    assert lines[2].startswith("::notice file=site/b c.html,line=1,col=1,title=other-structured-data::")
    assert "%0Asecond line" in lines[2]  # newline escaped: one annotation per line
    assert lines[-1].startswith("checked 5 pages")


def test_junit_format_parses_back() -> None:
    root = ET.fromstring(FORMATS["junit"].render(result(), config()))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "5" and suite.get("failures") == "1" and suite.get("errors") == "0"
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"site/area/a/index.html", "site/b c.html", "3 pages without problems"}
    failure = cases["site/area/a/index.html"].find("failure")
    assert failure is not None and failure.get("type") == "faq-question"
    assert "FAQPage.mainEntity[2].acceptedAnswer.text" in (failure.text or "")
    assert "breadcrumb-position-gap" in (cases["site/area/a/index.html"].findtext("system-out") or "")
    assert cases["site/b c.html"].find("failure") is None


def test_junit_warnings_as_errors() -> None:
    root = ET.fromstring(FORMATS["junit"].render(result(PROBLEMS[1:]), config(warnings_as_errors=True)))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("failures") == "1"


def test_sarif_format_validates() -> None:
    doc = json.loads(FORMATS["sarif"].render(result(), config()))
    jsonschema.validate(doc, SCHEMA)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "termsite check"
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    first = run["results"][0]
    assert first["ruleId"] == "faq-question" and first["level"] == "error"
    assert driver["rules"][first["ruleIndex"]]["id"] == "faq-question"
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "site/area/a/index.html"
    assert location["physicalLocation"]["region"] == {"startLine": 12, "startColumn": 1}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "FAQPage.mainEntity[2].acceptedAnswer.text"
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    assert run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "site/b%20c.html"
    assert "logicalLocations" not in run["results"][2]["locations"][0]


def test_sarif_schema_rejects_broken_documents() -> None:
    doc = json.loads(FORMATS["sarif"].render(result(), config()))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_handles_no_problems(name: str) -> None:
    assert FORMATS[name].render(result([], 0), config())
