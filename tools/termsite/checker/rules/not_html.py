"""The file is binary or not decodable as text, so it cannot be an HTML page.

Detected from NUL bytes or a large share of undecodable bytes in the first 8 KB (after
honouring a byte order mark or `<meta charset>`). Nothing else is checked on such a file.

Source: termsite's own requirement (garbage input is reported, never a crash).

Failing example: a PNG saved as `page.html`.

Passing example: any UTF-8 (or declared-charset) HTML document.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "not-html"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if page.not_html:
        yield Finding(page.not_html)
