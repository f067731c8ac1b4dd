"""`@type` names a type that schema.org (release 30.0) does not define.

Types are case-sensitive (`Article`, not `article`). The message suggests the closest
known type, and says so when the "type" is a property (`itemtype="https://schema.org/headline"`). Types retired to schema.org's attic are reported as unknown too. Types of
other vocabularies (a prefixed name like `ex:Thing` or a full IRI outside schema.org) are
not checked.

Source: https://schema.org/docs/full.html (the type hierarchy) and
https://developers.google.com/search/docs/appearance/structured-data/sd-policies

Failing examples:

```json
{"@context": "https://schema.org", "@type": "Articel", "headline": "Hello"}
```

```html
<div itemscope itemtype="https://schema.org/headline">Hello</div>
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Article", "headline": "Hello"}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ..vocabulary import load_vocabulary

ID = "unknown-type"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for node in page.nodes:
        raw = node.data.get("@type")
        if raw is not None and not all(isinstance(t, str) for t in (raw if isinstance(raw, list) else [raw])):
            yield node.at("@type must be a string or an array of strings", "@type")
            continue
        for type_name in node.types:
            if vocab.has_type(type_name):
                status = vocab.type_status(type_name)
                if status.attic:
                    instead = f"; use {' / '.join(map(repr, status.superseded_by))}" if status.superseded_by else ""
                    yield node.at(f"type {type_name!r} was retired to schema.org's attic{instead}", "@type")
                continue
            if vocab.has_property(type_name):
                yield node.at(f"{type_name!r} is a schema.org property, not a type; give the item's type "
                              f"(a property goes in itemprop / property / a JSON key)", "@type")
                continue
            suggestion = vocab.suggest_type(type_name)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            yield node.at(f"unknown type {type_name!r} (not in schema.org {vocab.version}){hint}", "@type")
