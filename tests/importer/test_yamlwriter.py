"""The YAML writer: canonical key order, the right scalar styles, and values that load back unchanged."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termsite.content.fields import Collector
from termsite.content.model import AREA, AUTHORS, CANONICAL_ORDER, TERM
from termsite.content.yamlsource import parse_yaml_bytes
from termsite.authoring.yamlwriter import YamlWriteError, dump_map, dump_record


def load(text: str, record=TERM) -> dict:
    root, problems = parse_yaml_bytes(text.encode("utf-8"), "t.yml")
    assert root is not None, problems
    out = Collector("t.yml")
    values = record.convert_mapping(root, "", out)
    assert not out.problems
    return values


def test_keys_come_in_the_canonical_order() -> None:
    values = {"modified": "2025-01-02T00:00:00+00:00", "areas": ["a"], "summary": "S.", "title": "T",
              "published": "2025-01-01T00:00:00+00:00", "body": "B."}
    keys = [line.split(":")[0] for line in dump_record(values, TERM).splitlines() if line[:1].isalpha()]
    assert keys == [k for k in CANONICAL_ORDER["term"] if k in values]


def test_styles() -> None:
    text = dump_record({
        "title": "2024", "summary": "Yes: it's # not a comment", "aliases": ["MP", "a, b", "yes", "O'Neil"],
        "areas": ["order-matching"], "body": "Para.\n\n    code\n\n- item",
        "faq": [{"question": "Why?", "answer": " indented first line"}],
        "image": {"url": "https://x.test/a.png", "width": 10, "height": 20, "caption": "null"},
        "published": "2026-01-01T00:00:00Z",
    }, TERM, comments=["a comment"])
    assert text == (
        "# a comment\n"
        "title: '2024'\n"
        "summary: 'Yes: it''s # not a comment'\n"
        "aliases: [MP, 'a, b', 'yes', O'Neil]\n"
        "areas: [order-matching]\n"
        "body: |\n  Para.\n\n      code\n\n  - item\n"
        "faq:\n  - question: Why?\n    answer: |2\n       indented first line\n"
        "image:\n  url: https://x.test/a.png\n  width: 10\n  height: 20\n  caption: 'null'\n"
        "published: 2026-01-01T00:00:00Z\n")
    values = load(text)
    assert values["title"] == "2024" and values["image"].caption == "null"


def test_area_faq_and_authors() -> None:
    area = dump_record({"title": "A", "description": "D.", "faq": [{"aspect": "Trigger", "answer": "X."}],
                        "terms": ["b", "c"]}, AREA)
    assert "faq:\n  - aspect: Trigger\n    answer: |\n      X.\n" in area
    assert load(area, AREA)["terms"] == ["b", "c"]
    authors = dump_map({"ana-b": {"name": "Ana B", "url": "https://x.test/"}}, AUTHORS)
    assert authors == "ana-b:\n  name: Ana B\n  url: https://x.test/\n"


def test_unknown_fields_are_a_programming_error() -> None:
    with pytest.raises(YamlWriteError):
        dump_record({"title": "T", "nonsense": 1}, TERM)


LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf"), blacklist_characters="\u2028\u2029\x85\ufeff"),
               min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool) \
    .filter(lambda s: not re.search(r"<[A-Za-z/!?]", s))  # markup in plain text is refused by the loader, by design
MARKDOWN = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf"),
                                          blacklist_characters="\u2028\u2029\x85\ufeff"), max_size=30),
                    min_size=1, max_size=5).map("\n".join).filter(lambda s: s.strip())


@settings(max_examples=200, deadline=None)
@given(title=LINE, summary=LINE, aliases=st.lists(LINE, max_size=3, unique_by=str.casefold), body=MARKDOWN)
def test_any_text_loads_back_as_written(title: str, summary: str, aliases: list[str], body: str) -> None:
    aliases = [a for a in aliases if a.casefold() != title.casefold()]
    text = dump_record({"title": title[:120], "summary": summary, "aliases": aliases, "areas": ["a"],
                        "body": body}, TERM)
    values = load(text)
    assert values["title"] == title[:120].strip() or values["title"] == " ".join(title[:120].split())
    assert values["summary"] == summary
    assert values.get("aliases", []) == aliases
    expected_body = "\n".join(line if line.strip() else "" for line in body.split("\n")).strip()
    assert values["body"] == expected_body
