"""The CI files of the repository: workflow structure, and their commands run as CI would run them.

GitHub Actions itself cannot run here, so each workflow's `run:` steps are executed in a copy
of the example site (a git repository with a base and a head commit, as in a pull request),
with the `${{ ... }}` expressions they use replaced by the values GitHub would give.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import BIN, ROOT, termsite
from sitecopy import copy_example_site

WORKFLOWS = ROOT / ".github/workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true; GitHub reads it as "on"
        data["on"] = data.pop(True)
    return data


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+) \?= (\S+)$", text, re.MULTILINE))
    targets = set()
    for target in re.findall(r"^([^\s:#=][^:=]*?):(?!=)", text, re.MULTILINE):
        targets.add(re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), target.strip()))
    return targets


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_structure(path: Path) -> None:
    workflow = load(path)
    assert {"name", "on", "jobs"} <= workflow.keys()
    assert workflow["jobs"]
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on") == "ubuntu-latest", name
        assert isinstance(job.get("steps"), list) and job["steps"], name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{step['uses']} is not pinned to a version"
    # the least privilege by default; jobs ask for more
    assert workflow["permissions"] == {"contents": "read"}


def test_the_pull_request_workflow() -> None:
    workflow = load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    runs = [step["run"] for step in steps(workflow) if "run" in step]
    for command in ("termsite lint --format github", "mkdocs build --strict", "termsite check site/ --format github",
                    "termsite diff"):
        assert any(command in run for run in runs), command
    checkout = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # termsite diff needs the base revision
    assert any(step.get("uses", "").startswith("actions/github-script@") for step in steps(workflow))


def test_the_publish_workflow() -> None:
    workflow = load(WORKFLOWS / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(step.get("run") == "make site" for step in steps(workflow))


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The example site as a pull request: a base commit, and a head commit that adds a term."""
    repo = copy_example_site(tmp_path / "repo")
    (repo / ".venv").symlink_to(Path(sys.prefix))  # what `make install` would have made
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    assert termsite(["new", "term", "Cascade Trigger", "--area", "financial-derivatives-liquidation"],
                    repo).returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "Add Cascade Trigger")
    expressions = {
        "github.event.pull_request.base.sha": base,
        "github.event.pull_request.head.sha": git(repo, "rev-parse", "HEAD"),
    }
    return repo, expressions


def run_steps(workflow: dict[str, Any], repo: Path, expressions: dict[str, str]) -> list[str]:
    """Run each `run:` step like the runner does (bash -e); `make` lines are checked, not run."""
    summary, github_path = repo.parent / "step-summary.md", repo.parent / "github-path"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1",
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_PATH": str(github_path), **workflow.get("env", {})}
    targets = make_targets()
    ran = []
    for step in steps(workflow):
        if "run" not in step:
            continue
        step_env = {key: EXPRESSION.sub(lambda m: expressions[m.group(1)], str(value))
                    for key, value in step.get("env", {}).items()}
        assert not EXPRESSION.search(step["run"]), "run scripts take expressions through env:, never inline"
        lines = []
        for line in step["run"].splitlines():
            if line.startswith("make "):
                target = [word for word in line.split()[1:] if not word.startswith("-")][0]
                assert target in targets, f"{line}: no such Makefile target"
            else:
                lines.append(line)
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", "\n".join(lines)], cwd=repo,
                                env={**env, **step_env}, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{step.get('name')}: {result.stdout[-2000:]}{result.stderr[-2000:]}"
        ran.append(step.get("name", step["run"]))
    return ran


def test_the_pull_request_commands_pass_on_a_good_pull_request(pull_request: tuple[Path, dict[str, str]]) -> None:
    repo, expressions = pull_request
    ran = run_steps(load(WORKFLOWS / "pull-request.yml"), repo, expressions)
    assert len(ran) == 6
    assert (repo / "site/definition/cascade-trigger/index.html").is_file()
    summary = (repo.parent / "step-summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## Glossary changes\n\n1 term added, 1 area changed.")
    assert "- **Cascade Trigger** (`cascade-trigger`)" in summary


def test_the_publish_commands_pass(pull_request: tuple[Path, dict[str, str]]) -> None:
    repo, expressions = pull_request
    assert termsite(["lint"], repo).returncode == 0  # what `make site` runs before building
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    run_steps(load(WORKFLOWS / "publish.yml"), repo, expressions)


def test_a_content_mistake_becomes_an_annotation_on_its_line(pull_request: tuple[Path, dict[str, str]]) -> None:
    repo, _ = pull_request
    path = repo / "content/terms/cascade-trigger.yml"
    path.write_text(path.read_text().replace("areas: [financial-derivatives-liquidation]",
                                             "areas: [financial-derivatives-liquidaton]"))
    lint_step = next(step for step in steps(load(WORKFLOWS / "pull-request.yml"))
                     if "termsite lint" in step.get("run", ""))
    result = subprocess.run(["bash", "-c", lint_step["run"]], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"})
    assert result.returncode == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("areas:"))
    assert result.stdout.splitlines() == [
        f"::error file=content/terms/cascade-trigger.yml,line={line},col=1,title=unknown-reference::areas: unknown "
        "area 'financial-derivatives-liquidaton' (did you mean 'financial-derivatives-liquidation'?)."]


def test_the_pre_commit_hook_for_other_repositories(tmp_path: Path) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks["termsite-lint"]  # termsite-check is tested in tests/checker/test_pre_commit_hook.py
    assert (hook["id"], hook["language"], hook["pass_filenames"], hook["files"]) == (
        "termsite-lint", "python", False, "^content/")
    site = copy_example_site(tmp_path / "other-glossary")
    result = subprocess.run([str(BIN / hook["entry"].split()[0]), *hook["entry"].split()[1:]], cwd=site,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_this_repositorys_pre_commit_config() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    yamllint = repos["https://github.com/adrienverge/yamllint"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", yamllint["rev"])
    local = {hook["id"]: hook for hook in repos["local"]["hooks"]}["termsite-lint"]
    assert local["id"] == "termsite-lint" and local["pass_filenames"] is False and local["files"] == "^content/"
    target = [word for word in local["entry"].split()[1:] if not word.startswith("-")][0]
    assert local["entry"].startswith("make ") and target in make_targets()


def test_yamllint_accepts_the_content_and_the_ci_files() -> None:
    linter = pytest.importorskip("yamllint.cli", reason="yamllint is installed by pre-commit, not by the tests")
    paths = ["content", ".github", ".pre-commit-hooks.yaml", ".pre-commit-config.yaml", ".yamllint"]
    result = subprocess.run([sys.executable, "-m", "yamllint", "--strict", *paths], cwd=ROOT, capture_output=True,
                            text=True)
    assert linter and result.returncode == 0, result.stdout


@pytest.mark.parametrize("path", sorted((ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    assert all(item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for item in form["body"])


def test_pull_request_template() -> None:
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "termsite lint" in text and "termsite rename" in text
