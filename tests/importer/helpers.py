"""Shared pieces of the importer tests: the fixture site and how to run an import in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import extruct
import pytest

from termsite.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXCHANGE = FIXTURES / "learn-example-exchange"
SOURCE_SITE = "https://learn.example-exchange.test/"
PUBLISHER = "Example Exchange Learn"


def run_import(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`termsite import ARGS` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = main(["import", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def jsonld_nodes(html: str, base_url: str = "") -> list[dict[str, Any]]:
    """Every JSON-LD node of a page, @graph members included, as extruct reads them."""
    nodes: list[dict[str, Any]] = []
    for item in extruct.extract(html, base_url=base_url or None, syntaxes=["json-ld"], uniform=True)["json-ld"]:
        if "@graph" in item:
            nodes += [{**member} for member in item["@graph"]]
        else:
            nodes.append(item)
    return nodes


def inline_references(nodes: list[dict[str, Any]], types: tuple[str, ...] = ("Person",)) -> list[dict[str, Any]]:
    """The nodes with every bare reference ({"@id": ...}) to a node of the given types on the same
    page replaced by that node, and the nodes that were only referred to left out.

    termsite's area pages refer to one Person node per author instead of repeating it in every
    hasPart article; read this way, the page says what a page with embedded authors says.
    """
    by_id = {node["@id"]: node for node in nodes if "@id" in node and node.get("@type") in types}
    used: set[str] = set()

    def inline(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"@id"} and value["@id"] in by_id:
                used.add(value["@id"])
                return {key: item for key, item in by_id[value["@id"]].items() if key != "@context"}
            return {key: inline(item) for key, item in value.items()}
        if isinstance(value, list):
            return [inline(item) for item in value]
        return value

    inlined = [inline(node) for node in nodes]
    return [node for node in inlined if node.get("@id") not in used]


def by_type(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for node in nodes:
        kind = node["@type"] if isinstance(node["@type"], str) else "/".join(node["@type"])
        assert kind not in found, f"two {kind} nodes on one page"
        found[kind] = {key: value for key, value in node.items() if key != "@context"}
    return found


def differences(source: Any, rebuilt: Any, path: str = "") -> dict[str, tuple[Any, Any]]:
    """Every leaf where two JSON values differ: path -> (source value, rebuilt value); MISSING when absent."""
    if isinstance(source, dict) and isinstance(rebuilt, dict):
        out: dict[str, tuple[Any, Any]] = {}
        for key in list(source) + [k for k in rebuilt if k not in source]:
            out.update(differences(source.get(key, MISSING), rebuilt.get(key, MISSING), f"{path}.{key}" if path else key))
        return out
    if isinstance(source, list) and isinstance(rebuilt, list) and len(source) == len(rebuilt):
        out = {}
        for index, (a, b) in enumerate(zip(source, rebuilt)):
            out.update(differences(a, b, f"{path}[{index}]"))
        return out
    return {} if source == rebuilt else {path: (source, rebuilt)}


MISSING = "<missing>"


def dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)
