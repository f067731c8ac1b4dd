"""A page's `hreflang` alternates are not a valid set.

`<link rel="alternate" hreflang="..." href="...">` tells search engines which URL serves
which language or region. Within one page's set: every code is a valid BCP 47 language tag
(`en`, `de`, `de-CH`, `zh-Hant`; not `en_US` or `en-UK`) or `x-default`; one code names
one URL; there is at most one `x-default`; and the page lists itself (Google: "each
language version must list itself as well as all other language versions"). Relative
hrefs are resolved against the page URL. That the other versions link back with the same
set is `hreflang-return-link`.

Source: https://developers.google.com/search/docs/specialty/international/localized-versions
and https://www.rfc-editor.org/rfc/rfc5646

Failing example: on `https://example.com/de/` a set without a link to the page itself:

```html
<link rel="alternate" hreflang="en" href="https://example.com/">
<link rel="alternate" hreflang="x-default" href="https://example.com/">
```

Passing example:

```html
<link rel="alternate" hreflang="en" href="https://example.com/">
<link rel="alternate" hreflang="de" href="https://example.com/de/">
<link rel="alternate" hreflang="x-default" href="https://example.com/">
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument, normalize_url
from ..languages import address_key, tag_problem
from ..model import Finding, Scope, Severity
from ..site import page_alternates

ID = "hreflang-set"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def own_urls(page: PageDocument) -> set[str]:
    """The addresses the page is known by: where it is (under the site URL) and its canonical URL."""
    return {address_key(url) for url in (page.page_url, page.canonical) if url}


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if "hreflang" not in page.text:
        return
    alternates = page_alternates(page)
    if not alternates:
        return
    seen: dict[str, str] = {}
    defaults = 0
    for alternate in alternates:
        problem = tag_problem(alternate.hreflang, allow_x_default=True)
        if problem:
            yield Finding(f"hreflang {problem}", "", alternate.line, alternate.col)
            continue
        code = alternate.hreflang.lower()
        if code == "x-default":
            defaults += 1
            if defaults == 2:
                yield Finding("a second hreflang=\"x-default\"; a set has one default version", "",
                              alternate.line, alternate.col)
        if code in seen and seen[code] != alternate.url and code != "x-default":
            yield Finding(f"hreflang {alternate.hreflang!r} names two URLs ({seen[code]} and {alternate.url}); "
                          "one code names one version", "", alternate.line, alternate.col)
        seen.setdefault(code, alternate.url)
    mine = own_urls(page)
    if mine and not any(address_key(a.url) in mine for a in alternates if a.hreflang.lower() != "x-default"):
        first = alternates[0]
        shown = normalize_url(page.canonical or page.page_url or "")
        yield Finding(f"the hreflang set does not list this page itself ({shown}); each version lists "
                      "itself and every other version", "", first.line, first.col)
