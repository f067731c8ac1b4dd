"""A schema.org property is used on a type it is not defined for.

A property may be used on the types listed in its `domainIncludes` and on all their
subtypes (`headline` is defined for `CreativeWork`, so `Article` may use it; `Person`
may not). When a node has several types, the property must fit one of them. Nodes
without a type, or with an unknown or non-schema.org type, are not checked here.

schema.org's Role pattern is allowed: a `Role` node (`OrganizationRole`, `PerformanceRole`,
...) stands between a thing and the value of one of its properties and carries that same
property itself, so `{"@type": "Organization", "member": {"@type": "OrganizationRole",
"roleName": "Chair", "member": {"@type": "Person", ...}}}` is correct although `member` is
not defined for OrganizationRole (https://schema.org/Role).

Source: https://schema.org/docs/datamodel.html (domainIncludes) and the term pages,
e.g. https://schema.org/headline

Failing example:

```json
{"@context": "https://schema.org", "@type": "Person", "name": "Ada", "headline": "Hi"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Person", "name": "Ada", "jobTitle": "Engineer"}
```
"""

from __future__ import annotations

import functools
from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Node, Scope, Severity
from ..vocabulary import Vocabulary, load_vocabulary, local_name

ID = "property-domain"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"schema.org"})


@functools.lru_cache(maxsize=4096)
def _suggestion(prop: str, types: tuple[str, ...]) -> str | None:
    vocab = load_vocabulary()
    candidates = sorted({p for t in types for p in vocab.properties_for(t)})
    return vocab.suggest_property(prop, candidates)


def _qualified_by_role(node: Node, prop: str, vocab: Vocabulary) -> bool:
    """A Role node repeats the property it is the value of (``member`` inside ``member``)."""
    return (node.parent_key is not None and local_name(node.parent_key) == prop
            and any(vocab.is_subtype(t, "Role") for t in node.types))


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for node in page.nodes:
        if not node.schema_vocab or not node.types or node.other_types:
            continue
        if not all(vocab.has_type(t) for t in node.types):
            continue
        for key in node.data:
            if key.startswith("@"):
                continue
            prop = local_name(key)
            if prop is None or not vocab.has_property(prop):
                continue
            if any(vocab.property_allowed_on(prop, t) for t in node.types):
                continue
            if _qualified_by_role(node, prop, vocab):
                continue
            type_list = " or ".join(node.types)
            suggestion = _suggestion(prop, node.types)
            hint = f"; did you mean {suggestion!r}?" if suggestion and suggestion != prop else ""
            yield node.at(f"property {prop!r} is not defined for {type_list} or its supertypes "
                          f"(it belongs to {', '.join(vocab.domains(prop)) or 'no type'}){hint}", key)
