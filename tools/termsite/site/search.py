"""What the site's search index holds for generated pages.

Readers search a glossary for names: titles, aliases, abbreviations, and the words of a
definition's first lines. Indexing every page's full text made mkdocs-material's index
43 MB at 10,000 terms, which every reader downloads on first search; these documents
keep it to what is searched for.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from termsite.site.pages import AreaPage, GeneratedPage, TermPage

BODY_WORDS = 40


@dataclass(frozen=True)
class SearchDocument:
    location: str  # site-relative URL, with a #fragment for sections
    title: str
    text: str

    def as_dict(self) -> dict[str, str]:
        # mkdocs-material's index holds HTML (its own indexer escapes text) and its search
        # results insert title and text as HTML: text that reads '<img onerror=...>' on a
        # page must stay text in the results too.
        return {"location": self.location, "title": html.escape(self.title, quote=False),
                "text": html.escape(self.text, quote=False)}


def _first_words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def search_documents(page: GeneratedPage) -> list[SearchDocument]:
    if page.noindex:
        return []  # the print page repeats every term: it would be a hit for all of them
    if isinstance(page, TermPage) and page.term and page.links:
        term = page.term
        parts = []
        if term.aliases:
            parts.append("Also known as: " + ", ".join(term.aliases) + ".")
        parts.append(term.summary)
        parts.append(_first_words(page.links.main.text, BODY_WORDS))
        documents = [SearchDocument(page.path, term.title, " ".join(p for p in parts if p))]
        documents += [SearchDocument(f"{page.path}#faq-{i}", faq.question, _first_words(faq.answer.text, BODY_WORDS))
                      for i, faq in enumerate(page.links.faq, start=1)]
        return documents
    if isinstance(page, AreaPage) and page.area and page.links:
        text = " ".join([page.area.description, _first_words(page.links.main.text, BODY_WORDS)]).strip()
        documents = [SearchDocument(page.path, page.area.title, text)]
        documents += [SearchDocument(f"{page.path}#faq-{i}", faq.question, _first_words(faq.answer.text, BODY_WORDS))
                      for i, faq in enumerate(page.links.faq, start=1)]
        return documents
    return [SearchDocument(page.path, page.title, page.description)]
