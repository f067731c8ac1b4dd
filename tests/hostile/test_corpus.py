"""The corpus of bad content (corpus.py) through the loader, `termsite lint` and `mkdocs build`.

Each case alone, in-process: exactly its expected errors. Then, as subprocesses, once for
the whole corpus: `termsite lint` over every case glossary, and `mkdocs build --strict` of
the glossary that merges most cases. Both must print the same `file:line:col: error[code]`
lines, exactly the expected ones, without a traceback, within a bounded time.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

import termsite.content.yamlsource
from conftest import BIN, make_site
from termsite.content.loader import check_content

from .corpus import CASES, Case, Expected, Glossary, base_files, glossaries, write_case

# MkDocs prefixes the first line of a plugin error with its log level
ERROR_LINE = re.compile(r"^(?:ERROR\s+-\s+)?(.*?:\d+:\d+: error\[[a-z-]+\] .*)$")
SECRET = "hunter2"  # what the symbolic-link case points at: it must never be printed


def error_lines(output: str, prefix: str) -> list[str]:
    """The error lines of a run's output, paths made relative to the content folder."""
    found = []
    for line in output.splitlines():
        match = ERROR_LINE.search(line)
        if match:
            text = match.group(1)
            assert text.startswith(prefix), text
            found.append(text[len(prefix):])
    return sorted(found)


def assert_exactly(lines: list[str], expected: list[Expected]) -> None:
    """Each expected error matches one line, and there is no other line."""
    unmatched = list(lines)
    for wanted in expected:
        hits = [line for line in unmatched if wanted.matches(line)]
        assert hits, f"missing: {wanted}\nin:\n" + "\n".join(unmatched)
        unmatched.remove(hits[0])
    assert not unmatched, "unexpected:\n" + "\n".join(unmatched)


def write_glossary_of(root: Path, glossary: Glossary) -> Path:
    project = make_site(root / glossary.name, {})
    content = project / "content"
    write_case(content, base_files(), None)
    for case in glossary.cases:
        write_case(content, case.files, case.setup)
    return project


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_case_alone_gets_exactly_its_errors(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in case.limits.items():
        monkeypatch.setattr(termsite.content.yamlsource, name, value)
    project = write_glossary_of(tmp_path, Glossary("case", [case]))
    monkeypatch.chdir(project / "content")
    glossary, problems = check_content(project / "content")
    assert glossary is None
    assert_exactly(sorted(p.format() for p in problems if p.is_error), list(case.expected))


@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One `termsite lint` over every case glossary and one build of the merged one, run side by side."""
    root = tmp_path_factory.mktemp("corpus")
    all_glossaries = glossaries()
    for glossary in all_glossaries:
        write_glossary_of(root, glossary)
    merged = root / all_glossaries[0].name
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.monotonic()
    lint = subprocess.Popen([str(BIN / "termsite"), "lint", *[f"{g.name}/content" for g in all_glossaries]],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    build = subprocess.Popen([str(BIN / "mkdocs"), "build", "--strict"], cwd=merged, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lint_out, lint_err = lint.communicate(timeout=300)
    build_out, build_err = build.communicate(timeout=300)
    return {"root": root, "merged": merged, "glossaries": all_glossaries, "seconds": time.monotonic() - started,
            "lint": (lint.returncode, lint_out, lint_err), "build": (build.returncode, build_out, build_err)}


def test_lint_prints_exactly_the_expected_lines_for_every_glossary(corpus_runs: dict) -> None:
    status, out, err = corpus_runs["lint"]
    assert status == 1
    assert "Traceback" not in out + err and SECRET not in out + err
    for glossary in corpus_runs["glossaries"]:
        prefix = f"{glossary.name}/content/"
        lines = [line for line in out.splitlines() if line.startswith(prefix)]
        assert_exactly(error_lines("\n".join(lines), prefix), glossary.expected)
    total = sum(len(g.expected) for g in corpus_runs["glossaries"])
    assert out.splitlines()[-1] == f"termsite lint: {total} error(s), 0 warning(s)"


def test_the_build_prints_the_same_lines_as_lint_and_writes_nothing(corpus_runs: dict) -> None:
    status, out, err = corpus_runs["build"]
    assert status == 1
    assert "Traceback" not in out + err and SECRET not in out + err
    merged = corpus_runs["glossaries"][0]
    built = error_lines(err, "content/")
    assert_exactly(built, merged.expected)
    _, lint_out, _ = corpus_runs["lint"]
    linted = error_lines("\n".join(l for l in lint_out.splitlines() if l.startswith("merged/")), "merged/content/")
    assert built == linted
    assert f"termsite: {len(merged.expected)} error(s) in the glossary content; nothing was built." in err
    assert not (corpus_runs["merged"] / "site").exists()
    assert not list(corpus_runs["merged"].glob(".site.termsite-staging*"))


def test_the_whole_corpus_is_judged_in_bounded_time(corpus_runs: dict) -> None:
    # Both runs read a 10 MB file, 100,000 aliases and the other bombs; seconds, not minutes.
    assert corpus_runs["seconds"] < 60


def test_the_corpus_covers_what_issue_6_lists() -> None:
    ids = " ".join(c.id for c in CASES)
    for topic in ["syntax", "tab", "duplicate-key-in-faq", "unknown-key", "list-where-text", "number-as-title",
                  "empty-file", "only-comments", "a-list-document", "several-documents", "utf8-bom", "invalid-utf8",
                  "ten-megabyte", "hundred-thousand-yaml-aliases", "nested", "billion-laughs", "python-object",
                  "bad-related ../", "bad-related a/b", "bad-related a\\b", "x00", "bad-related Mark-Price",
                  "bad-related mark price", "case-insensitive", "related-to-itself", "redirect-loop",
                  "2026-02-30", "bad-date 2026-02-03T09:00:00", "reversed-dates", "image-width -5",
                  "image-width 1.5", "source-url javascript", "source-url data:", "plain-title 'Evil \u202e"]:
        assert topic in ids, topic
