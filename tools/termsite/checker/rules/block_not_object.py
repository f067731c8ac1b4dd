"""A JSON-LD block is valid JSON but not an object or an array of objects.

A block must hold a JSON-LD node object (`{...}`), a document with `@graph`, or an array
of node objects. A bare string, number or `null`, or an array containing non-objects,
carries no structured data.

Source: https://www.w3.org/TR/json-ld11/#embedding-json-ld-in-html-documents

Failing example:

```html
<script type="application/ld+json">["https://schema.org", "Organization"]</script>
```

Passing example:

```html
<script type="application/ld+json">[{"@context": "https://schema.org", "@type": "Organization", "name": "Acme"}]</script>
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ._shared import describe

ID = "block-not-object"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for block in page.blocks:
        if block.error is not None:
            continue
        data = block.data
        if isinstance(data, dict):
            graph = data.get("@graph")
            if isinstance(graph, list):
                for index, item in enumerate(graph):
                    if not isinstance(item, dict):
                        yield Finding(f"@graph item is {describe(item)}, not an object", f"@graph[{index}]", block.line, block.col)
        elif isinstance(data, list):
            if not data:
                yield Finding(f"JSON-LD block {block.index + 1} is an empty array", "", block.line, block.col)
            for index, item in enumerate(data):
                if not isinstance(item, dict):
                    yield Finding(f"array item is {describe(item)}, not an object", f"[{index}]", block.line, block.col)
        else:
            yield Finding(f"JSON-LD block {block.index + 1} is {describe(data)}, not an object or array of objects",
                          "", block.line, block.col)
