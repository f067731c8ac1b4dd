"""The open-data exports: written by the build, parsed back, and compared with the content they came from."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from conftest import FIXTURES, ROOT, make_site, mkdocs_build, termsite
from termsite.site.export import LIST_SEPARATOR, Exporter, related_both_ways
from termsite.content.loader import load_glossary
from termsite.content.model import Glossary
from termsite.settings import Publisher, SiteSettings

BASE = "https://mini.termsite.example/"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(FIXTURES / "mini/content", default_author="ana")


def term_id(slug: str) -> str:
    return f"{BASE}definition/{slug}/#term"


def area_id(slug: str) -> str:
    return f"{BASE}area/{slug}/#area"


def test_the_build_writes_every_export(mini_site: Path, glossary: Glossary) -> None:
    for name in ["glossary.jsonld", "glossary.ttl", "glossary.csv", "glossary.json", "llms.txt"]:
        assert (mini_site / name).is_file(), name
    for slug in glossary.terms:
        assert (mini_site / f"definition/{slug}.json").is_file(), slug
    assert not list(mini_site.rglob(".*.tmp"))


def test_jsonld_is_the_defined_term_set_with_every_term(mini_site: Path, glossary: Glossary) -> None:
    data = json.loads((mini_site / "glossary.jsonld").read_text(encoding="utf-8"))
    assert (data["@context"], data["@type"], data["@id"]) == (
        "https://schema.org", "DefinedTermSet", BASE + "definition/#glossary")
    assert data["name"] == "Mini glossary"
    members = {node["termCode"]: node for node in data["hasDefinedTerm"]}
    assert set(members) == set(glossary.terms)
    for slug, term in glossary.terms.items():
        node = members[slug]
        assert node["@type"] == "DefinedTerm"
        assert node["@id"] == term_id(slug)  # the same identifier as on the term's page
        assert (node["name"], node["description"], node["url"]) == (term.title, term.summary,
                                                                   f"{BASE}definition/{slug}/")
        assert node.get("alternateName", []) == term.aliases
        assert node["inDefinedTermSet"] == {"@id": data["@id"]}
    assert members["mark-price"]["alternateName"] == ["MP", "fair price"]


def test_turtle_is_skos_and_round_trips(mini_site: Path, glossary: Glossary) -> None:
    graph = Graph().parse(data=(mini_site / "glossary.ttl").read_text(encoding="utf-8"), format="turtle")
    scheme = URIRef(BASE + "definition/#glossary")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {URIRef(term_id(s)) for s in glossary.terms} | {URIRef(area_id(s)) for s in glossary.areas}
    for slug, area in glossary.areas.items():
        concept = URIRef(area_id(slug))
        assert (concept, SKOS.topConceptOf, scheme) in graph and (scheme, SKOS.hasTopConcept, concept) in graph
        assert graph.value(concept, SKOS.prefLabel) == Literal(area.title, lang="en")
        assert graph.value(concept, SKOS.definition) == Literal(area.description, lang="en")
    related = related_both_ways(glossary)
    for slug, term in glossary.terms.items():
        concept = URIRef(term_id(slug))
        assert (concept, SKOS.inScheme, scheme) in graph
        assert graph.value(concept, SKOS.prefLabel) == Literal(term.title, lang="en")
        assert set(graph.objects(concept, SKOS.altLabel)) == {Literal(a, lang="en") for a in term.aliases}
        assert graph.value(concept, SKOS.definition) == Literal(term.summary, lang="en")
        assert set(graph.objects(concept, SKOS.broader)) == {URIRef(area_id(a)) for a in term.areas}
        assert set(graph.objects(concept, SKOS.related)) == {URIRef(term_id(r)) for r in related[slug]}
        assert str(graph.value(concept, SKOS.notation)) == slug
    # skos:related is symmetric: stated on both ends even where one file lists it
    assert (URIRef(term_id("index-price")), SKOS.related, URIRef(term_id("mark-price"))) in graph


def test_csv_round_trips_every_term(mini_site: Path, glossary: Glossary) -> None:
    text = (mini_site / "glossary.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["slug"] for row in rows] == [t.slug for t in glossary.sorted_terms()]

    def values(cell: str) -> list[str]:
        return cell.split(LIST_SEPARATOR) if cell else []

    for row in rows:
        term = glossary.terms[row["slug"]]
        assert (row["title"], row["summary"], row["status"]) == (term.title, term.summary, term.status)
        assert (values(row["aliases"]), values(row["areas"]), values(row["related"])) == (
            term.aliases, term.areas, term.related)
        assert row["url"] == f"{BASE}definition/{term.slug}/"
        assert row["modified"] == (term.modified.isoformat() if term.modified else "")
        author = glossary.author_of(term)
        assert row["author"] == (author.name if author else "")


def test_term_json_has_the_page_content_with_plain_links(mini_site: Path, glossary: Glossary) -> None:
    record = json.loads((mini_site / "definition/mark-price.json").read_text(encoding="utf-8"))
    term = glossary.terms["mark-price"]
    assert (record["slug"], record["title"], record["summary"], record["aliases"]) == (
        "mark-price", term.title, term.summary, term.aliases)
    assert record["id"] == term_id("mark-price")
    assert [a["slug"] for a in record["areas"]] == term.areas
    assert [r["slug"] for r in record["related"]] == term.related
    assert "[[" not in record["body"]["markdown"]
    assert f"[the margin call page]({BASE}definition/margin-call/)" in record["body"]["markdown"]
    assert "`Index Price in code`" in record["body"]["markdown"]  # code is left as it is
    assert "the margin call page" in record["body"]["text"] and "[" not in record["body"]["text"]
    assert [f["question"] for f in record["faq"]] == [f.question for f in term.faq]
    assert record["author"] == {"name": "Ana Example", "url": BASE}
    assert record["modified"] == term.modified.isoformat()
    everything = json.loads((mini_site / "glossary.json").read_text(encoding="utf-8"))
    assert next(t for t in everything["terms"] if t["slug"] == "mark-price") == record
    assert {a["slug"] for a in everything["areas"]} == set(glossary.areas)


def test_llms_txt_follows_the_llmstxt_format(mini_site: Path, glossary: Glossary) -> None:
    lines = (mini_site / "llms.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Mini glossary"
    assert lines[2].startswith("> ")
    assert not any(line.startswith("# ") for line in lines[1:])
    sections = [line[3:] for line in lines if line.startswith("## ")]
    assert sections == [a.title for a in glossary.sorted_areas()] + ["Data"]
    links = re.findall(r"^- \[(.+?)\]\((\S+?)\): (.+)$", "\n".join(lines), re.MULTILINE)
    linked = {url for _, url, _ in links}
    assert {f"{BASE}definition/{slug}/" for slug in glossary.terms} <= linked
    assert f"{BASE}glossary.ttl" in linked
    mark = next(note for title, url, note in links if title == "Mark Price")
    assert mark == glossary.terms["mark-price"].summary


def test_the_export_command_writes_what_the_build_wrote(mini_site: Path, tmp_path: Path) -> None:
    project = mini_site.parent
    for format_name, name in [("ttl", "glossary.ttl"), ("jsonld", "glossary.jsonld"), ("csv", "glossary.csv"),
                              ("llms", "llms.txt")]:
        out = tmp_path / name
        result = termsite(["export", "--format", format_name, "-o", str(out)], project)
        assert result.returncode == 0, result.stderr
        assert out.read_bytes() == (mini_site / name).read_bytes(), name
    result = termsite(["export", "--format", "json"], project)
    assert json.loads(result.stdout) == json.loads((mini_site / "glossary.json").read_text(encoding="utf-8"))


def test_the_export_command_explains_what_is_missing(tmp_path: Path) -> None:
    result = termsite(["export", "--format", "ttl"], tmp_path)
    assert result.returncode == 2
    assert "mkdocs.yml" in result.stderr and "Traceback" not in result.stderr
    assert termsite(["export", "--format", "xml"], tmp_path).returncode == 2


def test_names_that_need_escaping_survive_every_format(tmp_path: Path) -> None:
    project = make_site(tmp_path, {
        "areas/odd.yml": "title: 'Odd [names], \"quoted\"'\ndescription: 'Commas, | bars & < angles >.'\n",
        "terms/odd-one.yml": "title: 'R&D [x] \"y\"'\nsummary: 'Line, with | bar & 1 < 2.'\n"
                             "aliases: ['a, b', 'c \"d\"']\nareas: [odd]\n",
    })
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    graph = Graph().parse(site / "glossary.ttl", format="turtle")
    concept = URIRef("https://test.termsite.example/definition/odd-one/#term")
    assert graph.value(concept, SKOS.prefLabel) == Literal('R&D [x] "y"', lang="en")
    row = next(csv.DictReader(io.StringIO((site / "glossary.csv").read_text(encoding="utf-8"), newline="")))
    assert (row["title"], row["summary"], row["aliases"]) == ('R&D [x] "y"', "Line, with | bar & 1 < 2.",
                                                            'a, b | c "d"')
    assert "- [R&D \\[x\\] \"y\"](https://test.termsite.example/definition/odd-one/)" in \
        (site / "llms.txt").read_text(encoding="utf-8")


def test_exports_use_the_site_language_and_urls() -> None:
    glossary = load_glossary(FIXTURES / "mini/content", default_author="ana")
    settings = SiteSettings(site_url="https://fr.example/", site_name="Glossaire", publisher=Publisher("P"),
                            term_prefix="terme/", area_prefix="domaine/", language="fr", directory_urls=False)
    exporter = Exporter(glossary, settings, "Un glossaire.")
    graph = Graph().parse(data=exporter.turtle(), format="turtle")
    concept = URIRef("https://fr.example/terme/mark-price.html#term")
    assert graph.value(concept, SKOS.prefLabel) == Literal("Mark Price", lang="fr")
    assert exporter.term_json_path("mark-price") == "terme/mark-price.json"
    assert "> Un glossaire." in exporter.llms_txt()


def test_the_command_offers_every_format() -> None:
    from termsite.commands import export as command
    from termsite.site.export import EXPORT_FORMATS

    assert command.EXPORT_FORMATS == EXPORT_FORMATS + ("pdf",)  # and the print page, printed by Chromium


def test_the_turtle_file_is_the_skos_graph_rdflib_builds(glossary: Glossary) -> None:
    """The build writes Turtle itself (for speed); it must say exactly what rdflib's graph says."""
    from rdflib.compare import isomorphic

    exporter = Exporter(glossary, SiteSettings("https://mini.termsite.example/", "Mini glossary", Publisher("Mini")))
    written = Graph().parse(data=exporter.turtle(), format="turtle")
    reference = exporter.skos_graph()
    assert len(written) == len(reference) > 50
    assert isomorphic(written, reference)
    assert exporter.turtle() == exporter.turtle()  # the same bytes on every build


