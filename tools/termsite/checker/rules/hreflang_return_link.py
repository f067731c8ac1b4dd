"""A language version named in `hreflang` does not exist, or does not link back with the
same set.

`hreflang` links must be reciprocal: when page A names page B as its German version, B
must name A back, and both must list the same set of versions; Google ignores one-way
links. Broken and one-way alternates are among the most common international-SEO
mistakes (a translation regenerated without the back-link, a version deleted while its
siblings still point at it). Checked across the pages being checked: an alternate under
the site URL must be one of the site's pages; an alternate that was checked must list this
page, with the same codes for the same URLs. Alternates on other hosts are not followed.

Source: https://developers.google.com/search/docs/specialty/international/localized-versions
("If two pages don't both point to each other, the tags will be ignored")

Failing example: `/` lists `en: /` and `de: /de/`, but `/de/` lists only `de: /de/`.

Passing example: both pages list `en: /`, `de: /de/` and `x-default: /`.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Alternate, Finding, PageSummary, Scope, Severity
from ..languages import address_key
from ..site import SiteData, relative_to_site

ID = "hreflang-return-link"
SEVERITY = Severity.ERROR
SCOPE = Scope.SITE
TAGS = frozenset({"core"})


def _page_urls(page: PageSummary) -> set[str]:
    return {address_key(u) for u in (page.canonical, page.url) if u}


def _entries(page: PageSummary) -> set[tuple[str, str]]:
    return {(a.hreflang.lower(), address_key(a.url)) for a in page.alternates}


def check(site: SiteData, config: object) -> Iterator[Finding]:
    by_url: dict[str, PageSummary] = {}
    for page in site.pages:
        if page.alternates and not page.is_redirect:
            for url in _page_urls(page):
                by_url.setdefault(url, page)
    site_urls = [root.site_url for root in site.roots if root.site_url]
    # Versions that are not pages of the site are reported once, where they are named, and
    # left out of the comparison of sets (or every sibling would report them again).
    missing_pages = {address_key(a.url) for page in site.pages for a in page.alternates
                     if address_key(a.url) not in by_url and any(relative_to_site(a.url, s) is not None for s in site_urls)
                     and not _exists(site, a)}
    for page in site.pages:
        if not page.alternates or page.is_redirect:
            continue
        mine = _page_urls(page)
        entries = {(code, url) for code, url in _entries(page) if url not in missing_pages}
        reported: set[str] = set()
        for alternate in page.alternates:
            key = address_key(alternate.url)
            if key in mine or key in reported:
                continue
            reported.add(key)
            other = by_url.get(key)
            if other is None:
                if key in missing_pages:
                    yield Finding(f"the {alternate.hreflang!r} version {alternate.url} is not a page of the site",
                                  "", alternate.line, alternate.col, page.path)
                continue
            if other is page:
                continue
            theirs = {(code, url) for code, url in _entries(other) if url not in missing_pages}
            if not any(url in mine for code, url in theirs if code != "x-default"):
                yield Finding(f"the {alternate.hreflang!r} version {alternate.url} ({other.path}) does not link back "
                              "to this page with hreflang", "", alternate.line, alternate.col, page.path)
                continue
            missing, extra = sorted(entries - theirs), sorted(theirs - entries)
            if missing or extra:
                written = {address_key(a.url): a.url for a in other.alternates + page.alternates}
                parts = []
                if missing:
                    parts.append("it lacks " + ", ".join(f"{c}: {written.get(u, u)}" for c, u in missing))
                if extra:
                    parts.append("it adds " + ", ".join(f"{c}: {written.get(u, u)}" for c, u in extra))
                yield Finding(f"the {alternate.hreflang!r} version {alternate.url} ({other.path}) lists another hreflang "
                              f"set ({'; '.join(parts)})", "", alternate.line, alternate.col, page.path)


def _exists(site: SiteData, alternate: Alternate) -> bool:
    """Whether an internal alternate is a page (or file) of a checked site folder."""
    for root in site.roots:
        target = root.file_for_url(alternate.url)
        if target is not None and target.exists:
            return True
    return False
