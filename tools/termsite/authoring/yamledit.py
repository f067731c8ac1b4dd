"""Small, exact edits to the text of YAML content files, keeping everything else as written.

Contributors format their files by hand: comments, quoting, line breaks, flow or block
lists. Loading a file and dumping it again would lose all of that, so commands that
change content (``termsite new``, ``termsite rename``) edit the text instead. This module
finds where each value sits in the text (from the YAML parser's event marks, which give
exact character offsets) and applies replacements and insertions there. Callers check
their result by parsing it again; an edit this module cannot make safely raises
:class:`EditError` with the line to change by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import yaml

try:  # same parser as termsite.content.yamlsource; both count offsets in characters
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathPart = Union[str, int]
NodePath = tuple[PathPart, ...]


class EditError(Exception):
    """An edit that cannot be made automatically; ``line`` is where to make it by hand."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Span:
    """Where a value is in the text: [start, end) in characters, and how it is written."""

    kind: str  # 'scalar', 'sequence' or 'mapping'
    start: int
    end: int
    line: int  # 1-based
    column: int  # 0-based: the column of the value's first character (the '-' of a block list)
    value: str = ""  # scalars only
    style: str = ""  # scalars: '', "'", '"', '|', '>'; collections: 'flow' or 'block'
    items: list[NodePath] = field(default_factory=list)  # collections: the paths of their children


@dataclass
class Document:
    """The values of one YAML text by path (('faq', 0, 'answer')), and the key of each mapping entry."""

    text: str
    values: dict[NodePath, Span] = field(default_factory=dict)
    keys: dict[NodePath, Span] = field(default_factory=dict)

    def value(self, path: NodePath) -> Span | None:
        return self.values.get(path)


def scan(text: str) -> Document:
    """Parse ``text`` (already known to be valid content YAML) into spans by path."""
    document = Document(text)
    # Each frame: [path, span kind, children paths, start event, next index or pending key]
    stack: list[list] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            path, is_key = _place(stack)
            if is_key:
                key = str(event.value)
                document.keys[path + (key,)] = _span("scalar", event, event.end_mark.index, event.value)
                stack[-1][4] = key
                continue
            if stack:
                stack[-1][2].append(path)
            if isinstance(event, yaml.ScalarEvent):
                document.values[path] = _span("scalar", event, event.end_mark.index, event.value, event.style or "")
            else:
                kind = "sequence" if isinstance(event, yaml.SequenceStartEvent) else "mapping"
                stack.append([path, kind, [], event, 0 if kind == "sequence" else None])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            path, kind, children, start_event, _ = stack.pop()
            style = "flow" if start_event.flow_style else "block"
            # a flow collection ends at its closing bracket; a block one where its last child ends
            end = event.start_mark.index if style == "flow" else (
                document.values[children[-1]].end if children else start_event.end_mark.index)
            document.values[path] = Span(kind, start_event.start_mark.index, end, start_event.start_mark.line + 1,
                                         start_event.start_mark.column, style=style, items=children)
    return document


def _place(stack: list[list]) -> tuple[NodePath, bool]:
    """The path of the next value, and whether it is a mapping key."""
    if not stack:
        return (), False
    frame = stack[-1]
    if frame[1] == "sequence":
        index = frame[4]
        frame[4] += 1
        return frame[0] + (index,), False
    if frame[4] is None:
        return frame[0], True
    key = frame[4]
    frame[4] = None
    return frame[0] + (key,), False


def _span(kind: str, event: yaml.Event, end: int, value: str = "", style: str = "") -> Span:
    mark = event.start_mark
    return Span(kind, mark.index, end, mark.line + 1, mark.column, value=value, style=style)


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] with ``text``; an insertion has start == end."""

    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    ordered = sorted(edits)
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise ValueError(f"overlapping edits at {before.start} and {after.start}")
    for edit in reversed(ordered):
        text = text[: edit.start] + edit.text + text[edit.end:]
    return text


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def replace_scalar(document: Document, path: NodePath, new_value: str) -> Edit:
    """Write a new plain-safe value (a slug) in place of a scalar, in the same quotes it had."""
    span = document.values[path]
    if span.style in ("|", ">"):
        raise EditError(span.line, f"'{span.value}' is written as a block; change it to '{new_value}' by hand")
    quote = span.style if span.style in ("'", '"') else ""
    return Edit(span.start, span.end, f"{quote}{new_value}{quote}")


def append_to_list(document: Document, path: NodePath, key_path: NodePath, item: str) -> Edit:
    """Add a plain-safe item (a slug) at the end of a flow or block list, or fill an empty value."""
    span = document.values[path]
    text = document.text
    if span.kind == "scalar":  # `terms:` with nothing after it
        if span.value or span.style:
            raise EditError(span.line, "expected a list here; add the item by hand")
        key = document.keys[key_path]
        colon = text.index(":", key.end)
        return Edit(colon + 1, colon + 1, f" [{item}]")
    if span.kind != "sequence":
        raise EditError(span.line, "expected a list here; add the item by hand")
    if span.style == "flow":
        if span.items:
            last = document.values[span.items[-1]]
            return Edit(last.end, last.end, f", {item}")
        return Edit(span.end, span.end, item)  # just before the ']' of '[]'
    last = document.values[span.items[-1]]
    line_end = text.find("\n", last.end)
    if line_end == -1:  # the file's last line has no newline
        return Edit(len(text), len(text), "\n" + " " * span.column + f"- {item}\n")
    return Edit(line_end, line_end, "\n" + " " * span.column + f"- {item}")


def remove_entry(document: Document, key_path: NodePath) -> Edit:
    """Remove a `key: value` entry of a block mapping, with its whole line(s)."""
    key = document.keys[key_path]
    value = document.values[key_path]
    parent = document.values[key_path[:-1]]
    if parent.style == "flow":
        raise EditError(key.line, f"remove the entry '{key.value}' by hand (it is in a {{...}} mapping)")
    text = document.text
    start = text.rfind("\n", 0, key.start) + 1
    if text[start:key.start].strip():
        raise EditError(key.line, f"remove the entry '{key.value}' by hand")
    end = text.find("\n", value.end)
    return Edit(start, len(text) if end == -1 else end + 1, "")
