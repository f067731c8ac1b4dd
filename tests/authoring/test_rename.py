"""`termsite rename`: every reference rewritten in place, the old URL kept, all files or none."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from termsite.changeset import ChangeError, apply_changes
from termsite.content.loader import ContentLayout, load_glossary
from termsite.authoring.rename import RenameError, plan_rename

from conftest import MINIMAL_AREA, make_site, mkdocs_build, termsite
from sitecopy import copy_example_site

OLD_TERM = """\
# The mark price, as venues use it.
title: Mark Price
summary: The fair reference price used to value positions.
areas: [liquidation]
body: |
  See [[mark-price]] itself, and `[[mark-price]]` in code stays as it is.
"""

INDEX_PRICE = """\
title: Index Price
summary: An average of spot prices.
areas: [liquidation]
related: [mark-price]   # keep this comment
body: |
  The [[mark-price]] follows the index; so does [[mark-price|the mark]], and [[ mark-price ]] too.
  A [[mark-price-band]] is another term, and `[[mark-price]]` in code is an example.

  ```
  [[mark-price]]
  ```
faq:
  - question: How does it relate to the mark?
    answer: "The [[mark-price|mark]] is built on it."
"""

OLD_DEPRECATED = """\
title: Fair Price
summary: An older name.
areas: [liquidation]
related:
  - 'mark-price'
  - index-price
status: deprecated
replaced_by: mark-price
"""

BAND = """\
title: Mark Price Band
summary: Limits around the mark.
areas: [liquidation]
"""

AREA = MINIMAL_AREA + """\
intro: The [[mark-price]] decides.
terms:
  - index-price
  - mark-price  # the anchor
  - fair-price
  - mark-price-band
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_site(tmp_path, {
        "areas/liquidation.yml": AREA,
        "terms/mark-price.yml": OLD_TERM,
        "terms/index-price.yml": INDEX_PRICE,
        "terms/fair-price.yml": OLD_DEPRECATED,
        "terms/mark-price-band.yml": BAND,
    })


