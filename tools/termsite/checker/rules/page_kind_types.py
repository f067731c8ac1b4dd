"""A termsite page lacks the structured data its kind of page carries.

Only when checking a termsite site (`mkdocs.yml` with the `termsite` plugin, or
`--termsite`). Page kinds come from the URL, with the prefixes of the plugin options
`area_prefix` (default `area/`) and `term_prefix` (default `definition/`):

| page | URL | expected top-level types |
| --- | --- | --- |
| home | `/` | WebSite |
| area index | `/area/` | CollectionPage |
| area page | `/area/<slug>/` | BreadcrumbList, FAQPage, CollectionPage |
| A-Z index | `/definition/` | DefinedTermSet |
| term page | `/definition/<slug>/` | BreadcrumbList, Article, DefinedTerm |
| article page | any other URL | BreadcrumbList, and Article, HowTo or FAQPage |

Subtypes count (a TechArticle is an Article). Article pages (guides, articles, the About
page, an existing docs site's own pages) live wherever the site's nav puts them, so they are
recognised by their markup, not by a URL: a page outside the generated kinds' addresses
whose top-level nodes include an Article (or subtype: TechArticle, BlogPosting, NewsArticle,
...), a HowTo or an FAQPage is an article page, and carries a BreadcrumbList besides (the
trail termsite gives every hand-written page; an article with a front-matter FAQ carries
both its Article and an FAQPage). Redirect stubs (`<meta http-equiv="refresh">`) and
`404.html` are skipped; other pages have no expectation.

Source: termsite's page design (docs: the JSON-LD each page kind emits), following
https://developers.google.com/search/docs/appearance/structured-data/search-gallery

Failing examples: `/definition/margin/` with a BreadcrumbList and an Article but no
DefinedTerm; `/guides/liquidation/` with a TechArticle but no BreadcrumbList.

Passing examples: the same pages with their DefinedTerm block and their BreadcrumbList.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Finding, PageSummary, Scope, Severity
from ..site import SiteData
from ..vocabulary import load_vocabulary

ID = "page-kind-types"
SEVERITY = Severity.ERROR
SCOPE = Scope.SITE
TAGS = frozenset({"core"})


def _prefix(value: str) -> str:
    value = value.strip("/")
    return value + "/" if value else ""


def page_kind(rel_url: str, area_prefix: str, term_prefix: str) -> tuple[str, tuple[str, ...]] | None:
    """(kind name, expected types) for a page's URL path relative to the site root."""
    if rel_url.endswith(".html"):
        rel_url = rel_url[: -len(".html")] + "/"
    area, term = _prefix(area_prefix), _prefix(term_prefix)
    if rel_url == "":
        return "home page", ("WebSite",)
    if rel_url == area:
        return "area index", ("CollectionPage",)
    if rel_url == term:
        return "A-Z index", ("DefinedTermSet",)
    for prefix, kind, expected in ((area, "area page", ("BreadcrumbList", "FAQPage", "CollectionPage")),
                                   (term, "term page", ("BreadcrumbList", "Article", "DefinedTerm"))):
        if prefix and rel_url.startswith(prefix) and rel_url.count("/") == prefix.count("/") + 1:
            return kind, expected
    return None


ARTICLE_TYPES = ("Article", "HowTo", "FAQPage")


def article_kind(summary: PageSummary) -> tuple[str, tuple[str, ...]] | None:
    """The article kind, recognised by the page's markup: a top-level Article (or subtype),
    HowTo or FAQPage."""
    vocab = load_vocabulary()
    if any(vocab.is_subtype(t, kind) for t in summary.top_types for kind in ARTICLE_TYPES):
        return "article page", ("BreadcrumbList",)
    return None


def _missing(summary: PageSummary, expected: tuple[str, ...]) -> list[str]:
    vocab = load_vocabulary()
    return [e for e in expected if not any(vocab.is_subtype(t, e) for t in summary.top_types)]


def check(site: SiteData, config: object) -> Iterator[Finding]:
    if not getattr(config, "termsite", False):
        return
    for page in site.pages:
        if page.rel_url is None or page.is_redirect or page.is_404:
            continue
        kind = page_kind(page.rel_url, config.area_prefix, config.term_prefix)  # type: ignore[attr-defined]
        kind = kind or article_kind(page)
        if kind is None:
            continue
        name, expected = kind
        missing = _missing(page, expected)
        if missing:
            carries = ", ".join(expected) if name != "article page" else "a BreadcrumbList beside its Article, HowTo or FAQPage"
            article = "an" if name[0] in "aeiou" else "a"
            yield Finding(f"{name} has no {', '.join(missing)} ({article} {name} carries {carries})",
                          "", page.first_block_line, page.first_block_col, page.path)
