"""One `@id` describes different things on the site.

An `@id` names one thing everywhere: the same `@id` must not come with unrelated types
(`Article` here, `Person` there - a subtype such as `BlogPosting` for `Article` is fine),
or with a different `name` or `headline`. Typical cause: an area page's `hasPart` copy of
an article that was renamed on its own page. Relative `@id`s are resolved against the
page URL; blank nodes (`_:x`) are page-local and skipped. Reported on every description
after the first (pages in path order).

Source: https://www.w3.org/TR/json-ld11/#node-identifiers and
https://developers.google.com/search/docs/appearance/structured-data/sd-policies#quality-guidelines
(structured data must be accurate)

Failing example: page A has `{"@id": "https://example.com/t/#article", "@type": "Article",
"headline": "Margin"}` and page B `{"@id": "https://example.com/t/#article", "@type":
"Article", "headline": "Margin call"}`.

Passing example: both say `"headline": "Margin call"`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import normalize_text
from ..model import Finding, IdClaim, Scope, Severity
from ..site import SiteData
from ..vocabulary import load_vocabulary

ID = "conflicting-id"
SEVERITY = Severity.ERROR
SCOPE = Scope.SITE


def _types_compatible(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    if not first or not second:
        return True
    vocab = load_vocabulary()
    return any(a == b or vocab.is_subtype(a, b) or vocab.is_subtype(b, a) for a in first for b in second)


def check(site: SiteData, config: object) -> Iterator[Finding]:
    first_claim: dict[str, tuple[str, IdClaim]] = {}
    for page in site.pages:
        for claim in page.id_claims:
            earlier = first_claim.get(claim.node_id)
            if earlier is None:
                first_claim[claim.node_id] = (page.path, claim)
                continue
            where, other = earlier
            location = f"{where}:{other.line} ({other.json_path})"
            if not _types_compatible(other.types, claim.types):
                yield Finding(f"@id {claim.node_id!r} is a {'/'.join(claim.types)} here but a "
                              f"{'/'.join(other.types)} at {location}", claim.json_path, claim.line, claim.col, page.path)
            for field in ("name", "headline"):
                mine, theirs = getattr(claim, field), getattr(other, field)
                if mine is not None and theirs is not None and normalize_text(mine) != normalize_text(theirs):
                    yield Finding(f"@id {claim.node_id!r} has {field} {mine!r} here but {theirs!r} at {location}",
                                  claim.json_path, claim.line, claim.col, page.path)
