"""``path:line:col: error[rule-id] message (JSON path)`` lines and a summary line."""

from __future__ import annotations

from ..model import Problem, Severity
from ..runner import CheckResult


def format_problem(problem: Problem) -> str:
    where = f" ({problem.json_path})" if problem.json_path else ""
    return f"{problem.path}:{problem.line}:{problem.col}: {problem.severity.value}[{problem.rule_id}] {problem.message}{where}"


def summary_line(result: CheckResult) -> str:
    counts = []
    for severity in Severity:
        n = result.count(severity)
        counts.append(f"{n} {severity.value if n == 1 else severity.plural}")
    pages = "page" if result.pages_checked == 1 else "pages"
    return f"checked {result.pages_checked} {pages}: {', '.join(counts)}"


def render(result: CheckResult, config: object = None, *, show_info: bool = True) -> str:
    lines = [format_problem(p) for p in result.problems if show_info or p.severity is not Severity.INFO]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
