"""Field types of the content format.

One declaration serves three readers: the loader (``convert``), the JSON Schema that
editors use (``json_schema``) and the format reference. Keeping them in one place is
what stops the published schema from drifting from what the loader accepts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import urlsplit

from termsite.problems import Problem, Severity
from termsite.content.yamlsource import YamlNode

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
_DATETIME_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$"
)
_DATETIME_NO_OFFSET_RE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")
# Characters that reorder or hide text: harmless in a URL slug's absence, misleading in a title.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What an HTML parser reads as the start of a tag, an end tag or a comment. Plain text is
# escaped wherever termsite writes it, but the theme does not keep it escaped: with
# mkdocs-material's content.tooltips, a link's title attribute (a term's summary) and an
# overflowing page title are inserted into the page as HTML. So plain text must not look
# like markup at all; '<' followed by a space or a digit ('a < b', '<5%') stays allowed.
_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
# Author keys, as authors.yml allows them (MapOf's default key pattern).
KEY_PATTERN = r"^[a-z0-9]+([-_][a-z0-9]+)*$"

# What a site's schema may list as allowed values: "area" -> its area slugs, "author" -> author keys.
# Editors then complete these values and flag a typo as you type.
Known = Mapping[str, Sequence[str]]

MAX_TEXT_LENGTH = 300
MAX_MARKDOWN_LENGTH = 100_000
MAX_LIST_ITEMS = 1_000


class Collector:
    """Collects problems for one file; ``field`` paths read like ``faq[2].answer``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, node: YamlNode, field_path: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, code, message, field_path))

    def warning(self, node: YamlNode, field_path: str, code: str, message: str) -> None:
        self.problems.append(
            Problem(self.path, node.line, node.column, code, message, field_path, Severity.WARNING))


class Invalid(Exception):
    """A value could not be converted; the problem was already collected."""


@dataclass(frozen=True)
class FieldType:
    description: str = ""

    def convert(self, node: YamlNode, where: str, out: Collector) -> Any:
        raise NotImplementedError

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        raise NotImplementedError

    def _schema(self, **extra: Any) -> dict[str, Any]:
        schema = dict(extra)
        if self.description:
            schema["description"] = self.description
        return schema


def _expect_scalar(node: YamlNode, where: str, out: Collector, expected: str) -> None:
    if node.kind != "scalar" or node.scalar_type == "null":
        out.error(node, where, "wrong-type", f"expected {expected}, found {node.describe()}.")
        raise Invalid


@dataclass(frozen=True)
class Text(FieldType):
    """Plain text on one line: titles, summaries, questions."""

    max_length: int = MAX_TEXT_LENGTH

    def convert(self, node: YamlNode, where: str, out: Collector) -> str:
        _expect_scalar(node, where, out, "text")
        if node.scalar_type != "str":
            out.error(node, where, "wrong-type",
                      f"expected text, found {node.describe()} ({node.text}); put it in quotes if it is meant as text.")
            raise Invalid
        value = " ".join(node.text.split())
        if not value:
            out.error(node, where, "empty-value", "expected text, found an empty string.")
            raise Invalid
        if len(value) > self.max_length:
            out.error(node, where, "too-long", f"is {len(value)} characters long; at most {self.max_length} allowed.")
            raise Invalid
        if _CONTROL_CHARS.search(value) or _BIDI_CONTROLS.search(value):
            out.error(node, where, "control-character",
                      "contains an invisible control or text-direction character; remove it.")
            raise Invalid
        tag = _TAG_LIKE.search(value)
        if tag:
            out.error(node, where, "markup-in-text",
                      f"contains '{_printable(value[tag.start():tag.start() + 12])}', which browsers read as HTML; "
                      "plain-text fields cannot hold markup, so write it without '<' or put a space after it.")
            raise Invalid
        return value

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        # the loader collapses whitespace, so text must hold something besides spaces
        return self._schema(type="string", minLength=1, maxLength=self.max_length, pattern=r"\S")


@dataclass(frozen=True)
class Markdown(FieldType):
    """Markdown text: bodies, intros, answers."""

    def convert(self, node: YamlNode, where: str, out: Collector) -> str:
        _expect_scalar(node, where, out, "Markdown text")
        if node.scalar_type != "str":
            out.error(node, where, "wrong-type",
                      f"expected Markdown text, found {node.describe()} ({node.text}); put it in quotes.")
            raise Invalid
        if len(node.text) > MAX_MARKDOWN_LENGTH:
            out.error(node, where, "too-long",
                      f"is {len(node.text):,} characters long; at most {MAX_MARKDOWN_LENGTH:,} allowed.")
            raise Invalid
        if _CONTROL_CHARS.search(node.text) or _BIDI_CONTROLS.search(node.text):
            out.error(node, where, "control-character",
                      "contains an invisible control or text-direction character; remove it.")
            raise Invalid
        return node.text.strip()

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        return self._schema(type="string", maxLength=MAX_MARKDOWN_LENGTH)


