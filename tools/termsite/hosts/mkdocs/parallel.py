"""Renders half of the generated pages in a forked process during ``mkdocs build``.

MkDocs renders pages one after another, and the theme's template is most of the cost
of a glossary page (about 4 ms with mkdocs-material). Once every page has been read
(``on_env``), the pages are final; a forked child then renders its share with MkDocs'
own page builder, while the parent's normal loop renders the rest and skips the child's
share through an empty template. The child reports warnings and failures through its
exit status, so ``--strict`` still fails the build.

Only for ``mkdocs build`` on systems with ``os.fork`` (Linux, macOS); ``serve`` runs
threads, and forking them is unsafe.
"""

from __future__ import annotations

import gc
import logging
import os
from typing import Any, Callable, Sequence

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.termsite")

SKIP_TEMPLATE = "termsite-rendered-elsewhere.html"
_CHILD_WARNINGS = 3
_CHILD_FAILED = 4

try:  # MkDocs' own page builder keeps every plugin hook and the theme's context identical.
    from mkdocs.commands.build import _build_page as build_page
except ImportError:  # pragma: no cover - a future MkDocs 1.x without it builds single-process
    build_page = None


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _SkippedPageFilter(logging.Filter):
    """Hides MkDocs' 'Page skipped ... empty output' notice for the pages the child renders."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.levelno == logging.INFO and message.startswith("Page skipped: '"):
            return message[len("Page skipped: '"):].split("'", 1)[0] not in self.sources
        return True


def available() -> bool:
    return build_page is not None and hasattr(os, "fork")


class ForkedRenderer:
    """One child process that renders a share of the pages; the parent waits for it after its own loop."""

    def __init__(self) -> None:
        self.pid = 0
        self._filter = _SkippedPageFilter()

    def start(self, pages: Sequence[Page], config: MkDocsConfig, files: Files, nav: Navigation,
              env: jinja2.Environment, then: Callable[[], None] | None = None) -> jinja2.Environment:
        """Fork; return the environment the parent should use from now on.

        ``then`` runs in the child after its pages, for other work of the build that can run
        beside the parent's share.
        """
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        # Flush before forking so that buffered output is not written twice.
        for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
            handler.flush()
        # The child's garbage collector would visit, and so copy, every object it inherited:
        # frozen, they stay shared with the parent (a 100,000-term parent holds gigabytes).
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            self._run_child(pages, config, doc_files, nav, env, then)
        gc.unfreeze()
        self.pid = pid
        for page in pages:
            page.meta["template"] = SKIP_TEMPLATE
            self._filter.sources.add(page.file.src_uri)
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)
        loader = jinja2.ChoiceLoader([jinja2.DictLoader({SKIP_TEMPLATE: ""}), env.loader])  # type: ignore[list-item]
        env.loader = loader
        return env

    @staticmethod
    def _run_child(pages: Sequence[Page], config: MkDocsConfig, doc_files: Sequence[Any], nav: Navigation,
                   env: jinja2.Environment, then: Callable[[], None] | None) -> None:
        counter = _Counter()
        logging.getLogger("mkdocs").addHandler(counter)
        status = 0
        try:
            render: Callable[..., None] = build_page  # type: ignore[assignment]
            for page in pages:
                render(page, config, doc_files, nav, env)
            if then is not None:
                then()
            status = _CHILD_WARNINGS if counter.count else 0
        except BaseException as error:  # noqa: BLE001 - reported by the parent through the exit status
            log.error(f"termsite: rendering pages in parallel failed: {error}")
            status = _CHILD_FAILED
        finally:
            logging.shutdown()
            os._exit(status)

    def finish(self) -> None:
        """Wait for the child; report its trouble as a warning (so --strict fails) or an error."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
        if not self.pid:
            return
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        code = os.waitstatus_to_exitcode(status)
        if code == _CHILD_WARNINGS:
            log.warning("termsite: warnings were logged while rendering pages in parallel (see above).")
        elif code != 0:
            raise PluginError(f"termsite: the process rendering pages in parallel failed (exit status {code}).")
