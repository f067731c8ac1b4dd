"""A page's `hreflang` set has no `x-default`.

`hreflang="x-default"` names the version for readers whose language none of the others
matches (often the source language, or a language chooser). Google recommends it in every
set; without it, such readers get whichever version the search engine picks. A warning:
the set works without it. Two `x-default`s in one set are the error `hreflang-set`.

Source: https://developers.google.com/search/docs/specialty/international/localized-versions#xdefault

Failing example:

```html
<link rel="alternate" hreflang="en" href="https://example.com/">
<link rel="alternate" hreflang="de" href="https://example.com/de/">
```

Passing example: the same set with
`<link rel="alternate" hreflang="x-default" href="https://example.com/">`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "hreflang-x-default"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if "hreflang" not in page.text:
        return
    alternates = page.head.alternates
    if alternates and not any(code.strip().lower() == "x-default" for code, _href, _line in alternates):
        yield Finding("the hreflang set has no x-default version (for readers of every other language)", "",
                      alternates[0][2], 1)