@dataclass(frozen=True)
class Slug(FieldType):
    """A reference to another entry by its slug; resolved by the loader once all files are read."""

    target: str = "term"

    def convert(self, node: YamlNode, where: str, out: Collector) -> str:
        _expect_scalar(node, where, out, f"a {self.target} slug")
        value = node.text
        if not SLUG_RE.match(value):
            out.error(node, where, "bad-slug",
                      f"'{_printable(value)}' is not a valid {self.target} slug; slugs use lowercase letters, "
                      "digits and single hyphens, like 'mark-price'.")
            raise Invalid
        return value

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        schema = self._schema(type="string", pattern=SLUG_PATTERN)
        if known and known.get(self.target):
            schema["enum"] = sorted(known[self.target])
        return schema


@dataclass(frozen=True)
class Key(FieldType):
    """A key of content/authors.yml."""

    target: str = "author"

    def convert(self, node: YamlNode, where: str, out: Collector) -> str:
        _expect_scalar(node, where, out, "an author key")
        if not re.match(KEY_PATTERN, node.text):
            # checked here too, so that a message about an unknown author never echoes control characters
            out.error(node, where, "bad-slug",
                      f"'{_printable(node.text)}' is not a valid {self.target} key; keys use lowercase letters, digits, "
                      "hyphens and underscores, like 'alex-moreau'.")
            raise Invalid
        return node.text

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        schema = self._schema(type="string", minLength=1)
        if known and known.get(self.target):
            schema["enum"] = sorted(known[self.target])
        return schema


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int = 1
    maximum: int = 100_000

    def convert(self, node: YamlNode, where: str, out: Collector) -> int:
        _expect_scalar(node, where, out, "a whole number")
        if node.scalar_type != "int" or not re.fullmatch(r"[+-]?\d+", node.text):
            out.error(node, where, "wrong-type", f"expected a whole number, found '{_printable(node.text)}'.")
            raise Invalid
        if len(node.text.lstrip("+-").lstrip("0")) > 18:  # int() refuses more than 4,300 digits; no size needs 19
            out.error(node, where, "out-of-range",
                      f"'{_printable(node.text)}' is out of range; expected {self.minimum} to {self.maximum}.")
            raise Invalid
        value = int(node.text)
        if not self.minimum <= value <= self.maximum:
            out.error(node, where, "out-of-range", f"{value} is out of range; expected {self.minimum} to {self.maximum}.")
            raise Invalid
        return value

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        return self._schema(type="integer", minimum=self.minimum, maximum=self.maximum)


