"""The checker's fast paths give exactly the findings of the general code they stand in for.

Each fast path (parsing pages as UTF-8 bytes, the byte-level check for characters lxml
refuses, hidden elements by tag filter and one XPath, reading a page at its own size, the
strict JSON reader's duplicate check in C, resolving and normalizing plain URLs without
urllib) is swapped here for a plain reference implementation, the way the checker did it
before; every fixture page, every page of ../shared/realworld-jsonld and a generated
termsite-shaped site are checked both ways and must give identical problems.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urljoin

import lxml.html
import pytest
from lxml import etree

from termsite.checker.config import build_config
from termsite.checker.rules import RULES
from termsite.checker.runner import run_check
from termsite.checker.samplesite import SITE_URL, SampleSite
import termsite.checker.extract as extract  # isort: skip (after the rules: site.py and the rules import each other)
import termsite.checker.site as site_module  # isort: skip
import termsite.checker.strictjson as strictjson  # isort: skip

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "realworld-jsonld"
FIXTURE_PAGES = sorted(str(p) for p in (ROOT / "tests").rglob("*.htm*"))
CORPUS_PAGES = sorted(str(p) for p in CORPUS.rglob("*.html")) if CORPUS.is_dir() else []


# -- the general implementations ------------------------------------------------------
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ALL_HIDDEN_CANDIDATES = etree.XPath(
    "descendant-or-self::script | descendant-or-self::style | descendant-or-self::template | "
    "descendant-or-self::noscript | descendant-or-self::*[@hidden or @aria-hidden or @style]")


def reference_parse_html(source: str) -> Any:
    if source.lstrip()[:5] == "<?xml":
        source = extract._XML_DECLARATION.sub("", source, count=1)
    if _XML_INCOMPATIBLE.search(source):
        source = _XML_INCOMPATIBLE.sub(" ", source)
    if not source.strip():
        return None
    try:
        return lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return None


def reference_hidden_elements(root: Any) -> list[Any]:
    return [e for e in _ALL_HIDDEN_CANDIDATES(root) if extract._is_hidden(e)]


def reference_read_page_bytes(path: str) -> tuple[bytes, bool]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(extract.MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise extract.PageReadError(exc.strerror or str(exc)) from None
    return data[:extract.MAX_PAGE_BYTES], len(data) > extract.MAX_PAGE_BYTES


def reference_reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise strictjson._DuplicateKey(key)
        result[key] = value
    return result


def reference_resolve_url(base: str, url: str) -> str:
    try:
        return urljoin(base, url)
    except ValueError:
        return url


@contextmanager
def general_code(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every fast path replaced by its general implementation, wherever it is bound."""
    replacements = {
        "_parse_html": reference_parse_html,
        "_hidden_elements": reference_hidden_elements,
        "read_page_bytes": reference_read_page_bytes,
        "resolve_url": reference_resolve_url,
        "normalize_url": extract.normalize_url_by_parsing,
    }
    originals = {attr: getattr(extract, attr) for attr in replacements}
    with monkeypatch.context() as patch:
        for name, module in list(sys.modules.items()):
            if not name.startswith("termsite.checker"):
                continue
            for attr, replacement in replacements.items():
                if getattr(module, attr, None) is originals[attr]:
                    patch.setattr(module, attr, replacement)
        patch.setattr(strictjson, "_reject_duplicates", reference_reject_duplicates)
        site_module.relative_to_site.cache_clear()  # it caches normalize_url's results
        yield
    site_module.relative_to_site.cache_clear()


def findings(paths: list[str], termsite: bool, site_url: str | None = None) -> list[tuple[Any, ...]]:
    config = build_config(RULES, termsite=termsite, site_url=site_url)
    result = run_check(paths, config, jobs=1)
    return [(p.path, p.line, p.col, p.rule_id, p.severity.value, p.message, p.json_path) for p in result.problems]


# -- pages -----------------------------------------------------------------------
def test_the_pages_are_there() -> None:
    assert FIXTURE_PAGES
    if os.environ.get("CI"):
        assert len(CORPUS_PAGES) >= 100, f"the real-world corpus is missing: {CORPUS}"


