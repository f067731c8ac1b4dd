"""`termsite new`: a scaffold that lints clean as written, and the path from it to a built, checked page."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from termsite.content.loader import load_glossary
from termsite.content.slugs import slugify

from conftest import MINIMAL_AREA, make_site, mkdocs_build, termsite
from sitecopy import copy_example_site

LINT_CLEAN = "termsite lint: 0 error(s), 0 warning(s)"


def clean_but_unlinked(*slugs: str) -> str:
    """What lint says of a clean glossary whose new terms nothing links yet: a note each, no warning."""
    notes = [f"content/terms/{slug}.yml:1:1: info[orphan-term] no page, term or area links this term (its area "
             "lists it); mention it in a related definition or a guide, or add it to a term's 'related'."
             for slug in slugs]
    return "\n".join(notes + [f"{LINT_CLEAN}, {len(slugs)} info"])


@pytest.mark.parametrize(("title", "slug"), [
    ("Liquidation Cascade", "liquidation-cascade"),
    ("Größe & Co.", "grosse-co"),
    ("Trader's P&L", "traders-p-l"),
    ("  Auto-Deleveraging (ADL)  ", "auto-deleveraging-adl"),
    ("Ünïcödé—Dash", "unicode-dash"),
    ("日本", "ri-ben"),
    ("!!!", ""),
])
def test_slugs_are_transliterated_and_lowercased(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_example_site(tmp_path / "site-repo")


def test_new_term_lints_clean_as_written(site: Path) -> None:
    area_file = site / "content/areas/financial-derivatives-liquidation.yml"
    area_before = area_file.read_text(encoding="utf-8")
    result = termsite(["new", "term", "Cascade Trigger", "--area", "financial-derivatives-liquidation",
                       "--related", "liquidation-cascade,open-interest"], site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "created content/terms/cascade-trigger.yml",
        "updated content/areas/financial-derivatives-liquidation.yml",
        "next: open content/terms/cascade-trigger.yml, replace the texts that start with \"Replace this\" and fill "
        "in the fields you need, then run `termsite lint` and preview with `mkdocs serve`.",
    ]
    text = (site / "content/terms/cascade-trigger.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/term.schema.json"
    keys = re.findall(r"^([a-z_]+):", text, re.MULTILINE)
    assert keys == ["title", "summary", "aliases", "areas", "related", "body", "faq", "sources", "author",
                    "published", "modified"]
    for commented in ("status", "replaced_by", "image"):
        assert f"\n# {commented}:" in text and f"\n# {commented} (optional):" in text
    term = load_glossary(site / "content", default_author="editors").terms["cascade-trigger"]
    assert term.related == ["liquidation-cascade", "open-interest"] and term.author == "editors"
    assert term.published.tzinfo is not None and term.published.date() == datetime.now().astimezone().date()
    # the area keeps an explicit order: the new term joins the end of it, nothing else changes
    area_after = area_file.read_text(encoding="utf-8")
    assert area_after == re.sub(r"^(terms: \[.*)\]$", r"\1, cascade-trigger]", area_before, flags=re.MULTILINE)
    lint = termsite(["lint"], site)
    assert (lint.returncode, lint.stdout.strip()) == (0, LINT_CLEAN)


def test_new_term_then_edit_then_lint_build_and_check_all_pass(site: Path) -> None:
    assert termsite(["new", "term", "Cascade Trigger", "--area", "financial-derivatives-liquidation"],
                    site).returncode == 0
    path = site / "content/terms/cascade-trigger.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary: Replace this with a one-sentence definition of the term.",
                        "summary: The price move that sets off the first wave of forced liquidations in a cascade.")
    body = text[text.index("body: |"):text.index("# faq (optional)")]
    text = text.replace(body, "body: |\n  The first move that pushes clustered positions past their "
                              "[[liquidation-price|liquidation prices]], starting a [[liquidation-cascade]].\n")
    text = text.replace("related: []", "related: [liquidation-cascade, liquidation-price]")
    path.write_text(text, encoding="utf-8")
    lint = termsite(["lint"], site)
    assert (lint.returncode, lint.stdout.strip()) == (0, LINT_CLEAN)
    build = mkdocs_build(site)
    assert build.returncode == 0, build.stderr[-2000:]
    page = (site / "site/definition/cascade-trigger/index.html").read_text(encoding="utf-8")
    assert "The price move that sets off the first wave" in page and 'href="../liquidation-cascade/"' in page
    check = termsite(["check", "site/"], site)
    assert check.returncode == 0, check.stdout[-2000:]


def test_new_refuses_to_overwrite(site: Path) -> None:
    path = site / "content/terms/liquidation-cascade.yml"
    before = path.read_bytes()
    result = termsite(["new", "term", "Liquidation cascades", "--slug", "liquidation-cascade",
                       "--area", "financial-derivatives-liquidation"], site)
    assert result.returncode == 2
    assert result.stderr.strip() == ("termsite new: content/terms/liquidation-cascade.yml already exists; edit it, "
                                     "or choose another title or --slug.")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["--area", "financial-derivatives-liquidaton"],
     "termsite new: unknown area 'financial-derivatives-liquidaton' (did you mean "
     "'financial-derivatives-liquidation'?); the areas are the files in content/areas/."),
    (["--area", "risk-management", "--related", "open-interst"],
     "termsite new: unknown term 'open-interst' (did you mean 'open-interest'?); the terms are the files in "
     "content/terms/."),
    (["--area", "risk-management", "--author", "noor-hadad"],
     "termsite new: unknown author 'noor-hadad' (did you mean 'noor-haddad'?); authors are the keys of "
     "content/authors.yml."),
])
def test_new_refuses_unknown_references_with_a_did_you_mean(site: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in (site / "content/terms").iterdir())
    result = termsite(["new", "term", "Cascade Trigger", *args], site)
    assert (result.returncode, result.stderr.strip()) == (2, message)
    assert sorted(p.name for p in (site / "content/terms").iterdir()) == before


def test_new_refuses_a_title_that_is_already_a_name(site: Path) -> None:
    result = termsite(["new", "term", "ADL", "--area", "risk-management"], site)
    assert result.returncode == 2
    assert "'ADL' is already a title or alias of the term 'auto-deleveraging'" in result.stderr


def test_new_refuses_the_old_slug_of_a_renamed_term(site: Path) -> None:
    assert termsite(["rename", "liquidation-cascade", "liquidation-spiral"], site).returncode == 0
    result = termsite(["new", "term", "Liquidation Cascades", "--slug", "liquidation-cascade", "--area",
                       "risk-management"], site)
    assert (result.returncode, result.stderr.strip()) == (
        2, "termsite new: 'liquidation-cascade' is the old slug of the renamed term 'liquidation-spiral' and its "
           "address redirects there (content/redirects.yml); choose another title or --slug.")


def test_new_refuses_a_title_without_a_slug(site: Path) -> None:
    result = termsite(["new", "term", "???", "--area", "risk-management"], site)
    assert (result.returncode, result.stderr.strip()) == (
        2, "termsite new: no slug can be derived from the title '???'; pass one with --slug.")


def test_a_title_yaml_would_misread_is_quoted(tmp_path: Path) -> None:
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA})
    title = "Yes: #1 'Quoted' \"Term\""
    result = termsite(["new", "term", title, "--area", "liquidation"], project)
    assert result.returncode == 0, result.stderr
    terms = load_glossary(project / "content").terms
    assert [t.title for t in terms.values()] == [title]
    # no default author in this site's mkdocs.yml: the field stays commented out
    text = (project / "content/terms/yes-1-quoted-term.yml").read_text(encoding="utf-8")
    assert "\n# author: editors\n" in text
    lint = termsite(["lint"], project)
    assert (lint.returncode, lint.stdout.strip()) == (0, clean_but_unlinked("yes-1-quoted-term"))


def test_a_block_list_order_gets_the_new_term_with_its_comments_kept(tmp_path: Path) -> None:
    area = MINIMAL_AREA + "terms:\n  - mark-price  # the anchor term\n"
    project = make_site(tmp_path, {"areas/liquidation.yml": area,
                                   "terms/mark-price.yml": "title: Mark Price\nsummary: S.\nareas: [liquidation]\n"})
    assert termsite(["new", "term", "Index Price", "--area", "liquidation"], project).returncode == 0
    assert (project / "content/areas/liquidation.yml").read_text(encoding="utf-8") == (
        area + "  - index-price\n")
    assert termsite(["lint"], project).stdout.strip() == clean_but_unlinked("index-price", "mark-price")


def test_new_area_lints_clean_and_joins_the_schema(site: Path) -> None:
    result = termsite(["new", "area", "Market Microstructure"], site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["created content/areas/market-microstructure.yml",
                                              "updated schemas/term.schema.json"]
    text = (site / "content/areas/market-microstructure.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/area.schema.json"
    assert termsite(["lint"], site).stdout.strip() == LINT_CLEAN
    assert termsite(["schema", "--check"], site).returncode == 0
    # a term can join it right away
    assert termsite(["new", "term", "Tick Size", "--area", "market-microstructure"], site).returncode == 0
    assert termsite(["lint"], site).stdout.strip() == clean_but_unlinked("tick-size")


def test_new_area_refuses_a_taken_title(site: Path) -> None:
    result = termsite(["new", "area", "risk management", "--slug", "risk-management-2"], site)
    assert result.returncode == 2
    assert "'risk management' is already the title of the area 'risk-management'" in result.stderr


def test_new_outside_a_site_is_a_usage_error(tmp_path: Path) -> None:
    result = termsite(["new", "term", "X", "--area", "a"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("termsite new: the content folder content does not exist; run termsite in the "
                                     "site's folder (beside mkdocs.yml) or pass --config.")
    assert "Traceback" not in result.stderr