@dataclass(frozen=True)
class DateTime(FieldType):
    """An ISO 8601 date-time with a UTC offset, such as 2026-03-01T09:00:00+00:00."""

    def convert(self, node: YamlNode, where: str, out: Collector) -> datetime:
        _expect_scalar(node, where, out, "a date-time such as 2026-03-01T09:00:00+00:00")
        text = node.text.strip()
        if _DATETIME_NO_OFFSET_RE.match(text):
            out.error(node, where, "bad-date",
                      f"'{text}' has no UTC offset; write it like 2026-03-01T09:00:00+00:00.")
            raise Invalid
        if not _DATETIME_RE.match(text):
            out.error(node, where, "bad-date",
                      f"'{_printable(text)}' is not an ISO 8601 date-time; write it like 2026-03-01T09:00:00+00:00.")
            raise Invalid
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            out.error(node, where, "bad-date", f"'{text}' is not a real calendar date and time.")
            raise Invalid from None

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        return self._schema(type="string", format="date-time",
                            pattern=r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")


@dataclass(frozen=True)
class Url(FieldType):
    """An http(s) URL, or (where allowed) a path relative to the site root such as images/x.svg."""

    allow_site_path: bool = False

    def convert(self, node: YamlNode, where: str, out: Collector) -> str:
        _expect_scalar(node, where, out, "a URL")
        value = node.text.strip()
        try:
            parts = urlsplit(value)
        except ValueError:  # e.g. an unclosed '[' in the host, which urlsplit takes for an IPv6 address
            out.error(node, where, "bad-url", f"'{_printable(value)}' is not a well-formed URL; check its host name.")
            raise Invalid from None
        if parts.scheme in ("http", "https") and parts.netloc:
            if any(c.isspace() for c in value) or "\\" in value or '"' in value or "<" in value or ">" in value \
                    or _CONTROL_CHARS.search(value) or _BIDI_CONTROLS.search(value):
                out.error(node, where, "bad-url", f"'{_printable(value)}' contains spaces or characters not allowed in a URL.")
                raise Invalid
            return value
        if parts.scheme in ("http", "https"):
            out.error(node, where, "bad-url", f"'{_printable(value)}' has no host name; write it like https://example.org/page.")
            raise Invalid
        if parts.scheme or parts.netloc:
            out.error(node, where, "bad-url",
                      f"'{_printable(value)}' uses the '{parts.scheme or '//'}' scheme; only http and https URLs are allowed.")
            raise Invalid
        if self.allow_site_path and _is_safe_site_path(value):
            return value
        expected = "an http(s) URL or a path inside the site such as images/chart.svg" if self.allow_site_path \
            else "an absolute http(s) URL"
        out.error(node, where, "bad-url", f"'{_printable(value)}' is not {expected}.")
        raise Invalid

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        if self.allow_site_path:
            return self._schema(type="string", pattern=r"^(https?://[^\s\\\"<>]+|[A-Za-z0-9_][A-Za-z0-9_./-]*)$")
        return self._schema(type="string", pattern=r"^https?://[^\s\\\"<>]+$")


def _is_safe_site_path(value: str) -> bool:
    if not value or value.startswith("/") or "\\" in value or ":" in value:
        return False
    segments = value.split("/")
    return all(s and s not in (".", "..") and re.match(r"^[A-Za-z0-9_.-]+$", s) for s in segments)


@dataclass(frozen=True)
class Choice(FieldType):
    values: tuple[str, ...] = ()

    def convert(self, node: YamlNode, where: str, out: Collector) -> str:
        _expect_scalar(node, where, out, "one of " + ", ".join(self.values))
        if node.text not in self.values:
            out.error(node, where, "bad-value",
                      f"'{_printable(node.text)}' is not allowed; expected one of: {', '.join(self.values)}.")
            raise Invalid
        return node.text

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        return self._schema(type="string", enum=list(self.values))


@dataclass(frozen=True)
class Boolean(FieldType):
    """true or false (YAML's yes/no spellings are read by the parser as the same)."""

    def convert(self, node: YamlNode, where: str, out: Collector) -> bool:
        _expect_scalar(node, where, out, "true or false")
        if node.scalar_type != "bool":
            out.error(node, where, "wrong-type", f"expected true or false, found {node.describe()} "
                                                 f"('{_printable(node.text)}').")
            raise Invalid
        return node.text.lower() in ("true", "yes", "on", "y")

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        return self._schema(type="boolean")


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType = field(default_factory=Text)
    min_items: int = 0
    max_items: int = MAX_LIST_ITEMS
    unique: bool = False

    def convert(self, node: YamlNode, where: str, out: Collector) -> list[Any]:
        if node.kind == "scalar" and node.scalar_type == "null":
            node_items: list[YamlNode] = []
        elif node.kind != "sequence":
            out.error(node, where, "wrong-type", f"expected a list, found {node.describe()}.")
            raise Invalid
        else:
            node_items = node.items
        if len(node_items) < self.min_items:
            out.error(node, where, "missing-value", f"expected at least {self.min_items} item(s), found none.")
            raise Invalid
        if len(node_items) > self.max_items:
            out.error(node, where, "too-long",
                      f"has {len(node_items):,} items; at most {self.max_items:,} are allowed.")
            raise Invalid
        values: list[Any] = []
        seen: dict[Any, int] = {}
        failed = False
        for index, item_node in enumerate(node_items):
            item_where = f"{where}[{index + 1}]"
            try:
                value = self.item.convert(item_node, item_where, out)
            except Invalid:
                failed = True
                continue
            if self.unique and isinstance(value, str):
                key = value.casefold()
                if key in seen:
                    out.error(item_node, item_where, "duplicate-value",
                              f"'{value}' is listed twice (also item {seen[key]}).")
                    failed = True
                    continue
                seen[key] = index + 1
            values.append(value)
        if failed:
            raise Invalid
        return values

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        schema = self._schema(type="array", items=self.item.json_schema(known), maxItems=self.max_items)
        if self.min_items:
            schema["minItems"] = self.min_items
        else:  # the loader reads a key with nothing after it ('aliases:') as an empty list
            schema["type"] = ["array", "null"]
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Spec:
    """One field of a record: its name, type, whether it is required, and its documentation."""

    name: str
    type: FieldType
    required: bool = False


@dataclass(frozen=True)
class Record(FieldType):
    """A mapping with known keys; unknown keys are errors with a did-you-mean."""

    fields: tuple[Spec, ...] = ()
    exactly_one_of: tuple[str, ...] = ()
    build: Callable[[dict[str, Any]], Any] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)

    def convert(self, node: YamlNode, where: str, out: Collector) -> Any:
        values = self.convert_mapping(node, where, out)
        return self.build(values) if self.build else values

    def convert_mapping(self, node: YamlNode, where: str, out: Collector) -> dict[str, Any]:
        if node.kind != "mapping":
            what = "the file" if not where else where
            out.error(node, where, "wrong-type",
                      f"expected {what} to be a mapping of fields ({', '.join(self.names[:4])}, ...), "
                      f"found {node.describe()}.")
            raise Invalid
        prefix = f"{where}." if where else ""
        known = {spec.name: spec for spec in self.fields}
        values: dict[str, Any] = {}
        failed = False
        for key, (key_node, value_node) in node.entries.items():
            spec = known.get(key)
            if spec is None:
                out.error(key_node, prefix + key, "unknown-key",
                          f"'{_printable(key)}' is not a known field{_did_you_mean(key, self.names)}; "
                          f"expected one of: {', '.join(self.names)}.")
                failed = True
                continue
            try:
                values[key] = spec.type.convert(value_node, prefix + key, out)
            except Invalid:
                failed = True
        for spec in self.fields:
            if spec.required and spec.name not in node.entries:
                out.error(node, prefix + spec.name, "missing-field", f"the required field '{spec.name}' is missing.")
                failed = True
        if self.exactly_one_of:
            present = [name for name in self.exactly_one_of if name in node.entries]
            if len(present) != 1:
                names = " or ".join(f"'{name}'" for name in self.exactly_one_of)
                found = "both" if present else "neither"
                out.error(node, where, "missing-field", f"expected exactly one of {names}, found {found}.")
                failed = True
        if failed:
            raise Invalid
        return values

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        schema = self._schema(
            type="object",
            properties={spec.name: spec.type.json_schema(known) for spec in self.fields},
            additionalProperties=False,
        )
        required = [spec.name for spec in self.fields if spec.required]
        if required:
            schema["required"] = required
        if self.exactly_one_of:
            schema["oneOf"] = [{"required": [name]} for name in self.exactly_one_of]
        return schema


