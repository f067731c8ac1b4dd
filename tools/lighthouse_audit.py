"""Lighthouse on a built site, the way a reader's phone would load it.

Used by ``tools/bench.py`` (the performance score of each page kind) and by
``tests/browser/test_lighthouse.py`` (accessibility, best practices and SEO at 100). The
site is served gzip-compressed from localhost by :class:`GzipSiteServer`, as a static host
serves it; Lighthouse (``tests/browser/node_modules``, installed by ``npm ci``) drives
Debian's Chromium, never a browser of its own.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tests/browser/node_modules/lighthouse/cli/index.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with a cache lifetime, gzip-compressed when the client accepts it."""

    def send_head(self) -> Any:  # noqa: ANN401 - the base class returns a file-like object or None
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (os.path.isfile(path) and accepts_gzip and content_type.startswith(_COMPRESSED_TYPES)):
            return super().send_head()
        body = _compressed(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class _Body:
    """What send_head returns for copyfile(): the compressed bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, mtime_ns: int) -> bytes:
    with open(path, "rb") as stream:
        return gzip.compress(stream.read(), compresslevel=6, mtime=0)


class GzipSiteServer:
    """A built site on a free localhost port, for the duration of a ``with`` block."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_GzipHandler, directory=str(root))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> GzipSiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass
class Audit:
    """One Lighthouse run of one page: category scores (0-100) and what failed."""

    url: str
    scores: dict[str, int]
    metrics: dict[str, float] = field(default_factory=dict)  # milliseconds (CLS unitless)
    failed: dict[str, list[str]] = field(default_factory=dict)  # category -> titles of audits below 1
    report: dict[str, Any] = field(default_factory=dict, repr=False)


def available() -> str:
    """Why Lighthouse cannot run here, or '' when it can."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (Debian's chromium package)"
    if not LIGHTHOUSE.is_file():
        return f"{LIGHTHOUSE} is missing (npm ci in tests/browser)"
    return ""


def audit(url: str, categories: tuple[str, ...] = CATEGORIES, *, desktop: bool = False,
          timeout: float = 300) -> Audit:
    """Run Lighthouse on one URL (mobile emulation and throttling unless ``desktop``)."""
    with tempfile.TemporaryDirectory(prefix="termsite-lighthouse-") as folder:
        output = Path(folder) / "report.json"
        args = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
                f"--chrome-flags={' '.join(CHROME_FLAGS)}", f"--only-categories={','.join(categories)}"]
        if desktop:
            args.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "HOME": folder}
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
        if done.returncode != 0 or not output.is_file():
            raise RuntimeError(f"lighthouse failed on {url} (exit {done.returncode}): {done.stderr[-2000:]}")
        report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    scores, failed = {}, {}
    for name, category in report["categories"].items():
        scores[name] = round(100 * (category["score"] or 0))
        failed[name] = sorted(
            f"{ref['id']}: {report['audits'][ref['id']]['title']}" for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0 and report["audits"][ref["id"]].get("score") not in (None, 1))
    metrics = {name: report["audits"][name]["numericValue"]
               for name in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                            "cumulative-layout-shift", "speed-index")
               if name in report["audits"] and "numericValue" in report["audits"][name]}
    return Audit(url, scores, metrics, failed, report)
