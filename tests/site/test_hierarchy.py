"""Broader and narrower terms: on the term pages, as a tree on the A–Z and area pages, in JSON-LD and SKOS."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from termsite.content.loader import load_glossary
from termsite.settings import Publisher, SiteSettings
from termsite.site.export import Exporter
from termsite.site.pages import SiteBuilder, TreeNode

from conftest import MINIMAL_AREA, write_glossary

SETTINGS = SiteSettings("https://g.example/", "G", Publisher("G"))


def _term(title: str, broader: str = "", extra: str = "") -> str:
    return f"title: {title}\nsummary: {title} explained.\nareas: [liquidation]\n" + \
        (f"broader: [{broader}]\n" if broader else "") + extra


def glossary(tmp_path: Path):
    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/liquidation.yml": _term("Liquidation", extra="code: FDL-1\n"),
        "terms/partial-liquidation.yml": _term("Partial Liquidation", "liquidation"),
        "terms/full-liquidation.yml": _term("Full Liquidation", "liquidation"),
        "terms/auto-deleveraging.yml": _term("Auto-Deleveraging", "full-liquidation"),
        "terms/mark-price.yml": _term("Mark Price"),
    })
    return load_glossary(content)


def shape(nodes: list[TreeNode]) -> list:
    return [(node.link.title, shape(node.children)) for node in nodes]


def test_a_term_page_links_its_broader_and_narrower_terms(tmp_path: Path) -> None:
    builder = SiteBuilder(glossary(tmp_path), SETTINGS)
    full = builder.term_page(builder.glossary.terms["full-liquidation"])
    assert [(link.title, link.href) for link in full.broader] == [("Liquidation", "../liquidation/")]
    assert [link.title for link in full.narrower] == ["Auto-Deleveraging"]
    assert [entry.id for entry in full.toc()][:3] == ["definition", "broader", "narrower"]
    top = builder.term_page(builder.glossary.terms["liquidation"])
    assert top.broader == [] and [link.title for link in top.narrower] == ["Full Liquidation", "Partial Liquidation"]


def test_the_code_is_the_defined_terms_term_code(tmp_path: Path) -> None:
    builder = SiteBuilder(glossary(tmp_path), SETTINGS)
    nodes = {node["@type"]: node for node in builder.term_page(builder.glossary.terms["liquidation"]).jsonld}
    assert nodes["DefinedTerm"]["termCode"] == "FDL-1"
    assert "broader" not in nodes["DefinedTerm"] and "isPartOf" not in nodes["DefinedTerm"]
    other = {node["@type"]: node for node in builder.term_page(builder.glossary.terms["mark-price"]).jsonld}
    assert "termCode" not in other["DefinedTerm"]


def test_the_tree_is_shown_only_when_the_site_asks_for_it(tmp_path: Path) -> None:
    terms = glossary(tmp_path)
    assert SiteBuilder(terms, SETTINGS).term_index_pages()[0].tree == []
    builder = SiteBuilder(terms, replace(SETTINGS, term_tree=True))
    expected = [("Liquidation", [("Full Liquidation", [("Auto-Deleveraging", [])]), ("Partial Liquidation", [])])]
    index = builder.term_index_pages()[0]
    assert shape(index.tree) == expected  # Mark Price has no broader or narrower term: not in the tree
    assert index.tree[0].children[0].link.href == "full-liquidation/"
    assert shape(builder.area_page(terms.areas["liquidation"]).tree) == expected
    assert "hierarchy" in [entry.id for entry in index.toc()]


def test_skos_says_broader_and_narrower_both_ways_and_the_code_is_the_notation(tmp_path: Path) -> None:
    graph = Graph().parse(data=Exporter(glossary(tmp_path), SETTINGS).turtle(), format="turtle")
    concept = lambda slug: URIRef(f"https://g.example/definition/{slug}/#term")  # noqa: E731
    area = URIRef("https://g.example/area/liquidation/#area")
    assert set(graph.objects(concept("auto-deleveraging"), SKOS.broader)) == {concept("full-liquidation"), area}
    assert set(graph.objects(concept("liquidation"), SKOS.narrower)) == {concept("full-liquidation"),
                                                                         concept("partial-liquidation")}
    assert [str(n) for n in graph.objects(concept("liquidation"), SKOS.notation)] == ["FDL-1"]
    assert [str(n) for n in graph.objects(concept("mark-price"), SKOS.notation)] == ["mark-price"]
