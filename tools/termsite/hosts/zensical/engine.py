"""Everything termsite asks of Zensical, in one place: the only module that imports it.

Zensical 0.0.x offers no plugin or module API. What termsite uses is what its command line
uses (``zensical.build``, ``zensical.serve``: the Rust runtime, calling back into Python to
read the configuration and render Markdown) and, for linking the hand-written pages before
the build, the two Python functions those callbacks are: ``zensical.config.parse_config``
and ``zensical.markdown.render.render``. Rendering a page through them gives exactly the
HTML, table of contents and links the build gives it. When Zensical ships its module API,
this module is the one to replace (docs/engines.md, "When Zensical ships modules").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

INSTALL_HINT = ("Zensical is not installed: install it with `pip install termsite[zensical]` "
                "(it needs Python 3.11 or newer).")


class ZensicalMissing(Exception):
    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class ZensicalFailed(Exception):
    """Zensical stopped with an error of its own; the message is Zensical's."""


def _zensical() -> ModuleType:
    try:
        import zensical
    except ImportError:
        raise ZensicalMissing() from None
    return zensical


def require() -> str:
    """Zensical's version; :class:`ZensicalMissing` when it cannot be imported."""
    return str(_zensical().version())


@dataclass(frozen=True)
class RenderedPage:
    content: str  # HTML
    toc: list[dict[str, Any]]


class MarkdownRenderer:
    """Renders pages as Zensical's build does, with the staging project's configuration."""

    def __init__(self, config_file: Path) -> None:
        _zensical()
        from zensical.config import parse_config

        parse_config(str(config_file))

    @staticmethod
    def render(markdown: str, source: str, url: str, meta: dict[str, Any]) -> RenderedPage:
        from zensical.markdown.render import render

        result = render(markdown, source, url, json.dumps(meta, default=str))
        return RenderedPage(str(result.get("content") or ""), list(result.get("toc") or []))


def build(config_file: Path, *, strict: bool) -> None:
    """``zensical build --clean`` of a configuration file (its cache keys on file text, not on termsite's code);
    :class:`ZensicalFailed` when it stops with an error."""
    zensical = _zensical()
    try:
        zensical.build(str(config_file), {"clean": True, "strict": strict})
    except Exception as error:  # noqa: BLE001 - Zensical raises its own kinds from Rust
        raise ZensicalFailed(str(error).strip() or type(error).__name__) from None


def serve(config_file: Path, *, dev_addr: str | None, open_browser: bool = False) -> None:
    """``zensical serve``: builds, serves and rebuilds the pages whose files change, until interrupted."""
    zensical = _zensical()
    options: dict[str, Any] = {"dev_addr": dev_addr or None, "open": open_browser, "strict": False}
    try:
        zensical.serve(str(config_file), options)
    except KeyboardInterrupt:
        raise
    except Exception as error:  # noqa: BLE001
        raise ZensicalFailed(str(error).strip() or type(error).__name__) from None
