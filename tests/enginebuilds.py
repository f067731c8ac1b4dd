"""The example site and the 10,000-term synthetic site built by each engine, once per test session.

Several test modules compare the engines' output; building a site is the expensive part, so
each (site, engine) pair is built at most once per session, into one temporary folder, and
every test reads that build.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BIN, ROOT, run

ENGINES = ("mkdocs", "properdocs", "zensical")
SYNTH_TERMS = 10000
SYNTH_SEED = 7

# The one line in which a ProperDocs build may differ from a MkDocs build of the same content.
GENERATOR_RE = re.compile(rb'<meta name="generator" content="[^"]*">')
GENERATOR_NORMALISED = b'<meta name="generator" content="">'


@dataclass(frozen=True)
class EngineBuild:
    engine: str
    site: Path
    log: str  # what the build printed (stdout and stderr)


_builds: dict[tuple[str, str], EngineBuild] = {}
_synth_project: list[Path] = []


def engine_available(engine: str) -> bool:
    if engine == "zensical":
        if sys.version_info < (3, 11):
            return False
        try:
            import zensical  # noqa: F401
        except ImportError:
            return False
    return True


def build_command(engine: str, site: Path, *, verbose: bool = False) -> list[str]:
    """The command a user types to build a site with one engine (run in the site's folder)."""
    if engine == "mkdocs":
        return [str(BIN / "mkdocs"), "build", "--strict", "-d", str(site)] + (["-v"] if verbose else [])
    if engine == "properdocs":
        return [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)] + \
            (["-v"] if verbose else [])
    return [str(BIN / "termsite"), "build", "--engine", engine, "-d", str(site)]


def _build(key: tuple[str, str], project: Path, engine: str, factory: pytest.TempPathFactory,
           verbose: bool = False) -> EngineBuild:
    if key not in _builds:
        if not engine_available(engine):
            pytest.skip(f"{engine} is not installed (pip install -c constraints.txt -e '.[test]')")
        site = factory.mktemp(f"{key[0]}-{engine}") / "site"
        result = run(build_command(engine, site, verbose=verbose), cwd=project, timeout=1800)
        assert result.returncode == 0, f"{engine} build of {key[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
        _builds[key] = EngineBuild(engine, site, result.stdout + result.stderr)
    return _builds[key]


def example_build(engine: str, factory: pytest.TempPathFactory) -> EngineBuild:
    """The repository's example site (its git history dates the guides) built by ``engine``."""
    return _build(("example", engine), ROOT, engine, factory)


def synth_project(factory: pytest.TempPathFactory) -> Path:
    if not _synth_project:
        project = factory.mktemp("synth") / "project"
        result = run([str(BIN / "termsite"), "synth", "--terms", str(SYNTH_TERMS), "--seed", str(SYNTH_SEED),
                      "--out", str(project)], cwd=ROOT)
        assert result.returncode == 0, result.stderr
        _synth_project.append(project)
    return _synth_project[0]


def synth_build(engine: str, factory: pytest.TempPathFactory) -> EngineBuild:
    """The 10,000-term synthetic site of tools/bench.py built by ``engine``, with the build's debug log."""
    return _build(("synth", engine), synth_project(factory), engine, factory, verbose=True)


def normalised(path: Path, data: bytes | None = None) -> bytes:
    """A built file's bytes with the generator tag emptied (HTML only): the engine's name and version."""
    data = path.read_bytes() if data is None else data
    return GENERATOR_RE.sub(GENERATOR_NORMALISED, data) if path.suffix == ".html" else data


def tree_hashes(site: Path) -> dict[str, str]:
    """Every file of a built site, by its path, as the SHA-256 of its normalised bytes."""
    return {path.relative_to(site).as_posix(): hashlib.sha256(normalised(path)).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}
