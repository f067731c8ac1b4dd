"""A page went past one of the checker's work limits; the excess was not checked.

The limits bound the time and memory spent on one page, so that a hostile or broken
page cannot stall a CI run or crash the checker:

| limit | value | what happens |
| --- | --- | --- |
| bytes read per page | 50 MiB | the rest of the file is ignored |
| JSON-LD blocks per page | 1,000 | later blocks are ignored |
| JSON nesting depth per block | 512 | the block is not parsed (checked before parsing, so Python's recursion limit is never reached) |
| JSON-LD nodes per page | 100,000 | later nodes are not checked |

Source: termsite's own requirement (bounded work per page).

Failing example:

```html
<script type="application/ld+json">[[[[[[ ... 600 levels ... ]]]]]]</script>
```

Passing example: any page of normal size.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import MAX_PAGE_BYTES, PageDocument
from ..model import Finding, Scope, Severity

ID = "limit-exceeded"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if page.truncated:
        yield Finding(f"file is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB; only the first part was checked")
    for block in page.blocks:
        if block.error is not None and block.error.rule_id == ID:
            yield Finding(f"JSON-LD block {block.index + 1}: {block.error.message}; block not checked",
                          "", block.error.line, block.error.col)
    for message, line, col in page.limit_messages:
        yield Finding(message, "", line, col)
