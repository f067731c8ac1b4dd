"""Turn one HTML file into a PageDocument: JSON-LD blocks (found and parsed strictly by us),
the nodes inside them, and - on demand - canonical URL, links, visible text, Open Graph,
hreflang alternates and the microdata and RDFa items (see markup.py).

The JSON-LD finder is a small tokenizer over the raw text rather than a DOM query so that
each block keeps its exact line and column, and so that a broken block can be reported
without touching its neighbours (extruct's ``errors='log'`` drops all blocks of a page
when one is bad, and its parser repairs trailing commas, comments and duplicate keys).
"""

from __future__ import annotations

import codecs
import functools
import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator
from urllib.parse import quote, unquote, urljoin, urlparse, urlsplit, urlunparse, urlunsplit

import lxml.html
from lxml import etree

from .model import BlockError, JsonLdBlock, Location, Node
from .strictjson import StrictJsonError, parse_strict
from .vocabulary import local_name

# Limits that bound the work done on one page (documented in docs/rules.md, rule limit-exceeded).
MAX_PAGE_BYTES = 50 * 1024 * 1024
MAX_BLOCKS_PER_PAGE = 1000
MAX_NODES_PER_PAGE = 100_000

SCHEMA_CONTEXTS = frozenset({
    "https://schema.org", "http://schema.org",
    # schema.org's own context document, which some generators reference directly
    "https://schema.org/docs/jsonldcontext.json", "https://schema.org/docs/jsonldcontext.jsonld",
    "http://schema.org/docs/jsonldcontext.json", "http://schema.org/docs/jsonldcontext.jsonld",
})

