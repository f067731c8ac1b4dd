"""The file could not be read (permissions, I/O error, a folder named `*.html`).

The checker reports the file and exits with status 2 ("unreadable input") after
printing everything else it found, so a CI gate never passes over a page it did not see.

Source: termsite's own requirement (a gate must not silently skip input).

Failing example: a page with mode `000`, or a dangling symlink `site/a/index.html`.

Passing example: any readable file.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..model import Finding, Scope, Severity

ID = "unreadable-file"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if page.read_error:
        yield Finding(f"cannot read file: {page.read_error}")
