"""A corpus of bad content: each case a tiny glossary and the exact error(s) it must produce.

Cases are data, so that every consumer sees the same corpus: the loader in-process (one
glossary per case), and ``termsite lint`` and ``mkdocs build`` as subprocesses on the
cases merged into one glossary (see test_corpus.py). A case's files are paths relative to
the content folder; each case names its files uniquely and gives its terms unique titles,
so that merged cases do not interfere: the merged run must report exactly the union.

Expectations name the file, line, column and code exactly, and a phrase of the message:
the message must read as a sentence a contributor can act on, so the phrase is usually
the part that says what to do.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from termsite.content.yamlsource import MAX_DEPTH, MAX_FILE_BYTES

AREA_FILE = "areas/liquidation.yml"
AREA_TEXT = "title: Liquidation\ndescription: How positions are closed when margin runs out.\n"
AUTHORS_TEXT = "ana:\n  name: Ana Example\n  url: https://example.org/ana\n"


@dataclass(frozen=True)
class Expected:
    """One error line: ``where`` is path:line:column relative to the content folder."""

    where: str
    code: str
    says: str  # a phrase of the message

    def matches(self, line: str) -> bool:
        head, _, message = line.partition(f": error[{self.code}] ")
        return head == self.where and bool(message) and self.says in message


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes]
    expected: tuple[Expected, ...]
    # False when the case needs a file of its own that other cases also use (authors.yml, redirects.yml)
    mergeable: bool = True
    setup: Callable[[Path], None] | None = None  # makes what a dict cannot hold (symbolic links, pipes)
    limits: dict[str, int] = field(default_factory=dict)  # termsite.content.yamlsource limits lowered for the case


CASES: list[Case] = []


def case(id: str, files: dict[str, str | bytes], *expected: tuple[str, str, str], mergeable: bool = True,
         setup: Callable[[Path], None] | None = None, limits: dict[str, int] | None = None) -> None:
    """Add a case; one with lowered limits runs in-process only (a subprocess has the real limits)."""
    CASES.append(Case(id, files, tuple(Expected(*e) for e in expected), mergeable and not limits, setup,
                      limits or {}))


def term(title: str, extra: str = "") -> str:
    """A valid term file (title line 1, summary 2, areas 3) with ``extra`` from line 4."""
    return f"title: {title}\nsummary: A valid summary.\nareas: [liquidation]\n{extra}"


# --- YAML syntax -----------------------------------------------------------------------
case("syntax-unclosed-flow-list", {"terms/syntax-a.yml": "title: [Syntax A,\n"},
     ("terms/syntax-a.yml:2:1", "yaml-syntax", "YAML syntax error"))
case("syntax-bad-indentation", {"terms/syntax-b.yml": "title: Syntax B\n  summary: S.\n"},
     ("terms/syntax-b.yml:2:10", "yaml-syntax", "mapping values are not allowed in this context"))
case("syntax-unclosed-quote", {"terms/syntax-c.yml": 'title: "Syntax C\nsummary: S.\nareas: [liquidation]\n'},
     ("terms/syntax-c.yml:4:1", "yaml-syntax", "found unexpected end of stream"))
case("syntax-unacceptable-character", {"terms/syntax-d.yml": "title: Syntax \x1b[31mD\n"},
     ("terms/syntax-d.yml:1:15", "yaml-syntax", "the character U+001B is not allowed in YAML"))
case("tab-indentation", {"terms/tabs.yml": "title: Tabs\nsummary: S.\nareas:\n\t- liquidation\n"},
     ("terms/tabs.yml:4:1", "yaml-tab", "YAML needs spaces"))

# --- duplicate keys, at any depth -------------------------------------------------------
case("duplicate-key-top-level", {"terms/dup-a.yml": term("Dup A") + "title: Dup A again\n"},
     ("terms/dup-a.yml:4:1", "duplicate-key", "the key 'title' appears twice in the same mapping (first on line 1)"))
case("duplicate-key-quoted-spelling", {"terms/dup-b.yml": term("Dup B") + '"summary": Again.\n'},
     ("terms/dup-b.yml:4:1", "duplicate-key", "the key 'summary' appears twice"))
case("duplicate-key-in-faq-item",
     {"terms/dup-c.yml": term("Dup C", "faq:\n  - question: Why?\n    answer: A.\n    question: Again?\n")},
     ("terms/dup-c.yml:7:5", "duplicate-key", "the key 'question' appears twice"))
case("duplicate-key-in-flow-mapping",
     {"terms/dup-d.yml": term("Dup D", "image: {url: images/a.svg, url: images/b.svg, width: 1, height: 1, caption: c}\n")},
     ("terms/dup-d.yml:4:28", "duplicate-key", "the key 'url' appears twice"))
case("duplicate-key-in-area", {"areas/dup-area.yml": "title: Dup area\ndescription: D.\ndescription: E.\n"},
     ("areas/dup-area.yml:3:1", "duplicate-key", "the key 'description' appears twice"))
case("duplicate-key-nested-in-authors", {"authors.yml": "ana:\n  name: Ana\n  name: Ana again\n"},
     ("authors.yml:3:3", "duplicate-key", "the key 'name' appears twice"), mergeable=False)
case("duplicate-author", {"authors.yml": AUTHORS_TEXT + "ana:\n  name: Other\n  url: https://example.org/o\n"},
     ("authors.yml:4:1", "duplicate-key", "the key 'ana' appears twice"), mergeable=False)
case("duplicate-key-with-direction-override", {"terms/dup-e.yml": term("Dup E") + '"ti\u202etle": a\n"ti\u202etle": b\n'},
     ("terms/dup-e.yml:5:1", "duplicate-key", "the key 'ti\\u202etle' appears twice"))

# --- unknown keys -----------------------------------------------------------------------
case("unknown-key-top-level", {"terms/unknown-a.yml": term("Unknown A", "sumary: x\n")},
     ("terms/unknown-a.yml:4:1", "unknown-key", "'sumary' is not a known field (did you mean 'summary'?)"))
case("unknown-key-in-faq", {"terms/unknown-b.yml": term("Unknown B", "faq:\n  - question: Why?\n    anwser: A.\n")},
     ("terms/unknown-b.yml:6:5", "unknown-key", "(did you mean 'answer'?)"),
     ("terms/unknown-b.yml:5:5", "missing-field", "the required field 'answer' is missing"))
case("unknown-key-in-image", {"terms/unknown-c.yml": term("Unknown C", "image:\n  url: images/x.svg\n  width: 1\n"
                                                                       "  height: 1\n  caption: c\n  alt: a\n")},
     ("terms/unknown-c.yml:9:3", "unknown-key", "'alt' is not a known field"))
case("unknown-key-invisible-characters", {"terms/unknown-d.yml": term("Unknown D") + '"sum\u202emary": x\n'},
     ("terms/unknown-d.yml:4:1", "unknown-key", "'sum\\u202emary' is not a known field"))

# --- wrong types ------------------------------------------------------------------------
case("list-where-text-expected", {"terms/type-a.yml": "title: Type A\nsummary: [one, two]\nareas: [liquidation]\n"},
     ("terms/type-a.yml:2:10", "wrong-type", "expected text, found a list"))
case("number-as-title", {"terms/type-b.yml": term("42")},
     ("terms/type-b.yml:1:8", "wrong-type", "found a number (42); put it in quotes"))
case("yes-as-title", {"terms/type-c.yml": term("yes")},
     ("terms/type-c.yml:1:8", "wrong-type", "found a yes/no value (yes)"))
case("date-as-title", {"terms/type-d.yml": term("2026-01-01")},
     ("terms/type-d.yml:1:8", "wrong-type", "found a date (2026-01-01)"))
case("empty-title", {"terms/type-e.yml": term("")},
     ("terms/type-e.yml:1:7", "wrong-type", "expected text, found nothing (an empty value)"))
case("mapping-where-list-expected", {"terms/type-f.yml": "title: Type F\nsummary: S.\nareas: {a: b}\n"},
     ("terms/type-f.yml:3:8", "wrong-type", "expected a list, found a mapping"))
case("text-where-list-expected", {"terms/type-g.yml": "title: Type G\nsummary: S.\nareas: liquidation\n"},
     ("terms/type-g.yml:3:8", "wrong-type", "expected a list, found text"))
case("list-as-markdown", {"terms/type-h.yml": term("Type H", "body: [a, b]\n")},
     ("terms/type-h.yml:4:7", "wrong-type", "expected Markdown text, found a list"))
case("number-as-faq-answer", {"terms/type-i.yml": term("Type I", "faq:\n  - question: Why?\n    answer: 3.5\n")},
     ("terms/type-i.yml:6:13", "wrong-type", "expected Markdown text, found a number (3.5)"))
case("complex-key", {"terms/type-j.yml": term("Type J", "? [a, b]\n: c\n")},
     ("terms/type-j.yml:4:3", "yaml-complex-key", "a key must be plain text"))

# --- files that are not one mapping -----------------------------------------------------
case("empty-file", {"terms/empty-a.yml": ""}, ("terms/empty-a.yml:1:1", "empty-file", "the file has no content"))
case("only-whitespace", {"terms/empty-b.yml": "\n   \n\n"}, ("terms/empty-b.yml:1:1", "empty-file", "no content"))
case("only-comments", {"terms/empty-c.yml": "# title: Commented out\n\n  # summary: too\n"},
     ("terms/empty-c.yml:1:1", "empty-file", "expected a mapping of fields such as 'title:'"))
case("only-a-document-marker", {"terms/empty-d.yml": "---\n...\n"},
     ("terms/empty-d.yml:2:1", "wrong-type", "expected the file to be a mapping of fields"))
case("a-list-document", {"terms/shape-a.yml": "- title\n- summary\n"},
     ("terms/shape-a.yml:1:1", "wrong-type", "expected the file to be a mapping of fields"))
case("a-text-document", {"terms/shape-b.yml": "Just a sentence.\n"},
     ("terms/shape-b.yml:1:1", "wrong-type", "found text"))
case("several-documents", {"terms/shape-c.yml": term("Shape C") + "---\n" + term("Shape C two")},
     ("terms/shape-c.yml:4:1", "yaml-multiple-documents", "put one entry per file"))
case("several-documents-after-end-marker", {"terms/shape-d.yml": term("Shape D") + "...\n" + term("Shape D two")},
     ("terms/shape-d.yml:5:1", "yaml-syntax", "did not find expected <document start>"))

# --- encodings --------------------------------------------------------------------------
# A byte order mark and CRLF line ends are what other tools save: valid YAML, read with the same positions.
case("utf8-bom-crlf", {"terms/enc-a.yml": b"\xef\xbb\xbf" + term("Enc A").replace("[liquidation]", "[liquidaton]")
                       .replace("\n", "\r\n").encode()},
     ("terms/enc-a.yml:3:1", "unknown-reference", "unknown area 'liquidaton'"))
case("invalid-utf8", {"terms/enc-b.yml": b"title: Enc B\nsummary: caf\xe9.\nareas: [liquidation]\n"},
     ("terms/enc-b.yml:2:13", "encoding", "not valid UTF-8 (byte 0xe9)"))
case("utf16-file", {"terms/enc-c.yml": term("Enc C").encode("utf-16")},
     ("terms/enc-c.yml:1:1", "encoding", "(byte 0xff); save it as UTF-8"))
case("nul-byte", {"terms/enc-d.yml": term("Enc D").encode() + b"body: a\x00b\n"},
     ("terms/enc-d.yml:4:1", "encoding", "contains a NUL character"))
case("latin1-declared-nowhere", {"terms/enc-e.yml": "title: Enc E\nsummary: Gr\xfc\xdfe.\nareas: [liquidation]\n"
                                                    .encode("latin-1")},
     ("terms/enc-e.yml:2:12", "encoding", "not valid UTF-8 (byte 0xfc)"))

# --- size and shape bombs ---------------------------------------------------------------
TEN_MB = 10 * 1024 * 1024
case("ten-megabyte-file", {"terms/big-a.yml": term("Big A", "body: |\n" + "  lorem ipsum dolor sit amet\n" * (TEN_MB // 28))},
     ("terms/big-a.yml:1:1", "file-too-large", f"content files are limited to {MAX_FILE_BYTES:,} bytes"))
case("just-over-the-size-limit", {"terms/big-b.yml": term("Big B", "body: " + "x" * (MAX_FILE_BYTES - 50) + "\n")},
     ("terms/big-b.yml:1:1", "file-too-large", "bytes; content files are limited to"))
case("hundred-thousand-yaml-aliases",
     {"terms/big-c.yml": term("Big C", "x: &a lol\nrelated: [" + ", ".join(["*a"] * 100_000) + "]\n")},
     ("terms/big-c.yml:4:4", "yaml-alias", "the anchor '&a' is not allowed"))
case("hundred-thousand-list-items",
     {"terms/big-d.yml": term("Big D", "aliases: [" + ", ".join(f"a{i}" for i in range(100_000)) + "]\n")},
     ("terms/big-d.yml:4:10", "too-long", "has 100,000 items; at most 1,000 are allowed"))
# MAX_NODES values take seconds to parse (about 20 us each); the case runs with a lower limit, in-process only.
case("more-values-than-the-node-limit", {"terms/big-e.yml": term("Big E", "x: [" + "1," * 1000 + "1]\n")},
     ("terms/big-e.yml:4:" + str(5 + 2 * (1000 - 10)), "too-large", "more than 1,000 values"),
     limits={"MAX_NODES": 1000})
# libyaml stops at 1,000 levels of flow collections, before termsite's limit is reached ...
case("ten-thousand-nested-lists", {"terms/deep-a.yml": term("Deep A", "x: " + "[" * 10_000 + "]" * 10_000 + "\n")},
     ("terms/deep-a.yml:4:1003", "yaml-syntax", "exceeded maximum nesting depth"))
# ... and termsite's own limit applies below that.
case("hundred-nested-lists", {"terms/deep-d.yml": term("Deep D", "x: " + "[" * 100 + "]" * 100 + "\n")},
     ("terms/deep-d.yml:4:" + str(4 + MAX_DEPTH - 1), "too-deep", f"more than {MAX_DEPTH} levels deep"))
case("deep-block-mappings",
     {"terms/deep-b.yml": term("Deep B", "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v\n")},
     ("terms/deep-b.yml:" + str(4 + MAX_DEPTH - 1) + ":" + str(MAX_DEPTH), "too-deep", "nested more than"))
case("deep-flow-mappings", {"terms/deep-c.yml": term("Deep C", "x: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n")},
     ("terms/deep-c.yml:4:" + str(1 + 4 * (MAX_DEPTH - 1)), "too-deep", "levels deep"))
BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefgh", "bcdefghi"))
)
case("billion-laughs", {"terms/bomb-a.yml": BILLION_LAUGHS}, ("terms/bomb-a.yml:1:4", "yaml-alias", "'&a' is not allowed"))
case("merge-key", {"terms/bomb-b.yml": "base: &base {title: Bomb B}\n<<: *base\n"},
     ("terms/bomb-b.yml:1:7", "yaml-alias", "the anchor '&base' is not allowed"))
case("long-title", {"terms/long-a.yml": term("T" * 121)}, ("terms/long-a.yml:1:8", "too-long", "at most 120 allowed"))
case("long-body", {"terms/long-b.yml": term("Long B", "body: " + "word " * 20_001 + "\n")},
     ("terms/long-b.yml:4:7", "too-long", "at most 100,000 allowed"))

# --- tags -------------------------------------------------------------------------------
case("python-object-apply-tag", {"terms/tag-a.yml": term("Tag A", 'body: !!python/object/apply:os.system ["id"]\n')},
     ("terms/tag-a.yml:4:7", "yaml-tag", "the tag '!!python/object/apply:os.system' is not allowed"))
case("python-object-tag", {"terms/tag-b.yml": "!!python/object:termsite.content.model.Term {slug: x}\n"},
     ("terms/tag-b.yml:1:1", "yaml-tag", "'!!python/object:termsite.content.model.Term' is not allowed"))
case("custom-tag", {"terms/tag-c.yml": term("Tag C", "body: !include /etc/passwd\n")},
     ("terms/tag-c.yml:4:7", "yaml-tag", "'!include' is not allowed"))
case("standard-str-tag", {"terms/tag-d.yml": term("Tag D", "body: !!str text\n")},
     ("terms/tag-d.yml:4:7", "yaml-tag", "content files use plain values only"))
case("tag-with-escape-sequence", {"terms/tag-e.yml": term("Tag E", "body: !%1B%5B2J text\n")},
     ("terms/tag-e.yml:4:7", "yaml-tag", "the tag '!\\x1b[2J' is not allowed"))

# --- slugs and references ---------------------------------------------------------------
for name, shown in [("Mark-Price.yml", "Mark-Price"), ("mark price.yml", "mark price"), ("a..b.yml", "a..b"),
                    ("a\\b.yml", "a\\b"), ("mark_price.yml", "mark_price"), ("-lead.yml", "-lead"),
                    ("\ufb01le.yml", "\ufb01le"), ("double--hyphen.yml", "double--hyphen")]:
    case(f"bad-file-name {shown}", {f"terms/{name}": term(f"File {shown}")},
         (f"terms/{name}:1:1", "bad-slug", f"the file name '{shown}' is not a valid slug"))
case("yaml-extension", {"terms/ext.yaml": term("Ext")}, ("terms/ext.yaml:1:1", "bad-file-name", "rename it to 'ext.yml'"))
case("case-insensitive-duplicate-slug", {"terms/collide.yml": term("Collide"), "terms/Collide.yml": term("Collide 2")},
     ("terms/Collide.yml:1:1", "bad-slug", "the file name 'Collide' is not a valid slug"))
case("reserved-slug", {"terms/page.yml": term("Page")}, ("terms/page.yml:1:1", "reserved-slug", "rename the file"))
for value, shown in [("../etc/passwd", "../etc/passwd"), ("a/b", "a/b"), ("'a\\b'", "a\\b"), ('"a\\0b"', "a\\x00b"),
                     ("Mark-Price", "Mark-Price"), ("'mark price'", "mark price")]:
    slug = "ref-" + str(len(CASES))
    case(f"bad-related {shown}", {f"terms/{slug}.yml": term(f"Ref {slug}", f"related: [{value}]\n")},
         (f"terms/{slug}.yml:4:11", "bad-slug", f"'{shown}' is not a valid term slug"))
case("bad-area-reference", {"terms/ref-area.yml": "title: Ref area\nsummary: S.\nareas: [../../etc]\n"},
     ("terms/ref-area.yml:3:9", "bad-slug", "'../../etc' is not a valid area slug"))
case("bad-replaced-by", {"terms/ref-replaced.yml": term("Ref replaced", "status: deprecated\nreplaced_by: ..\\x\n")},
     ("terms/ref-replaced.yml:5:14", "bad-slug", "'..\\x' is not a valid term slug"))
case("bad-area-order", {"areas/ref-order.yml": "title: Ref order\ndescription: D.\nterms: [a/../b]\n"},
     ("areas/ref-order.yml:3:9", "bad-slug", "'a/../b' is not a valid term slug"))
case("bad-body-reference", {"terms/ref-body.yml": term("Ref body", "body: |\n  See [[../etc/passwd]].\n")},
     ("terms/ref-body.yml:5:1", "bad-reference", "'[[../etc/passwd]]' does not name a term slug"))
case("body-reference-with-spaces", {"terms/ref-spaces.yml": term("Ref spaces", "body: See [[Mark Price]].\n")},
     ("terms/ref-spaces.yml:4:1", "bad-reference", "write [[slug]] or [[slug|text]]"))
case("body-reference-with-nul", {"terms/ref-nul.yml": term("Ref nul", 'body: "See [[a\\0b]]."\n')},
     ("terms/ref-nul.yml:4:7", "control-character", "remove it"))
case("unknown-body-reference", {"terms/ref-unknown.yml": term("Ref unknown", "body: See [[nowhere]].\n")},
     ("terms/ref-unknown.yml:4:1", "unknown-reference", "'[[nowhere]]' refers to unknown term 'nowhere'"))
case("bad-author-key", {"terms/ref-author.yml": term("Ref author", 'author: "\\e[31mana"\n')},
     ("terms/ref-author.yml:4:9", "bad-slug", "'\\x1b[31mana' is not a valid author key"))

# --- self-references and cycles -------------------------------------------------------
case("related-to-itself", {"terms/self-a.yml": term("Self A", "related: [self-a]\n")},
     ("terms/self-a.yml:4:1", "self-reference", "a term cannot be related to itself"))
case("replaced-by-itself", {"terms/self-b.yml": term("Self B", "status: deprecated\nreplaced_by: self-b\n")},
     ("terms/self-b.yml:5:1", "self-reference", "cannot be replaced by itself"))
case("replaced-by-circle", {
    "terms/circle-a.yml": term("Circle A", "status: deprecated\nreplaced_by: circle-b\n"),
    "terms/circle-b.yml": term("Circle B", "status: deprecated\nreplaced_by: circle-c\n"),
    "terms/circle-c.yml": term("Circle C", "status: deprecated\nreplaced_by: circle-a\n")},
     ("terms/circle-a.yml:5:1", "replacement-loop", "go round in a circle (circle-a -> circle-b -> circle-c -> circle-a)"))
case("replaced-by-chain-into-a-circle", {
    "terms/chain-a.yml": term("Chain A", "status: deprecated\nreplaced_by: chain-b\n"),
    "terms/chain-b.yml": term("Chain B", "status: deprecated\nreplaced_by: chain-c\n"),
    "terms/chain-c.yml": term("Chain C", "status: deprecated\nreplaced_by: chain-b\n")},
     ("terms/chain-b.yml:5:1", "replacement-loop", "(chain-b -> chain-c -> chain-b)"))
case("redirect-loop", {"redirects.yml": "old-a: old-b\nold-b: old-a\n", "terms/live.yml": term("Live")},
     ("redirects.yml:1:8", "redirect-loop", "go round in a circle (old-a -> old-b -> old-a)"), mergeable=False)
case("redirect-to-itself", {"redirects.yml": "old-c: old-c\n", "terms/live.yml": term("Live")},
     ("redirects.yml:1:8", "redirect-loop", "(old-c -> old-c)"), mergeable=False)

# --- dates ------------------------------------------------------------------------------
for index, (value, says) in enumerate([
    ("2026-02-30T09:00:00+00:00", "is not a real calendar date and time"),
    ("2026-13-01T09:00:00+00:00", "is not a real calendar date and time"),
    ("2026-01-01T09:00:00+25:00", "is not a real calendar date and time"),
    ("2026-02-03T09:00:00", "has no UTC offset"),
    ("2026-02-03", "has no UTC offset"),
    ("yesterday", "is not an ISO 8601 date-time"),
    ("20260203", "is not an ISO 8601 date-time"),
]):
    case(f"bad-date {value}", {f"terms/date-{index}.yml": term(f"Date {index}", f"published: {value}\n")},
         (f"terms/date-{index}.yml:4:12", "bad-date", says))
case("reversed-dates", {"terms/date-r.yml": term("Date r", "published: 2026-03-01T00:00:00+00:00\n"
                                                             "modified: 2026-01-01T00:00:00Z\n")},
     ("terms/date-r.yml:5:11", "dates-reversed", "modified cannot come before published"))

# --- image sizes ------------------------------------------------------------------------
for index, (value, code, says) in enumerate([
    ("-5", "out-of-range", "-5 is out of range; expected 1 to 100000"),
    ("0", "out-of-range", "0 is out of range"),
    ("100001", "out-of-range", "100001 is out of range"),
    ("9" * 5000, "out-of-range", "is out of range; expected 1 to 100000"),
    ("1.5", "wrong-type", "expected a whole number, found '1.5'"),
    ("'12'", "wrong-type", "found '12'"),
    ("0x10", "wrong-type", "found '0x10'"),
    ("1e3", "wrong-type", "found '1e3'"),
    ("true", "wrong-type", "found 'true'"),
    ("[1]", "wrong-type", "expected a whole number, found a list"),
]):
    case(f"image-width {value[:12]}", {f"terms/image-{index}.yml": term(
        f"Image {index}", f"image: {{url: images/x.svg, width: {value}, height: 2, caption: c}}\n")},
         (f"terms/image-{index}.yml:4:35", code, says))

# --- URLs -------------------------------------------------------------------------------
for index, (value, says) in enumerate([
    ("javascript:alert(1)", "uses the 'javascript' scheme; only http and https URLs are allowed"),
    ("JavaScript:alert(1)", "uses the 'javascript' scheme"),
    ("' javascript:alert(1)'", "uses the 'javascript' scheme"),
    ('"java\\tscript:alert(1)"', "uses the 'javascript' scheme"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "uses the 'data' scheme"),
    ("vbscript:msgbox(1)", "uses the 'vbscript' scheme"),
    ("file:///etc/passwd", "uses the 'file' scheme"),
    ("//evil.example/x", "uses the '//' scheme"),
    ("http:evil", "has no host name"),
    ("'http://[oops/'", "is not a well-formed URL"),
    ('"https://example.org/\\u202ecod.exe"', "contains spaces or characters not allowed in a URL"),
    ("https://example.org/a b", "contains spaces"),
    ("/etc/passwd", "is not an absolute http(s) URL"),
]):
    case(f"source-url {value[:24]}", {f"terms/url-{index}.yml": term(
        f"Url {index}", f"sources:\n  - title: A source\n    url: {value}\n")},
         (f"terms/url-{index}.yml:6:10", "bad-url", says))
for index, value in enumerate(["javascript:alert(1)", "data:image/svg+xml;base64,PHN2Zz4=", "../../etc/passwd",
                               "/etc/passwd", "images/../../../etc/passwd"]):
    case(f"image-url {value[:20]}", {f"terms/image-url-{index}.yml": term(
        f"Image url {index}", f"image: {{url: '{value}', width: 1, height: 1, caption: c}}\n")},
         (f"terms/image-url-{index}.yml:4:14", "bad-url", "'"))
case("author-url-javascript", {"authors.yml": "ana:\n  name: Ana\n  url: javascript:alert(1)\n"},
     ("authors.yml:3:8", "bad-url", "uses the 'javascript' scheme"), mergeable=False)

# --- invisible characters and markup in plain text ------------------------------------
for index, (field_name, text, where, code, says) in enumerate([
    ("title", "'Evil \u202egnp.exe'", "1:8", "control-character", "text-direction character; remove it"),
    ("title", '"Bell \\a ring"', "1:8", "control-character", "invisible control"),
    ("title", "Evil </script><script>alert(1)</script>", "1:8", "markup-in-text", "contains '</script><sc'"),
    ("title", "'<img src=x onerror=alert(1)>'", "1:8", "markup-in-text", "which browsers read as HTML"),
    ("title", "'a <!-- b'", "1:8", "markup-in-text", "contains '<!-- b'"),
    ("title", "'a<b'", "1:8", "markup-in-text", "put a space after it"),
    ("summary", "'A <svg onload=alert(1)> summary.'", "2:10", "markup-in-text", "contains '<svg onload='"),
    ("summary", '"A summary \\e[2J."', "2:10", "control-character", "invisible control"),
]):
    lines = term(f"Plain {index}").splitlines()
    lines[0 if field_name == "title" else 1] = f"{field_name}: {text}"
    case(f"plain-{field_name} {text[:20]}", {f"terms/plain-{index}.yml": "\n".join(lines) + "\n"},
         (f"terms/plain-{index}.yml:{where}", code, says))
case("markup-in-alias", {"terms/plain-alias.yml": term("Plain alias", "aliases: ['<b>bold</b>']\n")},
     ("terms/plain-alias.yml:4:11", "markup-in-text", "contains '<b>bold</b>'"))
case("markup-in-faq-question", {"terms/plain-faq.yml": term("Plain faq", "faq:\n  - question: Is </script> ok?\n"
                                                                        "    answer: No.\n")},
     ("terms/plain-faq.yml:5:15", "markup-in-text", "contains '</script> ok'"))
case("markup-in-caption", {"terms/plain-caption.yml": term(
    "Plain caption", "image: {url: images/x.svg, width: 1, height: 1, caption: '<img src=x onerror=alert(1)>'}\n")},
     ("terms/plain-caption.yml:4:58", "markup-in-text", "plain-text fields cannot hold markup"))
case("markup-in-area-description", {"areas/plain-area.yml": "title: Plain area\ndescription: '<script>x</script>'\n"},
     ("areas/plain-area.yml:2:14", "markup-in-text", "contains '<script>x</s'"))
case("markup-in-source-title", {"terms/plain-source.yml": term(
    "Plain source", "sources:\n  - title: <a href=x>x</a>\n    url: https://example.org/\n")},
     ("terms/plain-source.yml:5:12", "markup-in-text", "contains '<a href=x>x<'"))
case("direction-override-in-markdown", {"terms/plain-body.yml": term("Plain body", "body: 'A \u202ebody'\n")},
     ("terms/plain-body.yml:4:7", "control-character", "text-direction character"))
case("markup-in-author-name", {"authors.yml": "ana:\n  name: <img src=x onerror=alert(1)>\n  url: https://e.org/\n"},
     ("authors.yml:2:9", "markup-in-text", "which browsers read as HTML"), mergeable=False)


# --- what a dict cannot hold ------------------------------------------------------------
def _symlink_outside(content: Path) -> None:
    secret = content.parent / "secret.txt"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    os.symlink(secret, content / "terms" / "linked.yml")


def _symlink_loop(content: Path) -> None:
    os.symlink("loop-b.yml", content / "terms" / "loop-a.yml")
    os.symlink("loop-a.yml", content / "terms" / "loop-b.yml")


def _named_pipe(content: Path) -> None:
    os.mkfifo(content / "terms" / "pipe.yml")


case("symlink-to-a-file-outside", {}, ("terms/linked.yml:1:1", "outside-content", "outside the content folder"),
     setup=_symlink_outside)
case("symlink-loop", {}, ("terms/loop-a.yml:1:1", "outside-content", "symbolic link"),
     ("terms/loop-b.yml:1:1", "outside-content", "symbolic link"), setup=_symlink_loop)
case("named-pipe", {}, ("terms/pipe.yml:1:1", "unreadable-file", "is not a regular file"), setup=_named_pipe)


def write_case(content: Path, files: dict[str, str | bytes], setup: Callable[[Path], None] | None) -> None:
    """Write a case's files (bytes exactly as given) into a content folder that already has terms/ and areas/."""
    for relative, data in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")
    if setup is not None:
        setup(content)


def base_files(extra: dict[str, str | bytes] | None = None) -> dict[str, str | bytes]:
    """The valid part every case glossary has: one area."""
    return {AREA_FILE: AREA_TEXT, **(extra or {})}


@dataclass
class Glossary:
    """A folder name and the cases written into it."""

    name: str
    cases: list[Case] = field(default_factory=list)

    @property
    def expected(self) -> list[Expected]:
        return [e for c in self.cases for e in c.expected]


def glossaries() -> list[Glossary]:
    """The mergeable cases in one glossary; every other case in its own."""
    merged = Glossary("merged", [c for c in CASES if c.mergeable])
    alone = [c for c in CASES if not c.mergeable and not c.limits]
    return [merged] + [Glossary(f"alone-{i}", [c]) for i, c in enumerate(alone)]
