"""The page's JSON-LD and its microdata or RDFa describe one thing differently.

Pages often carry two descriptions of the same thing: a plugin's JSON-LD graph and the
theme's microdata (WordPress, Hugo, Shopify themes), or a template's RDFa. Search engines
merge them, so a disagreement (a headline or a date changed in one place only, a breadcrumb
trail that goes elsewhere) gives them two answers to one question. Two descriptions are
taken to be one thing when they have the same `@id` / `itemid` / `resource`, the same
`url`, or when each is the only top-level item of its type in its syntax (a JSON-LD
`BlogPosting` and a microdata `BlogPosting`). Compared: single text values of the
properties both give (free text such as `description` or `articleBody` is not: one is
often a shortened copy of the other), dates as instants, URLs as addresses, and the `item`
URL of each breadcrumb position. A warning: neither description is wrong on its own.

Source: https://developers.google.com/search/docs/appearance/structured-data/sd-policies#quality-guidelines
(markup must be a true representation of the page) and
https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data#structured-data-format

Failing example:

```html
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BlogPosting",
 "headline": "Bread in an hour", "datePublished": "2024-03-01"}</script>
<article itemscope itemtype="https://schema.org/BlogPosting">
  <h1 itemprop="headline">Bread in two hours</h1>
  <time itemprop="datePublished" datetime="2024-03-01">1 March</time></article>
```

Passing example: both say "Bread in an hour".
"""

from __future__ import annotations

from typing import Any, Iterator

from ..extract import PageDocument, normalize_text, normalize_url, resolve_url
from ..model import Finding, Node, Scope, Severity, join_path
from ..vocabulary import Vocabulary, load_vocabulary, local_name
from ._shared import Temporal, TemporalError, breadcrumb_lists, parse_temporal, string_value, url_value

ID = "markup-disagreement"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})

FREE_TEXT = frozenset({"description", "text", "articleBody", "reviewBody", "abstract", "caption", "keywords",
                       "disambiguatingDescription", "alternativeHeadline"})
URL_PROPERTIES = frozenset({"url", "mainEntityOfPage", "sameAs", "image", "logo", "contentUrl", "thumbnailUrl", "item"})
DATE_PROPERTIES = frozenset({"datePublished", "dateModified", "dateCreated", "uploadDate", "startDate", "endDate"})


def _identity(node: Node, base: str | None) -> set[str]:
    keys = set()
    for key in ("@id", "url"):
        value = node.data.get(key)
        if isinstance(value, str) and value.strip() and not value.startswith("_:"):
            keys.add(normalize_url(resolve_url(base, value.strip()) if base else value.strip()))
    return keys


def _compatible(first: Node, second: Node, vocab: Vocabulary) -> bool:
    return any(a == b or vocab.is_subtype(a, b) or vocab.is_subtype(b, a) for a in first.types for b in second.types)


def pairs(page: PageDocument, vocab: Vocabulary) -> Iterator[tuple[Node, Node]]:
    """(JSON-LD node, microdata/RDFa node) pairs that describe one thing."""
    jsonld = [n for n in page.nodes if n.syntax == "json-ld" and n.schema_vocab and n.types and not n.is_reference]
    other = [n for n in page.nodes if n.syntax != "json-ld" and n.schema_vocab and n.types]
    if not jsonld or not other:
        return
    base = page.base_url
    paired: set[int] = set()
    for first in jsonld:
        mine = _identity(first, base)
        for second in other:
            if mine & _identity(second, base) and _compatible(first, second, vocab):
                paired.add(id(second))
                yield first, second
    top_first = [n for n in jsonld if n.top_level]
    top_second = [n for n in other if n.top_level and id(n) not in paired]
    for first in top_first:
        same_kind = [n for n in top_second if _compatible(first, n, vocab)]
        rivals = [n for n in top_first if n is not first and any(_compatible(n, s, vocab) for s in same_kind)]
        if len(same_kind) == 1 and not rivals and not _identity(same_kind[0], base):
            yield first, same_kind[0]


def _comparable(prop: str, value: Any) -> Any:
    """A value in a form two syntaxes can be compared in, or None to skip it."""
    if isinstance(value, list):
        return None
    text = string_value(value) if prop not in URL_PROPERTIES else url_value(value)
    if text is None or not text.strip():
        return None
    if prop in DATE_PROPERTIES:
        try:
            parsed = parse_temporal(text.strip())
        except TemporalError:
            return None
        return ("moment", parsed.moment) if isinstance(parsed, Temporal) and parsed.moment else ("date", parsed.date)
    if prop in URL_PROPERTIES:
        return ("url", normalize_url(text.strip()))
    return ("text", normalize_text(text))


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if not (page.has_microdata or page.has_rdfa) or not page.blocks:
        return
    vocab = load_vocabulary()
    base = page.base_url or ""
    for first, second in pairs(page, vocab):
        line, _col = second.where()
        where = f"{second.syntax} (line {line})"
        for key, value in first.data.items():
            prop = local_name(key) if not key.startswith("@") else None
            if prop is None or prop in FREE_TEXT:
                continue
            other_key = next((k for k in second.data if local_name(k) == prop), None)
            if other_key is None:
                continue
            if prop in URL_PROPERTIES:
                mine, theirs = (url_value(v) for v in (value, second.data[other_key]))
                value = resolve_url(base, mine) if mine and base else mine
                other_value = resolve_url(base, theirs) if theirs and base else theirs
            else:
                other_value = second.data[other_key]
            a, b = _comparable(prop, value), _comparable(prop, other_value)
            if a is not None and b is not None and a[0] == b[0] and a != b:
                shown_a = string_value(first.data[key]) or url_value(first.data[key])
                shown_b = string_value(second.data[other_key]) or url_value(second.data[other_key])
                yield first.at(f"JSON-LD gives {prop} {shown_a!r} but the {where} gives {shown_b!r}", key)
    yield from _breadcrumbs_disagree(page, vocab)


def _breadcrumbs_disagree(page: PageDocument, vocab: Vocabulary) -> Iterator[Finding]:
    trails = list(breadcrumb_lists(page, vocab))
    jsonld = [(t, c) for t, c in trails if t.syntax == "json-ld"]
    other = [(t, c) for t, c in trails if t.syntax != "json-ld"]
    if len(jsonld) != 1 or len(other) != 1:
        return  # several trails of a kind: which pairs with which is a guess
    (_trail, crumbs), (other_trail, other_crumbs) = jsonld[0], other[0]
    base = page.base_url or ""

    def by_position(items: list[Any]) -> dict[int, tuple[str, Any]]:
        result = {}
        for crumb in items:
            position, url = crumb.integer_position, crumb.item_url
            if position is not None and url:
                result.setdefault(position, (normalize_url(resolve_url(base, url) if base else url), crumb))
        return result

    mine, theirs = by_position(crumbs), by_position(other_crumbs)
    line, _col = other_trail.where()
    for position in sorted(set(mine) & set(theirs)):
        (url, crumb), (other_url, _) = mine[position], theirs[position]
        if url != other_url:
            yield Finding(f"breadcrumb position {position} is {crumb.item_url!r} in JSON-LD but {other_url!r} in the "
                          f"{other_trail.syntax} trail (line {line})", join_path(crumb.path, "item"), *crumb.node.where())
