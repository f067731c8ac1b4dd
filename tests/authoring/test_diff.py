"""`termsite diff BASE HEAD`: the glossary changes between two git revisions, as Markdown for a pull request."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL_AREA, make_site, termsite


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


MARK_PRICE = """\
title: Mark Price
summary: The fair reference price used to value positions.
areas: [liquidation]
related: [index-price]
body: |
  Built from the [[index-price]].
"""
INDEX_PRICE = "title: Index Price\nsummary: An average of spot prices.\nareas: [liquidation]\n"
FUNDING = "title: Funding Rate\nsummary: Periodic payments between longs and shorts.\nareas: [pricing]\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "repo", {
        "areas/liquidation.yml": MINIMAL_AREA + "terms: [mark-price, index-price]\n",
        "areas/pricing.yml": "title: Pricing\ndescription: How prices are made.\n",
        "terms/mark-price.yml": MARK_PRICE,
        "terms/index-price.yml": INDEX_PRICE,
        "terms/funding-rate.yml": FUNDING,
    })
    git(site, "init", "--quiet", "--initial-branch=main")
    git(site, "add", "-A")
    git(site, "commit", "--quiet", "-m", "base")
    return site


def test_diff_summarizes_added_changed_renamed_and_removed_terms(repo: Path) -> None:
    assert termsite(["new", "term", "Liquidation Price", "--area", "liquidation"], repo).returncode == 0
    assert termsite(["rename", "index-price", "spot-index"], repo).returncode == 0
    funding = repo / "content/terms/funding-rate.yml"
    funding.write_text(funding.read_text().replace("Periodic payments", "Regular payments"))
    # re-quoting a value changes the file but not the glossary: not reported
    mark = repo / "content/terms/mark-price.yml"
    mark.write_text(mark.read_text().replace("title: Mark Price", 'title: "Mark Price"'))
    (repo / "content/areas/pricing.yml").write_text("title: Pricing\ndescription: How prices are set.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "head")
    assert termsite(["lint"], repo).returncode == 0
    result = termsite(["diff", "HEAD~1", "HEAD"], repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout == """\
## Glossary changes

1 term added, 2 terms changed, 1 term renamed, 2 areas changed.

### Terms added

- **Liquidation Price** (`liquidation-price`): in `liquidation`; :warning: still has placeholder text from \
`termsite new`

### Terms changed

- **Funding Rate** (`funding-rate`): changed: `summary`
- **Mark Price** (`mark-price`): changed: `related`, `body`

### Terms renamed

- **Index Price** (`spot-index`): renamed from `index-price`; the old address redirects here

### Areas changed

- **Liquidation** (`liquidation`): changed: `terms`
- **Pricing** (`pricing`): changed: `description`
"""


def test_a_removed_term_is_flagged(repo: Path) -> None:
    git(repo, "rm", "--quiet", "content/terms/funding-rate.yml")
    git(repo, "commit", "--quiet", "-m", "remove")
    result = termsite(["diff", "HEAD~1"], repo)
    assert result.stdout.endswith("""\
### Terms removed

- **Funding Rate** (`funding-rate`): in `pricing`

A removed term's address stops working: `termsite rename` keeps it as a redirect, and `status: deprecated` keeps \
the page.
""")


def test_a_file_that_does_not_load_is_flagged(repo: Path) -> None:
    path = repo / "content/terms/funding-rate.yml"
    path.write_text(path.read_text().replace("title: Funding Rate", "title: [Funding Rate"))
    git(repo, "commit", "--quiet", "-am", "broken")
    result = termsite(["diff", "HEAD~1"], repo)
    assert "- **funding-rate** (`funding-rate`): :x: the file has errors (see the lint step)" in result.stdout


def test_no_change(repo: Path) -> None:
    result = termsite(["diff", "HEAD", "HEAD"], repo)
    assert result.stdout == "## Glossary changes\n\nNo terms or areas were added, changed or removed.\n"


def test_titles_are_shown_literally(repo: Path) -> None:
    assert termsite(["new", "term", "A *bold* [x] |title| #1", "--area", "pricing"], repo).returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "odd title")
    result = termsite(["diff", "HEAD~1"], repo)
    assert r"**A \*bold\* \[x\] \|title\| \#1**" in result.stdout


def test_unknown_revisions_and_folders_outside_git_are_usage_errors(repo: Path, tmp_path: Path) -> None:
    result = termsite(["diff", "no-such-branch"], repo)
    assert result.returncode == 2
    assert result.stderr.strip() == ("termsite diff: 'no-such-branch' is not a revision of this repository (fetch "
                                     "it first, e.g. with fetch-depth: 0 in actions/checkout).")
    outside = tmp_path / "outside"
    outside.mkdir()
    result = termsite(["diff", "HEAD"], outside)
    assert result.returncode == 2 and "is not inside a git repository" in result.stderr
