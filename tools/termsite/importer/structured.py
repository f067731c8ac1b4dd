"""The schema.org nodes of a saved page: JSON-LD, microdata and RDFa, in one compact form.

Whatever the syntax, a node comes out as a dict with a plain ``@type`` list (``Article``,
not ``http://schema.org/Article``) and schema.org property names as keys; ``@graph``
members are separate nodes, and a reference ``{"@id": ...}`` can be looked up with
:meth:`StructuredData.resolve`. JSON-LD blocks are parsed one by one (extruct's own
JSON-LD pass gives up on the whole page when one block is broken), so a broken block
costs that block and a note, not the page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

import extruct
import jstyleson
from bs4 import BeautifulSoup

from termsite.graph.markup import html_to_text

JsonNode = dict[str, Any]

_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
_COMMENT_LINE_RE = re.compile(r"^\s*(//.*|<!--.*-->)")
# ```json, ```jsonld, ```json-ld or ```ld+json fences of a Markdown export, with any fence length
_FENCED_JSON_RE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*(?:json|jsonld|json-ld|ld\+json|application/ld\+json)[ \t]*\n"
    r"(?P<body>.*?)\n(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL | re.IGNORECASE)
MAX_DEPTH = 8
_TAG_LIKE_RE = re.compile(r"<[A-Za-z/!?][^<>]*>")


def local_name(value: str) -> str:
    for prefix in _SCHEMA_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def types_of(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return [local_name(v) for v in values if isinstance(v, str)]


@dataclass
class StructuredData:
    nodes: list[JsonNode] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocks: int = 0  # JSON-LD blocks seen, parsed or not

    def of_type(self, *names: str) -> list[JsonNode]:
        return [node for node in self.nodes if set(types_of(node)) & set(names)]

    def first(self, *names: str) -> JsonNode | None:
        found = self.of_type(*names)
        return found[0] if found else None

    def resolve(self, value: Any) -> Any:
        """A bare {"@id": ...} replaced by the node with that @id, when the page has it."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            for node in self.nodes:
                if node.get("@id") == value["@id"] and len(node) > 1:
                    return node
        return value


def from_html(html: str, base_url: str = "") -> StructuredData:
    data = StructuredData()
    soup = BeautifulSoup(html, "html.parser")
    for index, script in enumerate(soup.find_all("script", attrs={"type": re.compile(r"^\s*application/ld\+json\s*$", re.I)}),
                                   start=1):
        data.blocks += 1
        _add_jsonld_text(data, script.string or script.get_text(), f"JSON-LD block {index}")
    try:
        extracted = extruct.extract(html, base_url=base_url or None, syntaxes=["microdata", "rdfa"],
                                    uniform=True, errors="ignore")
    except Exception as error:  # extruct wraps parsers that raise many kinds of errors on odd markup
        data.notes.append(f"microdata and RDFa could not be read ({type(error).__name__}); used JSON-LD only.")
        extracted = {}
    for item in extracted.get("microdata", []) or []:
        data.nodes.extend(_flatten(_compact(item), 0))
    data.nodes.extend(_from_rdfa(extracted.get("rdfa", []) or []))
    return data


def from_markdown(text: str) -> tuple[StructuredData, str]:
    """The JSON-LD of a Markdown export's fenced json blocks, and the Markdown without them."""
    data = StructuredData()
    index = 0

    def take(match: re.Match[str]) -> str:
        nonlocal index
        index += 1
        data.blocks += 1
        _add_jsonld_text(data, match.group("body"), f"json block {index}")
        return ""

    rest = _FENCED_JSON_RE.sub(take, text)
    return data, rest


def _add_jsonld_text(data: StructuredData, text: str, where: str) -> None:
    try:
        _add_jsonld_value(data, text, where)
    except RecursionError:  # json.loads and _compact recurse once per level; a hostile page nests thousands
        data.notes.append(f"{where} is nested too deeply to read; it was skipped.")


