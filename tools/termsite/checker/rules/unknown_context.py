"""A JSON-LD block's `@context` is not schema.org.

Accepted: `https://schema.org` or `http://schema.org` (with or without a trailing slash),
schema.org's context document `https://schema.org/docs/jsonldcontext.json(ld)`, a context
object whose `@vocab` is one of those, or an array combining one of those with local term
definitions (objects). Anything else is reported, and the block's vocabulary is not checked
(the checker cannot know what its terms mean).

Source: https://schema.org/docs/developers.html and https://www.w3.org/TR/json-ld11/#the-context

Failing example:

```json
{"@context": "https://schema.com", "@type": "Organization", "name": "Acme"}
```

Passing example:

```json
{"@context": {"@vocab": "https://schema.org/"}, "@type": "Organization", "name": "Acme"}
```
"""

from __future__ import annotations

import json
from typing import Iterator

from ..extract import PageDocument, classify_context
from ..model import Finding, Scope, Severity
from .missing_context import top_level_objects

ID = "unknown-context"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for block in page.blocks:
        for obj, path in top_level_objects(block.data):
            context = obj.get("@context")
            if context is not None and classify_context(context) == "foreign":
                shown = json.dumps(context)[:80]
                yield Finding(f"@context {shown} is not schema.org; vocabulary not checked",
                              (path + "." if path else "") + "@context", block.line, block.col)
