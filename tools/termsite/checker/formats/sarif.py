"""SARIF 2.1.0 for code-scanning dashboards: one run, the rule catalogue from the rules'
docs, one result per problem with a physical location (file, line, column) and the JSON
path as a logical location."""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from .. import rules as rule_registry
from ..model import Severity
from ..runner import CheckResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return quote(rel.replace(os.sep, "/"))


def _rule_descriptor(module: object) -> dict[str, object]:
    doc = (module.__doc__ or "").strip()  # type: ignore[attr-defined]
    summary = " ".join(doc.split("\n\n")[0].split())
    rule_id: str = module.ID  # type: ignore[attr-defined]
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc},
        "defaultConfiguration": {"level": _LEVEL[module.SEVERITY]},  # type: ignore[attr-defined]
    }


def render(result: CheckResult, config: object = None) -> str:
    from .. import __version__

    modules = list(rule_registry.RULES.values())
    index = {m.ID: i for i, m in enumerate(modules)}
    results = []
    for p in result.problems:
        location: dict[str, object] = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(p.path)},
                "region": {"startLine": p.line, "startColumn": p.col},
            }
        }
        if p.json_path:
            location["logicalLocations"] = [{"fullyQualifiedName": p.json_path, "kind": "member"}]
        results.append({
            "ruleId": p.rule_id,
            "ruleIndex": index.get(p.rule_id, 0),
            "level": _LEVEL[p.severity],
            "message": {"text": p.message},
            "locations": [location],
        })
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "termsite check",
                "version": __version__,
                "rules": [_rule_descriptor(m) for m in modules],
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
