"""atheris fuzz target: the checker's reading of one page (decoding and JSON-LD extraction).

Any bytes must end as a page document (possibly saying "not HTML", or carrying block
errors and limit messages), never as an exception: ``decode_html`` raises only
``NotHtmlError``, and ``PageDocument`` finds the JSON-LD blocks, parses them strictly and
walks their nodes without raising.

Run (see docs/security.md):  tools/fuzz/run.sh jsonld 600
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["termsite"]):
    from termsite.checker.extract import NotHtmlError, PageDocument, decode_html
    from termsite.checker.strictjson import StrictJsonError, parse_strict

# Most of the extractor's logic is behind a JSON-LD script tag; wrapping half of the
# inputs in one lets the fuzzer spend its time on the JSON instead of rediscovering the tag.
PREFIX = b'<html><head><script type="application/ld+json">'
SUFFIX = b"</script></head><body><p>x</p></body></html>"


def test_one_input(data: bytes) -> None:
    if not data:
        return
    flags, data = data[0], data[1:]
    page_bytes = PREFIX + data + SUFFIX if flags & 1 else data
    try:
        text = decode_html(page_bytes)
    except NotHtmlError:
        return
    page = PageDocument("fuzz.html", text, "https://example.com/page/", "page/")
    for block in page.blocks:
        assert block.error is None or block.data is None
    if flags & 2:  # the tree-derived facts (lxml, extruct) on a quarter of the inputs: slower
        _ = (page.canonical, page.links, page.suppressed, page.open_graph, page.other_markup, page.visible_text)
    try:
        parse_strict(data.decode("utf-8", "replace"))
    except StrictJsonError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
