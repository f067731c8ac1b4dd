"""Strict JSON parsing: report what browsers' lenient parsers and extruct silently repair.

Python's ``json`` module already rejects trailing commas, comments and raw control
characters in strings; on top of that we reject duplicate keys, ``NaN``/``Infinity``,
a leading byte order mark and nesting deeper than ``MAX_DEPTH`` (checked before parsing,
so deep input can never hit Python's recursion limit).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 512

_BRACKETS_OUTSIDE_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


@dataclass(frozen=True, slots=True)
class StrictJsonError(Exception):
    message: str
    offset: int  # character offset in the parsed text
    limit: bool = False  # True when a limit (not a syntax error) stopped parsing

    def __str__(self) -> str:
        return self.message


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # built in C; a key given twice makes the dict shorter than the pairs
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _BadConstant(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


def _reject_constant(name: str) -> Any:
    raise _BadConstant(name)


def nesting_depth_exceeds(text: str, limit: int = MAX_DEPTH) -> int | None:
    """Offset where nesting first goes deeper than ``limit``, or None.

    Cheap when the text has few brackets (the usual case); otherwise one regex pass.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in _BRACKETS_OUTSIDE_STRINGS.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


def parse_strict(text: str) -> Any:
    """Parse JSON text, raising StrictJsonError with a readable message and an offset."""
    if text.startswith("\ufeff"):
        raise StrictJsonError("JSON text starts with a byte order mark (U+FEFF)", 0)
    if not text.strip():
        raise StrictJsonError("empty JSON-LD block", 0)
    deep_at = nesting_depth_exceeds(text)
    if deep_at is not None:
        raise StrictJsonError(f"JSON nesting deeper than {MAX_DEPTH} levels", deep_at, limit=True)
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise StrictJsonError(_explain(exc, text), exc.pos) from None
    except _DuplicateKey as exc:
        raise StrictJsonError(f"duplicate key {exc.key!r}", _duplicate_offset(text, exc.key)) from None
    except _BadConstant as exc:
        offset = max(text.find(exc.name), 0)
        raise StrictJsonError(f"{exc.name} is not valid JSON", offset) from None
    except RecursionError:  # defensive: the depth pre-check should make this unreachable
        raise StrictJsonError(f"JSON nesting deeper than {MAX_DEPTH} levels", 0, limit=True) from None


def _explain(exc: json.JSONDecodeError, text: str) -> str:
    """Name the usual hand-editing slips instead of the decoder's generic message."""
    pos = exc.pos
    rest = text[pos:pos + 2]
    before = text[:pos].rstrip()
    if rest.startswith("\ufeff"):
        return "byte order mark (U+FEFF) in the JSON text"
    if rest.startswith(("//", "/*")) or (before.endswith(("/", "*")) and rest[:1] in "/*"):
        return "comments are not allowed in JSON"
    if before.endswith(",") and text[pos:].lstrip()[:1] in ("}", "]"):
        return "trailing comma before " + repr(text[pos:].lstrip()[:1])
    if exc.msg.startswith("Invalid control character"):
        return f"unescaped control character {text[pos]!r} in a string" if pos < len(text) else exc.msg
    if exc.msg == "Extra data":
        return "extra data after the JSON value (two JSON values in one block?)"
    return exc.msg


def _duplicate_offset(text: str, key: str) -> int:
    """Offset of the second occurrence of the key (good enough to point the user at it)."""
    pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:")
    matches = list(pattern.finditer(text))
    return matches[1].start() if len(matches) > 1 else 0
