"""An FAQ answer's `text` uses HTML tags that Google does not display.

Google shows only `<h1>`-`<h6>`, `<br>`, `<ol>`, `<ul>`, `<li>`, `<a>`, `<p>`, `<div>`,
`<b>`, `<strong>`, `<i>` and `<em>` in FAQ answers and ignores all other tags (the text
inside them stays), so other tags such as `<code>`, `<table>` or `<img>` will not render
as intended. A warning, since the text is still used.

Google has shown FAQ rich results only for well-known, authoritative government and health
websites since August 2023, so this rule does not promise one. The markup still serves:
other search engines and answer engines read question-and-answer pairs from it, and it
tells any consumer which questions the page answers; Google's requirements remain the
common ground those consumers follow.

Source: https://developers.google.com/search/docs/appearance/structured-data/faqpage#answer

Failing example:

```json
{"@type": "Answer", "text": "Use <code>margin()</code>."}
```

Passing example:

```json
{"@type": "Answer", "text": "Use <b>margin()</b>."}
```
"""

from __future__ import annotations

import re
from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import accepted_answers, faq_entries, string_value

ID = "faq-answer-html"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})

ALLOWED_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "div", "b", "strong", "i", "em"})
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    for entry in faq_entries(page, vocab):
        if entry.question is None:
            continue
        for _value, path, node in accepted_answers(page, entry.question):
            text = string_value(node.data.get("text")) if node is not None else None
            if not text or "<" not in text:
                continue
            bad = sorted({m.group(1).lower() for m in _TAG_NAME.finditer(text)} - ALLOWED_TAGS)
            if bad:
                shown = ", ".join(f"<{tag}>" for tag in bad)
                yield (node or entry.faq).finding(f"answer text uses {shown}, which Google does not display",
                                                  join_path(path, "text"), "text")
