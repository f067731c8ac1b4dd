"""Dates on one node are in an impossible order.

Checked pairs: `dateModified` before `datePublished`, `endDate` before `startDate`,
`validThrough` before `validFrom`, `expires` before `datePublished`. Date-times with
offsets are compared as instants; otherwise calendar dates are compared.

Source: https://developers.google.com/search/docs/appearance/structured-data/article
(dateModified: "the date and time the article was most recently modified") and
https://schema.org/dateModified

Failing example:

```json
{"@context": "https://schema.org", "@type": "Article",
 "datePublished": "2024-05-02", "dateModified": "2024-05-01"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Article",
 "datePublished": "2024-05-01", "dateModified": "2024-05-02"}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ._shared import Temporal, is_before
from .invalid_date import page_temporal_values

ID = "date-order"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})

# (earlier, later) property pairs
ORDERED_PAIRS = (
    ("datePublished", "dateModified"),
    ("startDate", "endDate"),
    ("validFrom", "validThrough"),
    ("datePublished", "expires"),
)


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for node, found in page_temporal_values(page):
        values: dict[str, tuple[str, str, Temporal]] = {}
        for prop, path, text, parsed, _ranges in found:
            if isinstance(parsed, Temporal) and prop not in values:
                values[prop] = (path, text, parsed)
        for first, second in ORDERED_PAIRS:
            if first in values and second in values:
                _, first_text, first_value = values[first]
                second_path, second_text, second_value = values[second]
                if is_before(second_value, first_value):
                    yield node.finding(f"{second} {second_text!r} is before {first} {first_text!r}", second_path, second)
