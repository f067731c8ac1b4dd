"""Writing with the preview open: `mkdocs serve` on a copy of the example, driven in the real browser.

A content or front-matter mistake must show in the browser (the open page reloads into a
page listing each problem with its line quoted), the next good save must bring the page
back, and a `--dirty` preview must render again only the edited page and the term pages
whose "Mentioned in" list it changed.
"""

from __future__ import annotations

import re
import socket
import subprocess
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, expect

from conftest import BIN
from sitecopy import copy_example_site

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

STARTUP_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Preview:
    project: Path
    url: str
    lines: list[str] = field(default_factory=list)

    def wait_for_log(self, pattern: str, after: int, timeout: float = 120) -> int:
        """Wait for a log line matching ``pattern`` after line ``after``; returns its index."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(after, len(self.lines)):
                if regex.search(self.lines[index]):
                    return index
            time.sleep(0.1)
        raise AssertionError(f"no log line matching {pattern!r}; last lines:\n" + "\n".join(self.lines[-30:]))

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextmanager
def serving(project: Path, *flags: str) -> Iterator[Preview]:
    port = _free_port()
    process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "-v", *flags], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN) + ":/usr/bin:/bin"})
    preview = Preview(project, f"http://127.0.0.1:{port}/")
    reader = threading.Thread(target=lambda: [preview.lines.append(line.rstrip()) for line in process.stdout],
                              daemon=True)
    reader.start()
    try:
        preview.wait_for_log(r"Serving on http://127\.0\.0\.1", 0, timeout=STARTUP_SECONDS)
        yield preview
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_content_mistake_shows_in_the_open_page_and_the_next_good_save_brings_it_back(
        browser: Browser, tmp_path: Path) -> None:
    project = copy_example_site(tmp_path / "site")
    with serving(project) as preview:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(preview.url + "definition/mark-price/")
        expect(page.locator("h1")).to_have_text("Mark Price")
        line = next(n for n, text in enumerate(
            (project / "content/terms/mark-price.yml").read_text(encoding="utf-8").splitlines(), start=1)
            if text.startswith("summary:"))
        preview.edit("content/terms/mark-price.yml", "summary: ", "title: Mark Price Again\nsummary: ")
        problems = page.locator("#termsite-problems")
        expect(problems).to_be_visible(timeout=60_000)  # the open page reloaded by itself
        items = problems.locator("li")
        expect(items).to_have_count(1)
        expect(items.first).to_contain_text(f"content/terms/mark-price.yml:{line}:1: error[duplicate-key]")
        expect(items.first.locator("pre")).to_have_text(f"{line:>4} | title: Mark Price Again")
        # a front-matter mistake in a hand-written page is listed the same way
        preview.edit("content/pages/about.md", "author: editors", "author: nobody")
        preview.edit("content/terms/mark-price.yml", "title: Mark Price Again\n", "")
        expect(problems).to_contain_text("content/pages/about.md:4:1: error[unknown-reference] author: unknown "
                                         "author 'nobody'", timeout=60_000)
        expect(problems.locator("li")).to_have_count(1)
        expect(problems.locator("pre")).to_contain_text("author: nobody")
        preview.edit("content/pages/about.md", "author: nobody", "author: editors")
        expect(page.locator("h1")).to_have_text("Mark Price", timeout=60_000)
        expect(page.locator("#termsite-problems")).to_have_count(0)
        context.close()


def test_a_dirty_preview_renders_only_the_edited_page_and_the_terms_it_now_mentions(tmp_path: Path) -> None:
    project = copy_example_site(tmp_path / "site")
    with serving(project, "--dirty") as preview:
        site_dir = Path(next(match.group(1) for line in preview.lines
                             if (match := re.search(r"Config value 'site_dir' = '([^']+)'", line))))
        term_page = preview.url + "definition/order-book/"
        assert "about/" not in _mentioned_in(urllib.request.urlopen(term_page).read().decode("utf-8"))
        written = {path: path.stat().st_mtime_ns for path in site_dir.rglob("*.html")}
        start = len(preview.lines)
        time.sleep(1.1)  # file times of the rebuild differ from the first build's
        preview.edit("content/pages/about.md", "## termsite editorial team",
                     "Orders wait in the order book until they trade.\n\n## termsite editorial team")
        preview.wait_for_log(r"Reloading browsers", start)
        rewritten = {path.relative_to(site_dir).as_posix() for path, mtime in written.items()
                     if path.stat().st_mtime_ns != mtime}
        assert {"about/index.html", "definition/order-book/index.html"} <= rewritten
        # (the home pages, each language's among them, list every entry's dates: they are made again)
        hand_written = {name for name in rewritten if not name.startswith(("definition/", "area/"))
                        and name not in ("index.html", "404.html", "de/index.html", "es/index.html")}
        assert hand_written == {"about/index.html"}  # no other hand-written page was rendered again
        assert len(rewritten) < len(written) / 4
        assert 'href="../../about/"' in _mentioned_in(urllib.request.urlopen(term_page).read().decode("utf-8"))


def _mentioned_in(html: str) -> str:
    """The "Mentioned in" list of a term page ('' when it has none)."""
    if 'id="mentioned-in"' not in html:
        return ""
    section = html[html.index('id="mentioned-in"'):]
    return section[:section.index("</ul>")]
