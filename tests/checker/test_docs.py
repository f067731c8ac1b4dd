"""The rules reference: generated from the rule docstrings and committed up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termsite.checker.docs import generate
from termsite.checker.model import Scope, Severity
from termsite.checker.rules import RULES

ROOT = Path(__file__).resolve().parents[2]


def test_committed_rules_md_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == generate(), "docs/rules.md is stale: run PYTHONPATH=tools python -m termsite.checker.docs > docs/rules.md"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_module_contract(rule_id: str) -> None:
    module = RULES[rule_id]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id)
    assert module.__name__.rsplit(".", 1)[-1] == rule_id.replace("-", "_")
    assert isinstance(module.SEVERITY, Severity) and isinstance(module.SCOPE, Scope)
    doc = module.__doc__ or ""
    assert "Source:" in doc and "http" in doc.split("Source:", 1)[1] or "termsite's own requirement" in doc
    assert "Failing example" in doc and "Passing example" in doc
    assert callable(module.check)
    assert isinstance(module.TAGS, frozenset) and len(module.TAGS) == 1
    assert module.TAGS <= {"core", "schema.org", "google"}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_is_tested_by_id(rule_id: str) -> None:
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.rglob("test_*.py")
                    if p.name not in ("test_docs.py",))
    assert f'"{rule_id}"' in tests, f"no test names {rule_id}"
