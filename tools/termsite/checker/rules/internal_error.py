"""The checker itself failed on a page (a bug in a rule).

The exception is reported as a problem on the page instead of stopping the run, so one
odd page cannot hide the results for the others. Please report it with the page.

Source: termsite's own requirement (the checker never crashes on input).

Failing example: none known - every such report is a bug to fix.

Passing example: every page.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Finding, Scope, Severity

ID = "internal-error"
SEVERITY = Severity.ERROR
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: object, config: object) -> Iterator[Finding]:
    return iter(())  # reported by the runner when another rule raises
