"""Rebuild the checker's compact schema.org index from the official release file.

Usage (from the repository root):

    python tools/build_vocab_index.py \
        ../shared/vocab/schemaorg-30.0/schemaorg-all-https.jsonld \
        tools/termsite/checker/data/schemaorg-30.0.json

The input is schema.org's official "all" release file (current vocabulary plus the
attic).  The output keeps only what the checker needs: every class with its direct
superclasses, every property with its domains and ranges, enumeration members, and
the pending / superseded / retired (attic) status of each term.  The checker never
reads the official file at run time.

schema.org's vocabulary is licensed under Creative Commons Attribution-ShareAlike 3.0
(https://creativecommons.org/licenses/by-sa/3.0/); the derived index carries that
attribution in its "_license" field.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

SCHEMA_PREFIX = "schema:"
PENDING = "https://pending.schema.org"
ATTIC = "https://attic.schema.org"
LICENSE_NOTE = (
    "Derived from the schema.org vocabulary, release {version} "
    "(https://schema.org/version/{version}), (c) schema.org, licensed under "
    "Creative Commons Attribution-ShareAlike 3.0 "
    "(https://creativecommons.org/licenses/by-sa/3.0/). This index is a derived "
    "work under the same licence; rebuild it with tools/build_vocab_index.py."
)


def _ids(value: Any) -> list[str]:
    """Return the schema.org local names referenced by an `{"@id": ...}` value or list."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    names = []
    for item in items:
        ref = item.get("@id") if isinstance(item, dict) else item
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
            names.append(ref[len(SCHEMA_PREFIX):])
    return sorted(set(names))


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", [])
    return value if isinstance(value, list) else [value]


def _status(node: dict[str, Any]) -> dict[str, Any]:
    """Flags shared by classes and properties: pending, retired, superseded."""
    entry: dict[str, Any] = {}
    part_of = _ids_raw(node.get("schema:isPartOf"))
    if PENDING in part_of:
        entry["pending"] = True
    if ATTIC in part_of:
        entry["attic"] = True
    superseded = _ids(node.get("schema:supersededBy"))
    if superseded:
        entry["supersededBy"] = superseded
    return entry


def _ids_raw(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return [item["@id"] for item in items if isinstance(item, dict) and "@id" in item]


def build_index(source: dict[str, Any], version: str) -> dict[str, Any]:
    types: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    members: dict[str, list[str]] = {}
    for node in source["@graph"]:
        node_id = node.get("@id", "")
        if not node_id.startswith(SCHEMA_PREFIX):
            continue
        name = node_id[len(SCHEMA_PREFIX):]
        node_types = _types(node)
        if "rdf:Property" in node_types:
            entry = {
                "domains": _ids(node.get("schema:domainIncludes")),
                "ranges": _ids(node.get("schema:rangeIncludes")),
            }
            entry.update(_status(node))
            properties[name] = entry
        elif "rdfs:Class" in node_types:
            entry = {"super": _ids(node.get("rdfs:subClassOf"))}
            if "schema:DataType" in node_types:
                entry["datatype"] = True
            entry.update(_status(node))
            types[name] = entry
        else:
            # An enumeration member (e.g. InStock is an ItemAvailability) or a
            # Boolean value (True/False).
            member_of = [t[len(SCHEMA_PREFIX):] for t in node_types if t.startswith(SCHEMA_PREFIX)]
            if member_of:
                members[name] = sorted(member_of)
                status = _status(node)
                if status:
                    members[name + "#status"] = status  # type: ignore[assignment]
    return {
        "_license": LICENSE_NOTE.format(version=version),
        "version": version,
        "types": dict(sorted(types.items())),
        "properties": dict(sorted(properties.items())),
        "members": {k: v for k, v in sorted(members.items()) if not k.endswith("#status")},
        "memberStatus": {k[: -len("#status")]: v for k, v in sorted(members.items()) if k.endswith("#status")},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="schemaorg-all-https.jsonld of a release")
    parser.add_argument("output", type=Path, help="where to write the compact index")
    parser.add_argument("--version", default=None, help="release number (default: from the file name's folder)")
    args = parser.parse_args(argv)
    version = args.version or args.source.parent.name.removeprefix("schemaorg-")
    source = json.loads(args.source.read_text(encoding="utf-8"))
    index = build_index(source, version)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"{args.output}: {len(index['types'])} types, {len(index['properties'])} properties, "
          f"{len(index['members'])} enumeration members", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
