"""Lighthouse's deterministic categories on every page kind of the example site: 100 each.

Accessibility, best practices and SEO are audits of the page as served (markup, headers,
console, links), so they give the same result on every run; the performance score depends on
the machine's load and is reported by tools/bench.py instead of asserted here. The site is
served gzip-compressed from localhost, as a static host serves it, and Lighthouse drives
Debian's Chromium (tools/lighthouse_audit.py).
"""

from __future__ import annotations

import gzip
import sys
import urllib.request
from typing import Iterator

import pytest

from conftest import ROOT

from .conftest import ExampleSite

sys.path.insert(0, str(ROOT / "tools"))
import lighthouse_audit  # noqa: E402

pytestmark = pytest.mark.browser

DETERMINISTIC = ("accessibility", "best-practices", "seo")


def _pages(site: ExampleSite) -> dict[str, str]:
    glossary = site.glossary
    area = max(glossary.area_members, key=lambda s: (len(glossary.area_members[s]), s))
    term = max(glossary.terms.values(), key=lambda t: (bool(t.faq), len(t.sources), len(t.related), t.slug))
    return {"home": "", "area index": "area/", "area": f"area/{area}/", "term": f"definition/{term.slug}/",
            "A–Z index": "definition/"}


@pytest.fixture(scope="module")
def gzip_site(example_site: ExampleSite) -> Iterator[str]:
    missing = lighthouse_audit.available()
    if missing:
        pytest.fail(f"Lighthouse cannot run: {missing}; `make test` installs both")
    with lighthouse_audit.GzipSiteServer(example_site.root) as server:
        # pages go out compressed, as a real host sends them
        request = urllib.request.Request(server.url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).lstrip().startswith(b"<!doctype html>")
        yield server.url


@pytest.mark.parametrize("kind", ["home", "area index", "area", "term", "A–Z index"])
def test_lighthouse_scores_100_for_accessibility_best_practices_and_seo(gzip_site: str, example_site: ExampleSite,
                                                                       kind: str) -> None:
    found = lighthouse_audit.audit(gzip_site + _pages(example_site)[kind], DETERMINISTIC)
    print(f"\nLighthouse on the {kind} page: {found.scores}")
    assert {category: found.scores[category] for category in DETERMINISTIC} == dict.fromkeys(DETERMINISTIC, 100), \
        {category: found.failed[category] for category in DETERMINISTIC if found.failed[category]}
