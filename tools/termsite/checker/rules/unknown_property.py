"""A property name that schema.org (release 30.0) does not define at all.

Property names are case-sensitive (`headline`, not `Headline`); the message suggests the
closest known property. Properties retired to schema.org's attic are reported too.
Properties of other vocabularies (prefixed names such as `ex:foo`, full IRIs),
JSON-LD keywords (`@id`, `@type`, ...) and schema.org's Action annotations
(`query-input`, `<property>-output`, https://schema.org/docs/actions.html) are not checked. A property that exists but does
not belong to the node's type is reported by `property-domain`.

Adobe's validator rates an unknown property a warning (corpus pages `adobe_10`,
`adobe_15`); Google's Rich Results Test ignores it; schema.org's validator reports it. It
stays an error here: an unknown name is almost always a typo or a case slip (`Headline`),
and the data it was meant to carry is lost.

Source: https://schema.org/docs/full.html

Failing example:

```json
{"@context": "https://schema.org", "@type": "Article", "headlin": "Hello"}
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
from ..vocabulary import action_annotation, load_vocabulary, local_name

ID = "unknown-property"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for node in page.nodes:
        if not node.schema_vocab:
            continue
        for key in node.data:
            if key.startswith("@"):
                continue
            prop = local_name(key)
            if prop is None:
                continue
            if vocab.has_property(prop):
                status = vocab.property_status(prop)
                if status.attic:
                    instead = f"; use {' / '.join(map(repr, status.superseded_by))}" if status.superseded_by else ""
                    yield node.at(f"property {prop!r} was retired to schema.org's attic{instead}", key)
                continue
            annotated = action_annotation(prop)
            if annotated and vocab.has_property(annotated):
                continue  # e.g. "query-input" on a SearchAction
            suggestion = vocab.suggest_property(prop)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            yield node.at(f"unknown property {prop!r} (not in schema.org {vocab.version}){hint}", key)
