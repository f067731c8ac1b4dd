"""A BreadcrumbList lacks what Google requires of its items.

Google requires `itemListElement` with at least two `ListItem`s; each ListItem needs a
`name` (or an `item` object with a `name`) and an `item` (the crumb's URL, as a string,
`{"@id": ...}` or a node with `@id`/`url`). Only the last crumb may omit `item` - Google
then uses the page's own URL. Positions are checked by `breadcrumb-position`.

Source: https://developers.google.com/search/docs/appearance/structured-data/breadcrumb#structured-data-type-definitions

Failing example:

```json
{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "name": "Home"},
  {"@type": "ListItem", "position": 2, "name": "Area"}]}
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
from ._shared import breadcrumb_lists, describe, ordered_crumbs

ID = "breadcrumb-items"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for trail, crumbs in breadcrumb_lists(page, vocab):
        line, col = trail.where("itemListElement")
        if len(crumbs) < 2:
            yield trail.finding(f"BreadcrumbList needs at least two ListItems in itemListElement, has {len(crumbs)}",
                                join_path(trail.path, "itemListElement"), "itemListElement")
        last = ordered_crumbs(crumbs)[-1] if crumbs else None
        for crumb in crumbs:
            if crumb.node is None:
                yield Finding(f"breadcrumb element is {describe(crumb.value)}, not a ListItem", crumb.path, line, col)
                continue
            node = crumb.node
            if not any(vocab.is_subtype(t, "ListItem") for t in node.types):
                yield node.finding("breadcrumb element must have \"@type\": \"ListItem\"", join_path(crumb.path, "@type"))
            name = crumb.name
            if name is None or not name.strip():
                yield node.finding("ListItem has no name", join_path(crumb.path, "name"), "name")
            if crumb is not last and not crumb.item_url:
                yield node.finding("ListItem has no item URL (only the last crumb may omit it)",
                                   join_path(crumb.path, "item"), "item")
