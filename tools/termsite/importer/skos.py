"""SKOS vocabularies (Turtle, RDF/XML, JSON-LD, N-Triples, parsed with rdflib) as terms and areas.

* ``skos:Concept`` → a term: ``prefLabel`` in the site's language (``--lang``) is the title,
  ``altLabel``/``hiddenLabel`` the aliases, the first sentence of ``definition`` the summary
  (a definition of several sentences also opens the body), ``scopeNote``/``example``/``note``
  sections of the body, ``related`` the related terms, ``broader``/``narrower`` the new
  ``broader`` field, ``notation`` the ``code``, ``owl:deprecated``/``dct:isReplacedBy`` the
  status, ``dct:created``/``dct:modified`` the dates.
* ``skos:Collection``s are the areas, their members the areas' terms; without collections,
  each top concept with narrower concepts is an area, and the concepts below it are its terms.
  Concepts under no area go to an area made from the scheme, unless ``--area`` names one.
* The ``skos:ConceptScheme``'s title is the glossary's name (the report suggests it as site_name).
* Labels and definitions in other languages are kept for translations: see :func:`translations`. In the
  site's other languages (the plugin option ``languages``) they become translation files
  (``content/i18n/<lang>/``, written by :mod:`termsite.importer.plan`); the others are listed in the report.

A concept's slug is the last segment of its ``schema:url`` (what termsite's own export
writes), else made from its title. SKOS has no order, so lists are sorted: aliases by
name, areas, broader and related terms by slug. A notation equal to the slug is not a code
(termsite's export writes the slug when a term has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from termsite.content.languages import primary_subtag
from termsite.content.slugs import slugify
from termsite.importer import codes
from termsite.importer.htmlmd import escape_paragraph
from termsite.importer.reading import AreaRecord, Reading, TermRecord, normalize_datetime, slug_from_url
from termsite.importer.sources import ReadOptions, SourceError, SourceFile
from termsite.importer.text import first_sentence

PLACEHOLDER_SUMMARY = "Replace this with a one-sentence definition of {title}."
NO_DEFINITION = "imported from SKOS without a definition: write the summary"
_NOTE_HEADINGS = (("scopeNote", "Scope"), ("example", "Example"), ("note", "Note"),
                  ("editorialNote", "Editorial note"), ("historyNote", "History"))


@dataclass
class ConceptLabels:
    """What a concept says in one language: for a translation of its term or area."""

    title: str = ""
    aliases: list[str] = field(default_factory=list)
    definition: str = ""


@dataclass
class _Concept:
    node: Any
    slug: str
    title: str
    broader: set[Any] = field(default_factory=set)


def read_skos(source: SourceFile, syntax: str, options: ReadOptions) -> Reading:
    from rdflib import Graph

    graph = Graph()
    try:
        graph.parse(data=source.data, format=syntax, publicID=source.path.resolve().as_uri())
    except Exception as error:  # rdflib's parsers raise their own kinds of errors, with or without a position
        line, column = _position(error)
        raise SourceError(f"{source.name}:{line}:{column}: error[{codes.RDF_SYNTAX}] the file does not parse as "
                          f"{_SYNTAX_NAMES.get(syntax, syntax)} ({_first_line(error)}).") from None
    return SkosReader(graph, source, options).reading()


_SYNTAX_NAMES = {"turtle": "Turtle", "xml": "RDF/XML", "json-ld": "JSON-LD", "nt": "N-Triples"}


def _first_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 200 else text[:199] + "…"


def _position(error: Exception) -> tuple[int, int]:
    """The line and column rdflib's parser gave up at, where it says (1:1 where it does not)."""
    for line_attr, column_attr in (("lineno", "colno"), ("getLineNumber", "getColumnNumber")):
        line = getattr(error, line_attr, None)
        column = getattr(error, column_attr, None)
        if callable(line):
            line, column = line(), column() if callable(column) else 0
        if isinstance(line, int) and line > 0:
            return line, (column + 1 if isinstance(column, int) and column >= 0 and line_attr != "lineno"
                          else column if isinstance(column, int) and column > 0 else 1)
    match = re.search(r"\bline:? (\d+)", str(error))
    if match:
        return int(match.group(1)), 1
    lines = getattr(error, "lines", None)
    if isinstance(lines, int):
        return lines + 1, 1
    return 1, 1


