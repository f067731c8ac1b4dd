"""A date-time has a time of day but no time zone offset.

Without `Z` or `+hh:mm` a date-time is ambiguous by up to a day; Google uses the
offset to show the right date and recommends giving it.

Source: https://developers.google.com/search/docs/appearance/structured-data/article#structured-data-type-definitions
("datePublished ... we recommend providing timezone information")

Failing example:

```json
{"@context": "https://schema.org", "@type": "Article", "datePublished": "2024-03-01T09:00:00"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Article", "datePublished": "2024-03-01T09:00:00+01:00"}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ._shared import Temporal
from .invalid_date import page_temporal_values

ID = "date-without-offset"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for node, values in page_temporal_values(page):
        for prop, path, text, parsed, _ranges in values:
            if isinstance(parsed, Temporal) and parsed.kind == "datetime" and not parsed.has_offset:
                yield node.finding(f"{prop!r} value {text!r} has no time zone offset (add 'Z' or '+hh:mm')", path, prop)
