"""The same FAQ question is marked up on several pages.

Google: "If you have FAQ content that is repetitive on your site (meaning, the same
question and answer appear in multiple places on your site), mark up only one instance of
that FAQ for your entire site." Questions are compared after removing tags, decoding
entities, Unicode NFC and ignoring whitespace. Reported on every page after the first
(pages in path order).

Google has shown FAQ rich results only for well-known, authoritative government and health
websites since August 2023, so this rule does not promise one. The markup still serves:
other search engines and answer engines read question-and-answer pairs from it, and it
tells any consumer which questions the page answers; Google's requirements remain the
common ground those consumers follow.

Source: https://developers.google.com/search/docs/appearance/structured-data/faqpage#guidelines

Failing example: "What is a margin call?" marked up on both `/area/rates/` and
`/area/fees/`.

Passing example: the question marked up on one page, the other page linking to it.
"""

from __future__ import annotations

from typing import Iterator

from ..model import FaqQuestion, Finding, Scope, Severity
from ..site import SiteData

ID = "duplicate-faq-question"
SEVERITY = Severity.ERROR
SCOPE = Scope.SITE
TAGS = frozenset({"google"})


def check(site: SiteData, config: object) -> Iterator[Finding]:
    first_seen: dict[str, tuple[str, FaqQuestion]] = {}
    for page in site.pages:
        for question in page.faq_questions:
            if not question.text:
                continue
            earlier = first_seen.setdefault(question.text, (page.path, question))
            if earlier[1] is not question:
                where, other = earlier
                yield Finding(f"question is also marked up at {where}:{other.line} ({other.json_path}); "
                              "mark up one instance per site", question.json_path, question.line, question.col, page.path)
