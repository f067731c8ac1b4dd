"""Writes content files in termsite's YAML style, driven by the field specs of :mod:`termsite.content.model`.

The specs that the loader reads with are the ones this writer writes with, so a written
file has its keys in the canonical order (what ``termsite lint`` expects) and every value
in the form its field accepts: Markdown as literal blocks (``|``), slugs and short names
as flow lists, dates plain, and any text that YAML would read as something else (a
number, a date, ``yes``, a comment) quoted. Every document is parsed back before it is
returned; a value that would not come back unchanged is a bug here, not a content error.
"""

from __future__ import annotations

import json
import re
from typing import Any, Mapping, Sequence

import yaml

from termsite.content.fields import (
    Choice,
    DateTime,
    FieldType,
    Integer,
    Key,
    ListOf,
    MapOf,
    Markdown,
    Record,
    Slug,
    Text,
    Url,
)

INDENT = "  "
# Characters YAML 1.1 reads as line breaks, or that a reader cannot see; never left in a plain or block scalar.
_YAML_BREAKS = re.compile("[\x85\u2028\u2029\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_PLAIN_FIRST_FORBIDDEN = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_FORBIDDEN = set(",[]{}:?#")  # PyYAML reads '?' and ':' inside flow lists as structure
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_LEADING_TABS = re.compile(r"^([ \t]*)", re.MULTILINE)


class YamlWriteError(ValueError):
    """A value cannot be written for its field; the message names the field."""


def dump_record(values: Mapping[str, Any], record: Record, *, comments: Sequence[str] = ()) -> str:
    """One content file (a term or an area): comment lines, then the fields in canonical order."""
    lines = [f"# {comment}" for comment in comments]
    lines += _mapping_lines(values, record, 0, "")
    text = "\n".join(lines) + "\n"
    _check_round_trip(text, values, record)
    return text


def dump_map(values: Mapping[str, Mapping[str, Any]], map_type: MapOf) -> str:
    """Entries of a keyed file such as authors.yml, without a trailing comment; appendable to an existing file."""
    if not isinstance(map_type.value, Record):
        raise TypeError("dump_map writes maps of records")
    lines: list[str] = []
    for key, entry in values.items():
        if not re.match(map_type.key_pattern, key):
            raise YamlWriteError(f"'{key}' is not a valid key")
        lines.append(f"{key}:")
        lines += _mapping_lines(entry, map_type.value, 1, key)
    text = "\n".join(lines) + "\n" if lines else ""
    if text:
        loaded = yaml.load(text, Loader=yaml.BaseLoader)
        for key, entry in values.items():
            _compare(loaded.get(key), entry, map_type.value, key)
    return text


def _mapping_lines(values: Mapping[str, Any], record: Record, level: int, where: str) -> list[str]:
    specs = {spec.name: spec for spec in record.fields}
    unknown = [key for key in values if key not in specs]
    if unknown:
        raise YamlWriteError(f"{where or 'entry'}: unknown field(s) {', '.join(unknown)}")
    lines: list[str] = []
    for spec in record.fields:
        if spec.name not in values or _is_empty(values[spec.name]):
            continue
        lines += _field_lines(spec.name, values[spec.name], spec.type, level, _join(where, spec.name))
    return lines


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _field_lines(name: str, value: Any, kind: FieldType, level: int, where: str) -> list[str]:
    pad = INDENT * level
    if isinstance(kind, Markdown):
        return _markdown_lines(f"{pad}{name}:", str(value), level)
    if isinstance(kind, Record):
        return [f"{pad}{name}:"] + _mapping_lines(value, kind, level + 1, where)
    if isinstance(kind, ListOf):
        if isinstance(kind.item, Record):
            lines = [f"{pad}{name}:"]
            for index, item in enumerate(value, start=1):
                item_lines = _mapping_lines(item, kind.item, level + 2, f"{where}[{index}]")
                if not item_lines:
                    raise YamlWriteError(f"{where}[{index}] is empty")
                # the first key goes on the dash line: '  - aspect: X', the rest stay aligned under it
                first = item_lines[0]
                lines.append(f"{pad}{INDENT}- {first[len(INDENT) * (level + 2):]}")
                lines += item_lines[1:]
            return lines
        items = [_scalar(str(item), flow=True, where=f"{where}[{i}]") for i, item in enumerate(value, start=1)]
        return [f"{pad}{name}: [{', '.join(items)}]"]
    return [f"{pad}{name}: {_scalar_for(value, kind, where)}"]


def _scalar_for(value: Any, kind: FieldType, where: str) -> str:
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise YamlWriteError(f"{where}: expected a whole number, got {value!r}")
        return str(value)
    if isinstance(kind, DateTime):
        text = str(value)
        # Dates stay plain, as contributors write them; the field reads the text either way.
        return text if _is_plain_safe(text, flow=False, allow_non_str=True) else _quoted(text)
    if isinstance(kind, (Text, Slug, Key, Url, Choice)):
        return _scalar(str(value), flow=False, where=where)
    raise YamlWriteError(f"{where}: cannot write a field of type {type(kind).__name__}")


def _scalar(text: str, *, flow: bool, where: str) -> str:
    if "\n" in text or "\r" in text:
        raise YamlWriteError(f"{where}: a one-line field holds a line break")
    return text if _is_plain_safe(text, flow=flow) else _quoted(text)


def _is_plain_safe(text: str, *, flow: bool, allow_non_str: bool = False) -> bool:
    if not text or text != text.strip() or _CONTROL.search(text) or _YAML_BREAKS.search(text) or "\t" in text:
        return False
    if text[0] in _PLAIN_FIRST_FORBIDDEN or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and _FLOW_FORBIDDEN.intersection(text):
        return False
    if allow_non_str:
        return True
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def _quoted(text: str) -> str:
    if _CONTROL.search(text) or _YAML_BREAKS.search(text) or "\t" in text:
        # JSON string escapes are valid in YAML double-quoted scalars.
        return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") \
            .replace("\x85", "\\x85").replace("\ufeff", "\\ufeff")
    return "'" + text.replace("'", "''") + "'"


def clean_markdown(text: str) -> str:
    """Markdown in the form a literal block keeps exactly: Unix newlines, no leading tabs, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LEADING_TABS.sub(lambda m: m.group(1).expandtabs(4), text)
    # Trailing spaces stay: two of them are a Markdown line break. Blank lines become empty.
    lines = [line if line.strip() else "" for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _markdown_lines(head: str, text: str, level: int) -> list[str]:
    text = clean_markdown(text)
    if _CONTROL.search(text) or _YAML_BREAKS.search(text):
        return [f"{head} {_quoted(text)}"]  # still loads; the loader will name the character
    pad = INDENT * (level + 1)
    # An indentation indicator when the first line starts with a space; YAML would guess wrong otherwise.
    indicator = "|2" if text[:1] == " " else "|"
    body = [pad + line if line else "" for line in text.split("\n")]
    return [f"{head} {indicator}"] + body


def _check_round_trip(text: str, values: Mapping[str, Any], record: Record) -> None:
    loaded = yaml.load(text, Loader=yaml.BaseLoader)
    _compare(loaded, values, record, "")


def _compare(loaded: Any, expected: Any, kind: FieldType, where: str) -> None:
    """BaseLoader keeps every scalar as text, so text comparison is exact."""
    if isinstance(kind, Record):
        for spec in kind.fields:
            if spec.name in expected and not _is_empty(expected[spec.name]):
                _compare((loaded or {}).get(spec.name), expected[spec.name], spec.type, _join(where, spec.name))
        return
    if isinstance(kind, ListOf):
        if not isinstance(loaded, list) or len(loaded) != len(expected):
            raise YamlWriteError(f"{where}: the list did not read back as written")
        for index, (got, want) in enumerate(zip(loaded, expected), start=1):
            _compare(got, want, kind.item, f"{where}[{index}]")
        return
    want = clean_markdown(str(expected)) if isinstance(kind, Markdown) else str(expected)
    got = loaded.strip("\n") if isinstance(kind, Markdown) and isinstance(loaded, str) else loaded
    if got != want:
        raise YamlWriteError(f"{where}: {want!r} would read back as {got!r}")
