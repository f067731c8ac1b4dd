"""The glossary as open data: JSON-LD, SKOS Turtle, CSV, JSON and an llms.txt index.

Every export is built from the validated :class:`~termsite.content.model.Glossary` and the site's
:class:`~termsite.settings.SiteSettings`, so the identifiers are the ones the pages use:
a term is ``<page URL>#term`` in the JSON-LD of its page, in ``glossary.jsonld`` and in
``glossary.ttl`` alike, and the term set is the A–Z index's ``#glossary``. The build
writes every export into the site (:func:`write_site_exports`, called by the MkDocs
plugin); ``termsite export`` writes one of them anywhere. This module does not import
MkDocs.

Translations (``content/i18n/<language>/``) add their titles, aliases and summaries (descriptions
for areas) to the SKOS concepts as ``skos:prefLabel``, ``skos:altLabel`` and ``skos:definition``
tagged with their language, beside the source's, which carry the source language's tag.

Relations: ``related`` in the CSV and the JSON is the term's own list, exactly as its
file has it; in SKOS, ``skos:related`` is symmetric by definition, so the Turtle states
it in both directions. Areas are ``skos:Concept``s at the top of the scheme (not
``skos:Collection``s, which cannot be the object of ``skos:broader``), and each term is
``skos:broader`` its areas and the terms of its ``broader`` field (with ``skos:narrower`` the
other way). A term's ``skos:notation`` is its ``code``, else its slug.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from termsite.site.jsonld import CONTEXT, JsonLd
from termsite.content.loader import REFERENCE_RE, strip_code
from termsite.graph.links import LinkGraph, related_both_ways
from termsite.graph.markup import markdown_to_text
from termsite.content.model import Area, Glossary, Term
from termsite.settings import SiteSettings

SCHEMA = Namespace("https://schema.org/")
SKOS_PREFIXES = {"skos": SKOS, "dcterms": DCTERMS, "owl": OWL, "schema": SCHEMA, "xsd": XSD}
EXPORT_FORMATS = ("jsonld", "ttl", "csv", "json", "llms")
# Where the build puts each whole-glossary export, relative to the site root.
SITE_FILES = {
    "jsonld": "glossary.jsonld",
    "ttl": "glossary.ttl",
    "csv": "glossary.csv",
    "json": "glossary.json",
    "llms": "llms.txt",
}
CSV_COLUMNS = ("slug", "title", "summary", "aliases", "areas", "related", "status", "replaced_by", "author",
               "published", "modified", "url")
LIST_SEPARATOR = " | "  # between the values of a multi-valued CSV cell
_PUBLISHER_NODE = "publisher"  # the publisher's blank node: a fixed label keeps the file identical across builds


class Exporter:
    """The exports of one glossary on one site."""

    def __init__(self, glossary: Glossary, settings: SiteSettings, description: str = "",
                 graph: LinkGraph | None = None) -> None:
        self.glossary = glossary
        # The build's link graph already holds every field's text; without it, fields are rendered here.
        self.graph = graph
        self.settings = settings
        self.urls = settings.urls
        self.jsonld = JsonLd(settings, glossary)
        self.description = description or (
            f"{settings.site_name}: {_count(len(glossary.terms), 'term')} in "
            f"{_count(len(glossary.areas), 'subject area')}, each defined, cross-linked and sourced.")

    # Identifiers and URLs
    def term_url(self, slug: str) -> str:
        return self.urls.absolute(self.urls.term(slug))

    def term_id(self, slug: str) -> str:
        return self.term_url(slug) + "#term"

    def area_url(self, slug: str) -> str:
        return self.urls.absolute(self.urls.area(slug))

    def area_id(self, slug: str) -> str:
        return self.area_url(slug) + "#area"

    def term_json_path(self, slug: str) -> str:
        """Site path of a term's JSON: beside its page, e.g. definition/mark-price.json."""
        return f"{self.urls.term_prefix}{slug}.json"

    def site_file_url(self, name: str) -> str:
        return self.urls.absolute(name)

    # JSON-LD
    def defined_term_set(self) -> dict[str, Any]:
        return {**self._term_set_head(), "hasDefinedTerm": list(self._term_set_members())}

    def _term_set_head(self) -> dict[str, Any]:
        return {"@context": CONTEXT, "@type": "DefinedTermSet", "@id": self.jsonld.term_set_id,
                "name": self.settings.site_name, "description": self.description,
                "url": self.urls.absolute(self.urls.term_index()), "inLanguage": self.settings.language,
                "publisher": self.jsonld.publisher()}

    def _term_set_members(self) -> Iterator[dict[str, Any]]:
        for term in self.glossary.sorted_terms():
            node = {key: value for key, value in self.jsonld.defined_term(term).items() if key != "@context"}
            node["inDefinedTermSet"] = {"@id": self.jsonld.term_set_id}
            node["termCode"] = term.code or term.slug
            yield node

    def write_jsonld(self, out: TextIO) -> None:
        _write_json_with_list(out, self._term_set_head(), "hasDefinedTerm", self._term_set_members())

    # SKOS
    def skos_graph(self) -> Graph:
        graph = Graph()
        for prefix, namespace in SKOS_PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in self.skos_triples():
            graph.add(triple)
        return graph

    def skos_triples(self) -> list[tuple[Any, Any, Any]]:
        """The SKOS concept scheme as rdflib terms, without the cost of an rdflib store."""
        return [triple for _, triples in self._skos_subjects() for triple in triples()]

    def _skos_subjects(self) -> list[tuple[tuple[bool, str], Callable[[], list[tuple[Any, Any, Any]]]]]:
        """Each subject of the scheme: (its place in the Turtle file, a function making its triples).

        Each function makes *every* triple whose subject is its node (an area's skos:narrower
        too, which its terms imply), so that the Turtle can be written one subject at a time.
        """
        narrower: dict[str, list[Term]] = {}
        narrower_terms: dict[str, list[Term]] = {}
        for term in self.glossary.sorted_terms():
            for area in term.areas:
                narrower.setdefault(area, []).append(term)
            for slug in term.broader:
                narrower_terms.setdefault(slug, []).append(term)
        related = related_both_ways(self.glossary)
        areas = self.glossary.sorted_areas()
        subjects: list[tuple[tuple[bool, str], Callable[[], list[tuple[Any, Any, Any]]]]] = [
            ((False, self.jsonld.term_set_id), partial(self._scheme_triples, areas)),
            ((True, _PUBLISHER_NODE), self._publisher_triples),
        ]
        subjects += [((False, self.area_id(area.slug)), partial(self._area_triples, area, narrower.get(area.slug, [])))
                     for area in areas]
        subjects += [((False, self.term_id(term.slug)), partial(self._term_triples, term, related.get(term.slug, []),
                                                                narrower_terms.get(term.slug, [])))
                     for term in self.glossary.sorted_terms()]
        return subjects

    @property
    def _language(self) -> str | None:
        return self.settings.language or None

    def _scheme_triples(self, areas: list[Area]) -> list[tuple[Any, Any, Any]]:
        scheme, language = URIRef(self.jsonld.term_set_id), self._language
        triples = [
            (scheme, RDF.type, SKOS.ConceptScheme),
            (scheme, DCTERMS.title, Literal(self.settings.site_name, lang=language)),
            (scheme, DCTERMS.description, Literal(self.description, lang=language)),
            (scheme, SCHEMA.url, URIRef(self.urls.absolute(self.urls.term_index()))),
            (scheme, DCTERMS.publisher, BNode(_PUBLISHER_NODE)),
        ]
        triples += [(scheme, SKOS.hasTopConcept, URIRef(self.area_id(area.slug))) for area in areas]
        # Each translation's site name and description, tagged with its language.
        for translation_language, content in sorted(self.glossary.translations.items()):
            if content.site is not None:
                if content.site.site_name:
                    triples.append((scheme, DCTERMS.title, Literal(content.site.site_name, lang=translation_language)))
                if content.site.site_description:
                    triples.append((scheme, DCTERMS.description,
                                    Literal(content.site.site_description, lang=translation_language)))
        return triples

    def _publisher_triples(self) -> list[tuple[Any, Any, Any]]:
        publisher = BNode(_PUBLISHER_NODE)
        return [(publisher, RDF.type, SCHEMA.Organization),
                (publisher, SCHEMA.name, Literal(self.settings.publisher.name))]

    def _area_triples(self, area: Area, terms: list[Term]) -> list[tuple[Any, Any, Any]]:
        concept, scheme, language = URIRef(self.area_id(area.slug)), URIRef(self.jsonld.term_set_id), self._language
        triples = [
            (concept, RDF.type, SKOS.Concept),
            (concept, SKOS.inScheme, scheme),
            (concept, SKOS.topConceptOf, scheme),
            (concept, SKOS.prefLabel, Literal(area.title, lang=language)),
            (concept, SKOS.definition, Literal(area.description, lang=language)),
            (concept, SKOS.notation, Literal(area.slug)),
            (concept, SCHEMA.url, URIRef(self.area_url(area.slug))),
        ]
        triples += [(concept, SKOS.narrower, URIRef(self.term_id(term.slug))) for term in terms]
        for translation_language, content in sorted(self.glossary.translations.items()):
            translated = content.areas.get(area.slug)
            if translated is not None:
                triples += [(concept, SKOS.prefLabel, Literal(translated.title, lang=translation_language)),
                            (concept, SKOS.definition, Literal(translated.description, lang=translation_language))]
        return triples + self._dates(concept, area)

    def _term_triples(self, term: Term, related: list[str], narrower: list[Term]) -> list[tuple[Any, Any, Any]]:
        concept, language = URIRef(self.term_id(term.slug)), self._language
        triples = [
            (concept, RDF.type, SKOS.Concept),
            (concept, SKOS.inScheme, URIRef(self.jsonld.term_set_id)),
            (concept, SKOS.prefLabel, Literal(term.title, lang=language)),
        ]
        triples += [(concept, SKOS.altLabel, Literal(alias, lang=language)) for alias in term.aliases]
        triples += [
            (concept, SKOS.definition, Literal(term.summary, lang=language)),
            (concept, SKOS.notation, Literal(term.code or term.slug)),
            (concept, SCHEMA.url, URIRef(self.term_url(term.slug))),
        ]
        triples += [(concept, SKOS.broader, URIRef(self.area_id(area))) for area in term.areas]
        triples += [(concept, SKOS.broader, URIRef(self.term_id(slug))) for slug in term.broader]
        triples += [(concept, SKOS.narrower, URIRef(self.term_id(child.slug))) for child in narrower]
        triples += [(concept, SKOS.related, URIRef(self.term_id(other))) for other in related]
        if term.deprecated:
            triples.append((concept, OWL.deprecated, Literal(True)))
        if term.replaced_by:
            triples.append((concept, DCTERMS.isReplacedBy, URIRef(self.term_id(term.replaced_by))))
        for translation_language, content in sorted(self.glossary.translations.items()):
            translated = content.terms.get(term.slug)
            if translated is not None:
                triples.append((concept, SKOS.prefLabel, Literal(translated.title, lang=translation_language)))
                triples += [(concept, SKOS.altLabel, Literal(alias, lang=translation_language))
                            for alias in translated.aliases]
                triples.append((concept, SKOS.definition, Literal(translated.summary, lang=translation_language)))
        return triples + self._dates(concept, term)

    @staticmethod
    def _dates(concept: URIRef, entry: Term | Area) -> list[tuple[Any, Any, Any]]:
        triples = []
        if entry.published:
            triples.append((concept, DCTERMS.created, Literal(entry.published.isoformat(), datatype=XSD.dateTime)))
        if entry.modified:
            triples.append((concept, DCTERMS.modified, Literal(entry.modified.isoformat(), datatype=XSD.dateTime)))
        return triples

    def turtle(self) -> str:
        out = io.StringIO()
        self.write_turtle(out)
        return out.getvalue()

    def write_turtle(self, out: TextIO) -> None:
        """The Turtle of grouped_turtle(skos_triples()), made and written one subject at a time."""
        writer = _TurtleWriter(SKOS_PREFIXES)
        # The prefixes used are known only at the end: the subjects go to a temporary file first.
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as body:
            for _, triples in sorted(self._skos_subjects(), key=lambda subject: subject[0]):
                made = triples()
                body.write("\n\n" + writer.block(made[0][0], made))
            heading = writer.heading()
            out.write("\n".join(heading))
            body.seek(0)
            if not heading:
                body.read(1)  # "\n".join([] + ["", block]) starts with one newline, not two
            shutil.copyfileobj(body, out)
        out.write("\n")

    # CSV
    def csv_text(self) -> str:
        out = io.StringIO()
        self.write_csv(out)
        return out.getvalue()

    def write_csv(self, out: TextIO) -> None:
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
        writer.writerow(CSV_COLUMNS)
        for term in self.glossary.sorted_terms():
            author = self.glossary.author_of(term)
            writer.writerow([
                term.slug, term.title, term.summary, LIST_SEPARATOR.join(term.aliases), LIST_SEPARATOR.join(term.areas),
                LIST_SEPARATOR.join(term.related), term.status, term.replaced_by, author.name if author else "",
                _iso(term.published), _iso(term.modified), self.term_url(term.slug)])

    # JSON
    def term_record(self, term: Term) -> dict[str, Any]:
        """One term as plain JSON: what its page says, with references made ordinary links."""
        return self._term_record(term)

    def _texts(self, term: Term) -> tuple[str, list[str]]:
        """The reader's text of the body and of each answer."""
        if self.graph is not None and term.slug in self.graph.terms:
            links = self.graph.terms[term.slug]
            return links.main.text, [faq.answer.text for faq in links.faq]
        return (markdown_to_text(self.resolve_references(term.body)),
                [markdown_to_text(self.resolve_references(faq.answer)) for faq in term.faq])

    def _term_record(self, term: Term) -> dict[str, Any]:
        body = self.resolve_references(term.body)
        body_text, answer_texts = self._texts(term)
        author = self.glossary.author_of(term)
        return {
            "slug": term.slug,
            "id": self.term_id(term.slug),
            "url": self.term_url(term.slug),
            "title": term.title,
            "summary": term.summary,
            "aliases": list(term.aliases),
            "areas": [self._link(self.glossary.areas[slug].title, self.area_url(slug), slug) for slug in term.areas],
            "related": [self._term_link(slug) for slug in term.related],
            "status": term.status,
            "replaced_by": self._term_link(term.replaced_by) if term.replaced_by else None,
            "body": {"markdown": body, "text": body_text},
            "faq": [{"question": faq.question_for(term.title),
                     "answer": {"markdown": self.resolve_references(faq.answer), "text": text}}
                    for faq, text in zip(term.faq, answer_texts)],
            "sources": [{"title": source.title, "url": source.url} for source in term.sources],
            "image": self._image(term),
            "author": {"name": author.name, "url": author.url} if author else None,
            "published": _iso(term.published) or None,
            "modified": _iso(term.modified) or None,
        }

    def _image(self, term: Term) -> dict[str, Any] | None:
        node = self.jsonld.image_object(term.image)
        return {key: value for key, value in node.items() if key != "@type"} if node else None

    def _term_link(self, slug: str) -> dict[str, str]:
        return self._link(self.glossary.terms[slug].title, self.term_url(slug), slug)

    @staticmethod
    def _link(title: str, url: str, slug: str) -> dict[str, str]:
        return {"slug": slug, "title": title, "url": url}

    def glossary_record(self) -> dict[str, Any]:
        return {**self._glossary_head(), "terms": [self.term_record(term) for term in self.glossary.sorted_terms()]}

    def _glossary_head(self) -> dict[str, Any]:
        return {
            "name": self.settings.site_name,
            "description": self.description,
            "url": self.urls.absolute(""),
            "language": self.settings.language,
            "areas": [{"slug": area.slug, "id": self.area_id(area.slug), "url": self.area_url(area.slug),
                       "title": area.title, "description": area.description,
                       "terms": [term.slug for term in self.glossary.area_members.get(area.slug, [])]}
                      for area in self.glossary.sorted_areas()],
        }

    def write_json(self, out: TextIO, each_term: Callable[[Term, dict[str, Any]], None] | None = None) -> None:
        """glossary.json, one term at a time; ``each_term`` also gets every term's record as it is made."""
        def records() -> Iterator[dict[str, Any]]:
            for term in self.glossary.sorted_terms():
                record = self.term_record(term)
                if each_term is not None:
                    each_term(term, record)
                yield record

        _write_json_with_list(out, self._glossary_head(), "terms", records())

    def resolve_references(self, markdown: str) -> str:
        """[[slug]] and [[slug|label]] as ordinary Markdown links to the term's page (code left alone)."""
        blanked = strip_code(markdown)
        out: list[str] = []
        position = 0
        for match in REFERENCE_RE.finditer(blanked):
            slug = match.group(1).strip()
            if slug not in self.glossary.terms:
                continue
            label = match.group(2).strip() if match.group(2) else _escape_label(self.glossary.terms[slug].title)
            out.append(markdown[position:match.start()])
            out.append(f"[{label}]({self.term_url(slug)})")
            position = match.end()
        out.append(markdown[position:])
        return "".join(out)

    # llms.txt
    def llms_txt(self) -> str:
        """An index for answer engines in the llmstxt.org format: H1, summary, then H2 sections of links."""
        out = io.StringIO()
        self.write_llms(out)
        return out.getvalue()

    def write_llms(self, out: TextIO) -> None:
        lines = [f"# {self.settings.site_name}", "", f"> {self.description}", ""]
        lines.append(
            f"{_count(len(self.glossary.terms), 'term')} in {_count(len(self.glossary.areas), 'subject area')}. "
            "Each term links to its "
            "page; every term is also available as JSON beside its page "
            f"({self.urls.absolute(self.term_json_path('<slug>'))}).")
        for area in self.glossary.sorted_areas():
            out.write("\n".join(lines) + "\n")
            lines = ["", f"## {area.title}", ""]
            lines.append(f"- [{_escape_label(area.title)} (subject area)]({self.area_url(area.slug)}): "
                         f"{area.description}")
            for term in self.glossary.area_members.get(area.slug, []):
                note = term.summary
                if term.deprecated:
                    replacement = f" Replaced by {self.glossary.terms[term.replaced_by].title}." if term.replaced_by \
                        else ""
                    note = f"Deprecated term.{replacement} {note}"
                lines.append(f"- [{_escape_label(term.title)}]({self.term_url(term.slug)}): {note}")
        lines += ["", "## Data", ""]
        lines += [
            f"- [{SITE_FILES['jsonld']}]({self.site_file_url(SITE_FILES['jsonld'])}): every term as a schema.org "
            "DefinedTermSet (JSON-LD)",
            f"- [{SITE_FILES['ttl']}]({self.site_file_url(SITE_FILES['ttl'])}): the glossary as a SKOS concept scheme "
            "(Turtle)",
            f"- [{SITE_FILES['csv']}]({self.site_file_url(SITE_FILES['csv'])}): one row per term",
            f"- [{SITE_FILES['json']}]({self.site_file_url(SITE_FILES['json'])}): every area and term with its "
            "definition, body and FAQ",
        ]
        out.write("\n".join(lines) + "\n")

    # Everything
    def write(self, format_name: str, out: TextIO) -> None:
        """Write one export to a text stream, a piece at a time: a large glossary's exports are never
        held in memory whole (glossary.json alone is 55 MB at 10,000 terms)."""
        writers: dict[str, Callable[[TextIO], None]] = {
            "jsonld": self.write_jsonld,
            "ttl": self.write_turtle,
            "csv": self.write_csv,
            "json": self.write_json,
            "llms": self.write_llms,
        }
        if format_name not in writers:
            raise ValueError(f"unknown export format '{format_name}'; expected one of {', '.join(EXPORT_FORMATS)}")
        writers[format_name](out)

    def text(self, format_name: str) -> str:
        out = io.StringIO()
        self.write(format_name, out)
        return out.getvalue()


