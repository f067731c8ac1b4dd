"""The relationship map of area pages: its nodes and edges, the SVG it draws, and the map on a built site."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, write_glossary
from termsite.graph.links import build_link_graph
from termsite.content.loader import load_glossary
from termsite.content.model import Glossary
from termsite.site.pages import SiteBuilder
from termsite.site.relmap import RelationshipMap, build_relationship_map
from termsite.site.render import PageRenderer
from termsite.settings import Publisher, SiteSettings

SVG = "{http://www.w3.org/2000/svg}"
HREF = "href"  # SVG 2: a plain href, which crawlers follow (xlink:href they do not)
HOSTILE = "Evil </text><script>alert(1)</script> & \"q\" 'x' ]]> <!-- c -->"
LONG = "A Very Long Term Title That Cannot Possibly Fit Beside Its Node"

FILES = {
    "areas/liquidation.yml": """\
        title: Liquidation
        description: How positions are closed.
        terms: [mark-price, margin-call, liquidation-price, long-one]
        """,
    "areas/pricing.yml": """\
        title: Pricing & Co
        description: Prices.
        """,
    "terms/mark-price.yml": """\
        title: Mark Price
        summary: The fair price.
        areas: [liquidation]
        related: [margin-call]
        body: Derived from the [[index-price]].
        """,
    "terms/margin-call.yml": """\
        title: Margin Call
        summary: A demand for collateral.
        areas: [liquidation]
        body: It comes when the mark price moves against you.
        """,
    "terms/liquidation-price.yml": """\
        title: Liquidation Price
        summary: Where a position is closed.
        areas: [liquidation]
        """,
    "terms/long-one.yml": f"""\
        title: {LONG}
        summary: Long.
        areas: [liquidation]
        related: [liquidation-price]
        """,
    "terms/index-price.yml": """\
        title: Index Price
        summary: An average of spot prices.
        areas: [pricing]
        body: It feeds the margin call logic.
        """,
    "terms/evil.yml": """\
        title: Evil
        summary: Hostile.
        areas: [pricing]
        related: [mark-price]
        """,
}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    content = write_glossary(tmp_path_factory.mktemp("relmap"), FILES)
    glossary = load_glossary(content)
    # The loader refuses markup in titles; the map escapes on its own all the same, so the
    # hostile title is set past the loader, as an importer or another front end might.
    glossary.terms["evil"].title = HOSTILE
    return glossary


SETTINGS = SiteSettings(site_url="https://test.example/", site_name="Test", publisher=Publisher("Test"))


def relmap(glossary: Glossary, area: str) -> RelationshipMap:
    graph = build_link_graph(glossary, SETTINGS.urls)
    return build_relationship_map(glossary, graph, SETTINGS.urls, area, SETTINGS.urls.area(area))


def test_nodes_are_the_area_terms_in_order_then_the_faded_ones(glossary: Glossary) -> None:
    rel_map = relmap(glossary, "liquidation")
    assert [(n.slug, n.in_area) for n in rel_map.nodes] == [
        ("mark-price", True), ("margin-call", True), ("liquidation-price", True), ("long-one", True),
        ("evil", False), ("index-price", False)]
    assert rel_map.node("index-price").href == "../../definition/index-price/"
    assert rel_map.node("index-price").areas == ("Pricing & Co",)


def test_edges_are_links_and_related_terms_oriented_top_down(glossary: Glossary) -> None:
    rel_map = relmap(glossary, "liquidation")
    edges = {(e.a, e.b): (e.links_ab, e.links_ba, e.related) for e in rel_map.edges}
    assert edges == {
        ("mark-price", "margin-call"): (False, True, True),  # margin-call's body mentions the mark price
        ("mark-price", "index-price"): (True, False, False),  # an explicit [[index-price]] reference
        ("mark-price", "evil"): (False, False, True),  # related, declared on the other side
        ("liquidation-price", "long-one"): (False, False, True),
    }
    # index-price's own mention of the margin call is a link *into* the area: not drawn
    assert ("margin-call", "index-price") not in edges


def test_connections_say_the_same_in_words(glossary: Glossary) -> None:
    rel_map = relmap(glossary, "liquidation")
    listed = {c.node.slug: ([n.slug for n in c.links_to], [n.slug for n in c.related]) for c in rel_map.connections()}
    assert listed == {
        "mark-price": (["index-price"], ["margin-call", "evil"]),
        "margin-call": (["mark-price"], ["mark-price"]),
        "liquidation-price": ([], ["long-one"]),
        "long-one": ([], ["liquidation-price"]),
    }


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_svg_is_well_formed_and_every_node_is_a_link(glossary: Glossary) -> None:
    rel_map = relmap(glossary, "liquidation")
    root = parse(rel_map.svg())
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox", "").startswith("0 0 400 ") and root.get("width") == "100%"
    assert root.find(f"{SVG}title").text == "Relationship map of Liquidation"
    assert root.find(f"{SVG}desc").text.startswith("4 terms of Liquidation and 2 terms of other areas")
    links = root.findall(f".//{SVG}a")
    assert [a.get(HREF) for a in links] == [n.href for n in rel_map.nodes]
    assert [a.get("class") for a in links].count("termsite-relmap-node termsite-relmap-faded") == 2
    edge_paths = root.find(f"{SVG}g[@class='termsite-relmap-edges']")
    assert len(edge_paths) == 4
    dashed = [p for p in edge_paths if p.get("stroke-dasharray")]
    assert len(dashed) == 2  # the two related-only edges; the others are links
    assert sum("termsite-relmap-faded" in p.get("class", "") for p in edge_paths) == 2


def test_a_hostile_title_is_escaped_text(glossary: Glossary) -> None:
    svg = relmap(glossary, "liquidation").svg()
    assert "<script" not in svg and "</text><script>" not in svg
    root = parse(svg)
    evil = next(a for a in root.iter(f"{SVG}a") if a.get(HREF) == "../../definition/evil/")
    assert evil.find(f"{SVG}title").text == f"{HOSTILE} (in Pricing & Co)"
    label = evil.find(f"{SVG}text").text
    assert label.endswith("…") and HOSTILE.startswith(label[:-1])


def test_long_labels_are_shortened_with_the_full_title_on_hover(glossary: Glossary) -> None:
    root = parse(relmap(glossary, "liquidation").svg())
    node = next(a for a in root.iter(f"{SVG}a") if a.get(HREF) == "../../definition/long-one/")
    assert node.find(f"{SVG}title").text == LONG
    label = node.find(f"{SVG}text").text
    assert label.endswith("…") and len(label) < len(LONG) and LONG.startswith(label[:-1])


def test_an_area_whose_terms_connect_to_nothing_has_no_map(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {
        "areas/solo.yml": "title: Solo\ndescription: Alone.\n",
        "terms/one.yml": "title: One\nsummary: First.\nareas: [solo]\n",
    })
    glossary = load_glossary(content)
    page = SiteBuilder(glossary, SETTINGS).area_page(glossary.areas["solo"])
    assert page.relmap is None
    assert "relationship-map" not in [entry.id for entry in page.toc()]


def test_the_area_page_carries_the_map(glossary: Glossary) -> None:
    page = SiteBuilder(glossary, SETTINGS).area_page(glossary.areas["liquidation"])
    assert page.relmap is not None and page.relmap.area_slug == "liquidation"
    assert page.toc()[-1].id == "relationship-map"


def test_every_map_on_the_built_site_is_xml_and_links_to_existing_pages(mini_site: Path) -> None:
    maps = 0
    for page in sorted(mini_site.glob("area/*/index.html")):
        html = page.read_text(encoding="utf-8")
        found = re.findall(r"<svg\b.*?</svg>", html, re.S)
        svgs = [svg for svg in found if "termsite-relmap-svg" in svg]
        for svg in svgs:
            maps += 1
            root = parse(svg)
            page_dir = page.parent.relative_to(mini_site).as_posix()
            for link in root.iter(f"{SVG}a"):
                target = posixpath.normpath(posixpath.join(page_dir, link.get(HREF)))
                assert (mini_site / target / "index.html").is_file(), (page, link.get(HREF))
    assert maps == 2  # both areas of the mini glossary have connections


def _capped_glossary(root: Path) -> Glossary:
    """An area of 45 terms in a chain of related terms (b00 - b01 - ... - b40), the last four alone,
    and 25 terms of another area, each related to one of them; o24 to three."""
    files = {"areas/big.yml": "title: Big\ndescription: Many terms.\n",
             "areas/other.yml": "title: Other\ndescription: Elsewhere.\n"}
    for i in range(45):
        related = f"[b{i + 1:02d}]" if i < 40 else "[]"
        files[f"terms/b{i:02d}.yml"] = f"title: Big {i:02d}\nsummary: Big.\nareas: [big]\nrelated: {related}\n"
    for j in range(25):
        related = "[b24, b10, b11]" if j == 24 else f"[b{j:02d}]"
        files[f"terms/o{j:02d}.yml"] = f"title: Other {j:02d}\nsummary: Other.\nareas: [other]\nrelated: {related}\n"
    return load_glossary(write_glossary(root, files))


def test_a_large_area_map_draws_its_most_connected_terms(tmp_path: Path) -> None:
    glossary = _capped_glossary(tmp_path)
    rel_map = relmap(glossary, "big")
    # b00 (one connection) wins the tie with b40 by the area's order; b41-b44 connect to nothing
    assert [n.slug for n in rel_map.area_nodes] == [f"b{i:02d}" for i in range(40)]
    assert (rel_map.hidden_terms, rel_map.term_count) == (5, 45)
    # b40 is related to b39, but a term left out is not drawn again as a faded one
    assert "b40" not in {n.slug for n in rel_map.nodes}
    # 25 terms of the other area connect: the 20 kept are o24 (three connections), then by title
    assert sorted(n.slug for n in rel_map.other_nodes) == sorted(["o24", *(f"o{j:02d}" for j in range(19))])
    drawn = {n.slug for n in rel_map.nodes}
    assert all(e.a in drawn and e.b in drawn for e in rel_map.edges)
    assert len(rel_map.edges) == 39 + 19 + 3  # the chain among the drawn, o00-o18 once each, o24 thrice
    root = parse(rel_map.svg())
    assert root.find(f"{SVG}desc").text.startswith("The 40 most connected of the 45 terms of Big and 20 terms")
    assert len(root.findall(f".//{SVG}a")) == 60


def test_a_capped_map_links_to_the_full_list(tmp_path: Path) -> None:
    glossary = _capped_glossary(tmp_path)
    page = SiteBuilder(glossary, SETTINGS).area_page(glossary.areas["big"])
    html = PageRenderer(ROOT / "templates").render(page)
    assert ('<p class="termsite-relmap-more">The map shows the 40 most connected terms of this area, '
            '<a href="#terms">and 5 more</a> in the list of its terms.</p>') in html
    listed = re.findall(r'<li><a href="\.\./\.\./definition/(b\d\d)/"', html[html.index('id="terms"'):])
    assert listed[:45] == [f"b{i:02d}" for i in range(45)]  # the list of terms stays complete


def test_an_area_below_the_caps_is_drawn_whole(glossary: Glossary) -> None:
    rel_map = relmap(glossary, "liquidation")
    assert (rel_map.hidden_terms, rel_map.term_count, len(rel_map.nodes)) == (0, 4, 6)
    page = SiteBuilder(glossary, SETTINGS).area_page(glossary.areas["liquidation"])
    assert "termsite-relmap-more" not in PageRenderer(ROOT / "templates").render(page)
