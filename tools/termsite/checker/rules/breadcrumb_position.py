"""A breadcrumb ListItem's `position` is missing, not an integer, repeated, or the trail
does not start at 1.

Google orders the crumbs by `position`, which must be an integer; positions start at 1
and identify one crumb each. (A gap such as 1, 2, 4 is the warning `breadcrumb-position-gap`.)
Note that a numeric string like `"1"` is reported: Google documents `position` as an
Integer.

Decision on a conflict case (corpus pages `adobe_05`, `adobe_09`, `adobe_12`,
`trafilatura_14`): a JSON-LD position given as text (`"1"`) or as `2.5` stays an error.
Google documents `position` as an Integer; schema.org's range is Integer or Text. How the
major validators judge it: Google's Rich Results Test passes `"1"` and `2.5` (the verdict
stored beside Adobe's fixture); schema.org's validator accepts any text; Adobe's validator
warns. termsite keeps the documented requirement, because a JSON number costs nothing to
write and a parser that follows the documentation may drop the crumb. In microdata and
RDFa every value is text, so `"1"` is an integer position there.

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
from ..model import Finding, Node, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import breadcrumb_lists, describe

ID = "breadcrumb-position"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for trail, crumbs in breadcrumb_lists(page, vocab):
        seen: dict[int, tuple[str, Node]] = {}
        for crumb in crumbs:
            node = crumb.node
            if node is None:
                continue
            path = join_path(crumb.path, "position")
            raw = crumb.position
            position = crumb.integer_position
            if raw is None:
                yield node.finding("ListItem has no position", path)
            elif position is None:
                yield node.finding(f"position must be an integer, got {describe(raw)}", path, "position")
            elif position in seen:
                yield node.finding(f"position {position} is used twice (also at {seen[position][0]})", path, "position")
            else:
                seen[position] = (path, node)
        if seen and min(seen) != 1:
            path, node = seen[min(seen)]
            yield node.finding(f"breadcrumb positions start at {min(seen)}, not 1", path, "position")
