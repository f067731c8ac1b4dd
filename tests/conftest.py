"""Shared helpers: tiny glossaries written into temporary folders, and real mkdocs builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# In CI the property tests run the same examples every time, so that a submission's result
# does not depend on luck; developers' runs (no CI variable) keep exploring new examples.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent

MINIMAL_AREA = """\
title: Liquidation
description: How positions are closed when margin runs out.
"""

MINIMAL_TERM = """\
title: Mark Price
summary: The fair reference price used to value positions.
areas: [liquidation]
"""


def write_glossary(root: Path, files: dict[str, str]) -> Path:
    """Write content files (paths relative to the content folder); returns the content folder."""
    content = root / "content"
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (content / "terms").mkdir(parents=True, exist_ok=True)
    (content / "areas").mkdir(parents=True, exist_ok=True)
    return content


def make_site(root: Path, files: dict[str, str], *, plugin_options: dict | None = None,
              site_url: str = "https://test.termsite.example/", extra_config: str = "") -> Path:
    """A complete small site (mkdocs.yml + content) with termsite's packaged templates and overrides."""
    write_glossary(root, files)
    (root / "docs").mkdir(exist_ok=True)
    plugin = "termsite" if plugin_options is None else {"termsite": plugin_options}
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Test glossary
        site_url: {site_url}
        docs_dir: docs
        theme:
          name: material
        plugins:
          - search
          - {json.dumps(plugin)}
        """) + extra_config, encoding="utf-8")
    return root


def run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def mkdocs_build(project: Path, site_dir: Path | None = None, strict: bool = True) -> subprocess.CompletedProcess[str]:
    args = [str(BIN / "mkdocs"), "build"]
    if strict:
        args.append("--strict")
    if site_dir is not None:
        args += ["-d", str(site_dir)]
    return run(args, cwd=project)


def termsite(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "termsite"), *args], cwd=cwd)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture glossary (tests/fixtures/mini), built once with --strict."""
    project = tmp_path_factory.mktemp("mini")
    shutil.copytree(FIXTURES / "mini", project, dirs_exist_ok=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("../../../site_overrides", str(ROOT / "site_overrides"))
    text = text.replace("../../../templates", str(ROOT / "templates"))
    config.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"
