"""Helpers shared by several rules: value access, dates, FAQ and breadcrumb walking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator
from urllib.parse import urlsplit

from ..extract import PageDocument, normalize_url, resolve_url
from ..model import Node, join_path
from ..vocabulary import Vocabulary


def string_value(value: Any) -> str | None:
    """A plain string, or the string inside a ``{"@value": ...}`` value object."""
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    return value if isinstance(value, str) else None


def url_value(value: Any) -> str | None:
    """A URL given as a string, a reference ``{"@id": ...}`` or a node with ``url``/``@id``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("@id", "url"):
            if isinstance(value.get(key), str):
                return value[key]
    return None


def property_values(value: Any, path: str) -> Iterator[tuple[Any, str]]:
    """Each non-null value of a property with its JSON path; arrays and @list/@set are flattened."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from property_values(item, f"{path}[{index}]")
    elif isinstance(value, dict) and ("@list" in value or "@set" in value):
        key = "@list" if "@list" in value else "@set"
        yield from property_values(value[key], f"{path}.{key}")
    elif value is not None:  # JSON-LD ignores null values
        yield value, path


def is_blank(value: Any) -> bool:
    text = string_value(value)
    return text is None or not text.strip()


def describe(value: Any) -> str:
    """A short description of a JSON value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        kind = value.get("@type")
        return f"a {kind} object" if isinstance(kind, str) else "an object"
    return type(value).__name__


def typed_nodes(page: PageDocument, vocab: Vocabulary, type_name: str, described_only: bool = True) -> list[Node]:
    """Nodes of a type or its subtypes, skipping bare references unless asked."""
    return [n for n in page.nodes_of_type(type_name, vocab) if not (described_only and n.is_reference)]


# -- dates -------------------------------------------------------------------
_DATE = re.compile(r"(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATETIME = re.compile(
    r"(-?\d{4,})-(\d{2})-(\d{2})([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?")
_TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?")


@dataclass(frozen=True, slots=True)
class Temporal:
    kind: str  # "date", "datetime" or "time"
    date: tuple[int, int, int] | None  # (year, month, day); None for a time or reduced precision
    moment: datetime | None  # timezone-aware instant when an offset is given
    local: tuple[int, ...] | None  # (y, m, d, h, min, s) when no offset is given
    has_offset: bool


