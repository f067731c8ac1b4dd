"""JUnit XML: one test case per checked page; errors are failures, warnings and infos are
reported in the test case's ``system-out`` (with ``--warnings-as-errors`` warnings fail too)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from ..model import Problem, Severity
from ..runner import CheckResult
from .text import format_problem


def render(result: CheckResult, config: object = None) -> str:
    failing = {Severity.ERROR}
    if getattr(config, "warnings_as_errors", False):
        failing.add(Severity.WARNING)
    by_path: dict[str, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_path[problem.path].append(problem)
    paths = list(by_path)
    failures = sum(1 for problems in by_path.values() if any(p.severity in failing for p in problems))
    tests = max(result.pages_checked, len(paths))
    suites = ET.Element("testsuites", name="termsite check", tests=str(tests), failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="termsite check", tests=str(tests), failures=str(failures),
                          errors="0", skipped="0")
    passed = tests - len(paths)
    if passed > 0:
        # Pages without problems, summarized in one passing case to keep the report small.
        ET.SubElement(suite, "testcase", classname="termsite.check", name=f"{passed} pages without problems")
    for path, problems in by_path.items():
        case = ET.SubElement(suite, "testcase", classname="termsite.check", name=path)
        bad = [p for p in problems if p.severity in failing]
        if bad:
            failure = ET.SubElement(case, "failure", type=bad[0].rule_id,
                                    message=f"{len(bad)} problem(s): {bad[0].message}")
            failure.text = "\n".join(format_problem(p) for p in bad)
        rest = [p for p in problems if p.severity not in failing]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(format_problem(p) for p in rest)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
