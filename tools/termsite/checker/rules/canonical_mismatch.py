"""The page's main entity names a different URL than `<link rel="canonical">`.

For top-level WebPage nodes (and subtypes: CollectionPage, FAQPage, ItemPage, ...)
`url` and `@id` must be the canonical URL, and for any top-level node `mainEntityOfPage`
must be. Fragments are ignored (`https://example.com/a/#webpage` matches
`https://example.com/a/`), as are a trailing `index.html` and case in scheme and host.
An `@id` that is not a URL (a blank-node label like `_:b0`) is not compared. URLs that
are the same address written another way (`http://` against `https://`, with or without a
trailing slash or `www.`) are the warning `url-variant`, not this error.

Source: https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls
and https://schema.org/mainEntityOfPage

Failing example: canonical `https://example.com/area/rates/` with

```json
{"@context": "https://schema.org", "@type": "CollectionPage", "url": "https://example.com/area/fees/"}
```

Passing example: the same page with `"url": "https://example.com/area/rates/"`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ..vocabulary import load_vocabulary
from ._shared import canonical_claims, url_variant

ID = "canonical-mismatch"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    canonical = page.canonical
    if not canonical or page.is_redirect:
        return
    for claim in canonical_claims(page, load_vocabulary()):
        if url_variant(claim.resolved, canonical) == "different":
            yield claim.node.at(f"{claim.what} {claim.value!r} does not match the canonical URL {canonical}",
                                claim.what)
