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
from mkdocs.structure.files import File


class GeneratedPageFile(File):
    """A generated page whose ``is_modified`` is decided by the plugin, not by a file's time."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


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
