"""One `@id` has different names or headlines on the site.

An `@id` names one thing, so its `name` and `headline` should read the same wherever it is
described; a difference usually means a stale copy (an area page's `hasPart` copy of an
article renamed on its own page). A warning, not an error: both descriptions still point
at the same thing, and real sites often name a page slightly differently in two places
(on a real Yoast page one breadcrumb says "Biologie", another "Biologie &#038;
Wissenschaft" for the same `@id`). Names are compared after decoding entities, Unicode
NFC and ignoring whitespace. Different *types* for one `@id` are the error `conflicting-id`.

Source: https://www.w3.org/TR/json-ld11/#node-identifiers and
https://developers.google.com/search/docs/appearance/structured-data/sd-policies#quality-guidelines

Failing example: page A has `{"@id": "https://example.com/t/#article", "@type": "Article",
"headline": "Margin"}` and page B `{"@id": "https://example.com/t/#article", "@type":
"Article", "headline": "Margin call"}`.

Passing example: both say `"headline": "Margin call"`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import normalize_text
from ..model import Finding, Scope, Severity
from ..site import SiteData
from .conflicting_id import later_claims

ID = "conflicting-id-name"
SEVERITY = Severity.WARNING
SCOPE = Scope.SITE
TAGS = frozenset({"core"})


def check(site: SiteData, config: object) -> Iterator[Finding]:
    for path, claim, other, location in later_claims(site):
        for field in ("name", "headline"):
            mine, theirs = getattr(claim, field), getattr(other, field)
            if mine is not None and theirs is not None and normalize_text(mine) != normalize_text(theirs):
                yield Finding(f"@id {claim.node_id!r} has {field} {mine!r} here but {theirs!r} at {location}",
                              claim.json_path, claim.line, claim.col, path)
