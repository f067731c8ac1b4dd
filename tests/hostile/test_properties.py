"""Property-based tests: arbitrary content and arbitrary pages end as results or reported problems.

* YAML bytes and text: the reader returns a tree or problems, never raises.
* Structured content (mappings with termsite's field names and hostile values): loading
  either succeeds or reports problems; a glossary that loads is linked, paged, serialized
  and rendered without an exception, and its JSON-LD stays escaped.
* Markdown: the rendered fragment only holds the documented dialect (docs/security.md).
* HTML with JSON-LD: every checker rule runs without an internal error; the importer's
  reading returns a reading or a SourceError.

The example counts keep this file to a few seconds; the atheris targets in tools/fuzz/
search the same ground for much longer.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import lxml.html
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termsite.checker.config import CheckConfig, build_config
from termsite.checker.rules import RULES
from termsite.checker.runner import PageTask, check_page
from termsite.importer.reading import Reading, read_document
from termsite.importer.sources import SourceDocument, SourceError
from termsite.site.jsonld import serialize
from termsite.authoring.lint import lint_content
from termsite.content.loader import check_content
from termsite.graph.markup import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS, markdown_to_html
from termsite.content.model import TERM
from termsite.site.pages import SiteBuilder
from termsite.problems import Problem
from termsite.site.render import PageRenderer
from termsite.settings import Publisher, SiteSettings
from termsite.content.yamlsource import parse_yaml_bytes

from .corpus import AREA_TEXT

ROOT = Path(__file__).resolve().parent.parent.parent
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Pieces that have broken parsers, sanitizers and templates somewhere.
HOSTILE_SNIPPETS = ["<script>alert(1)</script>", "</script>", "<!--", "-->", "<img src=x onerror=alert(1)>",
                    "{{ x }}", "{% raw %}", "[[", "]]", "[[mark-price]]", "[[a|b]]", "[x](javascript:alert(1))",
                    "<javascript:alert(1)>", "&amp;", "&#0;", "\u202e", "\u2028", "\x00", "\x1b[2J", "\ufeff",
                    "&", "<", ">", '"', "'", "\\", "\n", "\t", "---", "*", "&a", "!!python/object:os.system", "#",
                    "P&L", "a < b", "amp", "\U0001f600", "İ", "ß", "x" * 200]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_SNIPPETS), st.text(max_size=20)), max_size=8).map("".join)


def _problems_are_well_formed(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and re.fullmatch(r"[a-z]+(-[a-z]+)*", problem.code)
        assert problem.message.endswith((".", "?")), problem.message
        assert "Traceback" not in problem.message


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_tree_or_problems(data: bytes) -> None:
    node, problems = parse_yaml_bytes(data, "terms/x.yml")
    assert (node is None) == bool(problems)
    _problems_are_well_formed(problems)


@FAST
@given(st.lists(st.one_of(st.sampled_from(["title: ", "- ", "  ", ": ", "[", "]", "{", "}", ", ", "? ", "&a ",
                                           "*a", "!!str ", "|\n", ">-\n", "'", '"', "\n", "\t", "#", "---\n",
                                           "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n"]),
                          hostile_text), max_size=30).map("".join))
def test_any_yaml_like_text_is_a_tree_or_problems(text: str) -> None:
    node, problems = parse_yaml_bytes(text.encode("utf-8", "surrogatepass"), "terms/x.yml")
    assert (node is None) == bool(problems)
    _problems_are_well_formed(problems)


# Structured content: termsite's field names with arbitrary values, and valid values often enough
# that many examples load and go through the whole pipeline.
scalars = st.one_of(hostile_text, st.integers(-10**30, 10**30), st.floats(allow_nan=True), st.booleans(), st.none(),
                    st.datetimes(timezones=st.just(timezone.utc)).map(lambda d: d.isoformat()))
field_names = st.sampled_from(list(TERM.names) + ["question", "answer", "url", "width", "height", "caption", "x"])
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(field_names, inner, max_size=4)), max_leaves=12)
valid_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf"), blacklist_characters="<"),
                     min_size=1, max_size=40).filter(str.strip)
term_values = {
    "title": st.one_of(valid_text, values),
    "summary": st.one_of(valid_text, values),
    "areas": st.one_of(st.just(["liquidation"]), values),
}
optional_values = {
    "aliases": st.one_of(st.lists(valid_text, max_size=3), values),
    "related": st.one_of(st.just(["other"]), st.just(["x"]), values),
    "body": st.one_of(hostile_text, values),
    "faq": st.one_of(st.lists(st.fixed_dictionaries({"question": valid_text, "answer": hostile_text}), max_size=2),
                     values),
    "sources": st.one_of(st.just([{"title": "A source", "url": "https://example.org/"}]), values),
    "image": st.one_of(st.just({"url": "images/x.svg", "width": 10, "height": 10, "caption": "c"}), values),
    "published": st.one_of(st.just("2026-01-01T00:00:00+00:00"), values),
    "unknown": values,
}
chaos_terms = st.fixed_dictionaries(term_values, optional=optional_values)
# Valid terms whose texts are as awkward as the loader allows: these go through the whole pipeline.
_REFUSED_IN_MARKDOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
markdown_text = hostile_text.map(lambda text: _REFUSED_IN_MARKDOWN.sub("", text))
plain_text = st.one_of(valid_text, st.lists(st.sampled_from(["&", '"', "'", "{{ x }}", "{% raw %}", "a < b", "-->",
                                                              "&lt;b&gt;", "P&L", "amp", "Other", "\\", "İ"]),
                                            min_size=1, max_size=5).map(" ".join))
valid_terms = st.fixed_dictionaries(
    {"title": plain_text, "summary": plain_text, "areas": st.just(["liquidation"])},
    optional={"aliases": st.lists(plain_text, max_size=3, unique_by=str.casefold), "related": st.just(["other"]),
              "body": markdown_text,
              "faq": st.lists(st.fixed_dictionaries({"question": plain_text, "answer": markdown_text}), max_size=2),
              "image": st.just({"url": "images/x.svg", "width": 10, "height": 10, "caption": "c & d"})})
terms = st.one_of(valid_terms, chaos_terms)

SETTINGS = SiteSettings(site_url="https://test.termsite.example/", site_name="Test", publisher=Publisher(name="P"))
RENDERER = PageRenderer(ROOT / "templates")
OTHER = "title: Other\nsummary: The other term.\nareas: [liquidation]\nrelated: [x]\nbody: See [[x]].\n"


@SLOW
@given(terms)
def test_any_structured_term_loads_or_reports_problems_and_builds(term: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        (content / "terms").mkdir()
        (content / "areas").mkdir()
        (content / "areas/liquidation.yml").write_text(AREA_TEXT, encoding="utf-8")
        (content / "terms/other.yml").write_text(OTHER, encoding="utf-8")
        (content / "terms/x.yml").write_text(yaml.safe_dump(term, allow_unicode=True), encoding="utf-8")
        glossary, problems = check_content(content)
        _problems_are_well_formed(problems)
        assert lint_content(content) is not None
    if glossary is None:
        assert any(p.is_error for p in problems)
        return
    for page in SiteBuilder(glossary, SETTINGS).pages():
        for node in page.jsonld:
            text = serialize(node)
            assert not set("<>&") & set(text)
            json.loads(text)
        html = RENDERER.render(page)
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
        assert not tree.xpath("//script | //*[@*[starts-with(name(), 'on')]]")


def _url_is_allowed(url: str) -> bool:
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url.strip())
    return scheme is None or scheme.group(1).lower() in ALLOWED_SCHEMES


@FAST
@given(hostile_text)
def test_markdown_renders_only_the_documented_dialect(text: str) -> None:
    fragment = markdown_to_html(text)
    if not fragment:
        return
    tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in tree.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        assert element.tag in ALLOWED_TAGS, element.tag
        for name, value in element.attrib.items():
            assert name in ALLOWED_ATTRIBUTES.get(element.tag, set()) | {"rel"}, (element.tag, name)
            if name in ("href", "src"):
                assert _url_is_allowed(value), value
            if name == "title":
                assert not re.search(r"<[A-Za-z/!?]", value), value


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["@context", "@type", "@id", "@graph", "@list", "name",
                                                             "mainEntity", "acceptedAnswer", "text", "url", "item",
                                                             "itemListElement", "position", "hasPart", "datePublished",
                                                             "x"]), inner, max_size=5)),
    max_leaves=20)
json_ld = st.one_of(
    json_values.map(lambda v: json.dumps(v).replace("<", "\\u003c")),
    st.fixed_dictionaries({"@context": st.just("https://schema.org"),
                           "@type": st.sampled_from(["FAQPage", "BreadcrumbList", "Article", "DefinedTerm",
                                                     "CollectionPage", "Question"])},
                          optional={"mainEntity": json_values, "itemListElement": json_values, "name": json_values,
                                    "hasPart": json_values, "@id": json_values}).map(json.dumps),
    hostile_text)
html_pages = st.tuples(st.lists(json_ld, max_size=3), hostile_text, hostile_text).map(
    lambda parts: ("<!doctype html><html><head><title>" + parts[1] + "</title>"
                   '<link rel="canonical" href="https://example.com/page/">'
                   + "".join(f'<script type="application/ld+json">{block}</script>' for block in parts[0])
                   + "</head><body>" + parts[2] + "</body></html>"))


@SLOW
@given(html_pages)
def test_any_page_is_checked_without_an_internal_error(page: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, encoding="utf-8", errors="surrogatepass")
        problems, _summary, _unreadable = check_page(PageTask(str(path), str(path), None, "page/"), CHECKER_CONFIG)
    assert not [p for p in problems if p.rule_id == "internal-error"], problems


CHECKER_CONFIG = CheckConfig(**{**build_config(RULES, mkdocs_path=None).__dict__, "site_url": "https://example.com/"})


@SLOW
@given(html_pages)
def test_any_page_is_read_or_refused_by_the_importer(page: str) -> None:
    try:
        reading = read_document(SourceDocument(Path("page.html"), "html", page))
    except SourceError:
        return
    assert isinstance(reading, Reading)
    assert reading.terms or reading.area


@FAST
@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)), st.text(max_size=6))
def test_any_date_text_is_a_date_or_a_problem(moment: datetime, offset: str) -> None:
    text = moment.isoformat() + offset
    node, problems = parse_yaml_bytes(f"title: T\nsummary: S.\nareas: [a]\npublished: '{text}'\n".encode(
        "utf-8", "surrogatepass"), "terms/x.yml")
    if node is None:
        return
    from termsite.content.fields import Collector, Invalid
    out = Collector("terms/x.yml")
    try:
        TERM.convert(node, "", out)
    except Invalid:
        assert out.problems
