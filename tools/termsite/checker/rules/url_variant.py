"""A URL the markup gives as the page's own is the canonical URL written another way.

`canonical-mismatch` and `breadcrumb-last-item` compare the page's `url`, `@id`,
`mainEntityOfPage` and last breadcrumb item with `<link rel="canonical">`. When the two
are the same address but for the scheme (`http://` in the markup, `https://` in the
canonical link), a trailing slash, or a `www.` prefix, the page is not describing another
page: its generator wrote the site's address two ways. That is worth fixing (search
engines treat them as two URLs until a redirect joins them) but not an error. The message
says which difference it is.

Source: https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls
("Google treats http:// and https://, and www and non-www, as different URLs")

Failing example: canonical `https://example.com/a/` with
`{"@type": "WebPage", "url": "http://example.com/a/"}`.

Passing example: the same page with `"url": "https://example.com/a/"`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ..vocabulary import load_vocabulary
from ._shared import canonical_claims, last_crumb_claims, url_variant

ID = "url-variant"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    canonical = page.canonical
    if page.is_redirect:
        return
    vocab = load_vocabulary()
    page_url = canonical or page.page_url
    claims = [(c, canonical) for c in canonical_claims(page, vocab)] if canonical else []
    claims += [(c, page_url) for c in last_crumb_claims(page, vocab)] if page_url else []
    for claim, expected in claims:
        difference = url_variant(claim.resolved, expected or "")
        if difference not in (None, "different"):
            prop = "item" if claim.what == "last breadcrumb item" else claim.what
            yield claim.node.at(f"{claim.what} {claim.value!r} is the page's address {expected} written "
                                f"another way (same address, {difference})", prop)
