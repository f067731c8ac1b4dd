"""Data shapes shared by the extractor, the rules, the runner and the output formats."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def plural(self) -> str:
        return {"error": "errors", "warning": "warnings", "info": "infos"}[self.value]


class Scope(str, enum.Enum):
    """When a rule runs: on one page (in a worker) or on the whole site (after all pages)."""

    PAGE = "page"
    SITE = "site"


@dataclass(frozen=True, slots=True)
class Problem:
    """One reported problem, as the output formats print it."""

    path: str
    line: int
    col: int
    rule_id: str
    severity: Severity
    message: str
    json_path: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.rule_id, self.json_path)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields; the runner adds rule ID, severity and (for page rules) the path."""

    message: str
    json_path: str = ""
    line: int = 1
    col: int = 1
    path: str | None = None  # site rules name the page they report on


@dataclass(frozen=True, slots=True)
class BlockError:
    """Why a JSON-LD block could not be used: a strict-parse failure or a limit."""

    rule_id: str  # "invalid-json" or "limit-exceeded"
    message: str
    line: int
    col: int


@dataclass(slots=True)
class JsonLdBlock:
    """One ``<script type="application/ld+json">`` element of a page, or (``syntax``
    "microdata" / "rdfa") one top-level item of another syntax, converted to JSON-LD's shape."""

    index: int
    line: int  # of the opening <script tag (or the item's element) in the HTML, 1-based
    col: int
    content_offset: int  # character offset of the block text in the page (-1 for other syntaxes)
    raw: str
    data: Any = None
    error: BlockError | None = None
    syntax: str = "json-ld"
    locations: dict[int, Location] | None = None  # other syntaxes: id(node dict) -> its element


@dataclass(frozen=True, slots=True)
class Location:
    """Where a microdata or RDFa item sits in the HTML: its element, and each property's."""

    line: int
    col: int = 1
    property_lines: dict[str, int] = field(default_factory=dict)
    schema_vocab: bool | None = None  # the item's vocabulary, when its types decide it


@dataclass(slots=True)
class Node:
    """A JSON-LD node object found anywhere in a block, with where it sits."""

    data: dict[str, Any]
    path: str  # e.g. "FAQPage.mainEntity[2].acceptedAnswer"
    block: JsonLdBlock
    types: tuple[str, ...]  # schema.org local names, e.g. ("Article",)
    other_types: tuple[str, ...]  # types of other vocabularies or unparsable values
    schema_vocab: bool  # False when the block's @context is not schema.org
    parent_key: str | None = None  # the property whose value this node is
    parent: Node | None = None
    top_level: bool = False
    location: Location | None = None  # microdata and RDFa: the element; JSON-LD: the block

    @property
    def is_reference(self) -> bool:
        """A bare ``{"@id": ...}`` (maybe with @type) that points at a node described elsewhere."""
        return "@id" in self.data and all(key in ("@id", "@type", "@context") for key in self.data)

    @property
    def syntax(self) -> str:
        return self.block.syntax

    @property
    def typed_literals(self) -> bool:
        """True for JSON-LD, where 1 and "1" differ; microdata and RDFa values are all text."""
        return self.block.syntax == "json-ld"

    def where(self, prop: str | None = None) -> tuple[int, int]:
        """(line, col) of the node, or of one of its properties, in the HTML file."""
        if self.location is None:
            return self.block.line, self.block.col
        if prop is not None and prop in self.location.property_lines:
            return self.location.property_lines[prop], 1
        return self.location.line, self.location.col

    def at(self, message: str, prop: str | None = None) -> Finding:
        """A finding located at this node (or one of its properties)."""
        return self.finding(message, join_path(self.path, prop) if prop else self.path, prop)

    def finding(self, message: str, json_path: str, prop: str | None = None) -> Finding:
        """A finding with any JSON path (e.g. an array element), located at this node or its property."""
        line, col = self.where(prop)
        return Finding(message, json_path, line, col)


def join_path(base: str, prop: str) -> str:
    return f"{base}.{prop}" if base else prop


@dataclass(frozen=True, slots=True)
class IdClaim:
    """A node that describes (not just references) an @id, for site-wide consistency."""

    node_id: str
    types: tuple[str, ...]
    name: str | None
    headline: str | None
    json_path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class UrlReference:
    """An internal URL used in the markup, for the broken-link check."""

    url: str
    json_path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class FaqQuestion:
    text: str  # normalized question text
    json_path: str
    line: int
    col: int


@dataclass(slots=True)
class PageSummary:
    """What a worker sends back about a page for the site rules: small and picklable."""

    path: str
    root: int | None  # index of the site folder the page was found in
    rel_url: str | None  # URL path relative to the site root ("area/foo/"), None for loose files
    url: str | None  # absolute page URL (from the site URL, else the canonical)
    is_redirect: bool = False
    is_404: bool = False
    top_types: frozenset[str] = frozenset()
    suppressed: frozenset[str] = frozenset()
    id_claims: list[IdClaim] = field(default_factory=list)
    url_refs: list[UrlReference] = field(default_factory=list)
    faq_questions: list[FaqQuestion] = field(default_factory=list)
    first_block_line: int = 1
    first_block_col: int = 1
    language: str | None = None  # <html lang>
    canonical: str | None = None  # normalized absolute canonical URL
    alternates: list[Alternate] = field(default_factory=list)  # <link rel="alternate" hreflang>
    in_language: list[tuple[str, str, int, int]] = field(default_factory=list)  # (value, json path, line, col)


@dataclass(frozen=True, slots=True)
class Alternate:
    """One ``<link rel="alternate" hreflang="de" href="...">`` of a page."""

    hreflang: str
    url: str  # normalized absolute URL
    line: int
    col: int
