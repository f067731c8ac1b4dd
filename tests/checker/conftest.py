"""Fixtures for the checker tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def chdir_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so the repository's mkdocs.yml is not read."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