_RAW_TEXT_OR_COMMENT = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title|xmp|noscript|iframe|noembed|noframes)\b([^>]*)>",
    re.IGNORECASE | re.DOTALL,
)
_HEAD_END_SPELLINGS = ("</head", "<body", "</HEAD", "<BODY", "</Head", "<Body")
_TYPE_ATTRIBUTE = re.compile(r"""(?:^|[\s"'/])type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_CLOSING_TAGS: dict[str, re.Pattern[str]] = {}
_SUPPRESS_COMMENT = re.compile(r"<!--\s*termsite-check\s*:\s*ignore\b(.*?)-->", re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters lxml keeps when parsing but refuses in a tree's text; HTML treats them as
# parse errors anyway, so they become spaces.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TAG = re.compile(r"<[^>]*>")
# Characters that take no room on screen besides whitespace: soft hyphen, zero-width ones.
_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DROP_ZERO_WIDTH = str.maketrans("", "", _ZERO_WIDTH)


class PageReadError(Exception):
    """The file could not be read at all (I/O error): the run exits with status 2."""


class NotHtmlError(Exception):
    """The file is binary or not decodable as text."""


def read_page_bytes(path: str) -> tuple[bytes, bool]:
    """Read at most MAX_PAGE_BYTES; the flag tells whether the file was longer."""
    try:
        with open(path, "rb") as handle:
            # Asked for MAX_PAGE_BYTES at once, read() first allocates that much: a page's
            # own size (plus one byte, to see a file that grew) costs a tenth of the time.
            expected = os.fstat(handle.fileno()).st_size
            data = handle.read(min(expected, MAX_PAGE_BYTES) + 1)
            if expected < len(data) <= MAX_PAGE_BYTES:  # longer than its size said (growing, or special)
                data += handle.read(MAX_PAGE_BYTES + 1 - len(data))
    except OSError as exc:
        raise PageReadError(exc.strerror or str(exc)) from None
    return data[:MAX_PAGE_BYTES], len(data) > MAX_PAGE_BYTES


# Python decodes these, browsers do not (they are not in the WHATWG Encoding Standard):
# a page labelled utf-7 would show the checker '<script>' where a browser shows '+ADw-script+AD4-'.
_NOT_WEB_ENCODINGS = frozenset({"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna"})


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, then <meta charset>, then UTF-8 (bad bytes replaced)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    head = data[:8192]
    if b"\x00" in head:
        raise NotHtmlError("binary file (contains NUL bytes), not HTML")
    encoding = "utf-8"
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidate = match.group(1).decode("ascii", "replace").lower()
        try:
            encoding = codecs.lookup(candidate).name
        except LookupError:
            pass
        if encoding in _NOT_WEB_ENCODINGS:
            encoding = "utf-8"
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:  # a codec that is not a text encoding (base64, rot13, zlib): browsers ignore the label
        encoding = "utf-8"
        text = data.decode(encoding, errors="replace")
    sample = text[:8192]
    if sample and sample.count("\ufffd") > len(sample) // 10:
        raise NotHtmlError(f"not decodable as {encoding} text (binary or wrong encoding)")
    return text


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _closing_tag(name: str) -> re.Pattern[str]:
    pattern = _CLOSING_TAGS.get(name)
    if pattern is None:
        pattern = _CLOSING_TAGS[name] = re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE)
    return pattern


def find_jsonld_scripts(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (tag_start, content_start, content_end) of each JSON-LD script, in order."""
    yield from scan_document(text)[0]


def scan_document(text: str) -> tuple[list[tuple[int, int, int]], int]:
    """(tag_start, content_start, content_end) of each JSON-LD script, in order, and the offset
    where the head's elements end (the first ``</head`` or ``<body`` outside comments and
    raw-text elements; the text's length when there is none).

    Follows the HTML tokenizer closely enough for real pages: comments are skipped, and
    the content of raw-text elements (script, style, textarea, ...) is not searched for tags.
    """
    spans: list[tuple[int, int, int]] = []
    skipped: list[tuple[int, int]] = []  # comments and raw-text elements, where tags are text
    pos = 0
    while True:
        match = _RAW_TEXT_OR_COMMENT.search(text, pos)
        if match is None:
            break
        name = match.group(1)
        if name is None:  # a comment
            skipped.append((match.start(), match.end()))
            pos = match.end()
            continue
        name = name.lower()
        end_match = _closing_tag(name).search(text, match.end())
        content_end = end_match.start() if end_match else len(text)
        if name == "script" and _is_jsonld_type(match.group(2)):
            spans.append((match.start(), match.end(), content_end))
        pos = end_match.end() if end_match else len(text)
        skipped.append((match.start(), pos))
    return spans, _head_end(text, skipped)


def _head_end(text: str, skipped: list[tuple[int, int]]) -> int:
    """The first ``</head`` or ``<body`` that is not inside a comment or a raw-text element
    (literal searches: a case-insensitive regex over the page costs more than the rest)."""
    best = len(text)
    for spelling in _HEAD_END_SPELLINGS:
        start = 0
        while True:
            found = text.find(spelling, start, best)
            if found < 0:
                break
            inside = next((end for begin, end in skipped if begin <= found < end), None)
            if inside is None:
                best = found
                break
            start = inside
    return best


def _is_jsonld_type(attributes: str) -> bool:
    match = _TYPE_ATTRIBUTE.search(attributes)
    if not match:
        return False
    value = next(group for group in match.groups() if group is not None)
    return value.split(";")[0].strip().lower() == "application/ld+json"


def classify_context(context: Any) -> str:
    """"schema" for schema.org contexts, "missing" for none, "foreign" for anything else."""
    if context is None:
        return "missing"
    if isinstance(context, str):
        return "schema" if context.rstrip("/") in SCHEMA_CONTEXTS else "foreign"
    if isinstance(context, dict):
        vocab = context.get("@vocab")
        return "schema" if isinstance(vocab, str) and vocab.rstrip("/") in SCHEMA_CONTEXTS else "foreign"
    if isinstance(context, list) and context:
        kinds = [classify_context(item) if not isinstance(item, dict) or "@vocab" in item else "terms" for item in context]
        return "schema" if "schema" in kinds and set(kinds) <= {"schema", "terms"} else "foreign"
    return "foreign"


def normalize_text(value: str) -> str:
    """Text as compared between markup and page: entities decoded, NFC, no whitespace."""
    return normalize_visible(html.unescape(value))


def normalize_visible(text: str) -> str:
    """Visible text as compared with markup text: NFC, no whitespace and no zero-width
    characters (entities are already decoded by the HTML parser)."""
    text = "".join(unicodedata.normalize("NFC", text).split())  # str.split() splits on any Unicode space
    if any(c in text for c in _ZERO_WIDTH):
        text = text.translate(_DROP_ZERO_WIDTH)
    return text


def url_host(url: str) -> str | None:
    """The URL's lower-case host[:port], or None for a malformed URL."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return None


def resolve_url(base: str, url: str) -> str:
    """``urljoin`` with a cache (the same few bases and URLs recur on every page); a
    malformed URL is returned as it is rather than raising."""
    if url.startswith(("https://", "http://")):
        # An absolute URL depends on the base only through the base's scheme: urljoin returns
        # it as written against another scheme, and reassembled from its parts against the
        # same one. Cached by the URL alone, a site's own URLs are resolved once per run
        # instead of once per page that mentions them.
        if _url_scheme(base) != ("https" if url[4] == "s" else "http"):
            return url
        reassembled = _reassembled(url)
        if reassembled is not None:
            return reassembled
    elif _PLAIN_PATH_REFERENCE.fullmatch(url):
        base_parts = _plain_base(base)
        if base_parts is not None:
            return _join_plain_path(*base_parts, url)
    return _joined(base, url)


# A relative reference that is only a path (no scheme, host, parameters, query or fragment),
# and a base of scheme, host and path: the links between the pages of a site. urljoin's
# answer for them is its path-merging step alone (_join_plain_path), without parsing both
# URLs again for every link of every page.
_PLAIN_PATH_REFERENCE = re.compile(r"(?!//)[A-Za-z0-9/._~!$&'()*+,=@%-]+")
_PLAIN_BASE = re.compile(r"(https?)://([A-Za-z0-9.:-]+)((?:/[^?#;\s\x00-\x1f]*)?)")


@functools.lru_cache(maxsize=4096)
def _plain_base(base: str) -> tuple[str, str, str] | None:
    match = _PLAIN_BASE.fullmatch(base)
    return (match[1], match[2], match[3]) if match else None


def _join_plain_path(scheme: str, netloc: str, base_path: str, path: str) -> str:
    """urljoin's merging of a path with the base's path (RFC 3986 section 5.2, as
    urllib.parse.urljoin does it, including its leniency about '..' above the root)."""
    if path[:1] == "/":
        segments = path.split("/")
    else:
        base_segments = base_path.split("/")
        if base_segments[-1] != "":
            del base_segments[-1]  # the base's last segment is a file, not a folder
        segments = base_segments + path.split("/")
        segments[1:-1] = filter(None, segments[1:-1])
    resolved: list[str] = []
    for segment in segments:
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment != ".":
            resolved.append(segment)
    if segments[-1] in (".", ".."):
        resolved.append("")
    joined = "/".join(resolved) or "/"
    # '..' can pop the root's empty segment; urlunparse puts the slash back after the host.
    return f"{scheme}://{netloc}{joined if joined[0] == '/' else '/' + joined}"


@functools.lru_cache(maxsize=65536)
def _joined(base: str, url: str) -> str:
    try:
        return urljoin(base, url)
    except ValueError:
        return url


@functools.lru_cache(maxsize=4096)
def _url_scheme(base: str) -> str | None:
    """The scheme urljoin reads from a base (None when the base is malformed)."""
    try:
        return urlsplit(base).scheme
    except ValueError:
        return None


@functools.lru_cache(maxsize=65536)
def _reassembled(url: str) -> str | None:
    """What urljoin makes of an absolute URL against a base of the same scheme: the URL
    from its parsed parts; None when it has no host (urljoin then takes the base's)."""
    try:
        parts = urlparse(url)
    except ValueError:
        return url
    return urlunparse(parts) if parts.netloc else None


def strip_tags(value: str) -> str:
    return _TAG.sub(" ", value)


@functools.lru_cache(maxsize=65536)  # pages repeat the same site URLs many times
def normalize_url(url: str) -> str:
    """Canonical form for comparing URLs: no fragment, lower-case scheme and host,
    no default port, ``index.html`` folded into its folder, consistent percent-encoding."""
    plain = _PLAIN_URL.fullmatch(url.strip())
    if plain:  # already canonical but for the fragment and index.html: no parsing needed
        _scheme, host, path, query = plain.groups()
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return f"{_scheme}://{host}{path or '/'}{'?' + query if query else ''}"
    return normalize_url_by_parsing(url)


def normalize_url_by_parsing(url: str) -> str:
    """normalize_url for any URL: parsed, each part normalized, reassembled."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%")
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if netloc and not path:
        path = "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


# An http(s) URL that normalize_url would leave as it is apart from dropping the fragment
# and index.html: lower-case host without port or user, a path of characters that
# percent-encoding keeps (no '%' to decode), a query without spaces.
_PLAIN_URL = re.compile(r"(https?)://([a-z0-9.-]+)((?:/[A-Za-z0-9/:@!$&'()*+,;=._~-]*)?)"
                        r"(?:\?([^#\s\x00-\x1f]*))?(?:#.*)?", re.DOTALL)


def iter_values(value: Any) -> Iterator[Any]:
    """Values of a property: JSON arrays and @list/@set are flattened."""
    if isinstance(value, list):
        for item in value:
            yield from iter_values(item)
    elif isinstance(value, dict) and ("@list" in value or "@set" in value):
        yield from iter_values(value.get("@list", value.get("@set")))
    else:
        yield value


def node_types(data: dict[str, Any], schema_vocab: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(schema.org local type names, other types) of a node's @type."""
    raw = data.get("@type")
    items = raw if isinstance(raw, list) else [] if raw is None else [raw]
    schema_types: list[str] = []
    other: list[str] = []
    for item in items:
        name = local_name(item) if isinstance(item, str) and schema_vocab else None
        if name:
            schema_types.append(name)
        else:
            other.append(item if isinstance(item, str) else repr(item))
    return tuple(schema_types), tuple(other)


@dataclass(slots=True)
class HeadFacts:
    """What the page's ``<link>``, ``<meta>`` and ``<base>`` elements and ``<html lang>`` say,
    read in one pass over them."""

    canonical_href: str | None = None
    base_href: str | None = None
    refresh: bool = False
    suppress_specs: list[str] = field(default_factory=list)
    open_graph: dict[str, str] = field(default_factory=dict)
    alternates: list[tuple[str, str, int]] = field(default_factory=list)  # (hreflang, href, line)
    language: str | None = None


class PageDocument:
    """Everything the page rules look at. Tree-derived facts are computed on first use, from
    one lxml parse of the page: of its head alone when nothing needs the body (a page whose
    structured data has no FAQ, no hasPart and no microdata or RDFa)."""

    def __init__(self, path: str, text: str, page_url: str | None = None, rel_url: str | None = None) -> None:
        self.path = path
        self.text = text
        self.page_url = page_url
        self.rel_url = rel_url
        self.blocks: list[JsonLdBlock] = []
        self.jsonld_nodes: list[Node] = []
        self.limit_messages: list[tuple[str, int, int]] = []  # (message, line, col)
        self.not_html: str | None = None  # why the file is not HTML, set by the runner
        self.read_error: str | None = None  # why the file could not be read, set by the runner
        self.truncated = False  # the file was longer than MAX_PAGE_BYTES
        self.memo: dict[Any, Any] = {}  # derived data shared by several rules (see rules/_shared.py)
        self.head_end = len(text)  # offset of </head> or <body>, where the head's elements end
        self._extract_blocks()

    # -- JSON-LD --------------------------------------------------------------
    def _extract_blocks(self) -> None:
        spans, self.head_end = scan_document(self.text)
        for index, (tag_start, start, end) in enumerate(spans):
            line, col = line_col(self.text, tag_start)
            if index >= MAX_BLOCKS_PER_PAGE:
                self.limit_messages.append((f"more than {MAX_BLOCKS_PER_PAGE} JSON-LD blocks; the rest are not checked", line, col))
                break
            block = JsonLdBlock(index, line, col, start, self.text[start:end])
            try:
                block.data = parse_strict(block.raw)
            except StrictJsonError as exc:
                err_line, err_col = line_col(self.text, start + exc.offset)
                block.error = BlockError("limit-exceeded" if exc.limit else "invalid-json", exc.message, err_line, err_col)
            self.blocks.append(block)
        for block in self.blocks:
            if block.error is None and not self._walk_block(block, self.jsonld_nodes):
                self.limit_messages.append((f"more than {MAX_NODES_PER_PAGE} JSON-LD nodes; the rest are not checked", block.line, block.col))
                break

    def _walk_block(self, block: JsonLdBlock, into: list[Node], locations: dict[int, Location] | None = None) -> bool:
        """Add the block's nodes to ``into`` in document order; False when the node limit is hit."""
        data = block.data
        roots: list[tuple[Any, str, bool]] = []  # (value, path, schema vocabulary?)
        if isinstance(data, dict):
            vocab = classify_context(data.get("@context")) != "foreign"
            graph = data.get("@graph")
            if graph is not None and set(data) <= {"@context", "@graph", "@id"}:
                items = graph if isinstance(graph, list) else [graph]
                roots = [(item, f"@graph[{i}]" if isinstance(graph, list) else "@graph", vocab) for i, item in enumerate(items)]
            else:
                roots = [(data, "", vocab)]
        elif isinstance(data, list):
            roots = [(item, f"[{i}]", classify_context(item.get("@context")) != "foreign" if isinstance(item, dict) else True)
                     for i, item in enumerate(data)]
        for value, path, vocab in roots:
            if not isinstance(value, dict):
                continue
            if not path:
                types, _ = node_types(value, vocab)
                path = types[0] if types else "$"
            if not self._walk(value, path, block, vocab, into, locations):
                return False
        return True

    def _walk(self, root: dict[str, Any], path: str, block: JsonLdBlock, vocab: bool, into: list[Node],
              locations: dict[int, Location] | None) -> bool:
        # Iterative depth-first walk (JSON may be up to MAX_DEPTH deep).
        stack: list[tuple[Any, str, Node | None, str | None]] = [(root, path, None, None)]
        while stack:
            value, path, parent, prop = stack.pop()
            if isinstance(value, list):
                stack.extend((item, f"{path}[{i}]", parent, prop) for i, item in reversed(list(enumerate(value))))
                continue
            if not isinstance(value, dict) or "@value" in value:
                continue
            if "@list" in value or "@set" in value:
                key = "@list" if "@list" in value else "@set"
                stack.append((value[key], f"{path}.{key}", parent, prop))
                continue
            if len(into) >= MAX_NODES_PER_PAGE:
                return False
            location = locations.get(id(value)) if locations is not None else None
            node_vocab = vocab
            if location is not None and location.schema_vocab is not None:
                node_vocab = location.schema_vocab
            elif parent is not None and locations is not None:
                node_vocab = parent.schema_vocab  # an untyped item speaks its parent's vocabulary
            types, other = node_types(value, node_vocab)
            node = Node(value, path, block, types, other, node_vocab, prop, parent, top_level=parent is None,
                        location=location)
            into.append(node)
            children = []
            for key, child in value.items():
                if key == "@graph":
                    children.append((child, f"{path}.@graph", node, None))
                elif not key.startswith("@") and isinstance(child, (dict, list)):
                    children.append((child, f"{path}.{key}", node, key))
            stack.extend(reversed(children))
        return True

    # -- microdata and RDFa ---------------------------------------------------
    @cached_property
    def has_microdata(self) -> bool:
        """A cheap scan: extruct's microdata extraction runs only when this is True."""
        return any(spelling in self.text for spelling in _ITEMSCOPE_SPELLINGS)

    @cached_property
    def has_rdfa(self) -> bool:
        # "typeof" is also a JavaScript operator: only "typeof=" is the RDFa attribute.
        text = self.text
        for spelling in _TYPEOF_SPELLINGS:
            found = text.find(spelling)
            while found >= 0:
                if _SPACE_THEN_EQUALS.match(text, found + len(spelling)):
                    return True
                found = text.find(spelling, found + 1)
        return False

    @cached_property
    def markup_blocks(self) -> list[JsonLdBlock]:
        """Microdata and RDFa items, each as a block in JSON-LD's shape (see markup.py)."""
        if not (self.has_microdata or self.has_rdfa) or self.tree is None:
            return []
        from .markup import microdata_items, rdfa_items

        items = []
        for syntax, extract in (("microdata", microdata_items), ("rdfa", rdfa_items)):
            if not (self.has_microdata if syntax == "microdata" else self.has_rdfa):
                continue
            try:
                items.extend(extract(self.tree, self.base_url))
            except Exception as exc:  # a parser bug on hostile markup must not hide the JSON-LD results
                self.limit_messages.append((f"{syntax} could not be read ({type(exc).__name__}); it is not checked", 1, 1))
        blocks = []
        for index, item in enumerate(items):
            blocks.append(JsonLdBlock(index, item.line, 1, -1, "", item.data, syntax=item.syntax,
                                      locations=item.locations))
        return blocks

    @cached_property
    def nodes(self) -> list[Node]:
        """Every node of the page: the JSON-LD blocks', then the microdata and RDFa items'."""
        if not (self.has_microdata or self.has_rdfa):
            return self.jsonld_nodes
        nodes = list(self.jsonld_nodes)
        for block in self.markup_blocks:
            data = block.data
            types, _ = node_types(data, True)
            if not self._walk(data, types[0] if types else "$", block, True, nodes, block.locations or {}):
                self.limit_messages.append((f"more than {MAX_NODES_PER_PAGE} structured-data nodes; the rest are not checked",
                                            block.line, block.col))
                break
        return nodes

    # -- queries over the nodes ---------------------------------------------------
    def nodes_of_type(self, type_name: str, vocab: Any = None) -> list[Node]:
        """Nodes whose @type is ``type_name`` (or, given the vocabulary, a subtype of it)."""
        key = ("nodes_of_type", type_name, vocab is not None)
        if key not in self.memo:
            if vocab is None:
                self.memo[key] = [n for n in self.nodes if type_name in n.types]
            else:
                self.memo[key] = [n for n in self.nodes if any(vocab.is_subtype(t, type_name) for t in n.types)]
        return self.memo[key]

    @cached_property
    def nodes_by_id(self) -> dict[str, Node]:
        """For resolving ``{"@id": ...}`` references: the node with the most properties per @id
        (a bare reference resolves to itself when nothing describes it)."""
        index: dict[str, Node] = {}
        for node in self.nodes:
            node_id = node.data.get("@id")
            if isinstance(node_id, str):
                best = index.get(node_id)
                if best is None or len(node.data) > len(best.data):
                    index[node_id] = node
        return index

    def resolve(self, node: Node) -> Node:
        """The fullest description of the node's @id on this page: a reference, or a partial
        copy such as ``{"@id": ..., "name": ...}``, resolves to the node with most properties."""
        node_id = node.data.get("@id")
        if isinstance(node_id, str):
            best = self.nodes_by_id.get(node_id, node)
            if len(best.data) > len(node.data):
                return best
        return node

    @cached_property
    def _children(self) -> dict[tuple[int, str], list[Node]]:
        children: dict[tuple[int, str], list[Node]] = {}
        for node in self.nodes:
            if node.parent is not None and node.parent_key is not None:
                children.setdefault((id(node.parent), node.parent_key), []).append(node)
        return children

    @cached_property
    def _node_by_object(self) -> dict[int, Node]:
        return {id(node.data): node for node in self.nodes}

    def node_for(self, value: Any) -> Node | None:
        """The Node of a JSON object found while walking (resolved if it is a reference)."""
        node = self._node_by_object.get(id(value)) if isinstance(value, dict) else None
        return self.resolve(node) if node is not None else None

    def child_nodes(self, node: Node, prop: str) -> list[Node]:
        """Node values of a property, in order, with references resolved."""
        return [self.resolve(n) for n in self._children.get((id(node), prop), ())]

    # -- HTML tree ------------------------------------------------------------
    def _needs_body(self) -> bool:
        """Whether a rule will read the page body: FAQ text, hasPart links, microdata, RDFa."""
        if self.has_microdata or self.has_rdfa:
            return True
        for node in self.jsonld_nodes:
            if "hasPart" in node.data or "mainEntity" in node.data or "acceptedAnswer" in node.data:
                return True
        return False

    @cached_property
    def tree(self) -> Any:
        """The lxml tree of the whole page (None for an empty document). Parsed once, on demand."""
        return _parse_html(self.text)

    @cached_property
    def _head_tree(self) -> Any:
        if "tree" in self.__dict__ or self.head_end >= len(self.text) or self._needs_body():
            return self.tree
        return _parse_html(self.text[: self.head_end])

    @property
    def has_markup_tree(self) -> bool:
        """False for a document the HTML parser makes nothing of (empty, or only whitespace)."""
        return self._head_tree is not None

    @cached_property
    def head(self) -> HeadFacts:
        """Canonical, base, refresh, Open Graph, hreflang alternates, suppressions, language."""
        facts = HeadFacts()
        root = self._head_tree
        if root is None:
            return facts
        facts.language = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or None)
        for element in root.iter("link", "meta", "base"):
            tag = element.tag
            if tag == "link":
                rels = element.get("rel", "").lower().split()
                href = element.get("href")
                if href is None:
                    continue
                if "canonical" in rels and facts.canonical_href is None:
                    facts.canonical_href = href.strip()
                if "alternate" in rels and element.get("hreflang") is not None:
                    facts.alternates.append((element.get("hreflang", "").strip(), href.strip(), element.sourceline or 1))
            elif tag == "meta":
                prop = element.get("property")
                if prop is not None and prop.startswith("og:"):
                    facts.open_graph.setdefault(prop.strip(), element.get("content", "").strip())
                if element.get("http-equiv", "").lower() == "refresh":
                    facts.refresh = True
                if element.get("name") == "termsite-check":
                    words = element.get("content", "").strip().split(None, 1)
                    if words and words[0].lower() == "ignore":
                        facts.suppress_specs.append(words[1] if len(words) > 1 else "")
            elif facts.base_href is None and element.get("href") is not None:
                facts.base_href = element.get("href", "").strip()
        return facts

    @cached_property
    def suppressed(self) -> frozenset[str]:
        """Rule IDs (or prefixes) switched off for this page by comment or meta tag."""
        specs = [m.group(1) for m in _SUPPRESS_COMMENT.finditer(self.text)] if "termsite-check" in self.text else []
        if specs or "termsite-check" in self.text:
            specs += self.head.suppress_specs
        return frozenset(rule.strip() for spec in specs for rule in re.split(r"[\s,]+", spec) if rule.strip())

    @cached_property
    def canonical(self) -> str | None:
        """The first <link rel="canonical"> href, made absolute against the page URL."""
        href = self.head.canonical_href
        if href is None:
            return None
        return resolve_url(self.page_url, href) if self.page_url else href

    @cached_property
    def base_url(self) -> str | None:
        """URL that relative references on the page resolve against: where the page lives
        (its URL under the site URL), unless the canonical URL says it is on another host
        (a foreign site checked with our site URL configured)."""
        base = self.page_url or self.canonical
        if self.page_url and self.canonical and url_host(self.page_url) != url_host(self.canonical):
            base = self.canonical
        if self.head.base_href is not None:
            return resolve_url(base or "", self.head.base_href) or base
        return base

    @cached_property
    def is_redirect(self) -> bool:
        return self.head.refresh

    @cached_property
    def language(self) -> str | None:
        """The page's ``<html lang>``, as written."""
        return self.head.language

    @cached_property
    def links(self) -> frozenset[str]:
        """Normalized absolute URLs of every <a href> on the page."""
        if self.tree is None:
            return frozenset()
        base = self.base_url
        result = set()
        # A page links to most targets more than once (a list and a map of the same terms):
        # each distinct href is resolved once.
        for href in {href.strip() for href in _A_HREFS(self.tree)}:
            if base:
                href = resolve_url(base, href)
            result.add(normalize_url(href))
        return frozenset(result)

    @cached_property
    def open_graph(self) -> dict[str, str]:
        """Open Graph properties (the first value of each ``<meta property="og:...">``)."""
        return self.head.open_graph

    @cached_property
    def other_markup(self) -> dict[str, list[str]]:
        """Types of the microdata and RDFa items, keyed by syntax."""
        result: dict[str, list[str]] = {}
        for block in self.markup_blocks:
            types, other = node_types(block.data, True)
            result.setdefault(block.syntax, []).extend(list(types + other) or ["(untyped)"])
        return result

    @cached_property
    def visible_text(self) -> str:
        """The page's visible text, normalized like ``normalize_text`` (no whitespace).

        Text inside script, style, template and noscript elements, and inside elements that
        are ``hidden``, ``aria-hidden="true"`` or styled ``display: none``, does not count.
        """
        if self.tree is None:
            return ""
        body = self.tree.find("body")
        root = body if body is not None else self.tree
        hidden = _hidden_elements(root)
        if not hidden:
            return normalize_visible(etree.tostring(root, method="text", encoding=str, with_tail=False))
        # Only the elements on the way from the body to a hidden element are walked; every
        # other subtree's text comes from lxml in one C-level call. (A set of the elements
        # themselves keeps lxml's proxies alive, so the walk meets the same objects.)
        hidden_set = set(hidden)
        on_path = set()
        for element in hidden:
            parent = element.getparent()
            while parent is not None and parent not in on_path:
                on_path.add(parent)
                parent = parent.getparent()
        if root in hidden_set:
            return ""
        parts: list[str] = []
        stack: list[Any] = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            if item.text:
                parts.append(item.text)
            pending: list[Any] = []
            for child in item:
                if child in hidden_set or not isinstance(child.tag, str):
                    pass
                elif child in on_path:
                    pending.append(child)
                else:
                    pending.append(etree.tostring(child, method="text", encoding=str, with_tail=False))
                if child.tail:
                    pending.append(child.tail)
            stack.extend(reversed(pending))
        return normalize_visible("".join(parts))


# Attribute names are case-insensitive, but a case-insensitive regex over a page costs more
# than checking the page: look for the spellings that occur (lower, upper and camel case).
_ITEMSCOPE_SPELLINGS = ("itemscope", "ITEMSCOPE", "itemScope", "ItemScope")
_TYPEOF_SPELLINGS = ("typeof", "TYPEOF", "typeOf", "TypeOf")
_SPACE_THEN_EQUALS = re.compile(r"\s*=")
_HIDDEN_BY_ATTRIBUTE = etree.XPath("descendant-or-self::*[@hidden or @aria-hidden or @style]")
_A_HREFS = etree.XPath("//a/@href")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_ALWAYS_HIDDEN = frozenset({"script", "style", "template", "noscript"})


def _hidden_elements(root: Any) -> list[Any]:
    """The elements under ``root`` (itself included) whose text is not visible, in no
    particular order: script, style, template and noscript by lxml's C-level tag filter, the
    rest by one XPath pass over the attributes (a union of five descendant scans cost
    twice as much on a large page)."""
    return [*root.iter(*_ALWAYS_HIDDEN), *(e for e in _HIDDEN_BY_ATTRIBUTE(root) if _is_hidden(e))]


def _is_hidden(element: Any) -> bool:
    if element.tag in _ALWAYS_HIDDEN or element.get("hidden") is not None:
        return True
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = element.get("style")
    return bool(style) and _DISPLAY_NONE.search(style) is not None


def _parse_html(source: str) -> Any:
    if source.lstrip()[:5] == "<?xml":  # lxml refuses str input with an encoding declaration
        source = _XML_DECLARATION.sub("", source, count=1)
    # UTF-8 bytes with the encoding given parse twice as fast as a str holding non-ASCII text
    # (lxml hands libxml2 the str's UCS-2/UCS-4 buffer to convert) and make the same tree.
    try:
        data: bytes | None = source.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: parsed as a str
        data = None
    if data is None or _has_xml_incompatible(data):
        source = _XML_INCOMPATIBLE.sub(" ", source)
        data = None
    if not source or source.isspace():  # what str.strip() would empty, without copying the page
        return None
    try:
        if data is None:
            return lxml.html.document_fromstring(source)
        return lxml.html.document_fromstring(data, parser=_UTF8_HTML_PARSER)
    except (etree.ParserError, ValueError):
        return None


# _XML_INCOMPATIBLE in UTF-8: the C0 controls are single bytes that occur in no other
# character's encoding, U+FFFE and U+FFFF are EF BF BE and EF BF BF. Deleting bytes and
# searching for two sequences is C-speed; the regex over a large page is not.
_XML_INCOMPATIBLE_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20))


def _has_xml_incompatible(data: bytes) -> bool:
    return (len(data.translate(None, _XML_INCOMPATIBLE_BYTES)) != len(data)
            or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)


_UTF8_HTML_PARSER = lxml.html.HTMLParser(encoding="utf-8")


