"""The link graph: explicit references, automatic links, backlinks, related both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.graph.links import TermMatcher, build_link_graph
from termsite.content.loader import load_glossary
from termsite.content.model import Term
from termsite.settings import Publisher, SiteSettings

from conftest import MINIMAL_AREA, write_glossary

SETTINGS = SiteSettings("https://g.example/", "G", Publisher("G"))


def term(slug: str, title: str, aliases: list[str] | None = None, summary: str = "S.") -> Term:
    return Term(slug=slug, title=title, summary=summary, areas=["a"], aliases=aliases or [])


def glossary_with(tmp_path: Path, bodies: dict[str, str], extra: dict[str, str] | None = None):
    files = {"areas/liquidation.yml": MINIMAL_AREA}
    titles = {"mark-price": "Mark Price", "index-price": "Index Price", "margin-call": "Margin Call",
              "auto-deleveraging": "Auto-Deleveraging"}
    for slug, title in titles.items():
        body = bodies.get(slug, "")
        text = f"title: {title}\nsummary: Summary of {title} & more.\nareas: [liquidation]\n"
        if slug == "auto-deleveraging":
            text += "aliases: [ADL]\n"
        if body:
            text += "body: |\n" + "".join(f"  {line}\n" for line in body.splitlines())
        text += (extra or {}).get(slug, "")
        files[f"terms/{slug}.yml"] = text
    return load_glossary(write_glossary(tmp_path, files))


def test_matcher_finds_whole_words_leftmost_longest() -> None:
    matcher = TermMatcher([term("mark-price", "Mark Price"), term("price", "Price"), term("adl", "ADL")])
    text = "The mark price, a Price, prices, ADL and adl."
    found = [(text[s:e], slug) for s, e, slug in matcher.find(text)]
    # "prices" is not a whole-word mention; "adl" in lower case is not the abbreviation ADL
    assert found == [("mark price", "mark-price"), ("Price", "price"), ("ADL", "adl")]


def test_explicit_references_and_first_mentions_are_linked_once(tmp_path: Path) -> None:
    glossary = glossary_with(tmp_path, {
        "mark-price": "The index price moves. The index price again.\n\nSee [[margin-call|the call]] and [[margin-call]]."
    })
    links = build_link_graph(glossary, SETTINGS.urls).terms["mark-price"]
    html = links.main.html
    assert html.count('href="../index-price/"') == 1
    assert ('<a href="../index-price/" class="termsite-term" title="Summary of Index Price &amp; more.">index price</a>'
            in html)
    assert '<a href="../margin-call/" class="termsite-ref" title="Summary of Margin Call &amp; more.">the call</a>' in html
    assert '<a href="../margin-call/" class="termsite-ref" title="Summary of Margin Call &amp; more.">Margin Call</a>' in html
    assert links.links_to == ["index-price", "margin-call"]


def test_no_links_in_code_links_headings_or_to_the_page_itself(tmp_path: Path) -> None:
    glossary = glossary_with(tmp_path, {
        "mark-price": "## Index Price history\n\nThe Mark Price itself. `index price` and [[margin-call]] in code:\n\n"
                      "```\nMargin Call [[index-price]]\n```\n\n[an index price link](https://example.org)"
    })
    links = build_link_graph(glossary, SETTINGS.urls).terms["mark-price"]
    assert links.links_to == ["margin-call"]
    assert "<h2>Index Price history</h2>" in links.main.html
    assert "<code>index price</code>" in links.main.html
    assert "Margin Call [[index-price]]" in links.main.html
    assert '<a href="https://example.org">an index price link</a>' in links.main.html
    assert 'href="../mark-price/"' not in links.main.html


def test_abbreviations_link_only_as_written(tmp_path: Path) -> None:
    glossary = glossary_with(tmp_path, {"mark-price": "When ADL happens; an adl is not it."})
    html = build_link_graph(glossary, SETTINGS.urls).terms["mark-price"].main.html
    assert '<a href="../auto-deleveraging/" class="termsite-term" title="Summary of Auto-Deleveraging &amp; more.">ADL</a>' in html
    assert "an adl is not it" in html


def test_backlinks_and_related_go_both_ways(tmp_path: Path) -> None:
    glossary = glossary_with(
        tmp_path,
        {"mark-price": "Uses the index price.", "margin-call": "Follows the mark price and [[index-price]]."},
        {"index-price": "related: [margin-call]\n", "margin-call": "related: [index-price, mark-price]\n"},
    )
    graph = build_link_graph(glossary, SETTINGS.urls)
    assert graph.backlinks["index-price"] == ["margin-call", "mark-price"]
    assert graph.backlinks["mark-price"] == ["margin-call"]
    assert graph.backlinks["margin-call"] == []
    # related cycles are fine and are shown once in each direction
    assert graph.related["index-price"] == ["margin-call"]
    assert graph.related["mark-price"] == ["margin-call"]
    assert graph.related["margin-call"] == ["index-price", "mark-price"]


def test_area_pages_link_mentions_too(tmp_path: Path) -> None:
    glossary = glossary_with(tmp_path, {})
    glossary.areas["liquidation"].intro = "The mark price decides. [[index-price]]."
    graph = build_link_graph(glossary, SETTINGS.urls)
    assert graph.areas["liquidation"].links_to == ["mark-price", "index-price"]
    assert 'href="../../definition/mark-price/"' in graph.areas["liquidation"].main.html


@pytest.mark.parametrize("hostile", [
    "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- comment -->",
    "[x](javascript:alert(1))", "{{ jinja }} {% raw %}",
])
def test_hostile_markdown_renders_inert(tmp_path: Path, hostile: str) -> None:
    glossary = glossary_with(tmp_path, {"mark-price": f"Before {hostile} after."})
    html = build_link_graph(glossary, SETTINGS.urls).terms["mark-price"].main.html
    assert "<script" not in html and "<img" not in html and "<!--" not in html
    assert 'href="javascript' not in html
