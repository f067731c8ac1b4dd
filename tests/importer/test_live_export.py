"""A live-site Markdown export (H1 = HTML title, '---' rules, linked listing headings with a kind label,
JSON-LD fences under 'Raw Schema Data', an 'Original URL' line) round-trips into an emptied project."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import mkdocs_build
from termsite.cli import main
from termsite.content.loader import load_glossary

from .helpers import FIXTURES, by_type, differences, dump, inline_references, jsonld_nodes, run_import
from .test_migration import emptied_project

EXPORT = FIXTURES / "live-export" / "funding-rate-mechanics.md"
SOURCE_SITE = "https://perp-atlas.test/"
AREA_URL = SOURCE_SITE + "area/funding-rate-mechanics/"


def source_nodes() -> list[dict]:
    fences = re.findall(r"^```json\n(.*?)\n```$", EXPORT.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    return [json.loads(fence) for fence in fences]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = emptied_project(tmp_path_factory.mktemp("live") / "project")
    # The exported site is in one language: so is the site it is rebuilt in.
    shutil.rmtree(project / "content/i18n")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("https://glossary.termsite.example/", SOURCE_SITE)
    text = re.sub(r"^ *languages: .*\n", "", text, flags=re.MULTILINE)
    config.write_text(text.replace("name: termsite example glossary", "name: Perp Atlas"), encoding="utf-8")
    shutil.copy(EXPORT, project / EXPORT.name)
    assert main(["import", str(project / EXPORT.name), "--config", str(config),
                 "--content", str(project / "content")]) == 0
    return project


def test_the_import_keeps_no_trace_of_the_exports_wrapping(capsys: pytest.CaptureFixture[str], rebuilt: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(rebuilt)
    status, out, err = run_import(capsys, EXPORT.name, "--dry-run")  # imported by the fixture: the report again
    assert status == 0 and "0 would be created" in out, err
    area = load_glossary(rebuilt / "content", default_author="editors").areas["funding-rate-mechanics"]
    assert area.title == "Funding Rate Mechanics"  # the breadcrumb's name, not the page's HTML title
    assert [f.aspect for f in area.faq] == ["Purpose", "Mechanism", "Main Risk"]
    assert area.terms == ["premium-index", "funding-interval", "funding-rate-cap"]
    assert area.image is not None and area.image.url == SOURCE_SITE + "media/funding-rate-mechanics.png"
    assert area.intro.startswith("Perpetual futures have no expiry date") and "\n" not in area.intro.strip()
    assert area.faq[2].answer.endswith("than the price move earns.")  # no '---' kept from the separator
    written = "".join(p.read_text(encoding="utf-8") for p in (rebuilt / "content").rglob("*.yml")
                      if p.parent.name in ("terms", "areas"))
    for wrapping in ("⎊", "Raw Schema Data", "Original URL", "---", "```", "@context", "Perp Atlas", "Definition"):
        assert wrapping not in written, wrapping
    summaries = load_glossary(rebuilt / "content", default_author="editors").terms
    assert summaries["funding-interval"].summary == "The time between two funding payments, usually eight hours."
    assert "the kind label(s) ' ⎊ Definition' after the listed terms' descriptions were dropped" in out


def test_the_rebuilt_area_page_says_what_the_export_said_field_by_field(rebuilt: Path) -> None:
    result = mkdocs_build(rebuilt)
    assert result.returncode == 0, result.stderr[-3000:]
    built = by_type(inline_references(jsonld_nodes(
        (rebuilt / "site/area/funding-rate-mechanics/index.html").read_text(encoding="utf-8"))))
    source = by_type(source_nodes())
    assert set(source) == {"BreadcrumbList", "FAQPage", "CollectionPage"}
    # An area lists its terms compactly (image by URL, author by reference to one Person node):
    # the full ImageObject of each is on the term's own page, checked below.
    listed_images = {part["url"]: part["image"] for part in source["CollectionPage"]["hasPart"]}
    for part in built["CollectionPage"]["hasPart"]:
        assert part["image"] == listed_images[part["url"]]["url"]
        part["image"] = listed_images[part["url"]]
        part["author"].pop("@id", None)
    found = differences(source, {kind: built[kind] for kind in source})
    assert found == {}, dump({k: list(v) for k, v in found.items()})
    # what the comparison rests on is there on both sides
    page = built["CollectionPage"]
    assert [part["headline"] for part in page["hasPart"]] == ["Premium Index", "Funding Interval", "Funding Rate Cap"]
    assert page["image"]["url"] == SOURCE_SITE + "media/funding-rate-mechanics.png"
    assert all({"author", "image", "datePublished", "dateModified"} <= set(part) for part in page["hasPart"])
    first = page["hasPart"][0]["url"]
    term_page = rebuilt / "site" / first.removeprefix(SOURCE_SITE) / "index.html"
    article = by_type(jsonld_nodes(term_page.read_text(encoding="utf-8")))["Article"]
    assert article["image"]["caption"] == listed_images[first]["caption"]
    assert [c["name"] for c in built["BreadcrumbList"]["itemListElement"]] == ["Home", "Area", "Funding Rate Mechanics"]
