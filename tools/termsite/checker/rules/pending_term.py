"""A type, property or enumeration value from schema.org's *pending* area.

Pending terms are proposals under review: they may change or disappear, and consumers
may ignore them. Each term is reported once per page, at its first use.

Informational by default: many useful terms are pending and are used on purpose. In
release 30.0 `DefinedTerm`, `DefinedTermSet`, `hasDefinedTerm` and `inDefinedTermSet`
are, which is the markup a glossary is made of (termsite's own pages carry it), and so
are `jobTitle`, `provider`, `gtin` and `NewsMediaOrganization`, which Yoast, Rank Math
and news sites emit on every page. A warning for each would tell a user to change
markup that is correct and deliberate. Raise the rule to `warning` (or run with
`--profile strict`) to review every pending term before relying on it.

Source: https://schema.org/docs/howwework.html#pending and https://pending.schema.org/

Failing example:

```json
{"@context": "https://schema.org", "@type": "DefinedTerm", "name": "Margin call"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Thing", "name": "Margin call"}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ..vocabulary import load_vocabulary
from .superseded_term import term_uses

ID = "pending-term"
SEVERITY = Severity.INFO
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    first_use: dict[str, Finding] = {}
    counts: dict[str, int] = {}
    for kind, term, status, node, prop in term_uses(page, vocab):
        if status.pending:
            counts[term] = counts.get(term, 0) + 1
            if term not in first_use:
                first_use[term] = node.at(f"{kind} {term!r} is a pending schema.org term (not yet stable)", prop)
    for term, finding in first_use.items():
        extra = f" ({counts[term]} uses on this page)" if counts[term] > 1 else ""
        yield Finding(finding.message + extra, finding.json_path, finding.line, finding.col)
