"""A page with JSON-LD has no `<link rel="canonical">`.

The canonical URL tells search engines which URL the structured data belongs to, and the
checker needs it to compare the markup with the page (`canonical-mismatch`,
`breadcrumb-last-item`). Redirect stubs are not reported.

Source: https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls

Failing example: a page whose `<head>` has JSON-LD but no canonical link.

Passing example:

```html
<link rel="canonical" href="https://example.com/area/rates/">
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "missing-canonical"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if page.blocks and page.has_markup_tree and page.canonical is None and not page.is_redirect:
        first = page.blocks[0]
        yield Finding("page has JSON-LD but no <link rel=\"canonical\">", "", first.line, first.col)
