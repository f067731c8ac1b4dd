"""Migrating a glossary into an emptied copy of the project: spreadsheets and SKOS import, lint and build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from conftest import mkdocs_build
from sitecopy import copy_example_site
from termsite.authoring.lint import lint_content
from termsite.content.loader import load_glossary

from .helpers import FIXTURES, run_import

SPREADSHEETS = FIXTURES / "spreadsheet"
VOCABULARY = FIXTURES / "skos" / "liquidation-vocabulary.ttl"
SITE = "https://glossary.termsite.example/"


def emptied_project(root: Path) -> Path:
    """The example project without its glossary: no terms, areas, translations, redirects or guides about them
    (the site's authors, About page, images and translated site names stay)."""
    project = copy_example_site(root)
    for folder in ("terms", "areas"):
        shutil.rmtree(project / "content" / folder)
        (project / "content" / folder).mkdir()
    for translated in (project / "content/i18n").glob("*/"):
        for folder in ("terms", "areas"):
            shutil.rmtree(translated / folder, ignore_errors=True)
        shutil.rmtree(project / "content/pages" / translated.name, ignore_errors=True)
    (project / "content/redirects.yml").unlink(missing_ok=True)
    shutil.rmtree(project / "content/pages/guides")
    (project / "content/pages/guides").mkdir()
    (project / "content/pages/guides/index.md").write_text("# Guides\n\nNone yet.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text("\n".join(line for line in text.splitlines() if "guides/" not in line or "index.md" in line)
                      + "\n", encoding="utf-8")
    return project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = emptied_project(tmp_path / "project")
    monkeypatch.chdir(root)
    return root


def files_of(content: Path) -> dict[str, str]:
    return {str(p.relative_to(content)): p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.yml"))
            if p.parent.name in ("terms", "areas")}


def built_ok(project: Path) -> Path:
    assert [p.format() for p in lint_content(project / "content") if p.is_error] == []
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_a_semicolon_csv_with_a_bom_and_quoted_cells_imports_lints_and_builds(
        capsys: pytest.CaptureFixture[str], project: Path) -> None:
    status, out, err = run_import(capsys, str(SPREADSHEETS / "glossary.csv"))
    assert status == 0, err
    glossary = load_glossary(project / "content", default_author="editors")
    funding = glossary.terms["funding-rate"]
    assert funding.title == "Funding Rate"  # the BOM is not part of the first header
    assert funding.summary == "The periodic payment between longs and shorts that keeps a perpetual contract near its index."
    assert funding.aliases == ["funding", "funding fee"]  # a list split on '|'
    assert funding.related == ["premium-index", "mark-price"]  # 'See also' by title, a quoted cell holding ';'
    assert funding.areas == ["perpetual-futures"]
    # a quoted cell with a line break and a separator, kept as written
    assert "Positive rates mean longs pay shorts; negative rates mean shorts pay longs.\nA rate is quoted per interval" \
        in funding.body
    assert [(s.title, s.url) for s in funding.sources] == [("example.org/funding-explained",
                                                            "https://example.org/funding-explained")]
    assert glossary.terms["mark-price"].aliases == ["fair price", "marking price"]  # split on ','
    assert glossary.terms["index-price"].areas == ["pricing", "perpetual-futures"]
    assert 'their "weights".' in glossary.terms["index-price"].body  # doubled quotes inside a quoted cell
    assert [(s.title, s.url) for s in glossary.terms["basis"].sources] == [("Basis trading explained",
                                                                            "https://example.org/basis")]
    assert glossary.terms["basis"].related == ["index-price", "mark-price"]
    pricing = glossary.areas["pricing"]
    assert (pricing.title, pricing.terms) == ("Pricing", ["mark-price", "index-price", "basis"])
    area_file = (project / "content/areas/pricing.yml").read_text(encoding="utf-8")
    assert area_file.startswith("# imported from the category 'Pricing' of ") and "write the description" in area_file
    assert "7 created" in out
    site = built_ok(project)
    page = (site / "definition/funding-rate/index.html").read_text(encoding="utf-8")
    assert 'href="../premium-index/"' in page and "funding fee" in page


@pytest.mark.parametrize(("name", "expected"), [
    ("broken-quote.csv", ["broken-quote.csv:3:2: error[csv-syntax] the quoting of this row is broken"]),
    ("bad-rows.csv", ["bad-rows.csv:2:5: error[unknown-reference] related: 'Premium Indx' is not the title of a row",
                      "bad-rows.csv:3:2: error[missing-value] summary: the definition of 'Mark Price' is empty",
                      "bad-rows.csv:4:2: error[markup-in-text] summary: contains '<b>across</b'"]),
])
def test_a_broken_csv_is_refused_with_file_row_and_column_and_nothing_is_written(
        capsys: pytest.CaptureFixture[str], project: Path, name: str, expected: list[str]) -> None:
    shutil.copy(SPREADSHEETS / name, project / name)
    status, out, err = run_import(capsys, name)
    assert status == 1
    lines = [line for line in err.splitlines() if "error[" in line]
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected):
        assert line.startswith(start) and line.endswith((".", ").")), line
    assert "Traceback" not in out + err and "nothing was written" in err
    assert files_of(project / "content") == {}


