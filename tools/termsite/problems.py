"""Problems found in content: one shape for the loader, the linter and the build."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # worth knowing, never a failure: a term nothing links to

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one content file.

    ``code`` is stable (documented in docs/lint-codes.md) so that CI annotations and
    suppressions keep working across releases; ``message`` is a sentence a contributor
    can act on.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    field: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        prefix = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}[{self.code}] {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class ContentError(Exception):
    """Raised when content has errors; carries every problem found in the run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.is_error]
        super().__init__(f"{len(errors)} content error(s)")

    def report(self) -> str:
        errors = [p for p in self.problems if p.is_error]
        lines = [p.format() for p in self.problems]
        lines.append(f"termsite: {len(errors)} error(s) in the glossary content; nothing was built.")
        return "\n".join(lines)
