"""The raw text of a JSON-LD block contains `</`, `<!--` or `<script`.

Inside a `<script>` element the HTML parser looks for `</script`, and `<!--` / `<script`
switch it into "escaped" states: such sequences in a JSON string can end the block early
or swallow the rest of the page, and different parsers disagree. Escape `<` as `\\u003c`
(and `>` / `&` as `\\u003e` / `\\u0026`) when serializing JSON-LD into HTML.

Source: https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements

Failing example:

```html
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Answer", "text": "<p>Yes.</p>"}
</script>
```

Passing example:

```html
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Answer", "text": "\\u003cp\\u003eYes.\\u003c/p\\u003e"}
</script>
```
"""

from __future__ import annotations

import re
from typing import Iterator

from ..extract import PageDocument, line_col
from ..model import Finding, Scope, Severity

ID = "unsafe-script-text"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE

_UNSAFE = re.compile(r"</|<!--|<script", re.IGNORECASE)


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for block in page.blocks:
        match = _UNSAFE.search(block.raw)
        if match:
            line, col = line_col(page.text, block.content_offset + match.start())
            yield Finding(f"JSON-LD block {block.index + 1} contains {match.group()!r} in its raw text; "
                          "escape '<' as \\u003c", "", line, col)
