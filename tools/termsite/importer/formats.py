"""The formats ``termsite import`` reads, in one registry.

Each format has a name (for ``--format``), the file suffixes it claims, a sniffer that
recognizes its content when the suffix says nothing, and a reader that turns one source
into :class:`~termsite.importer.reading.Reading` records. The command never asks which
format it has: it asks the registry for the reader of a file (like rdflib's parser
plugins or Hugo's output formats), so a new format is one more registration here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from termsite.importer.sources import ReadOptions, SourceError, SourceFile

if TYPE_CHECKING:
    from termsite.importer.reading import Reading

Reader = Callable[[SourceFile, ReadOptions], list["Reading"]]


@dataclass(frozen=True)
class SourceFormat:
    name: str
    label: str  # what the format is, for help texts and messages
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Reader


class FormatRegistry:
    def __init__(self) -> None:
        self._formats: dict[str, SourceFormat] = {}

    def register(self, source_format: SourceFormat) -> None:
        self._formats[source_format.name] = source_format

    @property
    def names(self) -> list[str]:
        return list(self._formats)

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(suffix for f in self._formats.values() for suffix in f.suffixes)

    def named(self, name: str) -> SourceFormat:
        return self._formats[name]

    def format_of(self, source: SourceFile) -> SourceFormat:
        """The format a file's suffix claims; for another suffix, the first whose sniffer knows its content."""
        suffix = source.path.suffix.lower()
        for candidate in self._formats.values():
            if suffix in candidate.suffixes:
                return candidate
        for candidate in self._formats.values():
            if candidate.sniff(source.head):
                return candidate
        raise SourceError(f"{source.name}: not a format termsite imports; expected one of "
                          f"{', '.join(self.suffixes)}, or name the format with --format "
                          f"({', '.join(self.names)}).")


def _text_head(head: bytes) -> str:
    return head.lstrip(b"\xef\xbb\xbf").decode("utf-8", errors="ignore").lstrip()


def _looks_like_html(head: bytes) -> bool:
    return bool(re.match(r"(<!--.*?-->\s*)*<(!doctype html|html|head|body)\b", _text_head(head), re.I | re.S))


def _looks_like_markdown(head: bytes) -> bool:
    return bool(re.match(r"(---\s*\n.*?\n---\s*\n\s*)?#{1,2} \S", _text_head(head), re.S))


def _looks_like_turtle(head: bytes) -> bool:
    return bool(re.match(r"(#[^\n]*\n\s*)*(@prefix|@base|prefix\s|base\s)", _text_head(head), re.I))


def _looks_like_rdfxml(head: bytes) -> bool:
    text = _text_head(head)
    return text.startswith(("<?xml", "<rdf:RDF")) and "rdf-syntax-ns" in text


def _looks_like_jsonld(head: bytes) -> bool:
    text = _text_head(head)
    return text[:1] in ("{", "[") and '"@context"' in text and "skos" in text.lower()


def _looks_like_ntriples(head: bytes) -> bool:
    return bool(re.match(r"(#[^\n]*\n\s*)*<[^<>\s]+>\s+<[^<>\s]+>\s+(<|\"|_:)", _text_head(head)))


def _looks_like_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"xl/" in head


def _looks_like_csv(head: bytes) -> bool:
    first = _text_head(head).split("\n", 1)[0]
    return bool(first) and any(separator in first for separator in (",", ";", "\t")) and "<" not in first[:1]


def _read_pages(kind: str) -> Reader:
    def read(source: SourceFile, options: ReadOptions) -> list[Reading]:
        from termsite.importer.reading import read_document
        from termsite.importer.sources import decode_page

        return [read_document(decode_page(source, kind))]
    return read


def _read_table(kind: str) -> Reader:
    def read(source: SourceFile, options: ReadOptions) -> list[Reading]:
        from termsite.importer import spreadsheet

        return [spreadsheet.read_spreadsheet(source, kind, options)]
    return read


def _read_rdf(syntax: str) -> Reader:
    def read(source: SourceFile, options: ReadOptions) -> list[Reading]:
        from termsite.importer import skos

        return [skos.read_skos(source, syntax, options)]
    return read


REGISTRY = FormatRegistry()
# Order matters only for sniffing: the most specific signatures first.
REGISTRY.register(SourceFormat("html", "a saved HTML page", (".html", ".htm", ".xhtml"), _looks_like_html,
                               _read_pages("html")))
REGISTRY.register(SourceFormat("xlsx", "an Excel workbook (its first sheet)", (".xlsx", ".xlsm"), _looks_like_xlsx,
                               _read_table("xlsx")))
REGISTRY.register(SourceFormat("rdfxml", "SKOS in RDF/XML", (".rdf", ".owl", ".xml"), _looks_like_rdfxml,
                               _read_rdf("xml")))
REGISTRY.register(SourceFormat("turtle", "SKOS in Turtle", (".ttl",), _looks_like_turtle, _read_rdf("turtle")))
REGISTRY.register(SourceFormat("ntriples", "SKOS in N-Triples", (".nt",), _looks_like_ntriples, _read_rdf("nt")))
REGISTRY.register(SourceFormat("jsonld", "SKOS in JSON-LD", (".jsonld",), _looks_like_jsonld, _read_rdf("json-ld")))
REGISTRY.register(SourceFormat("markdown", "a Markdown export of a page", (".md", ".markdown"), _looks_like_markdown,
                               _read_pages("markdown")))
REGISTRY.register(SourceFormat("tsv", "a tab-separated spreadsheet", (".tsv", ".tab"), lambda head: False,
                               _read_table("tsv")))
REGISTRY.register(SourceFormat("csv", "a spreadsheet saved as CSV (comma, semicolon or tab)", (".csv", ".txt"),
                               _looks_like_csv, _read_table("csv")))


def format_for(source: SourceFile, forced: str = "") -> SourceFormat:
    return REGISTRY.named(forced) if forced else REGISTRY.format_of(source)
