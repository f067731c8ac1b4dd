"""The GitHub Action (action.yml): its composite steps' `run:` scripts, run the way the runner
runs them (bash, the step's `env:` with the inputs filled in, GITHUB_OUTPUT and RUNNER_TEMP
set), on a small site; the annotations and the SARIF file are checked by value."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .helpers import org, page, write_site

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
SITE = "https://docs.example.org/"


def _expand(value: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    """Fill in ``${{ inputs.x }}``, ``${{ github.action_path }}`` and ``${{ steps.s.outputs.o }}``."""
    def replace(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if expression.startswith("inputs."):
            return inputs[expression[len("inputs."):]]
        if expression == "github.action_path":
            return str(ROOT)
        if expression.startswith("steps."):
            return outputs.get(expression.split(".")[-1], "")
        raise AssertionError(f"unexpected expression in action.yml: {expression}")
    return re.sub(r"\$\{\{(.*?)\}\}", replace, value)


def run_action(workspace: Path, tmp_path: Path, runner_env: dict[str, str] | None = None,
               **given: str) -> tuple[list[subprocess.CompletedProcess[str]], dict[str, str]]:
    """Run every `run:` step in order, stopping at the first failing one, as the runner does
    (``runner_env``: what the runner sets for the event, e.g. GITHUB_BASE_REF in a pull request)."""
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | given
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    output_file = tmp_path / "github-output"
    output_file.write_text("")
    done, outputs = [], {}
    bin_dir = str(Path(sys.executable).parent)  # where `termsite` is: the install step then skips pip
    for step in ACTION["runs"]["steps"]:
        if "run" not in step:
            continue  # `uses:` steps (setup-python, the SARIF upload) are GitHub's own actions
        assert step["shell"] == "bash"
        env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "RUNNER_TEMP": str(runner_temp),
               "GITHUB_OUTPUT": str(output_file), "GITHUB_WORKSPACE": str(workspace), **(runner_env or {}),
               "GIT_CONFIG_GLOBAL": "/dev/null"}
        env |= {key: _expand(str(value), inputs, outputs) for key, value in step.get("env", {}).items()}
        assert "${{" not in step["run"], "inputs reach the scripts through env only"
        # the runner's bash invocation for `shell: bash`
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=workspace,
                              env=env, capture_output=True, text=True, timeout=300)
        done.append(proc)
        for line in output_file.read_text().splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        if proc.returncode != 0:
            break
    return done, outputs


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository checkout with a built site: one clean page, one with an error and a warning."""
    folder = tmp_path / "repo"
    home = {"@context": "https://schema.org", "@type": "WebSite", "name": "Docs", "url": SITE}
    write_site(folder / "site", {
        "index.html": page(home, canonical=SITE),
        "guide/index.html": page(org(name=None), canonical=SITE + "guide/",
                                 head='<meta property="og:url" content="https://docs.example.org/other/">'),
    })
    return folder


def test_annotations_and_sarif(workspace: Path, tmp_path: Path) -> None:
    steps, outputs = run_action(workspace, tmp_path, path="site", **{"site-url": SITE, "sarif": "true"})
    install, check = steps
    assert install.returncode == 0 and install.stdout.startswith("termsite ")
    assert check.returncode == 1  # an error fails the job (the SARIF upload step still runs: `always()`)
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::warning file=site/guide/index.html,line=1,col=1,title=open-graph-url::og:url "
        "'https://docs.example.org/other/' differs from the canonical URL https://docs.example.org/guide/",
        "::error file=site/guide/index.html,line=7,col=1,title=organization-name::Organization has no name (Organization.name)",
    ]
    assert check.stdout.splitlines()[-1] == "checked 2 pages: 1 error, 1 warning, 0 infos"
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert Path(outputs["sarif-file"]).parent == tmp_path / "runner-temp"
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("open-graph-url", "warning", "site/guide/index.html", 1),
        ("organization-name", "error", "site/guide/index.html", 7)]
    rules = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"organization-name", "open-graph-url", "hreflang-return-link"} <= rules


def test_clean_site_passes_without_sarif(workspace: Path, tmp_path: Path) -> None:
    shutil.rmtree(workspace / "site" / "guide")
    steps, outputs = run_action(workspace, tmp_path, path="site", **{"site-url": SITE})
    assert [s.returncode for s in steps] == [0, 0]
    assert steps[1].stdout == "checked 1 page: 0 errors, 0 warnings, 0 infos\n"
    assert "sarif-file" not in outputs


def test_changed_only_checks_the_files_a_pull_request_changes(workspace: Path, tmp_path: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null"}
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True, env=env)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=workspace, check=True, env=env)
    guide = (workspace / "site" / "guide" / "index.html").read_text()
    (workspace / "site" / "guide" / "index.html").write_text(page(org(), canonical=SITE + "guide/"))
    for args in (["add", "."], ["commit", "-qm", "base"], ["remote", "add", "origin", str(origin)],
                 ["push", "-q", "origin", "main"], ["switch", "-qc", "feature"]):
        subprocess.run(git + args, cwd=workspace, check=True, env=env)
    (workspace / "site" / "guide" / "index.html").write_text(guide)  # the pull request breaks the guide
    subprocess.run(git + ["commit", "-qam", "edit guide"], cwd=workspace, check=True, env=env)
    steps, _ = run_action(workspace, tmp_path, runner_env={"GITHUB_BASE_REF": "main"},
                          path="site", **{"site-url": SITE, "changed-only": "true"})
    check = steps[-1]
    assert check.returncode == 1
    assert check.stdout.splitlines()[-1] == "checked 1 page: 1 error, 1 warning, 0 infos"  # only the changed page
    assert all("file=site/guide/index.html" in line for line in check.stdout.splitlines() if line.startswith("::"))
