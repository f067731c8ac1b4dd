"""Strict, position-keeping YAML reading for content files.

PyYAML's loaders silently keep the last of two duplicate keys, expand aliases without
bound and build arbitrary objects from tags. Content arrives in pull requests from
people we don't know, so we read the parser's event stream ourselves and build a small
tree of :class:`YamlNode` that keeps every value's line and column, accepting only the
safe subset: one document, no anchors or aliases, no explicit tags, unique keys, bounded
depth and size. Files saved by other tools load as they are: a UTF-8 byte order mark is
skipped and Windows line ends (CRLF) are one line break each, as YAML defines them.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from termsite.problems import Problem

try:  # libyaml's parser is several times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 16
MAX_NODES = 200_000

ScalarType = Literal["str", "int", "float", "bool", "null", "timestamp"]

_RESOLVER = yaml.resolver.Resolver()
_TAG_TYPES: dict[str, ScalarType] = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}
_TAB_INDENT = re.compile(rb"^[ ]*\t", re.MULTILINE)
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class YamlNode:
    """A YAML value with the 1-based line and column where it starts."""

    kind: Literal["scalar", "sequence", "mapping"]
    line: int
    column: int
    text: str = ""
    scalar_type: ScalarType = "str"
    style: str = ""  # the scalar's style: '' plain, "'" or '"' quoted, '|' literal, '>' folded
    items: list[YamlNode] = field(default_factory=list)
    # key -> (key node, value node); insertion order is the file's order.
    entries: dict[str, tuple[YamlNode, YamlNode]] = field(default_factory=dict)

    def describe(self) -> str:
        """Name this value's type the way a contributor thinks of it."""
        if self.kind == "mapping":
            return "a mapping (key: value pairs)"
        if self.kind == "sequence":
            return "a list"
        return {
            "str": "text",
            "int": "a number",
            "float": "a number",
            "bool": "a yes/no value",
            "null": "nothing (an empty value)",
            "timestamp": "a date",
        }[self.scalar_type]


def read_yaml_file(path: Path, display_path: str) -> tuple[YamlNode | None, list[Problem]]:
    """Read one content file. Returns the root node, or None and the problems."""
    def problem(code: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, 1, 1, code, message)]

    try:
        # Checked before opening: opening a named pipe would wait for a writer forever.
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return problem("unreadable-file", "is not a regular file; content files are plain text files.")
        if status.st_size > MAX_FILE_BYTES:
            return problem("file-too-large", _too_large(status.st_size))
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # never more than the limit, even if the file grows meanwhile
    except OSError as exc:
        return problem("unreadable-file", f"cannot read the file: {exc.strerror}.")
    return parse_yaml_bytes(data, display_path)


def _too_large(size: int) -> str:
    return f"the file is {size:,} bytes; content files are limited to {MAX_FILE_BYTES:,} bytes."


