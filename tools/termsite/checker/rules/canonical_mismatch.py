"""The page's main entity names a different URL than `<link rel="canonical">`.

For top-level WebPage nodes (and subtypes: CollectionPage, FAQPage, ItemPage, ...)
`url` and `@id` must be the canonical URL, and for any top-level node `mainEntityOfPage`
must be. Fragments are ignored (`https://example.com/a/#webpage` matches
`https://example.com/a/`), as are a trailing `index.html` and case in scheme and host.
An `@id` that is not a URL (a blank-node label like `_:b0`) is not compared.

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

from ..extract import PageDocument, normalize_url, resolve_url
from ..model import Finding, Scope, Severity
from ..vocabulary import load_vocabulary
from ._shared import url_value

ID = "canonical-mismatch"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "/")) or value.startswith("#")


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    canonical = page.canonical
    if not canonical or page.is_redirect:
        return
    expected = normalize_url(canonical)
    base = page.base_url or canonical
    vocab = load_vocabulary()
    for node in page.nodes:
        if not node.top_level or not node.schema_vocab:
            continue
        claims: list[tuple[str, str]] = []
        if any(vocab.is_subtype(t, "WebPage") for t in node.types):
            for key in ("url", "@id"):
                value = node.data.get(key)
                if isinstance(value, str) and _is_url(value):
                    claims.append((key, value))
        main = url_value(node.data.get("mainEntityOfPage"))
        if main and _is_url(main):
            claims.append(("mainEntityOfPage", main))
        for key, value in claims:
            if normalize_url(resolve_url(base, value)) != expected:
                yield node.at(f"{key} {value!r} does not match the canonical URL {canonical}", key)
