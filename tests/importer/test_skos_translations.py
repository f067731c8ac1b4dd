"""SKOS labels in the site's other languages become translation files, and survive an export and import."""

from __future__ import annotations

import os
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from termsite.content.loader import load_glossary
from termsite.settings import Publisher, SiteSettings
from termsite.site.export import Exporter

from conftest import write_glossary
from importer.helpers import run_import

SITE = "https://round.termsite.example/"
CONTENT = {
    "areas/liquidation.yml": "title: Liquidation\ndescription: How positions are closed when margin runs out.\n"
                             "modified: 2026-02-01T09:00:00+00:00\n",
    "terms/liquidation-engine.yml": "title: Liquidation Engine\nsummary: The system that closes failing positions.\n"
                                    "aliases: [LE, risk engine]\nareas: [liquidation]\n"
                                    "published: 2025-02-01T10:00:00+00:00\nmodified: 2026-03-01T10:00:00+00:00\n",
    "terms/mark-price.yml": "title: Mark Price\nsummary: The fair price used to value positions.\n"
                            "areas: [liquidation]\npublished: 2025-02-01T10:00:00+00:00\n",
    "i18n/de/terms/liquidation-engine.yml": "title: Liquidationsmodul\nsummary: Das System, das Positionen schließt.\n"
                                            "aliases: [LE, Risikomodul]\nsource_modified: 2026-01-01T00:00:00+00:00\n",
    "i18n/de/areas/liquidation.yml": "title: Liquidation\ndescription: Wie Positionen geschlossen werden.\n"
                                     "source_modified: 2026-02-01T09:00:00+00:00\n",
    "i18n/es/terms/mark-price.yml": "title: Precio de marca\nsummary: El precio justo para valorar posiciones.\n"
                                    "source_modified: 2025-02-01T10:00:00+00:00\n",
    # a language the importing site does not have: listed in the report, not written
    "i18n/fr/terms/mark-price.yml": "title: Prix de marque\nsummary: Le prix équitable.\n"
                                    "source_modified: 2025-02-01T10:00:00+00:00\n",
}


def site(root: Path, languages: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Round trip
        site_url: {SITE}
        plugins:
          - termsite:
              languages: {languages}
        """), encoding="utf-8")
    return root


def exported(tmp_path: Path) -> Path:
    original = write_glossary(tmp_path / "original", CONTENT)
    languages = ("en", "de", "es", "fr")
    glossary = load_glossary(original, languages=languages)
    settings = SiteSettings(SITE, "Round trip", Publisher("Round trip"), languages=languages)
    path = tmp_path / "glossary.ttl"
    path.write_text(Exporter(glossary, settings).turtle(), encoding="utf-8")
    return path


def test_an_export_imported_again_keeps_its_translations(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = exported(tmp_path)
    project = site(tmp_path / "new", ["en", "de", "es"])
    status, out, err = run_import(capsys, str(source), "--config", str(project / "mkdocs.yml"))
    assert status == 0, err
    imported = load_glossary(project / "content", languages=("en", "de", "es"))
    de, es = imported.translations["de"], imported.translations["es"]
    engine = de.terms["liquidation-engine"]
    assert (engine.title, engine.summary, sorted(engine.aliases)) == (
        "Liquidationsmodul", "Das System, das Positionen schließt.", ["LE", "Risikomodul"])
    # the translation follows the version of the source that was imported: its modified date
    assert engine.source_modified == datetime(2026, 3, 1, 10, tzinfo=timezone.utc)
    assert (de.areas["liquidation"].title, de.areas["liquidation"].description) == (
        "Liquidation", "Wie Positionen geschlossen werden.")
    assert de.areas["liquidation"].source_modified == datetime(2026, 2, 1, 9, tzinfo=timezone.utc)
    price = es.terms["mark-price"]
    assert (price.title, price.summary, price.source_modified) == (
        "Precio de marca", "El precio justo para valorar posiciones.", datetime(2025, 2, 1, 10, tzinfo=timezone.utc))
    assert sorted(de.terms) == ["liquidation-engine"] and sorted(es.terms) == ["mark-price"]
    assert [line for line in out.splitlines() if "/i18n/" in line and line.startswith("created ")] == [
        f"created {os.path.relpath(project / 'content/i18n', Path.cwd())}/{name}.yml"
        for name in ("de/areas/liquidation", "de/terms/liquidation-engine", "es/terms/mark-price")]
    assert "(fr) were not imported; they are listed below for translation" in out
    assert "'mark-price' in fr: Prix de marque" in out
    assert not (project / "content/i18n/fr").exists()
    # importing again changes nothing
    status, out, _ = run_import(capsys, str(source), "--config", str(project / "mkdocs.yml"))
    assert status == 0 and "0 created, 0 updated" in out


def test_an_edited_translation_is_never_overwritten(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = exported(tmp_path)
    project = site(tmp_path / "new", ["en", "de"])
    assert run_import(capsys, str(source), "--config", str(project / "mkdocs.yml"))[0] == 0
    path = project / "content/i18n/de/terms/liquidation-engine.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Liquidationsmodul", "title: Liquidationssystem"),
                    encoding="utf-8")
    status, out, _ = run_import(capsys, str(source), "--config", str(project / "mkdocs.yml"))
    assert status == 1
    assert "title differs (file: 'Liquidationssystem'; import: 'Liquidationsmodul'); left as it is" in out
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] == "Liquidationssystem"


def test_a_label_without_a_definition_gets_a_summary_to_write(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    vocabulary = tmp_path / "v.ttl"
    vocabulary.write_text(textwrap.dedent("""\
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix ex: <https://vocab.example/> .
        ex:scheme a skos:ConceptScheme .
        ex:area a skos:Concept ; skos:prefLabel "Margin"@en , "Marge"@de ; skos:topConceptOf ex:scheme ;
            skos:definition "Collateral posted for positions."@en .
        ex:call a skos:Concept ; skos:prefLabel "Margin Call"@en , "Nachschussforderung"@de ; skos:broader ex:area ;
            skos:altLabel "Margin Call"@de ;
            skos:definition "A demand for more collateral."@en .
        """), encoding="utf-8")
    project = site(tmp_path / "new", ["en", "de"])
    status, _, err = run_import(capsys, str(vocabulary), "--config", str(project / "mkdocs.yml"))
    assert status == 0, err
    text = (project / "content/i18n/de/terms/margin-call.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# imported without a de definition: write the summary"
    values = yaml.safe_load(text)
    assert (values["title"], values["summary"], values.get("aliases")) == (
        "Nachschussforderung", "Replace this with a one-sentence definition of Nachschussforderung.", ["Margin Call"])
    assert yaml.safe_load((project / "content/i18n/de/areas/margin.yml").read_text(encoding="utf-8"))["title"] == \
        "Marge"
