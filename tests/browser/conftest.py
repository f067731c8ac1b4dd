"""The example site as readers see it: built once, served on localhost, opened in headless Chromium.

Chromium is Debian's (``make test`` installs it); Playwright only drives it, so nothing is
downloaded at test time. Every request to a host other than localhost is aborted and
recorded: the site must not load anything from elsewhere, and the sources it cites are
never fetched.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
import yaml

from playwright.sync_api import (Browser, BrowserContext, ConsoleMessage, Page, Playwright, Request, Response, Route,
                                 sync_playwright)

from conftest import ROOT, mkdocs_build
from termsite.content.loader import load_glossary
from termsite.content.model import Glossary

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules/axe-core/axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# Launch flags for a quiet, offline, reproducible browser; Playwright gives every launch a
# fresh temporary profile (user-data dir) of its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end tests in headless Chromium (tests/browser)")


@dataclass(frozen=True)
class ExampleSite:
    """The built example site and what it was built from."""

    root: Path
    glossary: Glossary
    site_url: str
    site_name: str

    def page_paths(self) -> list[str]:
        """Site paths of every page ('' is home), in a stable order; 404.html included."""
        paths = []
        for index in sorted(self.root.rglob("index.html")):
            relative = index.parent.relative_to(self.root).as_posix()
            paths.append("" if relative == "." else relative + "/")
        if (self.root / "404.html").is_file():
            paths.append("404.html")
        return paths


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> ExampleSite:
    """``mkdocs build --strict`` of the repository's example glossary, once per session."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr[-3000:]
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["termsite"] for p in config["plugins"] if isinstance(p, dict) and "termsite" in p)
    glossary = load_glossary(ROOT / plugin.get("content_dir", "content"),
                             default_author=plugin.get("default_author", ""))
    return ExampleSite(site, glossary, config["site_url"], config["site_name"])


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site quietly, with a cache lifetime as a static host would give it,
    so that a test going from page to page does not fetch the theme's scripts each time."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def base_url(example_site: ExampleSite) -> Iterator[str]:
    """The site served over HTTP on a free localhost port, as a static host would serve it."""
    handler = functools.partial(_StaticHandler, directory=str(example_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium and chromium-driver")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Problems:
    """What went wrong while pages were open: console errors, failed requests, outside requests."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    in_flight: set[Request] = field(default_factory=set)  # sent, and not yet finished or failed

    def watch(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("page", self._watch_page)
        context.on("request", lambda request: self.in_flight.add(request))
        context.on("requestfinished", lambda request: self.in_flight.discard(request))
        context.on("requestfailed", self._request_failed)
        context.on("response", self._response)

    def _route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def _watch_page(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type == "error" and not self._is_blocked(message.text):
            self.console_errors.append(f"{page.url}: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.status} {response.url}")

    def _request_failed(self, request: Request) -> None:
        self.in_flight.discard(request)
        if request.url not in self.outside_requests:
            self.failed_requests.append(f"{request.failure} {request.url}")

    @staticmethod
    def _is_blocked(text: str) -> bool:
        # Chromium's console line for a request the route aborted; it is counted in outside_requests.
        return "ERR_BLOCKED_BY_CLIENT" in text


class Session:
    """A browser context with its problems recorded, and helpers to open the site's pages."""

    def __init__(self, context: BrowserContext, base_url: str, problems: Problems) -> None:
        self.context = context
        self.base_url = base_url
        self.problems = problems

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def open(self, path: str) -> Page:
        page = self.context.new_page()
        response = page.goto(self.url(path))
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        self.settle(page)
        return page

    def settle(self, page: Page, timeout_ms: int = 5_000) -> None:
        """Wait until no request is in flight (the page's late ones too: search worker, favicon).

        Leaving a page earlier would abort them and count as failures that no reader sees.
        """
        waited = 0
        while self.problems.in_flight and waited < timeout_ms:
            page.wait_for_timeout(20)  # lets Playwright deliver the pending request events
            waited += 20
        assert not self.problems.in_flight, [request.url for request in self.problems.in_flight]

    def assert_clean(self) -> None:
        assert self.problems.console_errors == []
        assert self.problems.failed_requests == []
        assert self.problems.outside_requests == []


@contextmanager
def open_session(browser: Browser, base_url: str, viewport: dict[str, int]) -> Iterator[Session]:
    """A fresh browser context (no cookies, no cache) of the given viewport size."""
    context = browser.new_context(viewport=viewport, base_url=base_url)
    context.set_default_timeout(10_000)
    problems = Problems()
    problems.watch(context)
    try:
        yield Session(context, base_url, problems)
    finally:
        context.close()


@pytest.fixture
def desktop(browser: Browser, base_url: str) -> Iterator[Session]:
    with open_session(browser, base_url, DESKTOP) as session:
        yield session


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Session]:
    with open_session(browser, base_url, PHONE) as session:
        yield session


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
