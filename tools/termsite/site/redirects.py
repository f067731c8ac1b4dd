"""Redirect pages for renamed terms: the old URL keeps working after ``termsite rename``.

A static host cannot answer with an HTTP redirect, so each old slug in
``content/redirects.yml`` gets a tiny HTML page at its old address (the technique of
mkdocs-redirects): an immediate ``<meta http-equiv="refresh">``, a canonical link to the
new address so that search engines move their index entry there, ``noindex`` so that the
old page itself is never listed, and a visible link for browsers that don't follow the
refresh. They are written after the build, outside MkDocs' pages, so they appear in
neither the sitemap nor the search index.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from termsite.changeset import write_atomic
from termsite.content.model import Glossary
from termsite.settings import SiteSettings, UrlScheme


# Marks the pages written here, so that a rebuild into the same folder (mkdocs serve --dirty) replaces them.
MARKER = "<!-- termsite: redirect of a renamed term -->"


@dataclass(frozen=True)
class RedirectPage:
    path: str  # site path of the old page, such as definition/old-slug/
    target_path: str  # site path of the live page
    target_title: str
    canonical_url: str  # absolute URL of the live page
    language: str = "en"

    @property
    def file_name(self) -> str:
        """The file that serves ``path``: definition/old/index.html, or definition/old.html."""
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path

    def html(self) -> str:
        target = UrlScheme.relative(self.path, self.target_path)
        relative = html.escape(target)
        canonical = html.escape(self.canonical_url)
        title = html.escape(self.target_title)
        # The script keeps a #fragment of the old URL, which the refresh alone would drop.
        return f"""<!doctype html>
{MARKER}
<html lang="{html.escape(self.language)}">
<head>
<meta charset="utf-8">
<title>Moved: {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={relative}">
<script>location.replace({json.dumps(target)} + location.hash);</script>
</head>
<body>
<p>This page has moved to <a href="{relative}">{title}</a>.</p>
</body>
</html>
"""


def redirect_pages(glossary: Glossary, settings: SiteSettings) -> list[RedirectPage]:
    """One page per old slug; the loader has already resolved chains to a live term."""
    urls = settings.urls
    pages = []
    for old, target in sorted(glossary.redirects.items()):
        target_path = urls.term(target)
        pages.append(RedirectPage(urls.term(old), target_path, glossary.terms[target].title,
                                  urls.absolute(target_path), settings.language))
    return pages


def write_redirect_pages(site_dir: Path | str, pages: list[RedirectPage]) -> list[RedirectPage]:
    """Write the pages into a built site; returns those skipped because a real page is at their path."""
    skipped = []
    for page in pages:
        path = Path(site_dir) / page.file_name
        if path.exists() and MARKER.encode() not in path.read_bytes()[:200]:
            skipped.append(page)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, page.html().encode("utf-8"))
    return skipped