def grouped_turtle(triples: list[tuple[Any, Any, Any]], prefixes: dict[str, Any]) -> str:
    """Turtle text: the prefixes used, then each subject once with its predicates and objects.

    rdflib's Turtle serializer, fed through an rdflib store, took 6 of the 45 seconds a
    10,000-term build may take; rdflib's terms still escape every IRI and literal here
    (``n3()``), and the tests parse the result back with rdflib and compare it with the
    graph built by :meth:`Exporter.skos_graph`.
    """
    writer = _TurtleWriter(prefixes)
    by_subject: dict[Any, list[tuple[Any, Any, Any]]] = {}
    for triple in triples:
        by_subject.setdefault(triple[0], []).append(triple)
    blocks = [writer.block(subject, by_subject[subject])
              for subject in sorted(by_subject, key=lambda node: (isinstance(node, BNode), str(node)))]
    lines: list[str] = []
    for block in blocks:
        lines += ["", block]
    return "\n".join(writer.heading() + lines) + "\n"


class _TurtleWriter:
    """Turtle blocks of subjects, with prefixed names for the vocabulary's terms; remembers the
    prefixes it used, for the heading."""

    def __init__(self, prefixes: dict[str, Any]) -> None:
        self.namespaces = sorted(((str(uri), prefix) for prefix, uri in prefixes.items()), key=lambda pair: -len(pair[0]))
        self.short: dict[Any, str] = {}  # prefixed names of the vocabulary's few terms
        self.used: set[str] = set()

    def name(self, node: Any) -> str:
        cached = self.short.get(node)
        if cached is not None:
            return cached
        if isinstance(node, URIRef):
            text = str(node)
            for uri, prefix in self.namespaces:
                if text.startswith(uri) and _LOCAL_NAME.fullmatch(text[len(uri):]):
                    self.short[node] = f"{prefix}:{text[len(uri):]}"
                    self.used.add(prefix)
                    return self.short[node]
        elif isinstance(node, Literal) and node.datatype is not None:
            return node.n3().replace(f"<{node.datatype}>", self.name(URIRef(node.datatype)))
        return node.n3()

    def block(self, subject: Any, triples: list[tuple[Any, Any, Any]]) -> str:
        """One subject with its predicates (rdf:type first) and objects, each list sorted."""
        by_predicate: dict[Any, set[Any]] = {}
        for _, predicate, obj in triples:
            by_predicate.setdefault(predicate, set()).add(obj)
        statements = []
        for predicate, objects in sorted(by_predicate.items(), key=lambda item: (item[0] != RDF.type, str(item[0]))):
            verb = "a" if predicate == RDF.type else self.name(predicate)
            statements.append(f"    {verb} " + " ,\n        ".join(sorted(self.name(o) for o in objects)))
        return subject.n3() + "\n" + " ;\n".join(statements) + " ."

    def heading(self) -> list[str]:
        return [f"@prefix {prefix}: <{uri}> ." for uri, prefix in sorted(self.namespaces, key=lambda pair: pair[1])
                if prefix in self.used]


