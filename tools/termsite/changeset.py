"""Writes a planned set of file changes all together, or not at all.

``termsite new`` and ``termsite rename`` touch several content files at once (a new
term and the areas that list it; a renamed term and every file that refers to it). A
glossary with half of such a change is worse than either side of it: references break.
So commands first *plan* every change in memory and validate the result, then hand the
plan to :func:`apply_changes`, which works in three phases:

1. **prepare**: write every new text to a temporary file in the target's own folder
   (same file system, so the final rename is atomic). Any failure here (disk full, no
   permission) removes the temporary files and leaves the glossary untouched.
2. **commit**: ``os.replace`` each temporary file over its target, then delete the files
   the plan removes. Renames within a folder do not run out of space; should one fail
   anyway, every file already replaced is put back from its original bytes (read during
   planning), and files created by the plan are removed.
3. Each single write is atomic throughout: a reader (an editor, ``mkdocs serve``) sees a
   file either before or after, never half written.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


class ChangeError(Exception):
    """The change set could not be applied; nothing was changed (the message says what failed)."""


@dataclass(frozen=True)
class FileChange:
    """One file's planned new text; ``text=None`` deletes the file. ``original`` is None for a new file."""

    path: Path
    text: str | None
    original: bytes | None


def plan_write(path: Path, text: str) -> FileChange:
    return FileChange(path, text, path.read_bytes() if path.exists() else None)


def plan_delete(path: Path) -> FileChange:
    return FileChange(path, None, path.read_bytes())


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file through a temporary file in the same folder and ``os.replace``."""
    temporary = _temporary_copy(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        _remove_quietly(temporary)
        raise


def _temporary_copy(path: Path, data: bytes) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():  # keep the permissions the contributor's file had
            os.chmod(name, path.stat().st_mode & 0o7777)
        else:
            os.chmod(name, 0o666 & ~_umask())
    except BaseException:
        _remove_quietly(Path(name))
        raise
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def apply_changes(changes: list[FileChange]) -> None:
    """Apply every change or none; raise ChangeError (with the glossary as it was) on failure."""
    staged: list[tuple[FileChange, Path]] = []
    try:
        for change in changes:
            if change.text is not None:
                change.path.parent.mkdir(parents=True, exist_ok=True)
                staged.append((change, _temporary_copy(change.path, change.text.encode("utf-8"))))
    except OSError as error:
        for _, temporary in staged:
            _remove_quietly(temporary)
        raise ChangeError(f"could not write {error.filename or 'a file'}: {error.strerror}; nothing was changed.") \
            from None

    done: list[FileChange] = []
    try:
        for change, temporary in staged:
            os.replace(temporary, change.path)
            done.append(change)
        for change in changes:
            if change.text is None:
                change.path.unlink()
                done.append(change)
    except OSError as error:
        for _, temporary in staged:
            _remove_quietly(temporary)
        _roll_back(done)
        raise ChangeError(f"could not update {error.filename or 'a file'}: {error.strerror}; "
                          "the files already changed were restored.") from None


def _roll_back(done: list[FileChange]) -> None:
    for change in reversed(done):
        if change.original is None:
            _remove_quietly(change.path)
        else:
            write_atomic(change.path, change.original)