def test_skos_carries_every_translation_with_its_language_tag(tmp_path: Path) -> None:
    from conftest import write_glossary

    content = write_glossary(tmp_path, {
        "areas/liquidation.yml": "title: Liquidation\ndescription: How positions are closed.\n",
        "terms/mark-price.yml": "title: Mark Price\nsummary: The fair price.\naliases: [MP]\nareas: [liquidation]\n",
        "terms/index-price.yml": "title: Index Price\nsummary: An average.\nareas: [liquidation]\n",
        "i18n/de/terms/mark-price.yml": "title: Markpreis\nsummary: Der faire Preis.\naliases: [MP, Marktpreis]\n"
                                        "source_modified: 2026-01-01T00:00:00Z\n",
        "i18n/de/areas/liquidation.yml": "title: Liquidation\ndescription: Wie Positionen geschlossen werden.\n"
                                         "source_modified: 2026-01-01T00:00:00Z\n",
        "i18n/de/site.yml": "site_name: Beispielglossar\n",
        "i18n/pt-BR/terms/mark-price.yml": "title: Preço de marcação\nsummary: O preço justo.\n"
                                           "source_modified: 2026-01-01T00:00:00Z\n",
    })
    glossary = load_glossary(content, languages=("en", "de", "pt-BR"))
    settings = SiteSettings(BASE, "Mini glossary", Publisher("Mini"), languages=("en", "de", "pt-BR"))
    exporter = Exporter(glossary, settings)
    graph = Graph().parse(data=exporter.turtle(), format="turtle")

    def values(subject: str, predicate: URIRef) -> set[tuple[str, str]]:
        return {(str(v), v.language or "") for v in graph.objects(URIRef(subject), predicate)}

    assert values(term_id("mark-price"), SKOS.prefLabel) == {("Mark Price", "en"), ("Markpreis", "de"),
                                                             ("Preço de marcação", "pt-BR")}
    assert values(term_id("mark-price"), SKOS.altLabel) == {("MP", "en"), ("MP", "de"), ("Marktpreis", "de")}
    assert values(term_id("mark-price"), SKOS.definition) == {("The fair price.", "en"), ("Der faire Preis.", "de"),
                                                              ("O preço justo.", "pt-BR")}
    assert values(term_id("index-price"), SKOS.prefLabel) == {("Index Price", "en")}  # not translated
    assert values(area_id("liquidation"), SKOS.definition) == {("How positions are closed.", "en"),
                                                               ("Wie Positionen geschlossen werden.", "de")}
    from rdflib.namespace import DCTERMS
    assert ("Beispielglossar", "de") in values(f"{BASE}definition/#glossary", DCTERMS.title)
    from rdflib.compare import isomorphic
    assert isomorphic(graph, exporter.skos_graph())


