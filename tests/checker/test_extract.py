"""Extraction: the JSON-LD tokenizer, decoding, URLs, visible text, the strict JSON parser."""

from __future__ import annotations

import json

import pytest

from termsite.checker.extract import (PageDocument, classify_context, decode_html, find_jsonld_scripts,
                                      normalize_text, normalize_url, NotHtmlError)
from termsite.checker.strictjson import MAX_DEPTH, StrictJsonError, nesting_depth_exceeds, parse_strict


def test_blocks_keep_line_and_column() -> None:
    text = '<html><head>\n  <script type="application/ld+json">{"a": 1}</script>\n<script>x</script>' \
           '\n<script type="application/ld+json">\n[{"b": 2}]\n</script></head></html>'
    doc = PageDocument("p.html", text)
    assert [(b.line, b.col) for b in doc.blocks] == [(2, 3), (4, 1)]
    assert [b.data for b in doc.blocks] == [{"a": 1}, [{"b": 2}]]


def test_unclosed_script_runs_to_end() -> None:
    spans = list(find_jsonld_scripts('<script type="application/ld+json">{"a": 1}'))
    assert spans == [(0, 35, 43)]


def test_graph_and_array_paths() -> None:
    data = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "hasPart": [{"@type": "Article"}]}]}
    doc = PageDocument("p.html", f'<script type="application/ld+json">{json.dumps(data)}</script>')
    assert [(n.path, n.types, n.top_level) for n in doc.nodes] == [
        ("@graph[0]", ("WebPage",), True), ("@graph[0].hasPart[0]", ("Article",), False)]


@pytest.mark.parametrize("context, kind", [
    ("https://schema.org/", "schema"), ("http://schema.org", "schema"), (None, "missing"),
    ({"@vocab": "https://schema.org/"}, "schema"), ("https://example.org", "foreign"), ([], "foreign"),
    (["https://schema.org", {"x": "y"}], "schema"), (["https://schema.org", "https://example.org"], "foreign"),
])
def test_classify_context(context: object, kind: str) -> None:
    assert classify_context(context) == kind


def test_decode_html() -> None:
    assert decode_html("é".encode("utf-8")) == "é"
    assert decode_html(b'<meta charset="iso-8859-1"><p>\xe9</p>').endswith("<p>é</p>")
    assert decode_html("\ufeffx".encode("utf-8")) == "x"
    assert decode_html(b"\xff\xfex\x00") == "x"  # UTF-16 LE with BOM
    with pytest.raises(NotHtmlError):
        decode_html(b"\x00\x01\x02")


def test_normalize_url() -> None:
    assert normalize_url("HTTPS://Example.COM:443/a/index.html#x") == "https://example.com/a/"
    assert normalize_url("https://example.com") == "https://example.com/"
    assert normalize_url("https://example.com/a%7eb/c d") == normalize_url("https://example.com/a~b/c%20d")
    assert normalize_url("https://[bad") == "https://[bad"


def test_normalize_text() -> None:
    assert normalize_text("Caf\u0065\u0301 &amp;\n\u00a0bar") == "Café&bar"


def test_visible_text_and_links() -> None:
    html = ('<html><head><title>T</title><link rel="Canonical" href="/p/"></head><body><p>Hello <b>world</b></p>'
            '<div hidden><a href="/hidden/">secret</a></div><a href="x/#y">x</a></body></html>')
    doc = PageDocument("p.html", html, page_url="https://example.com/p/")
    assert doc.canonical == "https://example.com/p/"
    assert doc.visible_text == "Helloworldx"
    assert doc.links == {"https://example.com/hidden/", "https://example.com/p/x/"}


def test_strict_parser_limits() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert nesting_depth_exceeds(deep) == MAX_DEPTH
    with pytest.raises(StrictJsonError) as info:
        parse_strict(deep)
    assert info.value.limit
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert nesting_depth_exceeds(ok) is None
    assert parse_strict(ok) is not None
    # brackets inside strings do not count
    assert nesting_depth_exceeds(json.dumps(["[" * 2000])) is None
    with pytest.raises(StrictJsonError, match="duplicate key 'a'"):
        parse_strict('{"a": {"a": 1}, "b": 2, "a": 3}')


def test_control_characters_do_not_break_visible_text() -> None:
    # lxml parses them but refuses them when the tree is edited (drop_tree); they become spaces
    html = "<html><body><h3>Q\x0b?</h3><div hidden>x\x01</div><p>A\ufffe</p></body></html>"
    doc = PageDocument("p.html", html)
    assert doc.visible_text == "Q?A"
