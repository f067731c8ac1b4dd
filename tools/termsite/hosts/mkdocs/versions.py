"""What a ``mkdocs serve --dirty`` rebuild must render again.

MkDocs skips a page in a dirty build when its file says it is not modified. A generated
page has no file on disk: it is modified when the core built a new page object for it
(see :mod:`termsite.site.incremental`), or when mkdocs.yml, a template or a theme override
changed, which can change every page.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class GeneratedPageFile(File):
    """A generated page whose ``is_modified`` is decided by the plugin, not by a file's time."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


class GeneratedPageObject(Page):
    """MkDocs' page object of a generated page, which has no Markdown of its own.

    MkDocs renders every page's Markdown with a new Markdown instance and every configured
    extension, about 3 ms a page even for an empty text; termsite makes a generated page's
    HTML when the page is written, so that step is left out. What it would have set for an
    empty text is set here.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


class BuildEnvironment:
    """The modification times of what every page is rendered with."""

    def __init__(self) -> None:
        self._seen: tuple[tuple[str, float], ...] = ()

    def changed(self, config: MkDocsConfig, templates_dir: Path) -> bool:
        paths = [config.config_file_path] if config.config_file_path else []
        installed = Path(config.theme.dirs[-1]).parents[1]  # installed themes change only on upgrade
        for folder in [str(templates_dir), *config.theme.dirs]:
            if Path(folder).is_relative_to(installed):
                continue
            for root, _, names in os.walk(folder):
                paths += [os.path.join(root, name) for name in names if name.endswith(".html")]
        seen = tuple(sorted((p, os.path.getmtime(p)) for p in paths if os.path.exists(p)))
        changed, self._seen = seen != self._seen, seen
        return changed
