"""The Zensical host: its staging project, its mistakes as sentences, and its preview."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import BIN, ROOT, run, termsite
from enginebuilds import engine_available, example_build
from sitecopy import copy_example_site
from termsite.hosts.zensical.config import MARKDOWN_EXTENSION, SiteConfig
from termsite.hosts.zensical.markdown import MARKER_RE, marker
from termsite.hosts.zensical.nav import SiteNav, page_url

needs_zensical = pytest.mark.skipif(not engine_available("zensical"), reason="Zensical is not installed")
STAGING = ROOT / ".termsite-zensical"


def test_a_marker_cannot_end_its_comment_early() -> None:
    data = {"generated": "definition/x/index.md", "toc": [[2, "faq", "Is --> a <b>tag</b> & more?"]]}
    line = marker(data)
    assert line.count("-->") == 1 and line.endswith(" -->") and "<b>" not in line
    match = MARKER_RE.match(line)
    assert match is not None and json.loads(match.group(1)) == data


def test_the_zensical_configuration_keeps_the_site_s_and_drops_the_plugin(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(textwrap.dedent("""\
        site_name: Tagged
        site_url: https://tagged.example/
        theme: {name: material, custom_dir: overrides}
        plugins:
          - search
          - termsite: {content_dir: glossary}
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
          - toc: {permalink: true}
        extra:
          token: !ENV [SOME_TOKEN, none]
        """), encoding="utf-8")
    site = SiteConfig.read(config)
    assert site.termsite_options() == {"content_dir": "glossary"}
    text = site.for_zensical(docs_dir="docs", site_dir="site", custom_dir="overrides-staged")
    assert "!!python/name:material.extensions.emoji.twemoji" in text and "!ENV" in text
    assert "termsite:" not in text.split("\n", 1)[1]  # the header comment names the command, not the plugin
    tolerant = yaml.load(re.sub(r"!!?[A-Za-z/:._]+", "", text), Loader=yaml.SafeLoader)
    assert tolerant["plugins"] == ["search"]
    assert (tolerant["docs_dir"], tolerant["site_dir"], tolerant["theme"]["custom_dir"]) == (
        "docs", "site", "overrides-staged")
    assert tolerant["markdown_extensions"][-1] == MARKDOWN_EXTENSION
    assert tolerant["markdown_extensions"][1] == {"toc": {"permalink": True}}


def test_pages_find_their_address_and_nav_section_as_on_mkdocs() -> None:
    assert [page_url(s, True) for s in ("index.md", "about.md", "guides/index.md", "guides/x.md")] == [
        "", "about/", "guides/", "guides/x/"]
    assert page_url("guides/x.md", False) == "guides/x.html"
    nav = SiteNav.read([{"Home": "index.md"}, {"Guides": [{"Overview": "guides/index.md"}, {"Funding": "guides/f.md"}]},
                        "about.md"], [], True)
    assert (nav.title("guides/f.md"), nav.section("guides/f.md")) == ("Funding", ("Guides", "guides/"))
    assert (nav.title("about.md"), nav.section("about.md")) == (None, None)
    folders = SiteNav.read(None, ["index.md", "user-guides/index.md", "user-guides/a.md"], True)
    assert folders.section("user-guides/a.md") == ("User guides", "user-guides/")


@needs_zensical
def test_the_staging_project_is_what_zensical_needs(tmp_path_factory: pytest.TempPathFactory) -> None:
    example_build("zensical", tmp_path_factory)
    overrides = STAGING / "overrides"
    assert (overrides / "main.html").is_file() and (overrides / "partials" / "termsite-head.html").is_file()
    assert not (overrides / "partials" / "search.html").exists()  # mkdocs-material 9.8's search form
    staged = yaml.safe_load((STAGING / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [p for p in staged["plugins"] if "termsite" in json.dumps(p)] == []
    assert staged["markdown_extensions"][-1] == MARKDOWN_EXTENSION
    term = (STAGING / "docs" / "definition" / "mark-price" / "index.md").read_text(encoding="utf-8")
    front, body = term.split("\n---\n", 1)
    meta = yaml.safe_load(front.removeprefix("---\n"))
    assert meta["title"] == "Mark Price" and meta["search"] == {"exclude": True}
    assert meta["termsite"]["kind"] == "term" and meta["termsite"]["lastmod"] == "2026-05-12T14:30:00+00:00"
    assert [json.loads(block)["@type"] for block in meta["termsite"]["jsonld"]] == [
        "BreadcrumbList", "Article", "DefinedTerm", "FAQPage"]
    first, html = body.split("\n", 1)
    assert json.loads(MARKER_RE.match(first).group(1))["generated"] == "definition/mark-price/index.md"  # type: ignore[union-attr]
    assert html.lstrip().startswith("<")
    guide = (STAGING / "docs" / "guides" / "reading-funding-rates.md").read_text(encoding="utf-8")
    source = (ROOT / "content" / "pages" / "guides" / "reading-funding-rates.md").read_text(encoding="utf-8")
    assert guide.endswith(source.split("\n---\n", 1)[1])  # the page's own Markdown, untouched


@needs_zensical
def test_a_content_mistake_stops_before_anything_is_written(tmp_path: Path) -> None:
    project = copy_example_site(tmp_path / "project")
    site = tmp_path / "published"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    term = project / "content" / "terms" / "mark-price.yml"
    term.write_text(term.read_text(encoding="utf-8").replace("areas:", "areas: [no-such-area]\nareaz:", 1),
                    encoding="utf-8")
    result = termsite(["build", "--engine", "zensical", "-d", str(site)], project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(r"content/terms/mark-price\.yml:\d+:\d+: error\[", result.stderr), result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not (project / ".termsite-zensical").exists()


def test_a_missing_zensical_says_how_to_install_it(tmp_path: Path) -> None:
    fake = tmp_path / "shadow" / "zensical"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named zensical')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "shadow")}
    for command in (["build", "--engine", "zensical"], ["serve", "--engine", "zensical"]):
        result = subprocess.run([str(BIN / "termsite"), *command], cwd=ROOT, capture_output=True, text=True, env=env,
                                timeout=120)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"termsite {command[0]}: Zensical is not installed: install it with `pip install termsite[zensical]` "
            "(it needs Python 3.11 or newer)."]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(predicate, seconds: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@needs_zensical
def test_the_preview_regenerates_only_the_changed_pages(tmp_path: Path) -> None:
    project = copy_example_site(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "termsite"), "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                  env={**os.environ, "NO_COLOR": "1"})
    try:
        page = f"http://127.0.0.1:{port}/definition/mark-price/"
        _wait_for(lambda: "Mark Price" in _get(page), 180, "the preview to serve the mark price page")
        staged = project / ".termsite-zensical" / "docs"
        untouched = staged / "definition" / "auto-deleveraging" / "index.md"
        before = untouched.stat().st_mtime_ns
        term = project / "content" / "terms" / "mark-price.yml"
        new_summary = "The fair reference price of a contract, edited while the preview runs."
        text = term.read_text(encoding="utf-8")
        term.write_text(re.sub(r"^summary: .+$", f"summary: {new_summary}", text, count=1, flags=re.M),
                        encoding="utf-8")
        line = _wait_for(lambda: next((l for l in log.read_text().splitlines() if "regenerated" in l), ""), 120,
                         "termsite to regenerate the staging pages")
        count = int(re.search(r"regenerated (\d+) page", line).group(1))  # type: ignore[union-attr]
        assert 1 <= count < 40, line  # the term and the pages that show its summary in a tooltip; not all 70
        assert new_summary in (staged / "definition" / "mark-price" / "index.md").read_text(encoding="utf-8")
        assert untouched.stat().st_mtime_ns == before
        _wait_for(lambda: new_summary in _get(page), 120, "the preview to show the new summary")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@needs_zensical
def test_an_existing_docs_site_with_its_own_main_html_is_the_same_on_zensical(tmp_path: Path) -> None:
    """The knowledge-base recipe (tests/fixtures/docs-site): its own nav, home page and a main.html that
    leaves out termsite's head, which MkDocs' plugin adds after rendering and Zensical gets through a
    staged main.html extending the site's."""
    from test_engines import head, jsonld, pages_of, term_links
    from test_knowledge_base import make_docs_site

    project = make_docs_site(tmp_path / "docs-site")
    on_mkdocs, on_zensical = tmp_path / "mkdocs-site", tmp_path / "zensical-site"
    assert run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(on_mkdocs)], project).returncode == 0
    result = termsite(["build", "--engine", "zensical", "--strict", "-d", str(on_zensical)], project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (project / ".termsite-zensical" / "overrides" / "termsite-site-main.html").read_text(encoding="utf-8") == \
        (project / "overrides" / "main.html").read_text(encoding="utf-8")
    assert pages_of(on_zensical) == pages_of(on_mkdocs)
    for name in pages_of(on_mkdocs):
        assert jsonld(on_zensical / name) == jsonld(on_mkdocs / name), name
        assert head(on_zensical / name) == head(on_mkdocs / name), name
    guide = term_links(on_zensical / "guide/index.html")
    assert guide == term_links(on_mkdocs / "guide/index.html") and len(guide) >= 3
    assert "Example Exchange documentation" in (on_zensical / "guide/index.html").read_text(encoding="utf-8")
