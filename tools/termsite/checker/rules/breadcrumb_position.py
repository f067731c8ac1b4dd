"""A breadcrumb ListItem's `position` is missing, not an integer, repeated, or the trail
does not start at 1.

Google orders the crumbs by `position`, which must be an integer; positions start at 1
and identify one crumb each. (A gap such as 1, 2, 4 is the warning `breadcrumb-position-gap`.)
Note that a numeric string like `"1"` is reported: Google documents `position` as an
Integer.

Source: https://developers.google.com/search/docs/appearance/structured-data/breadcrumb#list-item

Failing example:

```json
{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://example.com/"},
  {"@type": "ListItem", "position": 1, "name": "Area"}]}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://example.com/"},
  {"@type": "ListItem", "position": 2, "name": "Area"}]}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import breadcrumb_lists, describe, integer_position

ID = "breadcrumb-position"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for trail, crumbs in breadcrumb_lists(page, vocab):
        line, col = trail.block.line, trail.block.col
        seen: dict[int, str] = {}
        for crumb in crumbs:
            if crumb.node is None:
                continue
            path = join_path(crumb.path, "position")
            raw = crumb.position
            position = integer_position(raw)
            if raw is None:
                yield Finding("ListItem has no position", path, line, col)
            elif position is None:
                yield Finding(f"position must be an integer, got {describe(raw)}", path, line, col)
            elif position in seen:
                yield Finding(f"position {position} is used twice (also at {seen[position]})", path, line, col)
            else:
                seen[position] = path
        if seen and min(seen) != 1:
            first = min(seen)
            yield Finding(f"breadcrumb positions start at {first}, not 1", seen[first], line, col)
