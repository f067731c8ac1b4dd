"""A top-level JSON-LD node has no `@type`.

Search engines pick structured data by type; a top-level node without `@type` (that is
not just a reference `{"@id": ...}`) describes nothing they can use.

Source: https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data

Failing example:

```json
{"@context": "https://schema.org", "name": "Acme"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Organization", "name": "Acme"}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "missing-type"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for node in page.nodes:
        if node.top_level and "@type" not in node.data and not node.is_reference:
            yield node.at("top-level node has no @type")
