"""A property value is outside the property's ranges (`rangeIncludes`).

How values are matched against schema.org's expected types:

* **Text** (and its subtypes) accepts any string; numbers are accepted too (they are
  typed literals that consumers read as text). **URL** alone accepts a string without
  whitespace, or a reference `{"@id": ...}`.
* **Number / Float** accept JSON numbers and numeric strings (`"4.5"` - common and read
  by search engines); **Integer** accepts whole numbers and whole-number strings.
* **Boolean** accepts `true`/`false`, the strings `"true"`/`"false"` and
  `https://schema.org/True`/`False`.
* **Date / DateTime / Time** accept strings; their format is checked by `invalid-date`.
* **Quantities** are written as strings, as schema.org's own examples do: a **Duration**
  (`timeRequired`, `cookTime`, `duration`, ...) is an ISO 8601 duration (`"PT1H30M"`,
  `"P0Y0M0DT0H10M39S"`); an **Energy**, **Mass** or **Distance** (`calories`,
  `proteinContent`, `height`, ...) is a number and a unit (`"339 calories"`, `"123 kcal"`,
  `"63 g"`, `"150 mg"`, `"7 ft"`), or a bare number. The form is checked, not the unit's
  spelling. A Duration needs its unit letters, so a bare number is reported there.
* A **Thing type** (e.g. `Person`) accepts a node of that type or a subtype, an untyped
  node, a reference `{"@id": ...}`, a `Role` node (schema.org's role pattern), and a
  string (a name or URL, as schema.org allows). For an **enumeration** a schema.org URL
  such as `https://schema.org/InStock` must name a member of that enumeration. A number
  is accepted only for quantity-like types (`Quantity`, `StructuredValue` subtypes such
  as `QuantitativeValue`, `Distance`).

Nodes of unknown or foreign types are left to `unknown-type`.

Source: https://schema.org/docs/datamodel.html ("Conformance": expected types, strings
in place of things) and the property pages, e.g. https://schema.org/author

Failing example:

```json
{"@context": "https://schema.org", "@type": "Article", "author": {"@type": "ImageObject", "url": "a.png"}}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Article", "author": {"@type": "Person", "name": "Ada"}}
```
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity, join_path
from ..vocabulary import DATE_TYPES, NUMBER_TYPES, TEXT_TYPES, Vocabulary, load_vocabulary, local_name
from ._shared import describe, property_values

ID = "value-range"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})

# ISO 8601 durations: PnYnMnWnDTnHnMnS with at least one component (fractions on any).
_DURATION = re.compile(
    r"P(?=[\d.,]|T[\d.,])(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?"
    r"(?:T(?=[\d.,])(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?", re.IGNORECASE)
# "339 calories", "63 g", "1,5 kg", "5'11\"", "1/2 cup": a number, then a unit that is not a number.
_AMOUNT_WITH_UNIT = re.compile(r"[+-]?(?:\d+(?:[.,\u00a0 ]\d+)*|[.,]\d+)(?:\s*/\s*\d+)?\s*(?:[^\W\d_]|[°'\"µ%]).*",
                               re.DOTALL)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_BOOLEAN_STRINGS = frozenset({"true", "false", "True", "False", "https://schema.org/True", "https://schema.org/False",
                              "http://schema.org/True", "http://schema.org/False"})


@dataclass(frozen=True, slots=True)
class Ranges:
    """A property's ranges, pre-sorted into what kinds of JSON value they accept."""

    names: tuple[str, ...]
    text: bool  # Text or a Text subtype other than URL
    url: bool
    number: bool
    integer_only: bool
    boolean: bool
    date: bool
    things: tuple[str, ...]  # non-datatype ranges
    quantity: bool  # a range that takes plain numbers (QuantitativeValue, Distance, Energy, ...)
    durations: bool  # Duration is a range: ISO 8601 duration strings
    amounts: bool  # Energy, Mass, Distance or Quantity is a range: "number unit" strings
    enumerations: tuple[str, ...]


