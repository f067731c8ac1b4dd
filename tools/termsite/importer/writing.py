"""Atomic writes that never replace a file someone changed in the meantime.

Each file is written to a temporary file in its own folder and moved into place with
``os.replace``, so a reader (an editor, ``mkdocs serve``) sees the old file or the new
one, never half of one. Right before the move, the target is checked to still hold what
the plan was made from (nothing, for a new file).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from termsite.content.loader import display_path


class ChangedMeanwhile(Exception):
    """The file changed between planning and writing; it was not touched."""


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def write_atomically(path: Path, text: str, expected: str | None) -> None:
    """Write ``text`` to ``path`` if the file still holds ``expected`` (None: does not exist)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if _current(path) != expected:
        raise ChangedMeanwhile(f"{display_path(path)} changed while the import ran; it was left as it is.")
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if _current(path) != expected:  # the window since the first check is small; close it where we can
            raise ChangedMeanwhile(f"{display_path(path)} changed while the import ran; it was left as it is.")
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
