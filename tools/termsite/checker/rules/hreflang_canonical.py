"""A translated page's canonical link points at another language version.

Each language version is its own page: its `<link rel="canonical">` names itself. A
translation whose canonical URL is the source page tells search engines that it is a
duplicate of the source, so the translation is dropped from the index and its `hreflang`
links are ignored. Reported when the canonical URL is another entry of the page's own
`hreflang` set (with another language), or, for a page whose `<html lang>` is set, a version
in a different language.

Source: https://developers.google.com/search/docs/specialty/international/localized-versions
("If you use canonical, specify a canonical page in the same language")

Failing example: on `https://example.com/de/`

```html
<html lang="de"> ...
<link rel="canonical" href="https://example.com/">
<link rel="alternate" hreflang="en" href="https://example.com/">
<link rel="alternate" hreflang="de" href="https://example.com/de/">
```

Passing example: the same page with `<link rel="canonical" href="https://example.com/de/">`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..languages import address_key, primary_language
from ..model import Finding, Scope, Severity
from ..site import page_alternates

ID = "hreflang-canonical"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if "hreflang" not in page.text or not page.canonical:
        return
    alternates = [a for a in page_alternates(page) if a.hreflang.lower() != "x-default"]
    canonical = address_key(page.canonical)
    target = next((a for a in alternates if address_key(a.url) == canonical), None)
    if target is None:
        return
    here = address_key(page.page_url) if page.page_url else None
    own = next((a for a in alternates if here and address_key(a.url) == here), None)
    own_language = own.hreflang if own is not None else page.language
    if not own_language or primary_language(own_language) == primary_language(target.hreflang):
        return
    yield Finding(f"the canonical URL {page.canonical} is the {target.hreflang!r} version; a {own_language!r} page's "
                  "canonical link names the page itself", "", target.line, target.col)
