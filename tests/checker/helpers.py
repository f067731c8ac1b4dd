"""Helpers for the checker tests: build small pages, check them, look problems up.

Imported relatively (``from .helpers import ...``) by the test modules."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from termsite.checker.config import CheckConfig, build_config
from termsite.checker.model import Problem, Severity
from termsite.checker.rules import RULES
from termsite.checker.runner import CheckResult, PageTask, check_page, run_check

SITE = "https://example.com/"
FIXTURES = Path(__file__).parent / "rules" / "fixtures"


def ld(data: Any, escape: bool = True) -> str:
    """A JSON-LD script element for a Python value (or raw text when given a str)."""
    text = data if isinstance(data, str) else json.dumps(data, indent=1)
    if escape and not isinstance(data, str):
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def page(*blocks: Any, body: str = "", canonical: str | None = SITE + "page/", head: str = "") -> str:
    scripts = "\n".join(ld(b) for b in blocks)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!doctype html>\n<html><head>\n<meta charset=\"utf-8\">\n<title>t</title>\n{link}\n{head}\n"
            f"{scripts}\n</head>\n<body>\n{body}\n</body></html>\n")


def config(**overrides: Any) -> CheckConfig:
    return dataclasses.replace(build_config(RULES, mkdocs_path=None), **overrides)


def check_text(tmp_path: Path, html: str | bytes, name: str = "page.html", rel_url: str | None = None,
               **overrides: Any) -> list[Problem]:
    """Check one page with every rule; the page is written to tmp_path/name."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(html, bytes):
        path.write_bytes(html)
    else:
        path.write_text(html, encoding="utf-8")
    problems, _summary, _unreadable = check_page(PageTask(str(path), str(path), None, rel_url), config(**overrides))
    return problems


def check_site(folder: Path, **overrides: Any) -> CheckResult:
    return run_check([str(folder)], config(**overrides))


def of(problems: list[Problem], rule_id: str) -> list[Problem]:
    return [p for p in problems if p.rule_id == rule_id]


def assert_reports(problems: list[Problem], rule_id: str, severity: Severity, json_path: str | None) -> Problem:
    """Exactly-matching problem must be present; returns it."""
    hits = [p for p in problems if p.rule_id == rule_id and (json_path is None or p.json_path == json_path)]
    assert hits, f"no {rule_id} at {json_path!r}; got {[(p.rule_id, p.json_path, p.message) for p in problems]}"
    assert hits[0].severity is severity
    return hits[0]


def assert_silent(problems: list[Problem], rule_id: str) -> None:
    hits = of(problems, rule_id)
    assert not hits, [(p.rule_id, p.json_path, p.message) for p in hits]


def write_site(folder: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def org(**extra: Any) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "Organization", "name": "Acme", **extra}


