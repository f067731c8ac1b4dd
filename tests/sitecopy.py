"""A copy of the example site in a temporary folder, for tests that change content or run commands on it."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

SITE_PARTS = ("mkdocs.yml", "content", "templates", "site_overrides", "schemas")


def copy_example_site(destination: Path) -> Path:
    """mkdocs.yml, content/, templates/, site_overrides/ and schemas/ of the repository, copied."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination
