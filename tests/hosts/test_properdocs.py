"""ProperDocs, the maintained fork of MkDocs 1.6, builds the same site as MkDocs, file for file.

Both engines load the termsite plugin (ProperDocs through the ``properdocs.plugins`` entry
point) with the same mkdocs-material. Every output file is compared byte for byte; the only
normalisation is the HTML generator tag, ``<meta name="generator" content="...">``, whose
content names the engine and its version and is emptied on both sides. The sitemap, its
gzip copy, the search index, the exports and the redirect pages are compared as they are.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

from enginebuilds import GENERATOR_RE, example_build, normalised, synth_build, tree_hashes


def test_the_plugin_is_declared_for_properdocs() -> None:
    declared = {ep.name: ep.value for ep in entry_points(group="properdocs.plugins")}
    assert declared.get("termsite") == "termsite.hosts.mkdocs.plugin:TermsitePlugin"


def test_the_example_is_the_same_site_on_properdocs(tmp_path_factory: pytest.TempPathFactory) -> None:
    mkdocs = example_build("mkdocs", tmp_path_factory).site
    properdocs = example_build("properdocs", tmp_path_factory).site
    files = sorted(p.relative_to(mkdocs).as_posix() for p in mkdocs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs).as_posix() for p in properdocs.rglob("*") if p.is_file())
    assert len(files) > 60 and "definition/mark-price/index.html" in files and "sitemap.xml.gz" in files
    different = [name for name in files if normalised(mkdocs / name) != normalised(properdocs / name)]
    assert different == []
    # What the normalisation hid is the engine's name, and nothing else.
    page = "definition/mark-price/index.html"
    assert [m.group(0) for m in GENERATOR_RE.finditer((mkdocs / page).read_bytes())] == [
        b'<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">']
    assert [m.group(0) for m in GENERATOR_RE.finditer((properdocs / page).read_bytes())] == [
        b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">']


def test_a_large_site_is_the_same_on_properdocs_with_the_forked_renderer(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    mkdocs = synth_build("mkdocs", tmp_path_factory)
    properdocs = synth_build("properdocs", tmp_path_factory)
    # Both builds rendered half of the pages in the forked process (hosts/mkdocs/parallel.py).
    assert "for the forked renderer" in mkdocs.log
    assert "for the forked renderer" in properdocs.log
    ours, theirs = tree_hashes(mkdocs.site), tree_hashes(properdocs.site)
    assert len(ours) > 10000
    assert sorted(set(ours) ^ set(theirs)) == []
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_the_comparison_sees_a_changed_page(tmp_path: Path) -> None:
    """The normalisation hides the generator tag only: any other change to a page counts."""
    page = tmp_path / "index.html"
    page.write_bytes(b'<meta name="generator" content="mkdocs-1.6.1"><title>A</title>')
    same = tmp_path / "same.html"
    same.write_bytes(b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7"><title>A</title>')
    other = tmp_path / "other.html"
    other.write_bytes(b'<meta name="generator" content="mkdocs-1.6.1"><title>B</title>')
    assert normalised(page) == normalised(same)
    assert normalised(page) != normalised(other)
