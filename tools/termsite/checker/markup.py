"""Microdata and RDFa items, converted to the shape of JSON-LD so that the same rules check
them, with the line of each item's element and of each of its properties.

* **Microdata** comes from extruct's W3C microdata extractor (``itemscope``, ``itemtype``,
  ``itemprop``, ``itemid``, ``itemref``, and the value rules of the HTML standard: ``content``
  of ``<meta>``, ``href``, ``src``, ``datetime``, ``value``, else the text). A small subclass
  records the line of every property element, which extruct does not keep.
* **RDFa** is read by our own walk over the same lxml tree, for the RDFa Lite 1.1 attributes
  schema.org documents (``vocab``, ``typeof``, ``property``, ``resource``, ``prefix``) plus
  ``about``, ``href``/``src``, ``content`` and ``datetime``. extruct's RDFa extractor hands back
  an RDF graph: no element lines, no document order (breadcrumb trails and repeated values
  come out shuffled) and blank nodes instead of nesting, so it cannot say where a mistake is.
  Properties outside any typed resource (Open Graph's ``<meta property="og:...">`` on the
  document itself) are not items and are left to the Open Graph rule.

Each item becomes a dict like a JSON-LD node object: ``@type`` (schema.org local names; other
vocabularies' types as full IRIs), ``@id`` (``itemid`` / ``resource``), and each property with
its value, a list when it is given several times. Values are text (both syntaxes have no
numbers or booleans), URLs, or nested items.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterator
from urllib.parse import urljoin

from lxml import etree

from .model import Location

SCHEMA_IRI = re.compile(r"^(?:https?:)?//(?:www\.)?schema\.org/(.*)$", re.IGNORECASE)

# The RDFa 1.1 initial context's prefixes a schema.org page may use without declaring them
# (https://www.w3.org/2011/rdfa-context/rdfa-1.1).
INITIAL_PREFIXES = {
    "schema": "http://schema.org/", "og": "http://ogp.me/ns#", "dc": "http://purl.org/dc/terms/",
    "dcterms": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "sioc": "http://rdfs.org/sioc/ns#",
}


@dataclass(slots=True)
class MarkupItem:
    """A top-level microdata or RDFa item and where each of its (nested) dicts sits."""

    syntax: str  # "microdata" or "rdfa"
    data: dict[str, Any]
    line: int
    locations: dict[int, Location] = field(default_factory=dict)  # id(dict) -> Location


def schema_term(iri: str) -> str | None:
    """The schema.org local name of an IRI (``https://schema.org/Person`` -> ``Person``), or None."""
    match = SCHEMA_IRI.match(iri.strip())
    return match.group(1) if match and match.group(1) else None


def _type_value(iris: list[str]) -> tuple[Any, bool | None]:
    """(@type value, schema.org vocabulary?) for an item's type IRIs."""
    names = [schema_term(iri) or iri for iri in iris]
    vocab = all(schema_term(iri) for iri in iris) if iris else None
    return (names[0] if len(names) == 1 else names), vocab


def _line(element: Any) -> int:
    return element.sourceline or 1


def _add(data: dict[str, Any], name: str, value: Any) -> None:
    if name in data:
        previous = data[name]
        data[name] = previous + [value] if isinstance(previous, list) else [previous, value]
    else:
        data[name] = value


# -- microdata ---------------------------------------------------------------------
def microdata_items(tree: Any, base_url: str | None) -> list[MarkupItem]:
    """Every top-level microdata item of the page, in document order."""
    extractor = _located_microdata_extractor()()
    items = []
    for raw in extractor.extract_items(tree, base_url):
        locations: dict[int, Location] = {}
        data = _microdata_node(raw, extractor.property_lines, locations, parent_vocab=None)
        element = raw.get("htmlNode")
        items.append(MarkupItem("microdata", data, _line(element) if element is not None else 1, locations))
    return items


@functools.lru_cache(maxsize=1)
def _located_microdata_extractor() -> type:
    """extruct's extractor, recording the line of each property's element (imported on the
    first page with microdata: extruct takes half a second to import)."""
    from extruct.w3cmicrodata import LxmlMicrodataExtractor

    class LocatedMicrodataExtractor(LxmlMicrodataExtractor):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(nested=True, add_html_node=True)
            self.property_lines: dict[Any, dict[str, int]] = {}

        def _extract_properties(self, node: Any, items_seen: Any, base_url: Any, itemids: Any) -> Iterator[Any]:
            lines = self.property_lines.setdefault(node, {})
            for prop in self._xp_prop(node):
                for name, value in self._extract_property(prop, items_seen=items_seen, base_url=base_url,
                                                          itemids=itemids):
                    lines.setdefault(name, _line(prop))
                    yield name, value

    return LocatedMicrodataExtractor


def _microdata_node(raw: dict[str, Any], property_lines: dict[Any, dict[str, int]], locations: dict[int, Location],
                    parent_vocab: bool | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    raw_type = raw.get("type")
    iris = raw_type if isinstance(raw_type, list) else [raw_type] if raw_type else []
    vocab: bool | None = parent_vocab
    if iris:
        data["@type"], vocab = _type_value([str(i) for i in iris])
    if raw.get("id"):
        data["@id"] = raw["id"]
    for name, value in (raw.get("properties") or {}).items():
        values = value if isinstance(value, list) else [value]
        converted = [_microdata_node(v, property_lines, locations, vocab) if isinstance(v, dict) and "htmlNode" in v
                     else v for v in values]
        data[name] = converted[0] if len(converted) == 1 else converted
    element = raw.get("htmlNode")
    lines = property_lines.get(element, {}) if element is not None else {}
    locations[id(data)] = Location(_line(element) if element is not None else 1, 1, dict(lines), bool(vocab))
    return data


# -- RDFa ------------------------------------------------------------------------
_COMMENT_OR_PI = (etree._Comment, etree._ProcessingInstruction)  # type: ignore[attr-defined]


@dataclass(slots=True)
class _RdfaContext:
    vocab: str | None
    prefixes: dict[str, str]
    subject: dict[str, Any] | None  # the nearest typed resource, whose properties we are reading


def rdfa_items(tree: Any, base_url: str | None) -> list[MarkupItem]:
    """Every top-level typed RDFa resource of the page, in document order."""
    items: list[MarkupItem] = []
    locations: dict[int, Location] = {}
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    # An explicit stack instead of recursion: HTML may nest deeper than Python's recursion limit.
    stack: list[tuple[Any, _RdfaContext]] = [(root, _RdfaContext(None, dict(INITIAL_PREFIXES), None))]
    while stack:
        element, context = stack.pop()
        if isinstance(element, _COMMENT_OR_PI) or not isinstance(element.tag, str):
            continue
        attrib = element.attrib
        if "vocab" in attrib or "prefix" in attrib:
            context = _RdfaContext(attrib.get("vocab", context.vocab) or None, _prefixes(attrib.get("prefix"), context.prefixes),
                                   context.subject)
        properties = [_expand(p, context) for p in attrib.get("property", "").split()] if "property" in attrib else []
        new_subject = None
        if "typeof" in attrib:
            new_subject = {}
            iris = [_expand(t, context) for t in attrib.get("typeof", "").split()]
            iris = [i for i in iris if i]
            vocab: bool | None = None
            if iris:
                new_subject["@type"], vocab = _type_value(iris)
            identifier = attrib.get("resource") or attrib.get("about")
            if identifier is None and properties:
                identifier = attrib.get("href") or attrib.get("src")
            if identifier is not None:
                new_subject["@id"] = urljoin(base_url or "", identifier.strip())
            locations[id(new_subject)] = Location(_line(element), 1, {}, bool(vocab) if vocab is not None else None)
        if properties and context.subject is not None:
            value = new_subject if new_subject is not None else _rdfa_literal(element, base_url)
            subject_location = locations[id(context.subject)]
            for prop in properties:
                if prop:
                    name = schema_term(prop) or prop
                    _add(context.subject, name, value)
                    subject_location.property_lines.setdefault(name, _line(element))
        elif new_subject is not None:
            items.append(MarkupItem("rdfa", new_subject, _line(element), locations))
        if new_subject is not None:
            context = _RdfaContext(context.vocab, context.prefixes, new_subject)
        stack.extend((child, context) for child in reversed(element))
    return items


def _prefixes(declaration: str | None, inherited: dict[str, str]) -> dict[str, str]:
    if not declaration:
        return inherited
    result = dict(inherited)
    words = declaration.split()
    for prefix, iri in zip(words[::2], words[1::2]):
        if prefix.endswith(":"):
            result[prefix[:-1].lower()] = iri
    return result


def _expand(term: str, context: _RdfaContext) -> str:
    """A term, CURIE or IRI as an absolute IRI (a bare term against the vocabulary)."""
    if ":" in term:
        prefix, _, rest = term.partition(":")
        if rest.startswith("//"):
            return term  # an absolute IRI
        iri = context.prefixes.get(prefix.lower())
        return iri + rest if iri else term
    return (context.vocab + term) if context.vocab else term


def _rdfa_literal(element: Any, base_url: str | None) -> str:
    attrib = element.attrib
    if "content" in attrib:
        return attrib["content"]
    for name in ("resource", "href", "src"):
        if name in attrib:
            return urljoin(base_url or "", attrib[name].strip())
    if element.tag == "time" and "datetime" in attrib:
        return attrib["datetime"]
    return " ".join("".join(element.itertext()).split())
