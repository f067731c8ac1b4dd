"""sitemap.xml on a built site: every page listed, <lastmod> from the content's dates, not the build's."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from conftest import FIXTURES, make_site, mkdocs_build
from termsite.content.loader import load_glossary

BASE = "https://mini.termsite.example/"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(site: Path) -> dict[str, str | None]:
    """loc -> lastmod (None when absent)."""
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    entries: dict[str, str | None] = {}
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc and loc not in entries
        entries[loc] = url.findtext("sm:lastmod", namespaces=NS)
    return entries


def test_lastmod_is_each_entrys_modified_date(mini_site: Path) -> None:
    glossary = load_glossary(FIXTURES / "mini/content", default_author="ana")
    entries = sitemap(mini_site)
    for term in glossary.terms.values():
        date = term.modified or term.published
        assert entries[f"{BASE}definition/{term.slug}/"] == (date.isoformat() if date else None), term.slug
    for area in glossary.areas.values():
        date = area.modified or area.published
        assert entries[f"{BASE}area/{area.slug}/"] == (date.isoformat() if date else None), area.slug
    assert entries[f"{BASE}definition/mark-price/"] == "2026-03-01T12:00:00+00:00"


def test_pages_without_a_date_have_no_lastmod_rather_than_the_build_date(mini_site: Path) -> None:
    entries = sitemap(mini_site)
    for index in (BASE, BASE + "area/", BASE + "definition/"):
        assert index in entries and entries[index] is None


def test_the_compressed_sitemap_says_the_same(mini_site: Path) -> None:
    assert gzip.decompress((mini_site / "sitemap.xml.gz").read_bytes()) == (mini_site / "sitemap.xml").read_bytes()


def test_hand_written_pages_keep_mkdocs_date(tmp_path: Path) -> None:
    project = make_site(tmp_path, {
        "areas/liquidation.yml": "title: Liquidation\ndescription: D.\nmodified: 2025-04-01T10:00:00+02:00\n",
    })
    (project / "docs/about.md").write_text("# About\n\nHand-written.\n", encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    entries = sitemap(project / "site")
    assert entries["https://test.termsite.example/area/liquidation/"] == "2025-04-01T10:00:00+02:00"
    about = entries["https://test.termsite.example/about/"]
    assert about is not None and len(about) == 10  # MkDocs' own YYYY-MM-DD
