"""A type, property or enumeration value that schema.org marks as superseded.

Superseded terms still work but are on their way out; schema.org names the replacement
(`supersededBy`). Each term is reported once per page, at its first use.

Source: https://schema.org/docs/datamodel.html and the term pages,
e.g. https://schema.org/episodes ("Superseded by episode")

Failing example:

```json
{"@context": "https://schema.org", "@type": "TVSeries", "name": "Show", "episodes": []}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "TVSeries", "name": "Show", "episode": []}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Node, Scope, Severity
from ..vocabulary import TermStatus, Vocabulary, load_vocabulary, local_name

ID = "superseded-term"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})


TermUse = tuple[str, str, TermStatus, Node, "str | None"]


def term_uses(page: PageDocument, vocab: Vocabulary) -> list[TermUse]:
    """(kind, term, status, node, property) for each schema.org term used on the page (memoized:
    superseded-term and pending-term both need it)."""
    if "term_uses" not in page.memo:
        page.memo["term_uses"] = list(_term_uses(page, vocab))
    return page.memo["term_uses"]


def _term_uses(page: PageDocument, vocab: Vocabulary) -> Iterator[TermUse]:
    for node in page.nodes:
        if not node.schema_vocab:
            continue
        for type_name in node.types:
            if vocab.has_type(type_name):
                yield "type", type_name, vocab.type_status(type_name), node, "@type"
        for key, value in node.data.items():
            if key.startswith("@"):
                continue
            prop = local_name(key)
            if prop and vocab.has_property(prop):
                yield "property", prop, vocab.property_status(prop), node, key
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str) and item.startswith(("https://schema.org/", "http://schema.org/")):
                        member = local_name(item)
                        if member and vocab.member_types(member):
                            yield "value", member, vocab.member_status(member), node, key


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    seen: set[str] = set()
    for kind, term, status, node, prop in term_uses(page, vocab):
        if status.superseded_by and not status.attic and term not in seen:  # attic terms: unknown-*
            seen.add(term)
            yield node.at(f"{kind} {term!r} is superseded by {' / '.join(map(repr, status.superseded_by))}", prop)
