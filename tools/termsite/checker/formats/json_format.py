"""Machine-readable JSON: ``{"version", "pages_checked", "summary", "problems": [...]}``."""

from __future__ import annotations

import json

from ..model import Severity
from ..runner import CheckResult

FORMAT_VERSION = 1


def render(result: CheckResult, config: object = None) -> str:
    document = {
        "version": FORMAT_VERSION,
        "pages_checked": result.pages_checked,
        "summary": {s.plural: result.count(s) for s in Severity},
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "rule_id": p.rule_id,
                "severity": p.severity.value,
                "message": p.message,
                "json_path": p.json_path,
            }
            for p in result.problems
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