@dataclass(frozen=True)
class MapOf(FieldType):
    """A mapping from free keys (checked by ``key``) to values of one type, such as authors.yml."""

    value: FieldType = field(default_factory=Text)
    key_pattern: str = KEY_PATTERN

    def convert(self, node: YamlNode, where: str, out: Collector) -> dict[str, Any]:
        if node.kind != "mapping":
            out.error(node, where, "wrong-type", f"expected a mapping of keys to entries, found {node.describe()}.")
            raise Invalid
        values: dict[str, Any] = {}
        failed = False
        for key, (key_node, value_node) in node.entries.items():
            if not re.match(self.key_pattern, key):
                out.error(key_node, key, "bad-slug",
                          f"'{_printable(key)}' is not a valid key; use lowercase letters, digits and hyphens.")
                failed = True
                continue
            try:
                values[key] = self.value.convert(value_node, key, out)
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        return values

    def json_schema(self, known: Known | None = None) -> dict[str, Any]:
        return self._schema(type="object", propertyNames={"pattern": self.key_pattern},
                            additionalProperties=self.value.json_schema(known))


def did_you_mean(word: str, candidates: Mapping[str, Any] | tuple[str, ...] | list[str]) -> str:
    """' (did you mean 'x'?)' or '' when nothing is close."""
    return _did_you_mean(word, list(candidates))


def _did_you_mean(word: str, candidates: Any) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _printable(value: str, limit: int = 60) -> str:
    """Show a contributor's value safely: control characters visible, long values cut."""
    shown = value.encode("unicode_escape").decode("ascii") if _CONTROL_CHARS.search(value) or \
        _BIDI_CONTROLS.search(value) else value
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
