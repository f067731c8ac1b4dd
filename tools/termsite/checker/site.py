"""Site-level data: the folders being checked, their files, and per-page summaries.

Workers return a PageSummary per page (small: the facts the site rules need); the site
rules run in the main process on all summaries after every page has been checked.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .extract import PageDocument, normalize_text, normalize_url, resolve_url, strip_tags
from .model import Alternate, FaqQuestion, IdClaim, PageSummary, UrlReference, join_path
from .rules._shared import faq_entries, property_values, string_value
from .vocabulary import load_vocabulary, local_name

# Properties whose string / reference values are URLs checked by broken-internal-url.
URL_PROPERTIES = frozenset({
    "url", "item", "hasPart", "mainEntityOfPage", "isPartOf", "inDefinedTermSet",
    "image", "logo", "contentUrl", "thumbnailUrl",
})

_MEDIA_PROPERTIES = frozenset({"url", "image", "logo", "contentUrl", "thumbnailUrl"})


@dataclass(frozen=True, slots=True)
class UrlTarget:
    candidates: tuple[str, ...]  # site-relative file paths that would satisfy the URL
    exists: bool


@dataclass(slots=True)
class SiteRoot:
    """A site folder being checked, with every file in it (relative, '/'-separated)."""

    folder: str
    site_url: str | None
    files: frozenset[str] = frozenset()

    @classmethod
    def scan(cls, folder: str, site_url: str | None) -> "SiteRoot":
        files = set()
        for directory, _dirs, names in os.walk(folder):
            rel_dir = os.path.relpath(directory, folder)
            for name in names:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                files.add(rel.replace(os.sep, "/"))
        return cls(folder, site_url, frozenset(files))

    def rel_path(self, url: str) -> str | None:
        """The URL's path relative to the site URL, or None when the URL is not internal."""
        if not self.site_url:
            return None
        return relative_to_site(url, self.site_url)

    def file_for_url(self, url: str) -> UrlTarget | None:
        rel = self.rel_path(url)
        if rel is None:
            return None
        rel = unquote(rel)
        if rel == "" or rel.endswith("/"):
            candidates: tuple[str, ...] = (rel + "index.html",)
        else:
            candidates = (rel, rel + "/index.html", rel + ".html")
        return UrlTarget(candidates, any(c in self.files for c in candidates))


@functools.lru_cache(maxsize=65536)
def relative_to_site(url: str, site_url: str) -> str | None:
    """``https://x/docs/area/foo/`` relative to ``https://x/docs/`` -> ``area/foo/``; None if outside."""
    try:
        target, site = urlsplit(normalize_url(url)), urlsplit(normalize_url(site_url))
    except ValueError:  # a malformed URL is not internal
        return None
    if target.netloc != site.netloc or target.scheme not in ("http", "https"):
        return None
    base_path = site.path if site.path.endswith("/") else site.path + "/"
    path = target.path or "/"
    if path + "/" == base_path:
        return ""
    if not path.startswith(base_path):
        return None
    return path[len(base_path):]


@dataclass(slots=True)
class SiteData:
    roots: list[SiteRoot]
    pages: list[PageSummary] = field(default_factory=list)


def page_alternates(page: PageDocument) -> list[Alternate]:
    """The page's ``<link rel="alternate" hreflang>`` links, with absolute, normalized URLs."""
    base = page.base_url
    return [Alternate(code, normalize_url(resolve_url(base, href) if base else href), line, 1)
            for code, href, line in page.head.alternates]


def summarize(page: PageDocument, root: int | None, site_url: str | None) -> PageSummary:
    """Reduce a checked page to what the site rules need."""
    vocab = load_vocabulary()
    base = page.base_url
    summary = PageSummary(
        path=page.path,
        root=root,
        rel_url=page.rel_url,
        url=page.page_url or page.canonical,
        is_redirect=page.is_redirect,
        is_404=page.rel_url == "404.html",
        top_types=frozenset(t for n in page.nodes if n.top_level for t in n.types),
        suppressed=page.suppressed,
    )
    if page.blocks:
        summary.first_block_line, summary.first_block_col = page.blocks[0].line, page.blocks[0].col
    if page.has_markup_tree:
        summary.language = page.language
        summary.canonical = normalize_url(page.canonical) if page.canonical else None
        summary.alternates = page_alternates(page)
    for node in page.nodes:
        if not node.schema_vocab:
            continue
        line, col = node.where()
        node_id = node.data.get("@id")
        if isinstance(node_id, str) and node_id and not node_id.startswith("_:"):
            absolute = resolve_url(base, node_id) if base else node_id
            name, headline = string_value(node.data.get("name")), string_value(node.data.get("headline"))
            if node.types or name is not None or headline is not None:
                summary.id_claims.append(IdClaim(absolute, node.types, name, headline, node.path, line, col))
        if site_url:
            for key, raw in node.data.items():
                if key.startswith("@") or local_name(key) not in URL_PROPERTIES:
                    continue
                for value, path in property_values(raw, join_path(node.path, key)):
                    # A node value's own url/contentUrl is checked when that node is visited;
                    # here only its @id counts (for item, hasPart, isPartOf, ...).
                    if isinstance(value, dict):
                        url = value.get("@id") if key not in _MEDIA_PROPERTIES and "url" not in value else None
                    else:
                        url = value
                    if not isinstance(url, str) or not url.strip() or url.startswith("_:"):
                        continue
                    absolute = resolve_url(base, url.strip()) if base else url.strip()
                    if relative_to_site(absolute, site_url) is not None:
                        summary.url_refs.append(UrlReference(normalize_url(absolute), path, line, col))
    for entry in faq_entries(page, vocab):
        question = entry.question
        name = string_value(question.data.get("name")) if question is not None else None
        if name:
            line, col = question.where("name") if question is not None else entry.faq.where()
            summary.faq_questions.append(FaqQuestion(normalize_text(strip_tags(name)), join_path(entry.path, "name"), line, col))
    return summary
