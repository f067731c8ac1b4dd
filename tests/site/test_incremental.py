"""Rebuilds reuse the page objects an edit did not touch, and rebuild every one it did."""

from __future__ import annotations

import os
import time
from pathlib import Path

from termsite.site.incremental import build_site
from termsite.content.loader import ParseCache, load_glossary
from termsite.settings import Publisher, SiteSettings

from conftest import write_glossary

SETTINGS = SiteSettings("https://g.example/", "G", Publisher("G"))

FILES = {
    "areas/pricing.yml": "title: Pricing\ndescription: Prices.\n",
    "areas/risk.yml": "title: Risk\ndescription: Risk.\n",
    "terms/mark-price.yml": "title: Mark Price\nsummary: M.\nareas: [pricing]\nbody: Uses the index price.\n",
    "terms/index-price.yml": "title: Index Price\nsummary: I.\nareas: [pricing]\nbody: An average.\n",
    "terms/insurance-fund.yml": "title: Insurance Fund\nsummary: F.\nareas: [risk]\nbody: A reserve.\n",
}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    time.sleep(0.01)
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def rebuilt(after, before) -> set[str]:
    return {source for source in after.pages if not after.reused(source, before)}


def test_a_body_edit_rebuilds_the_page_its_areas_the_home_page_and_the_new_link_target(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, FILES)
    cache = ParseCache()
    first = build_site(load_glossary(content, cache=cache), SETTINGS)
    edit(content / "terms/insurance-fund.yml", "A reserve.", "A reserve funded by fees; see the mark price.")
    second = build_site(load_glossary(content, cache=cache), SETTINGS, previous=first)
    assert rebuilt(second, first) == {
        "definition/insurance-fund/index.md",  # the edited page
        "definition/mark-price/index.md",  # gains a backlink
        "area/risk/index.md", "area/pricing/index.md",  # hub pages of both
        "index.md",
    }
    mark = second.pages["definition/mark-price/index.md"]
    assert [link.slug for link in mark.backlinks] == ["insurance-fund"]
    assert "see the <a" in second.pages["definition/insurance-fund/index.md"].links.main.html


def test_nothing_changed_reuses_every_page_but_home(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, FILES)
    cache = ParseCache()
    first = build_site(load_glossary(content, cache=cache), SETTINGS)
    second = build_site(load_glossary(content, cache=cache), SETTINGS, previous=first)
    assert rebuilt(second, first) == {"index.md"}


def test_a_summary_edit_rebuilds_the_pages_that_show_it(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, FILES)
    cache = ParseCache()
    first = build_site(load_glossary(content, cache=cache), SETTINGS)
    edit(content / "terms/index-price.yml", "summary: I.", "summary: The index.")
    second = build_site(load_glossary(content, cache=cache), SETTINGS, previous=first)
    assert rebuilt(second, first) == {
        "definition/index-price/index.md",  # its own page
        "definition/mark-price/index.md",  # links to it: the tooltip changes
        "area/pricing/index.md",  # lists it with its summary
        "definition/index.md",  # the A–Z index's tooltips
        "index.md",
    }
    link = second.pages["definition/mark-price/index.md"].links.main.html
    assert 'title="The index."' in link


def test_a_title_edit_relinks_the_pages_that_mention_the_old_or_new_name(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {**FILES, "terms/insurance-fund.yml": FILES["terms/insurance-fund.yml"].replace(
        "A reserve.", "A reserve, unlike an index level.")})
    cache = ParseCache()
    first = build_site(load_glossary(content, cache=cache), SETTINGS)
    assert first.graph.terms["insurance-fund"].links_to == [] and first.graph.terms["mark-price"].links_to == [
        "index-price"]
    edit(content / "terms/index-price.yml", "title: Index Price", "title: Index Level")
    second = build_site(load_glossary(content, cache=cache), SETTINGS, previous=first)
    assert rebuilt(second, first) == {
        "definition/index-price/index.md",  # its own page
        "definition/mark-price/index.md",  # mentioned the old name: the link is gone
        "definition/insurance-fund/index.md",  # mentions the new name: a new link
        "area/pricing/index.md", "area/risk/index.md",  # list them
        "definition/index.md",  # the A–Z index shows the new title
        "index.md",
    }
    assert second.graph.terms["mark-price"].links_to == []
    assert second.graph.terms["insurance-fund"].links_to == ["index-price"]
    # a rebuild from scratch makes the same pages
    fresh = build_site(load_glossary(content), SETTINGS)
    for source, page in second.pages.items():
        assert page.title == fresh.pages[source].title, source
    assert {s: l.links_to for s, l in second.graph.terms.items()} == {s: l.links_to for s, l in fresh.graph.terms.items()}


def test_adding_or_removing_a_term_rebuilds_everything(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, FILES)
    cache = ParseCache()
    first = build_site(load_glossary(content, cache=cache), SETTINGS)
    (content / "terms/premium.yml").write_text("title: Premium\nsummary: P.\nareas: [pricing]\n", encoding="utf-8")
    second = build_site(load_glossary(content, cache=cache), SETTINGS, previous=first)
    assert rebuilt(second, first) == set(second.pages) and "definition/premium/index.md" in second.pages