def test_the_streamed_files_are_the_exports_byte_for_byte(glossary: Glossary, tmp_path: Path) -> None:
    """The build writes each export a piece at a time; the result is what the whole text would be."""
    from termsite.site.export import SITE_FILES, write_site_exports

    settings = SiteSettings(BASE, "Mini glossary", Publisher("Mini"))
    written = write_site_exports(tmp_path, glossary, settings, "A description.")
    exporter = Exporter(glossary, settings, "A description.")
    for format_name, name in SITE_FILES.items():
        assert (tmp_path / name).read_bytes() == exporter.text(format_name).encode("utf-8"), name
    whole = json.loads(exporter.text("json"))
    for record in whole["terms"]:
        path = tmp_path / exporter.term_json_path(record["slug"])
        assert path.read_bytes() == (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    assert len(written) == len(SITE_FILES) + len(glossary.terms)


@pytest.mark.parametrize("content", [FIXTURES / "mini/content", ROOT / "content"])
def test_the_turtle_written_subject_by_subject_is_the_grouped_triples(content: Path) -> None:
    """The build writes Turtle one subject at a time (a 100,000-term scheme is never held whole);
    the text is the one grouping every triple of skos_triples() gives."""
    from termsite.site.export import SKOS_PREFIXES, grouped_turtle

    glossary = load_glossary(content, default_author="ana" if "mini" in str(content) else "editors")
    exporter = Exporter(glossary, SiteSettings("https://x.example/", "X", Publisher("X")), "D.")
    assert exporter.turtle() == grouped_turtle(exporter.skos_triples(), SKOS_PREFIXES)
    # every subject's function makes only triples about that subject
    for (_, subject), triples in exporter._skos_subjects():
        assert {str(triple[0]) for triple in triples()} == {subject}
