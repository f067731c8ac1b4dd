"""The runner: page discovery, process pool, severities and suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.checker import runner
from termsite.checker.model import Severity
from termsite.checker.runner import collect_tasks, rel_url_for, run_check
from termsite.checker.samplesite import SITE_URL, SampleSite

from .helpers import config, org, page, write_site


def test_rel_url_for() -> None:
    assert rel_url_for("index.html") == ""
    assert rel_url_for("area/foo/index.html") == "area/foo/"
    assert rel_url_for("a/b.html") == "a/b.html"


def test_collect_tasks_walks_html_only(tmp_path: Path) -> None:
    write_site(tmp_path, {"b/index.html": "", "a.html": "", "c.htm": "", "img.png": b"x", "d/e.txt": ""})
    tasks, folders = collect_tasks([str(tmp_path)])
    assert folders == [str(tmp_path)]
    assert [t.rel_url for t in tasks] == ["a.html", "b/", "c.htm"]


def test_pool_gives_the_same_result_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = SampleSite(terms=30, areas=3, nav_links=3)
    site.write(str(tmp_path / "s"))
    term = tmp_path / "s" / "definition" / site.terms[2].slug / "index.html"
    term.write_text(term.read_text().replace('"DefinedTerm"', '"DefinedTerms"', 1), encoding="utf-8")
    cfg = config(site_url=SITE_URL, termsite=True)
    serial = run_check([str(tmp_path / "s")], cfg, jobs=1)
    monkeypatch.setattr(runner, "POOL_THRESHOLD", 5)
    pooled = run_check([str(tmp_path / "s")], cfg, jobs=2)
    assert pooled.problems == serial.problems
    assert pooled.pages_checked == serial.pages_checked == 38
    assert any(p.rule_id == "unknown-type" for p in pooled.problems)
    assert any(p.rule_id == "page-kind-types" for p in pooled.problems)


def test_severity_override_and_disabled_rules(tmp_path: Path) -> None:
    write_site(tmp_path, {"p.html": page(org(name=None))})
    cfg = config(severities={"organization-name": Severity.WARNING})
    result = run_check([str(tmp_path / "p.html")], cfg)
    assert [(p.rule_id, p.severity) for p in result.problems] == [("organization-name", Severity.WARNING)]
    assert result.exit_code() == 0 and result.exit_code(warnings_as_errors=True) == 1
    cfg = config(enabled=frozenset({"missing-canonical"}))
    assert run_check([str(tmp_path / "p.html")], cfg).problems == []


def test_site_rule_suppressed_per_page(tmp_path: Path) -> None:
    node_id = SITE_URL + "#x"
    files = {
        "a.html": page({"@context": "https://schema.org", "@type": "Article", "@id": node_id, "headline": "A"}),
        "b.html": page({"@context": "https://schema.org", "@type": "Article", "@id": node_id, "headline": "B"},
                       head="<!-- termsite-check: ignore conflicting-id -->"),
    }
    result = run_check([str(write_site(tmp_path, files))], config(site_url=SITE_URL))
    assert not [p for p in result.problems if p.rule_id == "conflicting-id"]


def test_rule_crash_becomes_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termsite.checker.rules import organization_name

    def boom(page: object, config: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(organization_name, "check", boom)
    write_site(tmp_path, {"p.html": page(org())})
    result = run_check([str(tmp_path / "p.html")], config())
    [problem] = result.problems
    assert problem.rule_id == "internal-error" and "organization-name failed: RuntimeError: boom" in problem.message
