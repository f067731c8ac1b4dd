"""One `@id` is given types that cannot both hold on the site.

An `@id` names one thing everywhere: the same `@id` must not come with unrelated types
(`Article` here, `Person` there). A subtype is compatible (`BlogPosting` for `Article`),
and so are types that one thing can have at once (schema.org allows several types on a
node, so `["Person", "Organization"]` and `Person` do not conflict as long as one of the
types of each description is a subtype of, or the same as, one of the other's). Relative
`@id`s are resolved against the page URL; blank nodes (`_:x`) are page-local and skipped.
Reported on every description after the first (pages in path order).

Different *names* or headlines for one `@id` are the warning `conflicting-id-name`: two
breadcrumb trails on a real Yoast page call the same page "Biologie" and
"Biologie &#038; Wissenschaft"; both describe one page, so that is not an error.

Source: https://www.w3.org/TR/json-ld11/#node-identifiers and
https://developers.google.com/search/docs/appearance/structured-data/sd-policies#quality-guidelines
(structured data must be accurate)

Failing example: page A has `{"@id": "https://example.com/t/#article", "@type": "Article"}`
and page B `{"@id": "https://example.com/t/#article", "@type": "Person"}`.

Passing example: page B says `"@type": "BlogPosting"` (a kind of Article).
"""

from __future__ import annotations

from typing import Iterator

from ..model import Finding, IdClaim, Scope, Severity
from ..site import SiteData
from ..vocabulary import load_vocabulary

ID = "conflicting-id"
SEVERITY = Severity.ERROR
SCOPE = Scope.SITE
TAGS = frozenset({"core"})


def _types_compatible(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    if not first or not second:
        return True
    vocab = load_vocabulary()
    return any(a == b or vocab.is_subtype(a, b) or vocab.is_subtype(b, a) for a in first for b in second)


def later_claims(site: SiteData) -> Iterator[tuple[str, IdClaim, IdClaim, str]]:
    """(page path, claim, first claim of the same @id, where the first claim is) for every
    description of an @id after its first one on the site."""
    first_claim: dict[str, tuple[str, IdClaim]] = {}
    for page in site.pages:
        for claim in page.id_claims:
            earlier = first_claim.get(claim.node_id)
            if earlier is None:
                first_claim[claim.node_id] = (page.path, claim)
                continue
            where, other = earlier
            yield page.path, claim, other, f"{where}:{other.line} ({other.json_path})"


def check(site: SiteData, config: object) -> Iterator[Finding]:
    for path, claim, other, location in later_claims(site):
        if not _types_compatible(other.types, claim.types):
            yield Finding(f"@id {claim.node_id!r} is a {'/'.join(claim.types)} here but a "
                          f"{'/'.join(other.types)} at {location}", claim.json_path, claim.line, claim.col, path)
