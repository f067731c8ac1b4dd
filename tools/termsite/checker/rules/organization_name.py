"""An Organization (or subtype) has no `name`.

An Organization without a name cannot be shown or matched: Google's Organization markup,
and Article `publisher`, need `name`. Bare references (`{"@id": ...}`) and partial copies
of a node described more fully elsewhere on the page (same `@id`) are skipped.

Decision on a conflict case (corpus page `schemaorg_27`, schema.org's own ContactPoint
example, an Organization with `url` and `contactPoint` but no `name`): an error. How the
major validators judge it: schema.org's validator accepts it (no property is required by
the vocabulary); Adobe's validator reports the missing name as an error; Google's documentation
lists no required property for Organization markup but recommends `name`, and names an
Article's publisher by its `name`. Under `--profile schema.org` the rule does not
run.

Source: https://developers.google.com/search/docs/appearance/structured-data/organization#structured-data-type-definitions
and https://developers.google.com/search/docs/appearance/structured-data/article#structured-data-type-definitions (publisher.name)

Failing example:

```json
{"@context": "https://schema.org", "@type": "Organization", "url": "https://example.com/"}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "Organization", "name": "Acme", "url": "https://example.com/"}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity
from ..vocabulary import load_vocabulary
from ._shared import is_blank, typed_nodes

ID = "organization-name"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for org in typed_nodes(page, vocab, "Organization"):
        if page.resolve(org) is not org:
            continue  # a partial copy; the fullest description of this @id is checked instead
        if is_blank(org.data.get("name")):
            yield org.at(f"{org.types[0]} has no name", "name")
