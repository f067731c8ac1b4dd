"""The Open Graph `og:url` differs from the canonical URL.

Social previews and search engines should agree on the page's URL; a stale `og:url`
(a copy-paste from another page) splits shares and signals. Fragments, a trailing
`index.html` and case in scheme and host are ignored. Open Graph tags are read with extruct.

Source: https://ogp.me/#metadata ("og:url - The canonical URL of your object") and
https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls

Failing example:

```html
<link rel="canonical" href="https://example.com/a/">
<meta property="og:url" content="https://example.com/b/">
```

Passing example:

```html
<link rel="canonical" href="https://example.com/a/">
<meta property="og:url" content="https://example.com/a/">
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument, normalize_url, resolve_url
from ..model import Finding, Scope, Severity

ID = "open-graph-url"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    canonical = page.canonical
    og_url = page.open_graph.get("og:url")
    if not canonical or not og_url:
        return
    if normalize_url(resolve_url(canonical, og_url)) != normalize_url(canonical):
        yield Finding(f"og:url {og_url!r} differs from the canonical URL {canonical}")