@pytest.mark.parametrize("termsite", [False, True])
def test_fixture_and_corpus_pages_give_the_same_findings(termsite: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    mismatched = []
    for page in FIXTURE_PAGES + CORPUS_PAGES:
        fast = findings([page], termsite)
        with general_code(monkeypatch):
            general = findings([page], termsite)
        if fast != general:
            mismatched.append((page, fast, general))
    assert not mismatched, mismatched[:3]


def test_a_generated_site_gives_the_same_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SampleSite(terms=40, areas=4, nav_links=12, padding_bytes=3000).write(str(tmp_path))
    fast = findings([str(tmp_path)], True, SITE_URL)
    with general_code(monkeypatch):
        general = findings([str(tmp_path)], True, SITE_URL)
    assert fast == general
    assert any(f[3] == "pending-term" for f in fast)  # the check did look at the pages


def test_pages_with_what_the_fast_paths_step_aside_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Control characters, U+FFFF, an XML declaration, a meta charset naming another
    encoding, hidden elements of every kind, links of every shape, duplicate JSON keys."""
    faq = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": name, "acceptedAnswer": {"@type": "Answer", "text": answer}}
        for name, answer in [("Visible café?", "Yes — shown."), ("Hidden one?", "In a hidden div."),
                             ("Styled away?", "display: none"), ("Aria?", "aria-hidden"), ("Tabbed\tname?", "x")]]}
    collection = {"@context": "https://schema.org", "@type": "CollectionPage", "url": "https://example.com/area/a/",
                  "hasPart": [{"@type": "Article", "url": url} for url in [
                      "https://example.com/definition/b/", "https://example.com/definition/c/", "https://EXAMPLE.com/d/",
                      "https://example.com/e/index.html", "https://example.com/f/#x", "https://example.com/g/?q=1",
                      "https://example.com/h%7E/", "https://example.com/root/", "http://example.com/scheme/"]]}
    links = ["../../definition/b/", "../../../../definition/c/", "/d/", "../../e/", "../../f/#y", "../../g/?q=1",
             "../../h~/", "../../../../../root/", "//example.com/x/", "./", ".", "..", "", "mailto:a@example.com"]
    body = (
        "<h3>Visible café?</h3><p>Yes — shown.</p>"
        "<div hidden><h3>Hidden one?</h3><p>In a hidden div.</p></div>"
        "<div style='DISPLAY : none'><h3>Styled away?</h3><p>display: none</p></div>"
        "<div aria-hidden='TRUE'>Aria?aria-hidden</div><template>Tabbed name?</template>"
        "<noscript>x</noscript><p>Tabbed\tname? x \x01\x0b control \uffff</p>"
        + "".join(f'<a href="{href}">{i}</a>' for i, href in enumerate(links)))
    pages = {
        "plain.html": f"<!doctype html><html lang='fr'><head><link rel='canonical' href='https://example.com/area/a/'>"
                      f"<script type='application/ld+json'>{json.dumps(faq)}</script>"
                      f"<script type='application/ld+json'>{json.dumps(collection)}</script></head><body>{body}</body></html>",
        "declared.html": "<?xml version='1.0' encoding='iso-8859-1'?>\n<html><head><meta charset='iso-8859-1'>"
                         f"<script type='application/ld+json'>{json.dumps(faq)}</script></head><body>{body}</body></html>",
        "duplicate.html": "<html><head><script type='application/ld+json'>"
                          '{"@context": "https://schema.org", "@type": "Thing", "name": "a", "name": "b"}'
                          "</script></head><body></body></html>",
        "controls-only.html": "\x01\x02<script type='application/ld+json'>{}</script>",
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "latin1.html").write_bytes(pages["declared.html"].encode("latin-1", "replace"))
    for termsite in (False, True):
        paths = sorted(str(p) for p in tmp_path.iterdir())
        fast = [findings([p], termsite, "https://example.com/") for p in paths]
        with general_code(monkeypatch):
            general = [findings([p], termsite, "https://example.com/") for p in paths]
        assert fast == general
        assert any(f[3] == "faq-text-visible" for page in fast for f in page)
        assert any(f[3] == "has-part-linked" for page in fast for f in page)
        assert any(f[3] == "invalid-json" and "duplicate key 'name'" in f[5] for page in fast for f in page)


# -- URLs --------------------------------------------------------------------------
BASES = ["", "https://a.example/x/y", "http://a.example/x/", "HTTPS://A.example/", "https:foo", "ftp://x/",
         " https://a/", "https://[bad/", "https", "https://a.example/x/?q#f", "//a/b", "/rel/", "https://a.example",
         "https://a.example/a/b/c/", "https://A:8080/x", "https://a/x;p/y", "https://a/x\ty/", "https://a/é/"]
REFERENCES = [
    "https://b.example", "https://b.example/p?q=1#f", "http://b/", "https:///x", "https://b/a/../c", "https://b/a?",
    "https://b/a#", "https://b/a;p", "https://[x/", "https://b/a\nb", "http://", "https://", "https://b:80/",
    "https://user@b/", "https://b/%7e", "HTTPS://b/", "../x/", "../../definition/foo/", "a", ".", "..", "./", "../",
    "../../../../..", "/abs/./x/..", "//net/x", "x/./y/../z", "x//y", "/", "%7Efoo", "a@b", "x/.", "x/..", "...",
    "a/.../b", "~x", "'q'", "/..", "/./", "x:y", "#f", "?q", "", "x;y", "é", " x", "x\ny"]


def _corpus_hrefs() -> list[str]:
    hrefs = set()
    for page in CORPUS_PAGES + FIXTURE_PAGES:
        text = Path(page).read_text(encoding="utf-8", errors="replace")
        hrefs.update(m.group(1) for m in re.finditer(r'''(?:href|src|"url"|"@id"|"item")\s*[=:]\s*["']([^"']*)''', text))
    return sorted(hrefs)


def test_resolve_url_is_urljoin() -> None:
    references = REFERENCES + _corpus_hrefs()
    bases = BASES + [u for u in references if u.startswith("http")][:200]
    different = [(b, u) for b, u in itertools.product(bases, references) if extract.resolve_url(b, u) != reference_resolve_url(b, u)]
    assert not different, different[:5]


def test_normalize_url_of_plain_urls_is_the_parsed_normalization() -> None:
    references = REFERENCES + _corpus_hrefs()
    urls = BASES + references + [reference_resolve_url(b, u) for b, u in itertools.product(BASES, references)] + [
        "https://a/x/index.html", "https://a/index.html", "https://a/x/index.html?q", "https://a?q", "https://a/?",
        "https://a/#", "https://a/x#f\ng", "https://a/ x", "  https://a/x  ", "https://a/x?q r", "https://a/x?q\tr",
        "https://a./", "https://a/%41", "https://a/x?é", "https://A/x", "https://a:443/", "http://a:80/",
        "https://a/x/index.htm", "https://a/x?q#", "https://a/(x)", "https://a/x?a=1&b=2#z"]
    different = [u for u in urls if extract.normalize_url(u) != extract.normalize_url_by_parsing(u)]
    assert not different, different[:5]
    assert extract.normalize_url("https://example.com/a/index.html#top") == "https://example.com/a/"