def _add_jsonld_value(data: StructuredData, text: str, where: str) -> None:
    try:
        value = json.loads(text, strict=False)
    except ValueError:
        try:  # the same leniency as extruct: comments around the JSON
            value = jstyleson.loads(_COMMENT_LINE_RE.sub("", text), strict=False)
        except ValueError as error:
            data.notes.append(f"{where} is not valid JSON ({error}); it was skipped.")
            return
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict):
            data.nodes.extend(_flatten(_compact(item), 0))


def _compact(value: Any) -> Any:
    """schema.org property names and types without their prefix, at every level."""
    if isinstance(value, list):
        return [_compact(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: JsonNode = {}
    for key, item in value.items():
        if key == "@type":
            out[key] = [local_name(t) for t in (item if isinstance(item, list) else [item]) if isinstance(t, str)]
        else:
            out[local_name(key) if isinstance(key, str) else key] = _compact(item)
    return out


def _flatten(node: JsonNode, depth: int) -> Iterator[JsonNode]:
    """The node itself and its @graph members (which inherit nothing but are nodes of the page)."""
    if depth > MAX_DEPTH:
        return
    graph = node.get("@graph")
    if graph is not None:
        for member in graph if isinstance(graph, list) else [graph]:
            if isinstance(member, dict):
                yield from _flatten(member, depth + 1)
        rest = {k: v for k, v in node.items() if k not in ("@graph", "@context")}
        if types_of(rest):
            yield rest
        return
    yield node


def _from_rdfa(items: Iterable[JsonNode]) -> list[JsonNode]:
    """RDFa arrives expanded (full IRIs, lists of {"@value"}); make it look like JSON-LD authors write it."""
    by_id: dict[str, JsonNode] = {}
    order: list[str] = []
    for item in items:
        if not isinstance(item, dict) or "@id" not in item:
            continue
        node: JsonNode = {"@id": item["@id"]}
        for key, value in item.items():
            if key == "@id":
                continue
            if key == "@type":
                node["@type"] = [local_name(t) for t in value if isinstance(t, str)]
                continue
            if not any(key.startswith(prefix) for prefix in _SCHEMA_PREFIXES[:2]):
                continue  # rdfa:usesVocabulary and other vocabularies say nothing about content
            values = [v.get("@value", v) if isinstance(v, dict) and "@value" in v else v
                      for v in (value if isinstance(value, list) else [value])]
            node[local_name(key)] = values[0] if len(values) == 1 else values
        by_id[item["@id"]] = node
        order.append(item["@id"])

    def inline(value: Any, depth: int) -> Any:
        if isinstance(value, list):
            return [inline(v, depth) for v in value]
        if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id and depth < MAX_DEPTH:
            target = by_id[value["@id"]]
            return {k: inline(v, depth + 1) for k, v in target.items()}
        return value

    nodes = []
    for node_id in order:
        node = by_id[node_id]
        if types_of(node):
            nodes.append({k: inline(v, 0) for k, v in node.items()})
    return nodes


# Reading values the way publishers write them: one value or a list, text or a node.
def first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_of(node: Any, *keys: str) -> str:
    """The first non-empty text among ``keys``, whitespace collapsed ('' when none).

    Some CMSs put HTML in JSON-LD text (``<p>`` in an answer, ``<b>`` in a description);
    what a reader sees is its text, read the way termsite reads its own answers.
    """
    if not isinstance(node, dict):
        return ""
    for key in keys:
        value = first(node.get(key))
        if isinstance(value, dict):
            value = value.get("@value", value.get("name", ""))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            text = str(value)
            if _TAG_LIKE_RE.search(text):
                text = html_to_text(text)
            return " ".join(text.split())
    return ""


def url_of(node: Any, *keys: str) -> str:
    """The first URL among ``keys``; a node value gives its url or @id."""
    if not isinstance(node, dict):
        return ""
    for key in keys:
        value = first(node.get(key))
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id") or ""
            value = first(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
