"""The checker on structured data that other projects publish: ../shared/realworld-jsonld.

112 labelled pages (schema.org's examples and their earlier broken versions, other
validators' fixtures, extruct's and structured-data-testing-tool's samples, Yoast's
documented graphs, real web pages). Each page is checked on its own, as
``score.py`` in the corpus does with ``termsite check FILE``: a valid page must exit 0, a
page labelled ``error`` must exit 1, one labelled ``warning`` must draw at least a
warning. Nothing may crash.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from termsite.checker.config import build_config
from termsite.checker.model import Severity
from termsite.checker.rules import RULES
from termsite.checker.runner import run_check

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "realworld-jsonld"


def _labels() -> dict[str, dict[str, Any]]:
    labels_file = CORPUS / "labels.json"
    if not labels_file.is_file():
        if os.environ.get("CI"):
            raise AssertionError(f"the real-world corpus is missing: {labels_file}")
        return {}
    return json.loads(labels_file.read_text(encoding="utf-8"))


LABELS = _labels()

# The corpus was labelled by its JSON-LD alone ("Microdata/RDFa in sdtt_01, extruct_01 and
# some real pages is not labelled": its README). Since the checker validates microdata too,
# two pages labelled valid draw errors from their microdata; both are real mistakes that
# Google's Rich Results Test and schema.org's validator report as well. Their JSON-LD must
# still be clean, and the microdata must draw exactly these findings: (rule, JSON path).
MICRODATA_DEFECTS: dict[str, set[tuple[str, str]]] = {
    # WordPress footer microdata: itemprop="givenname" / "familyname" (schema.org: givenName, familyName)
    "trafilatura_05.html": {("unknown-property", "Person.givenname"), ("unknown-property", "Person.familyname")},
    # a theme's microdata BlogPosting with datePublished "17. Mai 2019" as the visible text, not ISO 8601
    "trafilatura_06.html": {("invalid-date", "Blog.blogPost.datePublished")},
}
pytestmark = pytest.mark.skipif(not LABELS, reason="../shared/realworld-jsonld is not beside the checkout")


@pytest.mark.parametrize("name", sorted(LABELS))
def test_page_gets_its_label(name: str) -> None:
    label = LABELS[name]
    config = build_config(RULES, mkdocs_path=None)  # like `termsite check FILE` in an empty folder
    result = run_check([str(CORPUS / label["folder"] / name)], config)
    exit_code = result.exit_code()
    shown = [f"{p.line}:{p.col} {p.severity.value}[{p.rule_id}] {p.message}" for p in result.problems
             if p.severity is not Severity.INFO]
    assert not [p for p in result.problems if p.rule_id == "internal-error"], shown
    if name in MICRODATA_DEFECTS:
        errors = {(p.rule_id, p.json_path) for p in result.problems if p.severity is Severity.ERROR}
        assert errors == MICRODATA_DEFECTS[name], shown
        exit_code = 0  # the label's verdict on the JSON-LD, which is all the label looked at
    if label["expect"] == "valid":
        assert exit_code == 0, f"false alarm on {name} ({label['what']}): {shown}"
    elif label["expect"] == "error":
        assert exit_code == 1, f"missed defect in {name}: {label.get('expected_findings')}; got {shown}"
    else:
        warned = any(p.severity is Severity.WARNING for p in result.problems)
        assert exit_code == 1 or warned, f"missed defect in {name}: {label.get('expected_findings')}; got {shown}"


def test_corpus_is_complete() -> None:
    """Every labelled file exists, and the corpus still has both kinds of page."""
    assert len(LABELS) == 112
    assert all((CORPUS / label["folder"] / name).is_file() for name, label in LABELS.items())
    assert {label["expect"] for label in LABELS.values()} == {"valid", "error", "warning"}
