"""Equivalence is the contract: the example built by MkDocs, ProperDocs and Zensical is the same site.

Same page addresses, the same JSON-LD on every page (parsed with extruct and compared field by
field), the same head metadata, the same term links with their tooltips on term pages and
guides, the same sitemap, and the same `termsite check` result on each output. What may differ
(theme chrome, the search index's format) is listed in docs/engines.md.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import urljoin

import extruct
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, termsite
from enginebuilds import ENGINES, example_build

OTHERS = [engine for engine in ENGINES if engine != "mkdocs"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {engine: example_build(engine, tmp_path_factory).site for engine in ENGINES}


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def jsonld(page: Path) -> list[dict]:
    return extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]


def head(page: Path) -> dict[str, str | None]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    found: dict[str, str | None] = {"title": soup.title.get_text() if soup.title else None}
    for meta in soup.select("head meta[property], head meta[name]"):
        key = meta.get("property") or meta.get("name")
        if key not in ("generator", "viewport"):
            found[str(key)] = meta.get("content")
    canonical = soup.select_one("head link[rel=canonical]")
    found["canonical"] = canonical.get("href") if canonical else None
    return found


def term_links(page: Path) -> list[tuple[str, str, str]]:
    """(href, title, text) of every term link in the page's article, in order."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article")
    assert article is not None, page
    return [(a["href"], a.get("title", ""), a.get_text()) for a in article.select("a.termsite-term, a.termsite-ref")]


def summary_of(slug: str) -> str:
    text = (ROOT / "content" / "terms" / f"{slug}.yml").read_text(encoding="utf-8")
    return re.search(r"^summary: (.+)$", text, re.M).group(1).strip()  # type: ignore[union-attr]


@pytest.mark.parametrize("engine", OTHERS)
def test_the_same_page_addresses(sites: dict[str, Path], engine: str) -> None:
    ours = pages_of(sites["mkdocs"])
    assert len(ours) >= 70 and {"index.html", "404.html", "definition/mark-price/index.html",
                                "guides/reading-funding-rates/index.html", "about/index.html"} <= set(ours)
    assert pages_of(sites[engine]) == ours
    for export in ("glossary.jsonld", "glossary.ttl", "glossary.csv", "glossary.json", "llms.txt",
                   "definition/mark-price.json", "sitemap.xml"):
        assert (sites[engine] / export).is_file(), export
    assert (sites[engine] / "glossary.jsonld").read_bytes() == (sites["mkdocs"] / "glossary.jsonld").read_bytes()


@pytest.mark.parametrize("engine", OTHERS)
def test_the_same_jsonld_on_every_page(sites: dict[str, Path], engine: str) -> None:
    compared = 0
    for name in pages_of(sites["mkdocs"]):
        ours, theirs = jsonld(sites["mkdocs"] / name), jsonld(sites[engine] / name)
        assert [node.get("@type") for node in theirs] == [node.get("@type") for node in ours], name
        for mine, other in zip(ours, theirs):
            for key in sorted(set(mine) | set(other)):
                assert other.get(key) == mine.get(key), f"{name}: {mine.get('@type')}.{key}"
            compared += 1
    assert compared >= 150
    # The guides' mentions are the terms they link, on every engine.
    guide = sites[engine] / "guides/reading-funding-rates/index.html"
    article = next(n for n in jsonld(guide) if n["@type"] == "Article")
    linked = list(dict.fromkeys(href.rstrip("/").rsplit("/", 1)[-1] for href, _, _ in term_links(guide)))
    assert len(linked) >= 3
    about = [node["@id"] for node in article["about"]]  # the terms named in front matter; the others are mentions
    assert about[:1] == ["https://glossary.termsite.example/definition/funding-rate/#term"]
    assert [m["@id"] for m in article["mentions"]] == [
        f"https://glossary.termsite.example/definition/{slug}/#term" for slug in linked
        if f"https://glossary.termsite.example/definition/{slug}/#term" not in about]