_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def write_site_exports(site_dir: str | Path, glossary: Glossary, settings: SiteSettings,
                       description: str = "", graph: LinkGraph | None = None) -> list[Path]:
    """Write every export into a built site; returns the files written.

    Plain writes: the site folder is itself a staging folder that replaces the published
    site only when the whole build succeeded (see the MkDocs plugin).
    """
    exporter = Exporter(glossary, settings, description, graph)
    root = Path(site_dir)
    written = []
    term_files: list[Path] = []

    def write_term_file(term: Term, record: dict[str, Any]) -> None:
        # Each term's JSON is written from the record made for glossary.json, while it is in hand.
        term_files.append(_write_plain(root / exporter.term_json_path(term.slug), _json_text(record)))

    for format_name, name in SITE_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as stream:
            if format_name == "json":
                exporter.write_json(stream, each_term=write_term_file)
            else:
                exporter.write(format_name, stream)
        written.append(path)
    return written + term_files


def _write_plain(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _write_json_with_list(out: TextIO, head: dict[str, Any], key: str, items: Iterator[dict[str, Any]]) -> None:
    """``_json_text({**head, key: list(items)})``, written one item at a time."""
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    out.write(f"{opening[:-1]}{',' if head else ''}{json.dumps(key)}:[")
    for index, item in enumerate(items):
        if index:
            out.write(",")
        out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
    out.write("]}\n")


def write_text(path: Path, text: str) -> Path:
    """Atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path


def _json_text(value: Any) -> str:
    # Compact: json's C encoder is only used without indentation (glossary.json is 55 MB at 10,000 terms).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _escape_label(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", text)
