"""An internal URL in the markup does not resolve to a page or file in the site folder.

Runs when a site folder is checked. URLs under the site URL (`--site-url`, `site_url` in
`mkdocs.yml`, or the canonical URL of the folder's `index.html`) are mapped to files:
`https://example.com/area/foo/` -> `area/foo/index.html`, `.../foo.html` -> `foo.html`,
and any other file (images, PDFs) by its path. Checked: `url` of every node, breadcrumb
`item`, `hasPart` (`url`/`@id`), `mainEntityOfPage`, `isPartOf`, `inDefinedTermSet`,
`image`, `logo`, `contentUrl`, `thumbnailUrl` (strings, references and node URLs);
fragments and queries are ignored.

Source: https://developers.google.com/search/docs/appearance/structured-data/sd-policies#technical-guidelines
(URLs in markup must be crawlable) and https://schema.org/url

Failing example: `"item": "https://example.com/area/"` when the built site has no
`area/index.html`.

Passing example: the same markup with `area/index.html` present.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Finding, Scope, Severity
from ..site import SiteData

ID = "broken-internal-url"
SEVERITY = Severity.ERROR
SCOPE = Scope.SITE
TAGS = frozenset({"core"})


def check(site: SiteData, config: object) -> Iterator[Finding]:
    for page in site.pages:
        if page.root is None:
            continue
        root = site.roots[page.root]
        for ref in page.url_refs:
            target = root.file_for_url(ref.url)
            if target is not None and not target.exists:
                yield Finding(f"internal URL {ref.url!r} does not resolve to a file in the site "
                              f"(looked for {target.candidates[0]})", ref.json_path, ref.line, ref.col, page.path)
