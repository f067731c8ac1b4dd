"""An FAQ question or answer in the markup does not appear in the page's visible text.

Google requires that FAQ markup matches content the user can see on the page. The
question `name` and the answer `text` are compared with the page's visible text after
removing HTML tags from the markup text, decoding entities, applying Unicode NFC and
ignoring all whitespace. Text inside `<script>`, `<style>`, `<template>`, `<noscript>`,
and elements with the `hidden` attribute, `aria-hidden="true"` or an inline
`display: none` does not count as visible (content in a collapsed `<details>` does).

Google has shown FAQ rich results only for well-known, authoritative government and health
websites since August 2023, so this rule does not promise one. The markup still serves:
other search engines and answer engines read question-and-answer pairs from it, and it
tells any consumer which questions the page answers; Google's requirements remain the
common ground those consumers follow.

Source: https://developers.google.com/search/docs/appearance/structured-data/faqpage#guidelines
("All FAQ content must be visible to the user on the source page")

Failing example: markup question "What is a margin call?" while the page body shows only
"What is margin?".

Passing example:

```html
<h3>What is a margin call?</h3><p>A demand for more collateral.</p>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "FAQPage",
 "mainEntity": [{"@type": "Question", "name": "What is a margin call?", "acceptedAnswer":
 {"@type": "Answer", "text": "\\u003cp\\u003eA demand for more collateral.\\u003c/p\\u003e"}}]}</script>
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument, normalize_text, strip_tags
from ..model import Finding, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import accepted_answers, faq_entries, string_value

ID = "faq-text-visible"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    entries = [e for e in faq_entries(page, vocab) if e.question is not None and not e.question.is_reference]
    if not entries:
        return
    visible = page.visible_text
    for entry in entries:
        question = entry.question
        assert question is not None
        name = string_value(question.data.get("name"))
        if name and normalize_text(strip_tags(name)) and normalize_text(strip_tags(name)) not in visible:
            yield question.finding(f"question {_shorten(name)!r} is not visible on the page",
                                   join_path(entry.path, "name"), "name")
        for _value, path, node in accepted_answers(page, question):
            text = string_value(node.data.get("text")) if node is not None else None
            if not text or node is None:
                continue
            plain = strip_tags(text)
            if normalize_text(plain) and normalize_text(plain) not in visible:
                yield node.finding(f"answer {_shorten(plain)!r} is not visible on the page", join_path(path, "text"), "text")
