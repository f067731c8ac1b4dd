"""An Article (or subtype: NewsArticle, BlogPosting, TechArticle, ...) lacks a property
Google recommends.

Recommended: `headline`, `image`, `datePublished`, `dateModified` and `author`, each
author with a `name` and a `url` (a Person or Organization node; a plain string author
cannot carry them). References (`{"@id": ...}`) are followed on the page; a node that is
only a reference, or a partial copy of an article described more fully on the same page,
is not checked.

Source: https://developers.google.com/search/docs/appearance/structured-data/article#structured-data-type-definitions
and https://developers.google.com/search/docs/appearance/structured-data/article#author-bp

Failing example:

```json
{"@context": "https://schema.org", "@type": "Article", "headline": "Margin calls",
 "author": "Ada Lovelace"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Article", "headline": "Margin calls",
 "image": "https://example.com/a.png", "datePublished": "2024-01-05T08:00:00+00:00",
 "dateModified": "2024-02-05T08:00:00+00:00",
 "author": {"@type": "Person", "name": "Ada Lovelace", "url": "https://example.com/ada/"}}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import describe, is_blank, property_values, typed_nodes

ID = "article-recommended"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})

RECOMMENDED = ("headline", "image", "datePublished", "dateModified", "author")


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for article in typed_nodes(page, vocab, "Article"):
        if page.resolve(article) is not article:
            continue  # a partial copy; the fullest description of this @id is checked instead
        data = article.data
        for prop in RECOMMENDED:
            value = data.get(prop)
            if value is None or value == [] or (isinstance(value, str) and not value.strip()):
                yield article.at(f"{article.types[0]} has no {prop} (recommended by Google)", prop)
        for value, path in property_values(data.get("author"), join_path(article.path, "author")):
            author = page.node_for(value)
            if author is None:
                yield article.finding(f"author is {describe(value)}; give a Person or Organization with name and url",
                                      path, "author")
                continue
            if author.is_reference:
                continue  # described elsewhere (maybe on another page)
            if author.data is not value:
                path = author.path  # a reference resolved to the node describing the author
            for prop in ("name", "url"):
                if is_blank(author.data.get(prop)):
                    yield author.finding(f"author has no {prop} (recommended by Google)", join_path(path, prop))
