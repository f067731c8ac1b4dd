"""The cache of rendered Markdown: reused across builds, never trusted, never needed."""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, mkdocs_build
from termsite.content.loader import load_glossary
from termsite.content.model import Glossary
from termsite.graph import links
from termsite.graph.fragments import FILE_NAME, FORMAT, FragmentCache, text_key
from termsite.graph.links import LinkGraph, build_link_graph
from termsite.settings import Publisher, SiteSettings

SETTINGS = SiteSettings("https://g.example/", "G", Publisher("G"))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "content", default_author="editors")


def linked_html(graph: LinkGraph) -> dict[str, list[str]]:
    entries = {f"term:{slug}": links_ for slug, links_ in graph.terms.items()}
    entries.update({f"area:{slug}": links_ for slug, links_ in graph.areas.items()})
    return {key: [e.main.html, *(faq.answer.html for faq in e.faq)] for key, e in entries.items()}


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts that the Markdown renderer is asked to render, in this process."""
    calls: list[str] = []
    original = links.render_markdown

    def counting(text: str) -> str:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(links, "render_markdown", counting)
    monkeypatch.setattr("termsite.workers.PARALLEL_FROM_ITEMS", 10 ** 9)  # the calls stay in this process
    return calls


def test_a_second_build_renders_nothing_and_links_the_same(glossary: Glossary, tmp_path: Path,
                                                           rendered: list[str]) -> None:
    without = linked_html(build_link_graph(glossary, SETTINGS.urls))
    first = linked_html(build_link_graph(glossary, SETTINGS.urls, fragments=FragmentCache(tmp_path)))
    fields = len(rendered)  # an empty cache: every field rendered
    assert fields > 100
    second = linked_html(build_link_graph(glossary, SETTINGS.urls, fragments=FragmentCache(tmp_path)))
    assert len(rendered) == fields  # and now none
    assert first == without and second == without


def test_the_cache_keeps_only_what_the_last_build_used(glossary: Glossary, tmp_path: Path) -> None:
    cache = FragmentCache(tmp_path)
    cache.save({"an old body that no term has any more": "<p>old</p>"})
    build_link_graph(glossary, SETTINGS.urls, fragments=FragmentCache(tmp_path))
    stored = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert stored["format"] == FORMAT
    assert text_key("an old body that no term has any more") not in stored["fragments"]
    term = glossary.terms["mark-price"]
    assert stored["fragments"][text_key(term.body)].startswith("<p>")


@pytest.mark.parametrize("content", [
    b"",  # empty
    b"\x80\x81 not UTF-8",
    b'{"format": "termsite 0.0.1 fragments 1", "fragments": {}}',  # another version
    b'{"format": "' + FORMAT.encode() + b'", "fragments": [1, 2]}',  # not a mapping
    b'{"format": "' + FORMAT.encode() + b'", "fragments": {"abc": 1, "def": null}}',  # not text
    b'{"format": "' + FORMAT.encode() + b'", "fragm',  # truncated
    b"[]",
])
def test_a_corrupt_or_stale_cache_is_ignored(glossary: Glossary, tmp_path: Path, content: bytes,
                                             rendered: list[str]) -> None:
    (tmp_path / FILE_NAME).write_bytes(content)
    graph = build_link_graph(glossary, SETTINGS.urls, fragments=FragmentCache(tmp_path))
    assert linked_html(graph) == linked_html(build_link_graph(glossary, SETTINGS.urls))
    assert json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))["format"] == FORMAT  # rewritten


def test_a_planted_entry_is_sanitized_like_any_rendering(glossary: Glossary, tmp_path: Path) -> None:
    """The cache holds the renderer's output before sanitizing: what a cache file says cannot reach a page."""
    body = glossary.terms["mark-price"].body
    planted = '<p>Hello <script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">x</a></p>'
    (tmp_path / FILE_NAME).write_text(json.dumps({"format": FORMAT, "fragments": {text_key(body): planted}}),
                                      encoding="utf-8")
    graph = build_link_graph(glossary, SETTINGS.urls, fragments=FragmentCache(tmp_path))
    html = graph.terms["mark-price"].main.html
    assert "Hello" in html
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html


def test_an_unwritable_cache_costs_time_not_the_build(glossary: Glossary, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    graph = build_link_graph(glossary, SETTINGS.urls, fragments=FragmentCache(blocker / "termsite"))
    assert linked_html(graph) == linked_html(build_link_graph(glossary, SETTINGS.urls))


def _built_tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site, the generator tag aside (it names MkDocs' version, the same here)."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_mkdocs_build_writes_the_same_site_with_and_without_the_cache(tmp_path: Path) -> None:
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("../../../site_overrides", str(ROOT / "site_overrides"))
    config.write_text(text.replace("../../../templates", str(ROOT / "templates")), encoding="utf-8")
    cache = project / ".cache" / "termsite" / FILE_NAME
    sites = []
    for name in ("cold", "warm", "corrupt"):
        if name == "corrupt":
            cache.write_bytes(cache.read_bytes()[:200])
        result = mkdocs_build(project, tmp_path / name)
        assert result.returncode == 0, result.stderr[-3000:]
        assert cache.is_file()  # written beside mkdocs.yml by the first build, rewritten after the corrupt one
        sites.append(_built_tree(tmp_path / name))
    cold, warm, corrupt = sites
    assert cold.keys() == warm.keys() == corrupt.keys()
    assert [name for name in cold if cold[name] != warm[name] or cold[name] != corrupt[name]] == []
    assert filecmp.cmp(tmp_path / "cold/index.html", tmp_path / "warm/index.html", shallow=False)
