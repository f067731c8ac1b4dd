"""A JSON-LD block (or a top-level object in an array block) has no `@context`.

Without `@context` the keys are not schema.org terms at all, and search engines ignore
the data. The checker still checks such a block as if it used schema.org, so other
mistakes surface in the same run.

Decision on conflict cases (corpus pages `adobe_16`, `sdtt_05`, `schemaorg_26`): an error,
also where the types are full IRIs (`"@type": "http://schema.org/Article"`) or where a
sibling array element holds the only `@context` (a context applies to the object that
holds it, not to its neighbours). How the major validators judge it: Adobe's
validator reads such blocks as schema.org and reports nothing (`adobe_16`); schema.org's
validator and JSON-LD processors expand the terms only through a context; Google's Rich
Results Test is not documented to guess one. JSON-LD processors other than those validators do
not guess a vocabulary, so the data is lost for them.

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
TAGS = frozenset({"core"})


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
