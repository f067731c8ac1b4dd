"""GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=rule-id::message``.

Errors become ``::error``, warnings ``::warning`` and infos ``::notice``; a summary line
follows. Values are escaped as the workflow-command format requires.
"""

from __future__ import annotations

from ..model import Severity
from ..runner import CheckResult
from .text import summary_line

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, config: object = None, *, show_info: bool = True) -> str:
    lines = []
    for p in result.problems:
        if not show_info and p.severity is Severity.INFO:
            continue
        where = f" ({p.json_path})" if p.json_path else ""
        props = (f"file={escape_property(p.path)},line={p.line},col={p.col},"
                 f"title={escape_property(p.rule_id)}")
        lines.append(f"::{_COMMAND[p.severity]} {props}::{escape_data(p.message + where)}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
