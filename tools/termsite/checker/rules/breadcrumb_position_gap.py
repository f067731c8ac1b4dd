"""Breadcrumb positions skip a number (1, 2, 4).

A gap usually means a crumb was lost when the trail was generated. Google still sorts by
position, so it is a warning.

Source: https://developers.google.com/search/docs/appearance/structured-data/breadcrumb#list-item
("position: the position of the breadcrumb in the breadcrumb trail. Position 1 signifies
the beginning of the trail.")

Failing example:

```json
{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://example.com/"},
  {"@type": "ListItem", "position": 3, "name": "Page"}]}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://example.com/"},
  {"@type": "ListItem", "position": 2, "name": "Page"}]}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Node, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import breadcrumb_lists

ID = "breadcrumb-position-gap"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for trail, crumbs in breadcrumb_lists(page, vocab):
        positions: dict[int, tuple[str, Node]] = {}
        for crumb in crumbs:
            position = crumb.integer_position
            if position is not None and crumb.node is not None:
                positions.setdefault(position, (join_path(crumb.path, "position"), crumb.node))
        ordered = sorted(positions)
        for before, after in zip(ordered, ordered[1:]):
            if after - before > 1:
                missing = ", ".join(str(p) for p in range(before + 1, min(after, before + 6)))
                path, crumb_node = positions[after]
                yield crumb_node.finding(f"breadcrumb positions jump from {before} to {after} (missing {missing})",
                                         path, "position")
