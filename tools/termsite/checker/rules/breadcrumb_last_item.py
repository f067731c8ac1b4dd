"""The last crumb of a BreadcrumbList is not the page itself.

A breadcrumb trail ends at the current page: the last ListItem's `item` (when given)
must be the page's canonical URL (or, without a canonical link, the page's own URL).
Fragments, a trailing `index.html` and letter case in scheme and host are ignored.

Source: https://developers.google.com/search/docs/appearance/structured-data/breadcrumb
("a breadcrumb trail ... indicates the page's position in the site hierarchy")

Failing example: on `https://example.com/area/rates/` the trail ends with
`"item": "https://example.com/area/"`.

Passing example: on `https://example.com/area/rates/` the trail ends with
`"item": "https://example.com/area/rates/"` (or has no `item` on the last crumb).
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument, normalize_url, resolve_url
from ..model import Finding, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import breadcrumb_lists, ordered_crumbs

ID = "breadcrumb-last-item"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    page_url = page.canonical or page.page_url
    if not page_url or page.is_redirect:
        return
    expected = normalize_url(page_url)
    vocab = load_vocabulary()
    for trail, crumbs in breadcrumb_lists(page, vocab):
        crumbs = [c for c in crumbs if c.node is not None]
        if len(crumbs) < 2:
            continue
        last = ordered_crumbs(crumbs)[-1]
        url = last.item_url
        if url and normalize_url(resolve_url(page.base_url or page_url, url)) != expected:
            yield Finding(f"last breadcrumb item {url!r} is not this page ({page_url})", join_path(last.path, "item"),
                          trail.block.line, trail.block.col)
