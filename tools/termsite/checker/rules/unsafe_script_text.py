"""The raw text of a JSON-LD block contains `</script`, `<!--` or `<script`.

Inside a `<script>` element the HTML parser looks only for `</script`, and `<!--` /
`<script` switch it into the "escaped" states in which a later `</script>` may no longer
end the element: these three sequences in a JSON string can end the block early or
swallow the rest of the page. Any other markup is safe inside a JSON string: `</p>`,
`</a>` or `<br>` in an FAQ answer (Google allows such tags there, and its own FAQPage
example has them) cannot end a script element, so they are not reported. Escape `<` as
`\\u003c` (and `>` / `&` as `\\u003e` / `\\u0026`) when serializing JSON-LD into HTML, and
nothing can go wrong.

Decision on the corpus' conflict cases (`jayholtslander_04`, `schemaorg_28`,
`trafilatura_14`): `</p>` and `</a>` inside JSON strings pass. Google's Rich Results Test,
schema.org's validator and Adobe's validator accept them too.

Source: https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements

Failing example:

```html
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Answer", "text": "Yes. <!-- see below"}
</script>
```

Passing example:

```html
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Answer", "text": "<p>Yes.</p> \\u003c!-- see below"}
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
TAGS = frozenset({"core"})

_UNSAFE = re.compile(r"</script|<!--|<script", re.IGNORECASE)


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    for block in page.blocks:
        match = _UNSAFE.search(block.raw)
        if match:
            line, col = line_col(page.text, block.content_offset + match.start())
            yield Finding(f"JSON-LD block {block.index + 1} contains {match.group()!r} in its raw text; "
                          "escape '<' as \\u003c", "", line, col)