@pytest.mark.parametrize("engine", OTHERS)
def test_the_same_head_on_every_page(sites: dict[str, Path], engine: str) -> None:
    for name in pages_of(sites["mkdocs"]):
        assert head(sites[engine] / name) == head(sites["mkdocs"] / name), name
    home = head(sites[engine] / "index.html")
    assert home["title"] == "termsite example glossary"
    assert home["canonical"] == home["og:url"] == "https://glossary.termsite.example/"


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize("page", ["definition/mark-price/index.html", "definition/liquidation-cascade/index.html",
                                  "guides/liquidation-step-by-step/index.html", "guides/reading-funding-rates/index.html",
                                  "guides/cross-versus-isolated-margin/index.html", "about/index.html"])
def test_term_links_carry_tooltips_on_every_engine(sites: dict[str, Path], engine: str, page: str) -> None:
    ours = term_links(sites["mkdocs"] / page)
    assert len(ours) >= 3
    assert term_links(sites[engine] / page) == ours
    for href, title, _text in ours:
        slug = href.rstrip("/").rsplit("/", 1)[-1]
        assert title == summary_of(slug)
    # Relative links that resolve to a term's page from the page's own address.
    base = "https://glossary.termsite.example/" + page[: -len("index.html")]
    assert all(re.fullmatch(r"https://glossary\.termsite\.example/definition/[a-z0-9-]+/", urljoin(base, href))
               for href, _, _ in ours)


def test_no_hand_written_page_loses_a_term_link_on_zensical(sites: dict[str, Path]) -> None:
    total = 0
    for name in pages_of(sites["mkdocs"]):
        if (sites["mkdocs"] / name).read_text(encoding="utf-8").count("<article") == 0:
            continue
        ours = term_links(sites["mkdocs"] / name)
        assert term_links(sites["zensical"] / name) == ours, name
        total += len(ours)
    assert total >= 400


def sitemap(site: Path) -> set[tuple[str, str | None]]:
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = etree.parse(site / "sitemap.xml").getroot()
    return {(url.findtext(f"{namespace}loc") or "", url.findtext(f"{namespace}lastmod"))
            for url in root.iter(f"{namespace}url")}


@pytest.mark.parametrize("engine", OTHERS)
def test_the_same_sitemap(sites: dict[str, Path], engine: str) -> None:
    ours = sitemap(sites["mkdocs"])
    # every page but 404.html and the print page, which is kept out of search engines
    assert len(ours) == len(pages_of(sites["mkdocs"])) - 2
    assert not any(loc.endswith("/print/") for loc, _ in ours)
    assert ("https://glossary.termsite.example/definition/mark-price/", "2026-05-12T14:30:00+00:00") in ours
    assert sitemap(sites[engine]) == ours


def test_zensical_search_holds_termsite_documents_for_generated_pages(sites: dict[str, Path]) -> None:
    mkdocs_index = json.loads((sites["mkdocs"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    zensical_index = json.loads((sites["zensical"] / "search.json").read_text(encoding="utf-8"))
    ours = {d["location"]: (d["title"], d["text"]) for d in mkdocs_index["docs"] if d["location"].startswith("definition/")}
    theirs = {d["location"]: (d["title"], d["text"]) for d in zensical_index["items"]
              if d["location"].startswith("definition/")}
    assert theirs == ours
    assert "definition/mark-price/#definition" not in theirs  # compact documents, not the page's full text
    assert any(d["location"].startswith("guides/reading-funding-rates/") for d in zensical_index["items"])


@pytest.mark.parametrize("engine", ENGINES)
def test_termsite_check_passes_on_every_engine(sites: dict[str, Path], engine: str) -> None:
    result = termsite(["check", str(sites[engine]), "--format", "json"], ROOT)
    problems = json.loads(result.stdout)["problems"]
    errors = [p for p in problems if p["severity"] == "error"]
    warnings = [p for p in problems if p["severity"] == "warning"]
    assert errors == []
    assert warnings == []  # every page has an image: its own or its social card, on every engine


def test_the_readme_shows_each_engine_and_its_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Engines"):readme.index("## How it works")]
    for command in ("`mkdocs build --strict`", "`properdocs build --strict -f mkdocs.yml`",
                    "`termsite build --engine zensical`", "`termsite serve --engine zensical`"):
        assert command in section, command
    guide = (ROOT / "docs" / "engines.md").read_text(encoding="utf-8")
    assert "Moving between engines" in guide and "When Zensical ships modules" in guide
    assert "`pip install termsite[zensical]`, then `termsite build --engine zensical`" in guide
