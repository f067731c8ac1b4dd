"""A JSON-LD block (or a top-level object in an array block) has no `@context`.

Without `@context` the keys are not schema.org terms at all, and search engines ignore
the data. The checker still checks such a block as if it used schema.org, so other
mistakes surface in the same run.

Source: https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data
and https://www.w3.org/TR/json-ld11/#the-context

Failing example:

```json
{"@type": "Organization", "name": "Acme"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Organization", "name": "Acme"}
```
"""

from __future__ import annotations

from typing import Any, Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "missing-context"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE


def top_level_objects(data: Any) -> Iterator[tuple[dict[str, Any], str]]:
    """Objects that must carry their own @context: the block object, or each array item."""
    if isinstance(data, dict):
        yield data, ""
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict):
                yield item, f"[{index}]"


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for block in page.blocks:
        for obj, path in top_level_objects(block.data):
            if "@context" not in obj:
                yield Finding("no @context; use \"@context\": \"https://schema.org\"", path or "$", block.line, block.col)
