"""A `hasPart` item is not linked from the page.

When a page (e.g. a CollectionPage) declares parts with `hasPart`, each part's `url`
(or `@id`) must be the target of an `<a href>` on the page, so that users and crawlers
can reach it. Relative hrefs are resolved against the page URL (or the canonical URL);
fragments, a trailing `index.html` and case in scheme and host are ignored.

Source: https://developers.google.com/search/docs/appearance/structured-data/sd-policies#content
("Don't mark up content that is not visible to readers of the page") and
https://schema.org/hasPart

Failing example: `"hasPart": [{"@type": "Article", "url": "https://example.com/definition/margin/"}]`
on a page with no link to `/definition/margin/`.

Passing example: the same markup on a page containing
`<a href="../../definition/margin/">Margin</a>`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument, normalize_url, resolve_url
from ..model import Finding, Scope, Severity, join_path
from ._shared import property_values, url_value

ID = "has-part-linked"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    parts = [(node, value, path) for node in page.nodes if node.schema_vocab and "hasPart" in node.data
             for value, path in property_values(node.data["hasPart"], join_path(node.path, "hasPart"))]
    if not parts:
        return
    base = page.base_url
    links = page.links
    for node, value, path in parts:
        url = None
        if isinstance(value, dict):
            url = value.get("url") if isinstance(value.get("url"), str) else value.get("@id")
        elif isinstance(value, str):
            url = value
        if not isinstance(url, str) or not url.strip():
            continue
        absolute = resolve_url(base, url) if base else url
        if not absolute.startswith(("http://", "https://")):
            continue  # an identifier that is not a URL, or a relative URL without a base
        if normalize_url(absolute) not in links:
            yield node.finding(f"hasPart item {url_value(value) or url!r} is not linked from the page (no <a href> to it)",
                               path, "hasPart")
