"""docs/security.md states the limits the code enforces, and the fuzz set-up it documents exists."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import termsite.checker.extract as extract
import termsite.checker.strictjson as strictjson
import termsite.content.fields as fields
import termsite.importer.sources as sources
import termsite.content.loader as loader
import termsite.content.yamlsource as yamlsource

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = (ROOT / "docs/security.md").read_text(encoding="utf-8")

LIMITS = {
    "yamlsource.MAX_FILE_BYTES": yamlsource.MAX_FILE_BYTES,
    "yamlsource.MAX_DEPTH": yamlsource.MAX_DEPTH,
    "yamlsource.MAX_NODES": yamlsource.MAX_NODES,
    "loader.MAX_FILES": loader.MAX_FILES,
    "fields.MAX_TEXT_LENGTH": fields.MAX_TEXT_LENGTH,
    "fields.MAX_MARKDOWN_LENGTH": fields.MAX_MARKDOWN_LENGTH,
    "fields.MAX_LIST_ITEMS": fields.MAX_LIST_ITEMS,
    "checker.extract.MAX_PAGE_BYTES": extract.MAX_PAGE_BYTES,
    "checker.extract.MAX_BLOCKS_PER_PAGE": extract.MAX_BLOCKS_PER_PAGE,
    "checker.extract.MAX_NODES_PER_PAGE": extract.MAX_NODES_PER_PAGE,
    "checker.strictjson.MAX_DEPTH": strictjson.MAX_DEPTH,
    "importer.sources.MAX_SOURCE_BYTES": sources.MAX_SOURCE_BYTES,
    "importer.sources.MAX_FOLDER_FILES": sources.MAX_FOLDER_FILES,
}


def _documented_value(constant: str) -> int:
    row = next(line for line in DOC.splitlines() if f"`{constant}`" in line)
    value = row.split("|")[2].strip()
    number = int(re.match(r"[\d,]+", value).group().replace(",", ""))
    return number * 1024 * 1024 if value.startswith(f"{number} MiB") else number


@pytest.mark.parametrize("constant", list(LIMITS))
def test_each_documented_limit_is_the_codes(constant: str) -> None:
    assert _documented_value(constant) == LIMITS[constant]


def test_the_documented_fuzz_set_up_exists() -> None:
    for path in ["tools/fuzz/run.sh", "tools/fuzz/fuzz_yaml.py", "tools/fuzz/fuzz_jsonld.py", "tools/fuzz/yaml.dict",
                 "tools/fuzz/jsonld.dict"]:
        assert (ROOT / path).is_file(), path
        assert path.split("/")[-1] in DOC or path.endswith(".dict")
    for target in ["yaml", "jsonld"]:
        assert list((ROOT / "tools/fuzz/seeds" / target).iterdir())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("atheris") for d in project["optional-dependencies"]["fuzz"])
    assert not any(d.startswith("atheris") for d in project["dependencies"])
