"""An FAQPage question lacks what Google requires.

Google requires an FAQPage to have `mainEntity` with one or more `Question`s; each
Question needs a non-empty `name` (the full question) and exactly one `acceptedAnswer`,
an `Answer` whose `text` (the full answer) is non-empty once HTML tags are removed.
References (`{"@id": ...}`) to nodes described elsewhere on the page are followed.

Google has shown FAQ rich results only for well-known, authoritative government and health
websites since August 2023, so this rule does not promise one. The markup still serves:
other search engines and answer engines read question-and-answer pairs from it, and it
tells any consumer which questions the page answers; Google's requirements remain the
common ground those consumers follow.

Source: https://developers.google.com/search/docs/appearance/structured-data/faqpage#structured-data-type-definitions

Failing example:

```json
{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
  {"@type": "Question", "name": "What is margin?", "acceptedAnswer": {"@type": "Answer"}}]}
```

Passing example:

```json
{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
  {"@type": "Question", "name": "What is margin?",
   "acceptedAnswer": {"@type": "Answer", "text": "Collateral held against positions."}}]}
```
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument, strip_tags
from ..model import Finding, Scope, Severity, join_path
from ..vocabulary import load_vocabulary
from ._shared import accepted_answers, describe, faq_entries, is_blank, string_value, typed_nodes

ID = "faq-question"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"google"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    vocab = load_vocabulary()
    with_entries = set()
    for entry in faq_entries(page, vocab):
        with_entries.add(id(entry.faq))
        question = entry.question
        if question is None or question.is_reference:
            what = "an unresolved reference" if question is not None else describe(entry.value)
            yield entry.faq.finding(f"mainEntity item is {what}, not a Question", entry.path, "mainEntity")
            continue
        line, col = question.where()
        if not any(vocab.is_subtype(t, "Question") for t in question.types):
            yield Finding("mainEntity item must have \"@type\": \"Question\"", join_path(entry.path, "@type"), line, col)
        if is_blank(question.data.get("name")):
            yield question.finding("Question has no name (the full text of the question)", join_path(entry.path, "name"), "name")
        answers = accepted_answers(page, question)
        answer_path = join_path(entry.path, "acceptedAnswer")
        if not answers:
            yield Finding("Question has no acceptedAnswer", answer_path, line, col)
            continue
        if len(answers) > 1:
            yield Finding(f"Question has {len(answers)} acceptedAnswers; Google requires exactly one", answer_path, line, col)
        value, path, node = answers[0]
        if node is None:
            yield Finding(f"acceptedAnswer is {describe(value)}, not an Answer with text", path, line, col)
            continue
        text = string_value(node.data.get("text"))
        if text is None or not strip_tags(text).strip():
            yield node.finding("acceptedAnswer has no text (the full answer)", join_path(path, "text"), "text")
    for faq in typed_nodes(page, vocab, "FAQPage"):
        if id(faq) not in with_entries:
            yield faq.at("FAQPage has no mainEntity Questions", "mainEntity")
