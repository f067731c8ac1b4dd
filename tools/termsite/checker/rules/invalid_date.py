"""A date, date-time or time value is not valid ISO 8601, or names a day that does not exist.

Checked on every property whose ranges are only `Date`, `DateTime` and/or `Time`
(`datePublished`, `dateModified`, `startDate`, ...). Accepted forms: `2024-02-29`,
`2024-02` and `2024` (reduced precision), `2024-02-29T13:45`, `2024-02-29T13:45:00`,
with optional fractions and a `Z` or `+hh:mm` offset; for `Time` also `13:45:00+01:00`.
A date is accepted where a date-time is expected (and the other way round). Calendar
dates are real: `2023-02-29` and `2024-02-30` are errors, as are `25:00` and a space
instead of `T`.

Source: https://developers.google.com/search/docs/appearance/structured-data/article#structured-data-type-definitions
("in ISO 8601 format") and https://schema.org/Date, https://schema.org/DateTime

Failing example:

```json
{"@context": "https://schema.org", "@type": "Article", "datePublished": "2024-02-30"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Article", "datePublished": "2024-02-29"}
```
"""

from __future__ import annotations

import functools
from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Node, Scope, Severity, join_path
from ..vocabulary import DATE_TYPES, load_vocabulary, local_name
from ._shared import Temporal, TemporalError, parse_temporal, property_values, string_value

ID = "invalid-date"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})


@functools.lru_cache(maxsize=None)
def date_only_ranges(prop: str) -> frozenset[str] | None:
    """The property's ranges when they are all temporal, else None."""
    ranges = load_vocabulary().ranges(prop)
    return frozenset(ranges) if ranges and set(ranges) <= DATE_TYPES else None


TemporalValue = tuple[str, str, str, "Temporal | TemporalError", frozenset[str]]


def page_temporal_values(page: PageDocument) -> list[tuple[Node, list[TemporalValue]]]:
    """Temporal values of every node that has any (memoized: three rules need them)."""
    if "temporal_values" not in page.memo:
        found = [(node, list(temporal_values(node))) for node in page.nodes]
        page.memo["temporal_values"] = [(node, values) for node, values in found if values]
    return page.memo["temporal_values"]


def temporal_values(node: Node) -> Iterator[TemporalValue]:
    """(property, path, text, parsed value or error, ranges) for each temporal string value."""
    if not node.schema_vocab:
        return
    for key, raw in node.data.items():
        prop = local_name(key) if not key.startswith("@") else None
        ranges = date_only_ranges(prop) if prop else None
        if not ranges:
            continue
        for value, path in property_values(raw, join_path(node.path, key)):
            text = string_value(value)
            if text is None:
                continue  # a non-string value is value-range's business
            try:
                parsed: Temporal | TemporalError = parse_temporal(text, allow_time="Time" in ranges)
            except TemporalError as exc:
                parsed = exc
            if isinstance(parsed, Temporal) and parsed.kind == "time" and ranges.isdisjoint({"Time"}):
                parsed = TemporalError("a time of day where a date is expected")
            yield prop, path, text, parsed, ranges


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for node, values in page_temporal_values(page):
        for prop, path, text, parsed, ranges in values:
            if isinstance(parsed, TemporalError):
                expected = " or ".join(sorted(ranges))
                yield node.finding(f"{prop!r} value {text!r} is not a valid {expected}: {parsed}", path, prop)