class SkosReader:
    def __init__(self, graph: Any, source: SourceFile, options: ReadOptions) -> None:
        from rdflib import Namespace
        from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

        self.graph, self.source, self.language, self.options = graph, source, options.language, options
        self.SKOS, self.RDF, self.RDFS, self.DCT, self.OWL = SKOS, RDF, RDFS, DCTERMS, OWL
        self.SCHEMA = (Namespace("https://schema.org/"), Namespace("http://schema.org/"))
        self.notes: list[str] = []
        self.errors: list[str] = []
        self.text = source.data.decode("utf-8", errors="replace")

    # Values
    def literals(self, node: Any, predicate: Any) -> list[Any]:
        from rdflib import Literal

        return [o for o in self.graph.objects(node, predicate) if isinstance(o, Literal)]

    def in_language(self, node: Any, predicate: Any, language: str) -> list[str]:
        values = self.literals(node, predicate)
        wanted = [v for v in values if (v.language or "").lower().split("-")[0] == language.lower()]
        if not wanted and language == self.language:
            wanted = [v for v in values if not v.language]
        return sorted({" ".join(str(v).split()) for v in wanted if str(v).strip()}, key=str.casefold)

    def label(self, node: Any) -> str:
        for predicate in (self.SKOS.prefLabel, self.DCT.title, self.RDFS.label):
            found = self.in_language(node, predicate, self.language)
            if found:
                return found[0]
        return ""

    def languages(self, node: Any) -> set[str]:
        return {(v.language or "").lower().split("-")[0] for p in (self.SKOS.prefLabel, self.SKOS.altLabel,
                                                                   self.SKOS.definition)
                for v in self.literals(node, p) if v.language}

    def where(self, node: Any) -> str:
        """file:line:col of a concept: where its IRI first appears in the file."""
        text = str(node)
        candidates = [f"<{text}>", text]
        try:
            prefix, namespace, local = self.graph.namespace_manager.compute_qname(text, generate=False)
            candidates.insert(1, f"{prefix}:{local}")
        except (KeyError, ValueError, Exception):
            pass
        for candidate in candidates:
            offset = self.text.find(candidate)
            if offset >= 0:
                line = self.text.count("\n", 0, offset) + 1
                return f"{self.source.name}:{line}:{offset - (self.text.rfind(chr(10), 0, offset) + 1) + 1}"
        return f"{self.source.name}:1:1"

    # Structure
    def reading(self) -> Reading:
        RDF, SKOS = self.RDF, self.SKOS
        reading = Reading(source=self.source.name)
        schemes = sorted(set(self.graph.subjects(RDF.type, SKOS.ConceptScheme)), key=str)
        reading.glossary_name = next((self.label(s) for s in schemes if self.label(s)), "")
        nodes = sorted(set(self.graph.subjects(RDF.type, SKOS.Concept)), key=str)
        if not nodes:
            raise SourceError(f"{self.source.name}: the vocabulary has no skos:Concept; termsite imports the concepts "
                              "of a SKOS concept scheme.")
        concepts = self._concepts(nodes)
        if self.errors:
            reading.errors = self.errors
            return reading
        broader = {node: self._broader(node, concepts) for node in concepts}
        collections = sorted(set(self.graph.subjects(RDF.type, SKOS.Collection)), key=str)
        area_nodes = self._area_nodes(collections, concepts, broader)
        members = self._members(collections, concepts, broader, area_nodes)
        areas = {node: self._area(node, concepts) for node in area_nodes}
        fallback = self._scheme_area(schemes, reading) if any(
            node not in area_nodes and not members.get(node) for node in concepts) else None
        for node, concept in concepts.items():
            if node in area_nodes:
                continue
            term = self._term(node, concept, concepts, area_nodes)
            term.areas = sorted(concepts[a].slug if a in concepts else areas[a].slug for a in members.get(node, ()))
            if not term.areas and fallback is not None:
                term.areas = [fallback.slug]
                fallback.terms.append(term.slug)
            term.broader = sorted(concepts[b].slug for b in broader[node] if b not in area_nodes)
            reading.terms.append(term)
        reading.areas = list(areas.values()) + ([fallback] if fallback is not None else [])
        others = translations(self, concepts)
        # labels in the site's other languages become translation files (see importer.plan); the rest are listed
        written = {primary_subtag(code) for code in self.options.translated}
        unused = {slug: {language: labels for language, labels in languages.items() if language not in written}
                  for slug, languages in others.items()}
        unused = {slug: languages for slug, languages in unused.items() if languages}
        if unused:
            count = sum(len(languages) for languages in unused.values())
            shown = sorted({language for languages in unused.values() for language in languages})
            reading.notes.append(f"{count} label set(s) in other languages ({', '.join(shown)}) were not imported; "
                                 "they are listed below for translation (add the language to the plugin option "
                                 "`languages` to import them as translations).")
            for slug, languages in sorted(unused.items()):
                for language, labels in sorted(languages.items()):
                    extra = f" (also: {', '.join(labels.aliases)})" if labels.aliases else ""
                    reading.notes.append(f"'{slug}' in {language}: {labels.title}{extra}")
        reading.notes += self.notes
        reading.translations = others
        return reading

    def _concepts(self, nodes: list[Any]) -> dict[Any, _Concept]:
        concepts: dict[Any, _Concept] = {}
        slugs: dict[str, Any] = {}
        for node in nodes:
            title = self.label(node)
            if not title:
                any_label = sorted(str(v) for v in self.literals(node, self.SKOS.prefLabel))
                if not any_label:
                    self.errors.append(f"{self.where(node)}: error[missing-field] the concept <{node}> has no "
                                       "skos:prefLabel; every term needs a title.")
                    continue
                title = " ".join(any_label[0].split())
                self.notes.append(f"<{node}> has no label in '{self.language}'; its title is '{title}' (choose the "
                                  "language with --lang).")
            slug = self._slug(node, title)
            if not slug:
                self.errors.append(f"{self.where(node)}: error[bad-slug] no slug can be made of the label '{title}'.")
                continue
            if slug in slugs:
                self.errors.append(f"{self.where(node)}: error[duplicate-slug] the concept <{node}> would have the "
                                   f"slug '{slug}' of <{slugs[slug]}>; give one of them another label.")
                continue
            slugs[slug] = node
            concepts[node] = _Concept(node, slug, title)
        return concepts

    def _slug(self, node: Any, title: str) -> str:
        from rdflib import URIRef

        for schema in self.SCHEMA:
            for url in self.graph.objects(node, schema.url):
                if isinstance(url, URIRef):
                    slug, note = slug_from_url(str(url))
                    if slug and not note:
                        return slug
        return slugify(title)

    def _broader(self, node: Any, concepts: dict[Any, _Concept]) -> set[Any]:
        found = set(self.graph.objects(node, self.SKOS.broader)) | set(self.graph.subjects(self.SKOS.narrower, node))
        return {b for b in found if b in concepts and b != node}

    def _area_nodes(self, collections: list[Any], concepts: dict[Any, _Concept],
                    broader: dict[Any, set[Any]]) -> list[Any]:
        if collections:
            return collections
        top = set(self.graph.subjects(self.SKOS.topConceptOf, None)) | set(self.graph.objects(None, self.SKOS.hasTopConcept))
        has_narrower = {b for values in broader.values() for b in values}
        return sorted((node for node in top if node in concepts and node in has_narrower), key=str)

    def _members(self, collections: list[Any], concepts: dict[Any, _Concept], broader: dict[Any, set[Any]],
                 area_nodes: list[Any]) -> dict[Any, set[Any]]:
        """Concept -> the area nodes it belongs to: its collections', or its top concepts' (through broader)."""
        direct: dict[Any, set[Any]] = {node: set() for node in concepts}
        if collections:
            for collection in collections:
                for member in self.graph.objects(collection, self.SKOS.member):
                    if member in direct:
                        direct[member].add(collection)
        else:
            for node in concepts:
                direct[node] = {b for b in broader[node] if b in area_nodes}
        # A concept below a term of an area belongs to that area too.
        resolved: dict[Any, set[Any]] = {}

        def areas_of(node: Any, seen: frozenset[Any]) -> set[Any]:
            if node in resolved:
                return resolved[node]
            found = set(direct[node])
            if not found:
                for parent in broader[node]:
                    if parent not in seen and parent not in area_nodes:
                        found |= areas_of(parent, seen | {node})
            resolved[node] = found
            return found

        return {node: areas_of(node, frozenset()) for node in concepts}

    def _dates(self, node: Any, what: str) -> tuple[str, str]:
        values = []
        for predicate, key in ((self.DCT.created, "created"), (self.DCT.modified, "modified")):
            found = sorted(str(v) for v in self.literals(node, predicate))
            value = found[0] if found else ""
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                self.notes.append(f"{what} dct:{key} '{value}' is a date; imported as {value}T00:00:00+00:00 "
                                  "(midnight UTC assumed).")
                value += "T00:00:00+00:00"
            values.append(normalize_datetime(value, what, f"dct:{key}", self.notes))
        return values[0], values[1]

    def _texts(self, node: Any) -> tuple[str, str, str]:
        """(summary, body Markdown, review comment) from the definition and the notes."""
        definitions = self.in_language(node, self.SKOS.definition, self.language)
        definition = definitions[0] if definitions else ""
        summary, rest = first_sentence(definition)
        parts = [escape_paragraph(definition)] if rest else []
        for predicate, heading in _NOTE_HEADINGS:
            values = self.in_language(node, getattr(self.SKOS, predicate), self.language)
            if values:
                parts.append(f"## {heading}")
                parts += [escape_paragraph(value) for value in values]
        return summary, "\n\n".join(parts), "" if summary else NO_DEFINITION

    def _term(self, node: Any, concept: _Concept, concepts: dict[Any, _Concept], area_nodes: list[Any]) -> TermRecord:
        from rdflib import Literal

        what = f"term '{concept.slug}'"
        summary, body, review = self._texts(node)
        if review:
            summary = PLACEHOLDER_SUMMARY.format(title=concept.title)
        published, modified = self._dates(node, what)
        term = TermRecord(slug=concept.slug, url=str(node), title=concept.title, summary=summary,
                          source=self.source.name, listing_only=False, published=published, modified=modified,
                          review=[review] if review else [])
        term.body.source_markdown = body
        aliases = self.in_language(node, self.SKOS.altLabel, self.language) + \
            self.in_language(node, self.SKOS.hiddenLabel, self.language)
        seen = {concept.title.casefold()}
        term.aliases = [a for a in aliases if not (a.casefold() in seen or seen.add(a.casefold()))]  # type: ignore[func-returns-value]
        related = set(self.graph.objects(node, self.SKOS.related)) | set(self.graph.subjects(self.SKOS.related, node))
        term.related = sorted(concepts[r].slug for r in related if r in concepts and r != node and r not in area_nodes)
        notations = sorted(" ".join(str(v).split()) for v in self.literals(node, self.SKOS.notation))
        if notations and notations[0] != concept.slug:
            term.code = notations[0]
        deprecated = [v for v in self.graph.objects(node, self.OWL.deprecated)
                      if isinstance(v, Literal) and str(v).lower() in ("true", "1")]
        replacements = sorted(concepts[r].slug for r in self.graph.objects(node, self.DCT.isReplacedBy) if r in concepts)
        if deprecated or replacements:
            term.status = "deprecated"
        if replacements:
            term.replaced_by = replacements[0]
            if not deprecated:
                self.notes.append(f"{what} has dct:isReplacedBy but no owl:deprecated; it was imported as deprecated.")
        return term

    def _area(self, node: Any, concepts: dict[Any, _Concept]) -> AreaRecord:
        concept = concepts.get(node)
        title = concept.title if concept else self.label(node) or str(node).rstrip("/#").rsplit("/", 1)[-1]
        slug = concept.slug if concept else self._slug(node, title)
        summary, body, review = self._texts(node)
        published, modified = self._dates(node, f"area '{slug}'")
        area = AreaRecord(slug=slug, url=str(node), title=title,
                          description=summary or f"Replace this with a one-sentence description of {title}.",
                          source=self.source.name, published=published, modified=modified, terms_order=False,
                          review=["imported from SKOS without a definition: write the description"] if review else [])
        area.intro.source_markdown = body
        return area

    def _scheme_area(self, schemes: list[Any], reading: Reading) -> AreaRecord:
        title = reading.glossary_name or "Glossary"
        node = schemes[0] if schemes else None
        slug = slugify(title) or "glossary"
        summary, body, _ = self._texts(node) if node is not None else ("", "", "")
        descriptions = self.in_language(node, self.DCT.description, self.language) if node is not None else []
        description = summary or (first_sentence(descriptions[0])[0] if descriptions else "")
        self.notes.append(f"concepts under no top concept or collection were put in the area '{slug}', made from "
                          "the concept scheme.")
        area = AreaRecord(slug=slug, url=str(node or ""), title=title,
                          description=description or f"Replace this with a one-sentence description of {title}.",
                          source=self.source.name, terms_order=False,
                          review=[] if description else ["imported from the SKOS concept scheme: write the description"])
        area.intro.source_markdown = body
        return area


def translations(reader: SkosReader, concepts: dict[Any, _Concept]) -> dict[str, dict[str, ConceptLabels]]:
    """Slug -> language -> what the concept says in that language, for every language but the site's.

    A later translation writer turns these into files of content/i18n/<language>/.
    """
    found: dict[str, dict[str, ConceptLabels]] = {}
    for node, concept in concepts.items():
        for language in sorted(reader.languages(node) - {reader.language.lower()}):
            titles = reader.in_language(node, reader.SKOS.prefLabel, language)
            definitions = reader.in_language(node, reader.SKOS.definition, language)
            labels = ConceptLabels(title=titles[0] if titles else "",
                                   aliases=reader.in_language(node, reader.SKOS.altLabel, language),
                                   definition=definitions[0] if definitions else "")
            if labels.title or labels.definition:
                found.setdefault(concept.slug, {})[language] = labels
    return found


def labels_by_language(readings: Iterable[Reading]) -> dict[str, dict[str, ConceptLabels]]:
    """The other-language labels of every SKOS source of an import: slug -> language -> labels."""
    merged: dict[str, dict[str, ConceptLabels]] = {}
    for reading in readings:
        for slug, languages in reading.translations.items():
            merged.setdefault(slug, {}).update(languages)
    return merged
