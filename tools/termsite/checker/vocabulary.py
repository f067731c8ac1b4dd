"""The packaged schema.org index: type and property lookups, subtyping, did-you-mean.

The index (``data/schemaorg-30.0.json``) is derived from schema.org release 30.0 by
``tools/build_vocab_index.py``; schema.org's vocabulary is licensed under
CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
import os
from typing import Any

INDEX_FILE = "schemaorg-30.0.json"

# Term IRIs in any of these spellings name a schema.org term.
SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")

# schema.org's data types, grouped by the kind of literal they accept.
TEXT_TYPES = frozenset({"Text", "URL", "CssSelectorType", "XPathType", "PronounceableText"})
NUMBER_TYPES = frozenset({"Number", "Integer", "Float"})
DATE_TYPES = frozenset({"Date", "DateTime", "Time"})


def action_annotation(prop: str) -> str | None:
    """``query-input`` -> ``query``: schema.org's Action input/output annotations
    (https://schema.org/docs/actions.html), which are not properties themselves."""
    for suffix in ("-input", "-output"):
        if prop.endswith(suffix) and len(prop) > len(suffix):
            return prop[: -len(suffix)]
    return None


@functools.lru_cache(maxsize=16384)
def local_name(term: str) -> str | None:
    """``"https://schema.org/Article"`` / ``"schema:Article"`` / ``"Article"`` -> ``"Article"``.

    Returns None for terms of other vocabularies (``"ex:foo"``, ``"https://example.org/x"``).
    """
    for prefix in SCHEMA_PREFIXES:
        if term.startswith(prefix):
            return term[len(prefix):]
    if ":" in term or "/" in term:
        return None
    return term


@dataclass(frozen=True, slots=True)
class TermStatus:
    pending: bool = False
    attic: bool = False
    superseded_by: tuple[str, ...] = ()


class Vocabulary:
    """Read-only view of the schema.org index with cached subtype queries."""

    def __init__(self, index: dict[str, Any]) -> None:
        self.version: str = index["version"]
        self.license: str = index["_license"]
        self._types: dict[str, dict[str, Any]] = index["types"]
        self._properties: dict[str, dict[str, Any]] = index["properties"]
        self._members: dict[str, list[str]] = index["members"]
        self._member_status: dict[str, dict[str, Any]] = index.get("memberStatus", {})
        self.ancestors = functools.lru_cache(maxsize=None)(self._ancestors)
        self.is_subtype = functools.lru_cache(maxsize=65536)(self._is_subtype)
        self.property_allowed_on = functools.lru_cache(maxsize=65536)(self._property_allowed_on)
        self.type_status = functools.lru_cache(maxsize=None)(self._type_status)
        self.property_status = functools.lru_cache(maxsize=None)(self._property_status)

    # -- types ---------------------------------------------------------------
    def has_type(self, name: str) -> bool:
        return name in self._types

    def type_names(self) -> list[str]:
        return list(self._types)

    def is_datatype(self, name: str) -> bool:
        return bool(self._types.get(name, {}).get("datatype")) or any(
            self._types.get(a, {}).get("datatype") for a in self.ancestors(name)
        )

    def _ancestors(self, name: str) -> frozenset[str]:
        """All strict supertypes of a type (empty for an unknown type)."""
        seen: set[str] = set()
        stack = list(self._types.get(name, {}).get("super", ()))
        while stack:
            parent = stack.pop()
            if parent not in seen:
                seen.add(parent)
                stack.extend(self._types.get(parent, {}).get("super", ()))
        return frozenset(seen)

    def _is_subtype(self, name: str, ancestor: str) -> bool:
        return name == ancestor or ancestor in self.ancestors(name)

    def _type_status(self, name: str) -> TermStatus:
        return _status(self._types.get(name))

    # -- properties ----------------------------------------------------------
    def has_property(self, name: str) -> bool:
        return name in self._properties

    def property_names(self) -> list[str]:
        return list(self._properties)

    def domains(self, prop: str) -> tuple[str, ...]:
        return tuple(self._properties.get(prop, {}).get("domains", ()))

    def ranges(self, prop: str) -> tuple[str, ...]:
        return tuple(self._properties.get(prop, {}).get("ranges", ()))

    def _property_status(self, name: str) -> TermStatus:
        return _status(self._properties.get(name))

    def _property_allowed_on(self, prop: str, type_name: str) -> bool:
        """True when ``prop`` is defined for ``type_name`` or one of its supertypes."""
        return any(self.is_subtype(type_name, domain) for domain in self.domains(prop))

    # -- enumeration members ------------------------------------------------
    def member_types(self, name: str) -> tuple[str, ...]:
        """Enumerations a member belongs to (``InStock`` -> ``("ItemAvailability",)``)."""
        return tuple(self._members.get(name, ()))

    def member_status(self, name: str) -> TermStatus:
        return _status(self._member_status.get(name))

    # -- suggestions ---------------------------------------------------------
    def suggest_type(self, name: str) -> str | None:
        return _suggest(name, self._types)

    def suggest_property(self, name: str, candidates: list[str] | None = None) -> str | None:
        return _suggest(name, candidates if candidates is not None else self._properties)

    def properties_for(self, type_name: str) -> list[str]:
        """Every property usable on a type (used for did-you-mean on domain errors)."""
        return [p for p in self._properties if self.property_allowed_on(p, type_name)]


def _status(entry: dict[str, Any] | None) -> TermStatus:
    if not entry:
        return TermStatus()
    return TermStatus(
        pending=bool(entry.get("pending")),
        attic=bool(entry.get("attic")),
        superseded_by=tuple(entry.get("supersededBy", ())),
    )


def _suggest(name: str, candidates: Any) -> str | None:
    lowered = {c.lower(): c for c in candidates}
    if name.lower() in lowered:  # a case slip: "article" -> "Article"
        return lowered[name.lower()]
    import difflib  # only when a suggestion is needed

    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None


@functools.lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """Load the packaged index once per process."""
    # A plain file next to this module (importlib.resources would add its own imports to the
    # startup of every `termsite check`); the package ships it as package data.
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", INDEX_FILE), encoding="utf-8") as handle:
        return Vocabulary(json.load(handle))
