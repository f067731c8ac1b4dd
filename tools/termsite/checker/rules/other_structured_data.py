"""The page carries microdata or RDFa besides (or instead of) JSON-LD.

The microdata and RDFa items are validated with the same rules as JSON-LD (vocabulary,
dates, Google's breadcrumb and FAQ requirements, page consistency), each problem reported
at the item's or property's element with an item path such as
`BreadcrumbList.itemListElement[1].position`; `markup-disagreement` compares a page's
JSON-LD with its microdata or RDFa where both describe one thing. This rule lists the item
types found, so that a page's structured data in several syntaxes is visible at a glance.
Informational.

Source: https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data#structured-data-format
("Google recommends using JSON-LD"; microdata and RDFa are supported too)

Failing example:

```html
<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ada</span></div>
```

Passing example: the same data as a JSON-LD block.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "other-structured-data"
SEVERITY = Severity.INFO
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for syntax, types in page.other_markup.items():
        shown = ", ".join(sorted(set(types))[:8])
        first = next(b for b in page.markup_blocks if b.syntax == syntax)
        yield Finding(f"page has {len(types)} top-level {syntax} item(s) ({shown}), checked like JSON-LD",
                      "", first.line, first.col)
