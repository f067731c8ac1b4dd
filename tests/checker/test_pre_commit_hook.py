"""The termsite-check hook of .pre-commit-hooks.yaml, run through pre-commit itself on another
repository: pre-commit installs termsite from this checkout into its own environment and
runs the hook on the HTML files of a commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .helpers import org, page

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def test_hook_definitions() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    check = hooks["termsite-check"]
    assert (check["entry"], check["language"], check["types"]) == ("termsite check", "python", ["html"])
    local = {h["id"]: h for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
             if repo["repo"] == "local" for h in repo["hooks"]}
    assert local["termsite-check"]["entry"] == "make --silent check"


@pytest.mark.skipif(not PRE_COMMIT.exists() or shutil.which("git") is None, reason="pre-commit is in the test extra")
def test_hook_through_pre_commit(tmp_path: Path) -> None:
    repo = tmp_path / "other-site"
    (repo / "pages").mkdir(parents=True)
    (repo / "pages" / "good.html").write_text(page(org()), encoding="utf-8")
    (repo / "pages" / "bad.html").write_text(page(org(name=None)), encoding="utf-8")
    (repo / "notes.txt").write_text("not HTML\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": "/dev/null",
           "PIP_CONSTRAINT": str(ROOT / "constraints.txt"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(git + ["add", "."], cwd=repo, check=True, env=env)
    # try-repo: the hooks of this checkout (its working tree, committed or not), as another repository would use them
    args = [str(PRE_COMMIT), "try-repo", str(ROOT), "termsite-check", "--files"]
    bad = subprocess.run(args + ["pages/good.html", "pages/bad.html", "notes.txt"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=1200)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "termsite check" in bad.stdout and "Failed" in bad.stdout
    assert "pages/bad.html:7:1: error[organization-name] Organization has no name (Organization.name)" in bad.stdout
    assert "checked 2 pages: 1 error, 0 warnings, 0 infos" in bad.stdout  # notes.txt is not HTML: not passed
    good = subprocess.run(args + ["pages/good.html"], cwd=repo, env=env, capture_output=True, text=True, timeout=1200)
    assert good.returncode == 0 and "Passed" in good.stdout, good.stdout + good.stderr