def test_an_xlsx_workbook_and_a_tsv_give_the_same_files_as_the_csv(capsys: pytest.CaptureFixture[str],
                                                                    tmp_path: Path) -> None:
    import csv

    from openpyxl import Workbook

    text = (SPREADSHEETS / "glossary.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines(keepends=True), delimiter=";"))
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "glossary.xlsx")
    with (tmp_path / "glossary.tsv").open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter="\t").writerows(rows)
    results = {}
    for source in (SPREADSHEETS / "glossary.csv", tmp_path / "glossary.xlsx", tmp_path / "glossary.tsv"):
        content = tmp_path / source.suffix.lstrip(".")
        status, _, err = run_import(capsys, str(source), "--content", str(content))
        assert status == 0, err
        results[source.suffix] = {name: "\n".join(line for line in text.splitlines() if not line.startswith("#"))
                                  for name, text in files_of(content).items()}
    assert results[".xlsx"] == results[".csv"] == results[".tsv"]


def test_columns_can_be_mapped_and_unknown_headers_are_reported(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    source = tmp_path / "begriffe.csv"
    source.write_text("Begriff,Erklärung,Fachgebiet,Stichwort\nBasis,Die Differenz zwischen Termin- und "
                      "Kassakurs.,Preise,x\n", encoding="utf-8")
    status, out, err = run_import(capsys, str(source), "--content", str(tmp_path / "a"), "--dry-run")
    assert status == 0, err  # German headers are usual names too
    assert "title: Basis\nsummary: Die Differenz zwischen Termin- und Kassakurs.\nareas: [preise]" in out
    assert "the column(s) 'Stichwort' were not imported" in out
    source.write_text("Name des Begriffs;Text\nBasis;Die Differenz.\n", encoding="utf-8")
    status, _, err = run_import(capsys, str(source), "--content", str(tmp_path / "b"))
    assert status == 1 and "begriffe.csv:1:1: error[missing-column] no column holds the terms' names" in err
    status, _, err = run_import(capsys, str(source), "--content", str(tmp_path / "b"), "--area", "preise",
                                "--map", "title=Name des Begriffs,summary=Text", "--dry-run")
    assert "error[" not in err and "nothing was written" in err  # only the unknown area is left
    assert "the area 'preise', which is neither imported nor in the glossary" in err
    assert run_import(capsys, str(source), "--map", "colour=Text")[0] == 2


def _site_iri(node: URIRef, areas: set[str]) -> URIRef:
    slug = str(node).rsplit("/", 1)[-1]
    return URIRef(f"{SITE}area/{slug}/#area" if slug in areas else f"{SITE}definition/{slug}/#term")


def test_a_skos_scheme_imports_lints_and_builds_with_its_hierarchy(capsys: pytest.CaptureFixture[str],
                                                                  project: Path) -> None:
    status, out, err = run_import(capsys, str(VOCABULARY))
    assert status == 0, err
    glossary = load_glossary(project / "content", default_author="editors")
    assert list(glossary.areas) == ["liquidation"]  # the top concept with narrower concepts
    engine = glossary.terms["liquidation-engine"]
    assert (engine.title, engine.aliases, engine.areas, engine.broader) == (
        "Liquidation Engine", ["risk engine"], ["liquidation"], [])
    assert engine.summary == "The exchange system that takes over and closes positions that fall below maintenance margin."
    assert engine.published.isoformat() == "2025-04-01T08:00:00+00:00"
    partial = glossary.terms["partial-liquidation"]
    # skos:narrower on the broader concept counts as skos:broader on the narrower one
    assert (partial.broader, partial.code, partial.areas) == (["liquidation-engine"], "LQ-2.1", ["liquidation"])
    assert "## Example" in partial.body
    price = glossary.terms["liquidation-price"]
    assert price.aliases == ["liq price", "liquidation level"]  # altLabel and hiddenLabel
    assert price.related == ["bankruptcy-price", "partial-liquidation"]  # skos:related is symmetric
    assert glossary.terms["clawback"].status == "deprecated" and glossary.terms["clawback"].replaced_by == \
        "bankruptcy-price"
    assert glossary.narrower["liquidation-engine"] == ["full-liquidation", "partial-liquidation"]
    # the site has German: the German labels become its translation files, not source text
    assert "Liquidationsmodul" not in (project / "content/terms/liquidation-engine.yml").read_text(encoding="utf-8")
    german = load_glossary(project / "content", default_author="editors", languages=("en", "de", "es"))
    translated = german.translations["de"].terms["liquidation-engine"]
    assert (translated.title, translated.aliases) == ("Liquidationsmodul", ["Risikomodul"])
    assert "set site_name: Derivatives Liquidation Vocabulary in mkdocs.yml" in out

    site = built_ok(project)
    page = (site / "definition/liquidation-engine/index.html").read_text(encoding="utf-8")
    narrower = page.split('<h2 id="narrower">', 1)[1].split("</ul>", 1)[0]
    assert 'href="../full-liquidation/"' in narrower and 'href="../partial-liquidation/"' in narrower
    assert '<h2 id="broader">' in (site / "definition/full-liquidation/index.html").read_text(encoding="utf-8")

    source = Graph().parse(VOCABULARY, format="turtle")
    built = Graph().parse(site / "glossary.ttl", format="turtle")
    areas = set(glossary.areas)
    broader = {(a, b) for a, b in source.subject_objects(SKOS.broader)} | \
        {(b, a) for a, b in source.subject_objects(SKOS.narrower)}
    assert len(broader) == 6
    for narrower_node, broader_node in broader:
        assert (_site_iri(narrower_node, areas), SKOS.broader, _site_iri(broader_node, areas)) in built


def test_labels_in_other_languages_are_kept_per_concept_and_language() -> None:
    from termsite.importer.skos import labels_by_language, read_skos
    from termsite.importer.sources import ReadOptions, read_source

    reading = read_skos(read_source(VOCABULARY), "turtle", ReadOptions(language="en"))
    labels = labels_by_language([reading])
    assert sorted(labels) == ["liquidation", "liquidation-engine", "liquidation-price", "partial-liquidation"]
    engine = labels["liquidation-engine"]["de"]
    assert (engine.title, engine.aliases) == ("Liquidationsmodul", ["Risikomodul"])
    assert engine.definition.startswith("Das System der Börse")
    german = read_skos(read_source(VOCABULARY), "turtle", ReadOptions(language="de"))
    titles = {term.slug: term.title for term in german.terms}  # --lang de: German titles, and slugs from them
    assert titles["liquidationsmodul"] == "Liquidationsmodul" and titles["teilliquidation"] == "Teilliquidation"
    assert labels_by_language([german])["liquidationsmodul"]["en"].title == "Liquidation Engine"


@pytest.mark.parametrize(("syntax", "suffix"), [("xml", ".rdf"), ("json-ld", ".jsonld"), ("nt", ".nt")])
def test_every_rdf_syntax_gives_the_same_files(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               syntax: str, suffix: str) -> None:
    source = tmp_path / f"vocabulary{suffix}"
    Graph().parse(VOCABULARY, format="turtle").serialize(source, format=syntax)
    assert run_import(capsys, str(VOCABULARY), "--content", str(tmp_path / "ttl"))[0] == 0
    status, _, err = run_import(capsys, str(source), "--content", str(tmp_path / "other"))
    assert status == 0, err
    assert files_of(tmp_path / "other") == files_of(tmp_path / "ttl")


def test_a_broken_turtle_file_names_its_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "broken.ttl"
    text = VOCABULARY.read_text(encoding="utf-8")
    source.write_text(text.replace('skos:notation "LQ-2.1" ;', 'skos:notation "LQ-2.1 ;'), encoding="utf-8")
    status, _, err = run_import(capsys, str(source), "--content", str(tmp_path / "content"))
    assert status == 1 and "error[rdf-syntax] the file does not parse as Turtle" in err
    line = err.split("broken.ttl:", 1)[1].split(":", 1)[0]
    assert int(line) > 1 and "Traceback" not in err
    assert not (tmp_path / "content").exists()


ROUND_TRIP = {
    "areas/liquidation.yml": "title: Liquidation\ndescription: How positions are closed when margin runs out.\n"
                             "published: 2025-01-10T09:00:00+00:00\n",
    "areas/pricing.yml": "title: Pricing\ndescription: The prices a venue computes and publishes.\n",
    "terms/liquidation-engine.yml": "title: Liquidation Engine\nsummary: The system that closes failing positions.\n"
                                    "aliases: [LE, risk engine]\ncode: LQ-1\nareas: [liquidation, pricing]\n"
                                    "related: [mark-price]\npublished: 2025-02-01T10:00:00+00:00\n"
                                    "modified: 2025-03-01T10:00:00+00:00\n",
    "terms/partial-liquidation.yml": "title: Partial Liquidation\nsummary: Closing part of a position.\ncode: LQ-1.1\n"
                                     "areas: [liquidation]\nbroader: [liquidation-engine]\n",
    "terms/clawback.yml": "title: Clawback\nsummary: A retired name for a socialized loss.\nareas: [liquidation]\n"
                          "broader: [liquidation-engine, partial-liquidation]\nstatus: deprecated\n"
                          "replaced_by: partial-liquidation\n",
    "terms/mark-price.yml": "title: Mark Price\nsummary: The fair price used to value positions.\n"
                            "aliases: [fair price]\nareas: [pricing]\nrelated: [liquidation-engine]\n",
}


def test_exporting_skos_and_importing_it_again_gives_the_same_content_files(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from conftest import write_glossary
    from termsite.settings import Publisher, SiteSettings
    from termsite.site.export import Exporter

    original = write_glossary(tmp_path / "original", ROUND_TRIP)
    settings = SiteSettings(SITE, "Round trip", Publisher("Round trip"))
    (tmp_path / "glossary.ttl").write_text(Exporter(load_glossary(original), settings).turtle(), encoding="utf-8")
    status, out, err = run_import(capsys, str(tmp_path / "glossary.ttl"), "--content", str(tmp_path / "imported"))
    assert status == 0, err
    assert files_of(tmp_path / "imported") == files_of(original)


def test_the_example_glossary_survives_a_skos_round_trip_in_every_field_skos_carries(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from conftest import ROOT
    from termsite.site.export import Exporter
    from termsite.settings import Publisher, SiteSettings

    example = load_glossary(ROOT / "content", default_author="editors")
    settings = SiteSettings(SITE, "termsite example glossary", Publisher("termsite example glossary"))
    (tmp_path / "glossary.ttl").write_text(Exporter(example, settings).turtle(), encoding="utf-8")
    status, _, err = run_import(capsys, str(tmp_path / "glossary.ttl"), "--content", str(tmp_path / "imported"))
    assert status == 0, err
    imported = load_glossary(tmp_path / "imported")
    assert sorted(imported.terms) == sorted(example.terms) and sorted(imported.areas) == sorted(example.areas)
    for slug, term in example.terms.items():
        again = imported.terms[slug]
        both_ways = set(term.related) | {t.slug for t in example.terms.values() if slug in t.related}
        assert (again.title, again.summary, again.code, again.status, again.replaced_by, again.published,
                again.modified) == (term.title, term.summary, term.code, term.status, term.replaced_by,
                                    term.published, term.modified), slug
        assert (set(again.aliases), set(again.areas), set(again.broader), set(again.related)) == \
            (set(term.aliases), set(term.areas), set(term.broader), both_ways), slug
    for slug, area in example.areas.items():
        assert imported.areas[slug].title == area.title