@functools.lru_cache(maxsize=None)
def ranges_of(prop: str) -> Ranges | None:
    vocab = load_vocabulary()
    names = vocab.ranges(prop)
    if not names:
        return None
    things = tuple(r for r in names if not vocab.is_datatype(r) and r not in TEXT_TYPES | NUMBER_TYPES | DATE_TYPES | {"Boolean"})
    numbers = [r for r in names if r in NUMBER_TYPES]
    quantities = [r for r in names if vocab.is_subtype(r, "Quantity")]
    amounts = any(r != "Duration" for r in quantities)
    return Ranges(
        names=names,
        text=any(r in TEXT_TYPES and r != "URL" for r in names),
        url="URL" in names,
        number=bool(numbers),
        integer_only=bool(numbers) and all(r == "Integer" for r in numbers),
        boolean="Boolean" in names,
        date=any(r in DATE_TYPES for r in names),
        things=things,
        quantity=amounts or any(vocab.is_subtype(t, "Quantity") or vocab.is_subtype(t, "StructuredValue") for t in things),
        durations="Duration" in quantities or "Quantity" in quantities,
        amounts=amounts,
        enumerations=tuple(t for t in things if vocab.is_subtype(t, "Enumeration")),
    )


def _mismatch(value: Any, ranges: Ranges, vocab: Vocabulary) -> str | None:
    """Why the value does not fit, or None when it does."""
    if value is None:
        return None
    if isinstance(value, dict):
        return _object_mismatch(value, ranges, vocab)
    if isinstance(value, bool):
        return None if ranges.boolean else "a boolean"
    if isinstance(value, (int, float)):
        if ranges.number:
            if ranges.integer_only and not float(value).is_integer() and not (ranges.text or ranges.quantity):
                return f"{value!r}, not a whole number"
            return None
        return None if ranges.text or ranges.quantity else describe(value)
    if isinstance(value, str):
        return _string_mismatch(value, ranges, vocab)
    return describe(value)


def _string_mismatch(value: str, ranges: Ranges, vocab: Vocabulary) -> str | None:
    if ranges.text or ranges.date:
        return None
    if ranges.enumerations and value.startswith(("https://schema.org/", "http://schema.org/")):
        member = local_name(value) or ""
        fits = any(vocab.is_subtype(t, e) for t in vocab.member_types(member) for e in ranges.enumerations)
        if fits:
            return None
        if not ranges.url and len(ranges.things) == len(ranges.enumerations):
            return f"{value!r}, not a member of {' or '.join(ranges.enumerations)}"
    if ranges.durations and _DURATION.fullmatch(value.strip()):
        return None
    if ranges.amounts and (_AMOUNT_WITH_UNIT.fullmatch(value.strip()) or _NUMBER.fullmatch(value.strip())):
        return None
    if ranges.things:
        return None
    if ranges.durations and not ranges.amounts:
        return f"{describe(value)}, not an ISO 8601 duration such as 'PT1H30M'"
    if ranges.amounts and not ranges.durations:
        return f"{describe(value)}, not a number with a unit such as '339 calories' or '63 g'"
    if ranges.url and value.strip() and not any(c.isspace() for c in value.strip()):
        return None
    if ranges.number and (_INTEGER if ranges.integer_only else _NUMBER).fullmatch(value.strip()):
        return None
    if ranges.boolean and value in _BOOLEAN_STRINGS:
        return None
    return describe(value)


def _object_mismatch(value: dict[str, Any], ranges: Ranges, vocab: Vocabulary) -> str | None:
    if "@value" in value:
        return _mismatch(value["@value"], ranges, vocab)
    raw_types = value.get("@type")
    type_list = raw_types if isinstance(raw_types, list) else [raw_types] if raw_types is not None else []
    names = [local_name(t) for t in type_list if isinstance(t, str)]
    known = [n for n in names if n and vocab.has_type(n)]
    if type_list and len(known) < len(type_list):
        return None  # unknown or foreign types: reported elsewhere, cannot judge
    if not known:
        if ranges.things:
            return None  # an untyped node or a reference
        if ranges.url and set(value) <= {"@id"}:
            return None
        return "an object"
    if any(vocab.is_subtype(t, "Role") for t in known):
        return None
    if any(vocab.is_subtype(t, r) for t in known for r in ranges.names):
        return None
    return f"a {' / '.join(known)} object"


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for node in page.nodes:
        if not node.schema_vocab:
            continue
        for key, raw in node.data.items():
            if key.startswith("@"):
                continue
            prop = local_name(key)
            ranges = ranges_of(prop) if prop and vocab.has_property(prop) else None
            if ranges is None:
                continue
            for value, path in property_values(raw, join_path(node.path, key)):
                reason = _mismatch(value, ranges, vocab)
                if reason:
                    expected = " or ".join(ranges.names)
                    yield node.finding(f"{prop!r} expects {expected}, got {reason}", path, key)