def snapshot(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def test_rename_rewrites_every_reference_and_nothing_else(project: Path) -> None:
    content = project / "content"
    result = termsite(["rename", "mark-price", "fair-value"], project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "rename content/terms/mark-price.yml -> content/terms/fair-value.yml",
        "update 2 reference(s) in content/areas/liquidation.yml",
        "update 2 reference(s) in content/terms/fair-price.yml",
        "update 5 reference(s) in content/terms/index-price.yml",
        "update 1 reference(s) in content/terms/fair-value.yml",
        "record 'mark-price: fair-value' in content/redirects.yml: the old address redirects to the new page",
        "next: run `termsite lint`, then commit the renamed file together with the others.",
    ]
    assert not (content / "terms/mark-price.yml").exists()
    assert (content / "terms/fair-value.yml").read_text() == OLD_TERM.replace(
        "See [[mark-price]]", "See [[fair-value]]")
    assert (content / "terms/index-price.yml").read_text() == INDEX_PRICE.replace(
        "related: [mark-price]", "related: [fair-value]").replace(
        "The [[mark-price]] follows", "The [[fair-value]] follows").replace(
        "[[mark-price|the mark]]", "[[fair-value|the mark]]").replace(
        "[[ mark-price ]]", "[[ fair-value ]]").replace(
        "[[mark-price|mark]]", "[[fair-value|mark]]")
    assert (content / "terms/fair-price.yml").read_text() == OLD_DEPRECATED.replace(
        "'mark-price'", "'fair-value'").replace("replaced_by: mark-price", "replaced_by: fair-value")
    assert (content / "areas/liquidation.yml").read_text() == AREA.replace(
        "The [[mark-price]]", "The [[fair-value]]").replace("  - mark-price  #", "  - fair-value  #")
    assert (content / "terms/mark-price-band.yml").read_text() == BAND
    assert (content / "redirects.yml").read_text() == (
        "# Renamed terms: old slug -> the slug that replaced it. `termsite rename` adds a line here;\n"
        "# the build writes a page at each old address that sends readers to the new one.\n"
        "mark-price: fair-value\n")
    glossary = load_glossary(content)
    assert glossary.redirects == {"mark-price": "fair-value"}
    assert termsite(["lint"], project).stdout.strip() == "termsite lint: 0 error(s), 0 warning(s)"


def test_renaming_again_flattens_the_chain_and_renaming_back_revives_the_slug(project: Path) -> None:
    assert termsite(["rename", "mark-price", "fair-value"], project).returncode == 0
    assert termsite(["rename", "fair-value", "mark-value"], project).returncode == 0
    redirects = project / "content/redirects.yml"
    assert redirects.read_text().splitlines()[-2:] == ["mark-price: mark-value", "fair-value: mark-value"]
    assert termsite(["rename", "mark-value", "mark-price"], project).returncode == 0
    assert redirects.read_text().splitlines()[-2:] == ["fair-value: mark-price", "mark-value: mark-price"]
    assert load_glossary(project / "content").redirects == {"fair-value": "mark-price", "mark-value": "mark-price"}
    assert (project / "content/terms/index-price.yml").read_text() == INDEX_PRICE


@pytest.mark.parametrize(("args", "status", "message"), [
    (["mark-prise", "x"], 2, "there is no term 'mark-prise' (did you mean 'mark-price'?); the terms are the files "
                             "in content/terms/."),
    (["mark-price", "Fair Value"], 2, "'Fair Value' is not a valid slug; use lowercase letters, digits and single "
                                      "hyphens, like 'mark-price'."),
    (["mark-price", "index-price"], 2, "the term 'index-price' already exists (content/terms/index-price.yml); "
                                       "choose another slug."),
    (["mark-price", "mark-price"], 2, "'mark-price' already has that slug."),
])
def test_rename_refuses_mistakes(project: Path, args: list[str], status: int, message: str) -> None:
    before = snapshot(project / "content")
    result = termsite(["rename", *args], project)
    assert (result.returncode, result.stderr.strip()) == (status, f"termsite rename: {message}")
    assert snapshot(project / "content") == before


def test_rename_refuses_a_glossary_with_errors(project: Path) -> None:
    (project / "content/terms/band-2.yml").write_text("title: Band\nsummary: S.\nareas: [nowhere]\n")
    before = snapshot(project / "content")
    result = termsite(["rename", "mark-price", "fair-value"], project)
    assert (result.returncode, result.stderr.strip()) == (
        1, "termsite rename: the glossary has 1 error(s); fix them first (run `termsite lint`).")
    assert snapshot(project / "content") == before


def test_a_reference_it_cannot_rewrite_safely_stops_the_rename_with_its_line(project: Path) -> None:
    folded = "title: Spread\nsummary: S.\nareas: [liquidation]\nbody: >\n  Around the [[\n  mark-price]].\n"
    (project / "content/terms/spread.yml").write_text(folded)
    before = snapshot(project / "content")
    result = termsite(["rename", "mark-price", "fair-value"], project)
    assert (result.returncode, result.stderr.strip()) == (
        1, "termsite rename: content/terms/spread.yml:4: a reference to 'mark-price' here is split over lines or "
           "escaped; change it to 'fair-value' by hand and run the rename again.")
    assert snapshot(project / "content") == before


def test_a_failure_while_writing_restores_every_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = project / "content"
    before = snapshot(content)
    plan = plan_rename(ContentLayout(content), "mark-price", "fair-value")
    real_replace = os.replace
    calls = []

    def failing_replace(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 3:  # after two files were already replaced
            raise OSError(28, "No space left on device", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(ChangeError, match="the files already changed were restored"):
        apply_changes(plan.changes)
    monkeypatch.setattr(os, "replace", real_replace)
    assert snapshot(content) == before
    assert not [p for p in content.rglob("*.tmp")]


def test_plan_rename_raises_for_a_term_already_renamed(project: Path) -> None:
    assert termsite(["rename", "mark-price", "fair-value"], project).returncode == 0
    with pytest.raises(RenameError, match="'mark-price' was already renamed to 'fair-value'"):
        plan_rename(ContentLayout(project / "content"), "mark-price", "other")


def test_dry_run_changes_nothing(project: Path) -> None:
    before = snapshot(project / "content")
    result = termsite(["rename", "--dry-run", "mark-price", "fair-value"], project)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "would rename content/terms/mark-price.yml -> content/terms/fair-value.yml"
    assert snapshot(project / "content") == before


def test_on_a_built_site_links_and_the_old_url_keep_working(tmp_path: Path) -> None:
    site = copy_example_site(tmp_path / "repo")
    result = termsite(["rename", "liquidation-cascade", "liquidation-spiral"], site)
    assert result.returncode == 0, result.stderr
    content_text = "".join(p.read_text() for p in (site / "content").rglob("*.yml"))
    assert "[[liquidation-cascade" not in content_text
    # the hand-written pages' front matter and references follow
    guide = (site / "content/pages/guides/open-interest-and-funding.md").read_text(encoding="utf-8")
    assert "liquidation-cascade" not in guide and "liquidation-spiral" in guide
    assert "update 1 reference(s) in content/pages/guides/open-interest-and-funding.md" in result.stdout
    assert not re.search(r"\bliquidation-cascade\b(?!: liquidation-spiral)", content_text)
    build = mkdocs_build(site)
    assert build.returncode == 0, build.stderr[-2000:]
    built = site / "site"
    redirect = (built / "definition/liquidation-cascade/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../liquidation-spiral/">' in redirect
    assert '<link rel="canonical" href="https://glossary.termsite.example/definition/liquidation-spiral/">' in redirect
    assert '<meta name="robots" content="noindex">' in redirect
    assert '<a href="../liquidation-spiral/">Liquidation Cascade</a>' in redirect
    assert (built / "definition/liquidation-spiral/index.html").is_file()
    # every link that went to the old page now goes to the new one
    for page in built.rglob("*.html"):
        if page.parent.name != "liquidation-cascade":
            assert "liquidation-cascade/" not in page.read_text(encoding="utf-8"), page
    assert "liquidation-cascade" not in (built / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if "liquidation-cascade/" in doc["location"]]
    check = termsite(["check", "site/"], site)
    assert check.returncode == 0, check.stdout[-2000:]


def test_references_in_hand_written_pages_follow_the_rename(tmp_path: Path) -> None:
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA,
                                   "terms/mark-price.yml": "title: Mark Price\nsummary: M.\nareas: [liquidation]\n"})
    guide = project / "docs/guide.md"
    guide.write_text("---\nabout: [mark-price]\nfaq:\n  - question: Why?\n    answer: See [[mark-price]].\n---\n"
                     "# Guide\n\nUse [[mark-price]] and [[ mark-price |the mark]].\n\n"
                     "Write `[[mark-price]]` to link it.\n", encoding="utf-8")
    result = termsite(["rename", "mark-price", "fair-price"], project)
    assert result.returncode == 0, result.stderr
    assert guide.read_text(encoding="utf-8") == (
        "---\nabout: [fair-price]\nfaq:\n  - question: Why?\n    answer: See [[fair-price]].\n---\n"
        "# Guide\n\nUse [[fair-price]] and [[ fair-price |the mark]].\n\nWrite `[[mark-price]]` to link it.\n")
    assert "update 4 reference(s) in docs/guide.md" in result.stdout
    assert mkdocs_build(project).returncode == 0