class TemporalError(ValueError):
    pass


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check_date(year: int, month: int | None, day: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise TemporalError(f"month {month:02d} does not exist")
    if day is not None and month is not None and not 1 <= day <= _days_in_month(year, month):
        raise TemporalError(f"day {day:02d} does not exist in {year:04d}-{month:02d}")


def _check_time(hour: int, minute: int, second: int) -> None:
    if hour == 24 and minute == 0 and second == 0:
        return  # ISO 8601 end of day
    if hour > 23 or minute > 59 or second > 59:
        raise TemporalError(f"time {hour:02d}:{minute:02d}:{second:02d} does not exist")


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text in "Zz":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        raise TemporalError(f"time zone offset {text} does not exist")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_temporal(text: str, allow_time: bool = False) -> Temporal:
    """Parse an ISO 8601 date, date-time (or, if allowed, time); raise TemporalError."""
    value = text.strip()
    if value != text:
        raise TemporalError("surrounding whitespace")
    match = _DATETIME.fullmatch(value)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        if match[4] == " ":
            raise TemporalError("a space separates date and time; ISO 8601 needs 'T'")
        hour, minute, second = int(match[5]), int(match[6]), int(match[7] or 0)
        _check_date(year, month, day)
        _check_time(hour, minute, second)
        tz = _offset(match[9])
        moment = None
        if tz is not None and 1 <= year <= 9999:
            base = datetime(year, month, day, tzinfo=tz)
            moment = base + timedelta(hours=hour, minutes=minute, seconds=second)
        local = None if tz is not None else (year, month, day, hour, minute, second)
        return Temporal("datetime", (year, month, day), moment, local, tz is not None)
    match = _DATE.fullmatch(value)
    if match:
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        _check_date(year, month, day)
        full = (year, month, day) if month and day else None
        return Temporal("date", full, None, full + (0, 0, 0) if full else None, False)
    if allow_time:
        match = _TIME.fullmatch(value)
        if match:
            _check_time(int(match[1]), int(match[2]), int(match[3] or 0))
            tz = _offset(match[4])
            return Temporal("time", None, None, None, tz is not None)
    raise TemporalError("not an ISO 8601 date" + (", date-time or time" if allow_time else " or date-time"))


def is_before(first: Temporal, second: Temporal) -> bool | None:
    """True when ``first`` is strictly earlier than ``second``; None when not comparable.

    Compares instants when both carry offsets, local date-times when neither does, and
    calendar dates otherwise (a date-time without offset could be a day off elsewhere).
    """
    if first.moment is not None and second.moment is not None:
        return first.moment < second.moment
    if first.date is None or second.date is None:
        return None
    if first.kind == second.kind == "datetime" and first.local is not None and second.local is not None:
        return first.local < second.local
    return first.date < second.date


# -- FAQ -----------------------------------------------------------------------
@dataclass(slots=True)
class FaqEntry:
    """One mainEntity item of an FAQPage; ``question`` is None when it is not an object."""

    faq: Node
    value: Any
    path: str
    question: Node | None


def faq_entries(page: PageDocument, vocab: Vocabulary) -> Iterator[FaqEntry]:
    for faq in typed_nodes(page, vocab, "FAQPage"):
        for value, path in property_values(faq.data.get("mainEntity"), join_path(faq.path, "mainEntity")):
            node = page.node_for(value)
            yield FaqEntry(faq, value, node.path if node is not None and node.data is not value else path, node)


def accepted_answers(page: PageDocument, question: Node) -> list[tuple[Any, str, Node | None]]:
    """(value, path, node) of each acceptedAnswer of a question."""
    raw = question.data.get("acceptedAnswer")
    result = []
    for value, path in property_values(raw, join_path(question.path, "acceptedAnswer")):
        node = page.node_for(value)
        if node is not None and node.data is not value:
            path = node.path
        result.append((value, path, node))
    return [r for r in result if r[0] is not None]


# -- breadcrumbs -----------------------------------------------------------------
@dataclass(slots=True)
class Crumb:
    value: Any
    path: str
    node: Node | None  # the ListItem node (None when the element is not an object)

    @property
    def position(self) -> Any:
        return self.node.data.get("position") if self.node else None

    @property
    def integer_position(self) -> int | None:
        """The position as an integer; microdata and RDFa give it as text ("1")."""
        if self.node is None:
            return None
        return integer_position(self.position, typed=self.node.typed_literals)

    @property
    def item_url(self) -> str | None:
        return url_value(self.node.data.get("item")) if self.node else None

    @property
    def name(self) -> str | None:
        if self.node is None:
            return None
        name = string_value(self.node.data.get("name"))
        item = self.node.data.get("item")
        if (name is None or not name.strip()) and isinstance(item, dict):
            name = string_value(item.get("name"))
        return name


def breadcrumb_lists(page: PageDocument, vocab: Vocabulary) -> list[tuple[Node, list[Crumb]]]:
    """Each BreadcrumbList with its crumbs (memoized: six rules walk them; read-only)."""
    if "breadcrumb_lists" not in page.memo:
        trails = []
        for trail in typed_nodes(page, vocab, "BreadcrumbList"):
            crumbs = []
            for value, path in property_values(trail.data.get("itemListElement"), join_path(trail.path, "itemListElement")):
                node = page.node_for(value)
                crumbs.append(Crumb(value, node.path if node is not None and node.data is not value else path, node))
            trails.append((trail, crumbs))
        page.memo["breadcrumb_lists"] = trails
    return page.memo["breadcrumb_lists"]


def integer_position(value: Any, typed: bool = True) -> int | None:
    """An integer position; with ``typed=False`` (microdata, RDFa: every value is text) a
    string of digits counts too."""
    if not typed and isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def ordered_crumbs(crumbs: list[Crumb]) -> list[Crumb]:
    """Crumbs in position order (unusable positions last, in document order)."""
    return sorted(crumbs, key=lambda c: (c.integer_position is None, c.integer_position or 0))


# -- URLs the page claims as its own ----------------------------------------------
def url_variant(url: str, expected: str) -> str | None:
    """How two URLs differ, as a reader would say it: None when they are the same address
    (see ``normalize_url``), "different scheme", "only a trailing slash" or "with and without
    www." when they differ only so, else "different"."""
    first, second = normalize_url(url), normalize_url(expected)
    if first == second:
        return None
    try:
        a, b = urlsplit(first), urlsplit(second)
    except ValueError:
        return "different"
    if (a.netloc, a.path, a.query) == (b.netloc, b.path, b.query) and {a.scheme, b.scheme} == {"http", "https"}:
        return "different scheme"
    if a.scheme == b.scheme and a.netloc == b.netloc and a.query == b.query and a.path.rstrip("/") == b.path.rstrip("/"):
        return "only a trailing slash"
    bare_a, bare_b = a.netloc.removeprefix("www."), b.netloc.removeprefix("www.")
    if bare_a == bare_b and a.netloc != b.netloc and (a.scheme, a.path, a.query) == (b.scheme, b.path, b.query):
        return "with and without www."
    return "different"


@dataclass(frozen=True, slots=True)
class PageUrlClaim:
    """A URL the markup gives as the page's own (compared with the canonical link)."""

    what: str  # e.g. "url", "mainEntityOfPage", "last breadcrumb item"
    value: str  # as written
    resolved: str  # absolute
    node: Node
    json_path: str


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "/", "#"))


