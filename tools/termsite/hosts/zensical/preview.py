"""``termsite serve --engine zensical``: Zensical's preview server over the staging project.

Zensical watches the staging ``docs_dir`` and renders again the files whose text changed.
termsite watches what the staging files are made from (``content/``, the site's
``docs_dir``, ``mkdocs.yml``, the templates) and, after an edit, loads the content again
and rewrites only the staging files whose text changed: an edited term rewrites its page and
the pages that show its name or summary, not the whole site. A content mistake is printed
with its file and line, and the preview keeps showing the last good site until it is fixed.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from termsite.hosts.zensical import engine, markdown
from termsite.hosts.zensical.host import STAGING_DIR, ZensicalSite
from termsite.problems import ContentError

log = logging.getLogger("termsite.zensical")

POLL_SECONDS = 0.5


def watched_state(folders: list[Path], files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Every watched file with its modification time and size: a change of any of them is an edit."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != STAGING_DIR]
            for name in names:
                path = os.path.join(root, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                found.append((path, status.st_mtime_ns, status.st_size))
    for path in files:
        try:
            status = path.stat()
            found.append((str(path), status.st_mtime_ns, status.st_size))
        except OSError:
            continue
    return tuple(sorted(found))


class StagingWatcher:
    """Keeps the staging project up to date with the site's sources while Zensical serves it."""

    def __init__(self, site: ZensicalSite) -> None:
        self.site = site
        self.stopped = threading.Event()
        self._state = self._current()

    def _sources(self) -> tuple[list[Path], list[Path]]:
        site = self.site
        assert site.config is not None
        folders = [site.content_dir, site.config.docs_dir]
        if site.renderer is not None:
            folders.append(Path(site.renderer.templates_dir))
        if site.config.custom_dir is not None:
            folders.append(site.config.custom_dir)
        return folders, [site.config.path]

    def _current(self) -> tuple[tuple[str, int, int], ...]:
        return watched_state(*self._sources())

    def check(self) -> list[str]:
        """Restage if a source changed; returns the staging files written."""
        state = self._current()
        if state == self._state:
            return []
        self._state = state
        try:
            self.site.load()
        except ContentError as error:
            log.error(error.report())
            log.error("termsite: the preview shows the last good site until the content is fixed.")
            return []
        report = self.site.stage()
        if report.written or report.removed:
            log.info(f"termsite: regenerated {len(report.written)} page(s)"
                     + (f", removed {len(report.removed)}" if report.removed else "") + ": "
                     + ", ".join((report.written + report.removed)[:8])
                     + (" …" if len(report.written) + len(report.removed) > 8 else ""))
        return report.written

    def run(self) -> None:
        while not self.stopped.wait(POLL_SECONDS):
            try:
                self.check()
            except Exception as error:  # noqa: BLE001 - the preview goes on; the next edit tries again
                log.error(f"termsite: could not update the preview: {error}")


def serve(config_file: Path, *, dev_addr: str | None = None) -> int:
    site = ZensicalSite(config_file)
    site.load()
    site.stage()
    watcher = StagingWatcher(site)
    thread = threading.Thread(target=watcher.run, name="termsite-watch", daemon=True)
    thread.start()
    markdown.ACTIVE = site
    try:
        engine.serve(site.staging_config, dev_addr=dev_addr)
    except KeyboardInterrupt:
        return 130
    finally:
        watcher.stopped.set()
        markdown.ACTIVE = None
    return 0
