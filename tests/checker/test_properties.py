"""Property-based robustness: mutated pages never make the checker raise."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termsite.checker.extract import PageDocument
from termsite.checker.runner import check_page, PageTask
from termsite.checker.samplesite import SampleSite, jsonld_script
from termsite.checker.site import summarize

from .helpers import config

SAMPLE = SampleSite(terms=3, areas=1, nav_links=2)
PAGES = [SAMPLE.area(SAMPLE.areas[0]), SAMPLE.term(SAMPLE.terms[0]), SAMPLE.term_index(), SAMPLE.home()]
CFG = config(site_url="https://glossary.termsite.example/", termsite=True)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def _blocks(html: str) -> list[Any]:
    doc = PageDocument("x", html)
    return [b.data for b in doc.blocks]


def _mutate(value: Any, rng: random.Random, replacement: Any) -> Any:
    """Delete, duplicate or retype one key somewhere in the JSON value."""
    nodes: list[Any] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            nodes.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            nodes.append(item)
            stack.extend(item)
    if not nodes:
        return replacement
    target = rng.choice(nodes)
    if isinstance(target, dict) and target:
        key = rng.choice(sorted(target))
        action = rng.choice(["delete", "duplicate", "retype"])
        if action == "delete":
            del target[key]
        elif action == "duplicate":
            target[key + rng.choice(["", "x", "@"])] = target[key]
        else:
            target[key] = replacement
    elif isinstance(target, list):
        if target and rng.random() < 0.5:
            target[rng.randrange(len(target))] = replacement
        else:
            target.append(replacement)
    return value


def _check(tmp_path: Path, html: str | bytes, rel_url: str = "area/x/") -> None:
    path = tmp_path / "page.html"
    path.write_bytes(html if isinstance(html, bytes) else html.encode("utf-8", "surrogatepass"))
    problems, summary, _ = check_page(PageTask(str(path), "page.html", 0, rel_url), CFG)
    assert not [p for p in problems if p.rule_id == "internal-error"], problems


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(page_index=st.integers(0, len(PAGES) - 1), seed=st.integers(0, 2**32), replacement=json_values,
       mutations=st.integers(1, 4))
def test_mutated_json_never_raises(tmp_path: Path, page_index: int, seed: int, replacement: Any, mutations: int) -> None:
    html = PAGES[page_index]
    rng = random.Random(seed)
    blocks = _blocks(html)
    for _ in range(mutations):
        index = rng.randrange(len(blocks))
        blocks[index] = _mutate(blocks[index], rng, copy.deepcopy(replacement))
    head, rest = html.split("<script type=\"application/ld+json\">", 1)
    tail = rest[rest.rindex("</script>", 0, rest.index("<script>var __md_scope")) + len("</script>"):]
    mutated = head + "\n".join(jsonld_script(b) if isinstance(b, dict) else jsonld_script({"x": b}) for b in blocks) + tail
    _check(tmp_path, mutated)


@SETTINGS
@given(page_index=st.integers(0, len(PAGES) - 1), cut=st.floats(0, 1))
def test_truncated_html_never_raises(tmp_path: Path, page_index: int, cut: float) -> None:
    html = PAGES[page_index]
    _check(tmp_path, html[: int(len(html) * cut)])


@SETTINGS
@given(page_index=st.integers(0, len(PAGES) - 1), position=st.floats(0, 1), garbage=st.binary(min_size=1, max_size=64))
def test_garbage_bytes_never_raise(tmp_path: Path, page_index: int, position: float, garbage: bytes) -> None:
    data = PAGES[page_index].encode("utf-8")
    at = int(len(data) * position)
    _check(tmp_path, data[:at] + garbage + data[at:])


@SETTINGS
@given(raw=st.text(max_size=200))
def test_arbitrary_block_text_never_raises(tmp_path: Path, raw: str) -> None:
    _check(tmp_path, f'<html><head><script type="application/ld+json">{raw}</script></head><body></body></html>')


@SETTINGS
@given(value=json_values)
def test_arbitrary_json_never_raises(tmp_path: Path, value: Any) -> None:
    wrapped = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": value, "hasPart": value,
               "itemListElement": value, "datePublished": value}
    html = PAGES[0].replace("</head>", jsonld_script(wrapped) + jsonld_script({"v": value}) + "</head>")
    _check(tmp_path, html)
    doc = PageDocument("x", html)
    summarize(doc, 0, "https://glossary.termsite.example/")
    json.dumps(value)  # hypothesis generated valid JSON