def canonical_claims(page: PageDocument, vocab: Vocabulary) -> list[PageUrlClaim]:
    """`url`/`@id` of top-level WebPage nodes and `mainEntityOfPage` of any top-level node
    (memoized: two rules compare them; read-only)."""
    if "canonical_claims" not in page.memo:
        page.memo["canonical_claims"] = _canonical_claims(page, vocab)
    return page.memo["canonical_claims"]


def _canonical_claims(page: PageDocument, vocab: Vocabulary) -> list[PageUrlClaim]:
    canonical = page.canonical
    if not canonical:
        return []
    base = page.base_url or canonical
    claims = []
    for node in page.nodes:
        if not node.top_level or not node.schema_vocab:
            continue
        if any(vocab.is_subtype(t, "WebPage") for t in node.types):
            for key in ("url", "@id"):
                value = node.data.get(key)
                if isinstance(value, str) and _is_url(value):
                    claims.append(PageUrlClaim(key, value, resolve_url(base, value), node, join_path(node.path, key)))
        main = url_value(node.data.get("mainEntityOfPage"))
        if main and _is_url(main):
            claims.append(PageUrlClaim("mainEntityOfPage", main, resolve_url(base, main), node,
                                       join_path(node.path, "mainEntityOfPage")))
    return claims


def last_crumb_claims(page: PageDocument, vocab: Vocabulary) -> list[PageUrlClaim]:
    """The `item` of the last crumb of each breadcrumb trail that has at least two
    (memoized: two rules compare them; read-only)."""
    if "last_crumb_claims" not in page.memo:
        page.memo["last_crumb_claims"] = _last_crumb_claims(page, vocab)
    return page.memo["last_crumb_claims"]


def _last_crumb_claims(page: PageDocument, vocab: Vocabulary) -> list[PageUrlClaim]:
    page_url = page.canonical or page.page_url
    if not page_url:
        return []
    claims = []
    for trail, crumbs in breadcrumb_lists(page, vocab):
        crumbs = [c for c in crumbs if c.node is not None]
        if len(crumbs) < 2:
            continue
        last = ordered_crumbs(crumbs)[-1]
        url = last.item_url
        if url:
            claims.append(PageUrlClaim("last breadcrumb item", url, resolve_url(page.base_url or page_url, url),
                                       last.node or trail, join_path(last.path, "item")))
    return claims
