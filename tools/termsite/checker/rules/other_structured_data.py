"""The page also carries microdata or RDFa, which this checker does not validate.

Structured data in several syntaxes for the same page is easy to let drift apart; the
checker validates JSON-LD only, so it lists the microdata / RDFa item types it found
(extracted with extruct) as a hint. Informational.

Source: https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data#structured-data-format
("Google recommends using JSON-LD")

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


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for syntax, types in page.other_markup.items():
        shown = ", ".join(sorted(set(types))[:8])
        yield Finding(f"page has {len(types)} {syntax} item(s) ({shown}); only JSON-LD is validated")
