"""Rendered Markdown fragments kept across builds, by content hash.

Rendering Markdown is most of the cost of linking a large glossary, and between two builds
almost every field is unchanged. The host gives a folder (``.cache/termsite/`` beside
``mkdocs.yml``); the renderer's output for each field is kept there under the SHA-256 of
the field's text, and the next build, or the next ``mkdocs serve``, renders only the
fields it has not seen.

The cache is only ever a shortcut: a build without it, or with a file that is corrupt,
truncated, from another termsite or Markdown version, or not a cache at all, renders
everything and writes the same pages. What it holds is the Markdown library's output
*before* sanitizing: every fragment still passes the sanitizer on each build, so a cache
file that someone planted or edited cannot put markup on a page that the content itself
could not. Cached text is JSON, never unpickled.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from termsite import __version__
from termsite.graph.markup import DIALECT

log = logging.getLogger("termsite")

FILE_NAME = "fragments.json"
FORMAT = f"termsite {__version__} fragments 1; {DIALECT}"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class FragmentCache:
    """The rendered (unsanitized) HTML of Markdown fields, read from and written to one JSON file."""

    def __init__(self, folder: Path | str) -> None:
        self.path = Path(folder) / FILE_NAME
        self._loaded: dict[str, str] | None = None

    @classmethod
    def kept(cls, previous: FragmentCache | None, folder: Path | str) -> FragmentCache:
        """The cache of ``folder``: ``previous`` when it is that one, so that a preview reads the file only once."""
        if previous is not None and previous.path == Path(folder) / FILE_NAME:
            return previous
        return cls(folder)

    def _load(self) -> dict[str, str]:
        if self._loaded is None:
            self._loaded = self._read()
        return self._loaded

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:  # unreadable, truncated, not JSON, not UTF-8
            log.debug(f"termsite: ignoring the fragment cache {self.path}: {error}")
            return {}
        fragments = data.get("fragments") if isinstance(data, dict) and data.get("format") == FORMAT else None
        if not isinstance(fragments, dict):
            log.debug(f"termsite: ignoring the fragment cache {self.path}: another format or version")
            return {}
        return {key: value for key, value in fragments.items() if isinstance(key, str) and isinstance(value, str)}

    def lookup(self, texts: list[str]) -> dict[str, str]:
        """The cached rendering of each text that has one: text -> unsanitized HTML."""
        if not texts:
            return {}
        fragments = self._load()
        if not fragments:
            return {}
        found = {}
        for text in texts:
            rendered = fragments.get(text_key(text))
            if rendered is not None:
                found[text] = rendered
        return found

    def save(self, rendered: dict[str, str]) -> None:
        """Keep exactly these renderings (text -> unsanitized HTML), replacing the file atomically.

        Only what the current build used is kept, so that the file does not grow with every edit.
        A cache that cannot be written costs the next build time, not correctness: it is logged.
        """
        fragments = {text_key(text): html for text, html in rendered.items()}
        if fragments == self._loaded:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{FILE_NAME}.", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump({"format": FORMAT, "fragments": fragments}, stream, ensure_ascii=False,
                              separators=(",", ":"))
                os.replace(temporary, self.path)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError as error:
            log.info(f"termsite: could not write the fragment cache {self.path}: {error}")
            return
        self._loaded = fragments