def parse_yaml_bytes(data: bytes, display_path: str) -> tuple[YamlNode | None, list[Problem]]:
    def problem(line: int, column: int, code: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, line, column, code, message)]

    if len(data) > MAX_FILE_BYTES:
        return problem(1, 1, "file-too-large", _too_large(len(data)))
    if data.startswith(_UTF8_BOM):
        # Spreadsheet exports and Windows editors save UTF-8 with a byte order mark; YAML allows
        # one at the start of a stream. It is no character of the content, so columns stay as shown.
        data = data[len(_UTF8_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return problem(line, column, "encoding",
                       f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8.")
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        return problem(line, 1, "encoding", "the file contains a NUL character; content files are plain text.")
    tab = _TAB_INDENT.search(data) if b"\t" in data else None
    if tab:
        line = data.count(b"\n", 0, tab.start()) + 1
        return problem(line, tab.end() - tab.start(), "yaml-tab",
                       "a tab is used for indentation; YAML needs spaces.")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return problem(1, 1, "empty-file", "the file has no content; expected a mapping of fields such as 'title:'.")
    return _EventTreeBuilder(text, display_path).build()


class _EventTreeBuilder:
    """Builds YamlNode trees from the parser's events, refusing the unsafe parts of YAML."""

    def __init__(self, text: str, display_path: str) -> None:
        self.text = text
        self.path = display_path

    def _problem(self, mark: yaml.Mark | None, code: str, message: str) -> list[Problem]:
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        return [Problem(self.path, line, column, code, message)]

    def build(self) -> tuple[YamlNode | None, list[Problem]]:
        try:
            return self._build()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = exc.problem or "invalid YAML"
            context = f" {exc.context}" if exc.context else ""
            return None, self._problem(mark, "yaml-syntax", f"YAML syntax error: {what}{context}.")
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow; it has no mark
            return None, self._unacceptable_character(exc)
        except yaml.YAMLError as exc:
            return None, self._problem(None, "yaml-syntax", f"YAML syntax error: {exc}.")

    def _unacceptable_character(self, exc: yaml.reader.ReaderError) -> list[Problem]:
        # libyaml gives the code point as a number, the pure-Python reader as a character
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        offset = min(max(exc.position, 0), len(self.text))
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return [Problem(self.path, line, column, "yaml-syntax",
                        f"the character U+{code:04X} is not allowed in YAML ({exc.reason}); remove it.")]

    def _build(self) -> tuple[YamlNode | None, list[Problem]]:
        # Each stack frame: (node, pending key node or None)
        stack: list[list] = []
        root: YamlNode | None = None
        documents = 0
        nodes = 0
        loader = _Loader(self.text)
        get_event = loader.get_event  # the parser's events one by one: libyaml's, or PyYAML's own
        try:
            while True:
                event = get_event()
                kind = type(event)
                if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    if event.anchor is not None:
                        return None, self._problem(
                            event.start_mark, "yaml-alias",
                            f"the anchor '&{event.anchor}' is not allowed; content files use plain values only.")
                    if event.tag is not None:
                        return None, self._problem(
                            event.start_mark, "yaml-tag",
                            f"the tag '{_shown(_short_tag(event.tag))}' is not allowed; content files use plain values only.")
                    nodes += 1
                    if nodes > MAX_NODES:
                        return None, self._problem(
                            event.start_mark, "too-large",
                            f"the file holds more than {MAX_NODES:,} values; split it or shorten it.")
                    if len(stack) >= MAX_DEPTH:
                        return None, self._problem(
                            event.start_mark, "too-deep",
                            f"values are nested more than {MAX_DEPTH} levels deep; content fields are at most a few levels deep.")
                    mark = event.start_mark
                    if kind is yaml.ScalarEvent:
                        node = YamlNode("scalar", mark.line + 1, mark.column + 1, text=event.value,
                                        scalar_type=_scalar_type(event), style=event.style or "")
                    elif kind is yaml.SequenceStartEvent:
                        node = YamlNode("sequence", mark.line + 1, mark.column + 1)
                    else:
                        node = YamlNode("mapping", mark.line + 1, mark.column + 1)
                    problems = self._attach(stack, node)
                    if problems:
                        return None, problems
                    if root is None:
                        root = node
                    if kind is not yaml.ScalarEvent:
                        stack.append([node, None])
                elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                    stack.pop()
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        return None, self._problem(
                            event.start_mark, "yaml-multiple-documents",
                            "the file holds more than one YAML document ('---'); put one entry per file.")
                elif kind is yaml.AliasEvent:
                    return None, self._problem(
                        event.start_mark, "yaml-alias",
                        f"the alias '*{event.anchor}' is not allowed; write the value out in full.")
                elif kind is yaml.StreamEndEvent or event is None:
                    break
        finally:
            loader.dispose()
        if root is None:
            return None, [Problem(self.path, 1, 1, "empty-file",
                                  "the file has no content; expected a mapping of fields such as 'title:'.")]
        return root, []

    def _attach(self, stack: list[list], node: YamlNode) -> list[Problem]:
        if not stack:
            return []
        frame = stack[-1]
        parent: YamlNode = frame[0]
        if parent.kind == "sequence":
            parent.items.append(node)
            return []
        key: YamlNode | None = frame[1]
        if key is None:
            if node.kind != "scalar":
                return [Problem(self.path, node.line, node.column, "yaml-complex-key",
                                "a key must be plain text, not a list or mapping.")]
            frame[1] = node
            return []
        if key.text in parent.entries:
            first = parent.entries[key.text][0]
            return [Problem(self.path, key.line, key.column, "duplicate-key",
                            f"the key '{_shown(key.text)}' appears twice in the same mapping (first on line {first.line}); "
                            "keep one.")]
        parent.entries[key.text] = (key, node)
        frame[1] = None
        return []


_PLAIN_TYPES: dict[str, ScalarType] = {}  # plain scalars repeat across files (numbers, slugs, dates)


def _scalar_type(event: yaml.ScalarEvent) -> ScalarType:
    """What YAML's core schema makes of a scalar, as PyYAML's Resolver decides it, remembered per value."""
    if not event.implicit[0]:  # quoted, or a block scalar: always text
        return "str"
    value = event.value
    known = _PLAIN_TYPES.get(value)
    if known is None:
        known = _TAG_TYPES.get(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)), "str")
        if len(value) <= 64 and len(_PLAIN_TYPES) < 100_000:
            _PLAIN_TYPES[value] = known
    return known


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _shown(text: str, limit: int = 60) -> str:
    """A contributor's text inside a message: invisible and control characters escaped, long text cut.

    Messages end up in terminals and CI logs, where an escape sequence or a direction
    override in a key name would rewrite what the reader sees.
    """
    shown = text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
