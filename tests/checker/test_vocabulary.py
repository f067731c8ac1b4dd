"""The packaged schema.org index."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from termsite.checker.vocabulary import load_vocabulary, local_name

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT.parent / "shared" / "vocab" / "schemaorg-30.0" / "schemaorg-all-https.jsonld"


def test_index_is_packaged_with_attribution() -> None:
    data = json.loads(resources.files("termsite.checker").joinpath("data", "schemaorg-30.0.json").read_text())
    assert "Creative Commons Attribution-ShareAlike 3.0" in data["_license"]
    assert data["version"] == "30.0"


def test_lookups() -> None:
    vocab = load_vocabulary()
    assert vocab.is_subtype("TechArticle", "CreativeWork")
    assert not vocab.is_subtype("Person", "CreativeWork")
    assert vocab.property_allowed_on("headline", "BlogPosting")
    assert not vocab.property_allowed_on("headline", "Person")
    assert set(vocab.ranges("author")) == {"Person", "Organization"}
    assert vocab.member_types("InStock") == ("ItemAvailability",)
    assert vocab.type_status("DefinedTerm").pending
    assert vocab.property_status("episodes").superseded_by == ("episode",)
    assert vocab.suggest_type("Articel") == "Article"
    assert vocab.suggest_property("datepublished") == "datePublished"
    assert vocab.is_datatype("URL") and not vocab.is_datatype("Person")


def test_local_name() -> None:
    assert local_name("https://schema.org/Article") == "Article"
    assert local_name("schema:Article") == "Article"
    assert local_name("ex:Thing") is None
    assert local_name("https://example.org/Thing") is None


@pytest.mark.skipif(not OFFICIAL.exists(), reason="official schema.org release file not available")
def test_packaged_index_matches_a_rebuild(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "index.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_vocab_index.py"), str(OFFICIAL), str(out)],
                   check=True, capture_output=True, timeout=120)
    packaged = resources.files("termsite.checker").joinpath("data", "schemaorg-30.0.json").read_text()
    assert out.read_text() == packaged
