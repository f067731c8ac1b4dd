"""A JSON-LD block is not valid JSON.

The checker parses every `<script type="application/ld+json">` block itself, strictly:
trailing commas, comments, duplicate keys, `NaN`/`Infinity`, raw control characters in
strings, a byte order mark and an empty block are all errors. Browsers' and extruct's
lenient parsers repair some of these silently (and extruct with `errors='log'` drops
*every* block of the page when one is bad); search engines may drop the block. Only the
bad block is reported - its neighbours are still checked. The line and column point at
the offending character in the HTML file.

Source: https://developers.google.com/search/docs/appearance/structured-data/sd-policies
(technical guidelines) and RFC 8259 (https://www.rfc-editor.org/rfc/rfc8259).

Failing example:

```html
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Organization", "name": "Acme",}
</script>
```

Passing example:

```html
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Organization", "name": "Acme"}
</script>
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "invalid-json"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for block in page.blocks:
        if block.error is not None and block.error.rule_id == ID:
            yield Finding(f"JSON-LD block {block.index + 1} is not valid JSON: {block.error.message}",
                          "", block.error.line, block.error.col)
