"""The last crumb of a BreadcrumbList is not the page itself.

A breadcrumb trail usually ends at the current page: the last ListItem's `item` (when
given) is then the page's canonical URL (or, without a canonical link, the page's own
URL). Fragments, a trailing `index.html` and letter case in scheme and host are ignored;
the same address written another way (`http://` against `https://`, a trailing slash,
`www.`) is the warning `url-variant` instead.

A warning, not an error: Google does not require the trail to end at the page itself, and
many news and blog sites end it at the section (Home › Entertainment on an article page),
which Google shows as it is. It is still worth a look, since a trail that ends elsewhere is
often a template that gives every page the same breadcrumb.

Source: https://developers.google.com/search/docs/appearance/structured-data/breadcrumb
("a breadcrumb trail ... indicates the page's position in the site hierarchy"; the
documented properties require an `item` on every crumb but the last, and nothing of the
last one)

Failing example: on `https://example.com/area/rates/` the trail ends with
`"item": "https://example.com/area/"`.

Passing example: on `https://example.com/area/rates/` the trail ends with
`"item": "https://example.com/area/rates/"` (or has no `item` on the last crumb).
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ..vocabulary import load_vocabulary
from ._shared import last_crumb_claims, url_variant

ID = "breadcrumb-last-item"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    page_url = page.canonical or page.page_url
    if not page_url or page.is_redirect:
        return
    for claim in last_crumb_claims(page, load_vocabulary()):
        if url_variant(claim.resolved, page_url) == "different":
            yield claim.node.at(f"last breadcrumb item {claim.value!r} is not this page ({page_url})", "item")
