"""The SOURCE arguments of ``termsite import``: saved HTML pages, folders of them, Markdown exports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from termsite.content.loader import display_path

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_SOURCE_BYTES = 10_000_000
MAX_FOLDER_FILES = 20_000


class SourceError(Exception):
    """A source cannot be read; the message is a sentence that names it."""


class NotAGlossaryPage(SourceError):
    """The page has schema.org data, but not of an area or a term page (a home page, an index)."""


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    kind: str  # "html" or "markdown"
    text: str

    @property
    def name(self) -> str:
        return display_path(self.path)


def expand_sources(arguments: list[str]) -> tuple[list[Path], list[str]]:
    """The files named or contained (recursively, sorted) in the arguments, and an error line per bad argument."""
    files: list[Path] = []
    errors: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES +
                           MARKDOWN_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                errors.append(f"{display_path(path)}: the folder holds no saved pages (.html, .htm or .md files).")
            if len(found) > MAX_FOLDER_FILES:
                errors.append(f"{display_path(path)}: the folder holds more than {MAX_FOLDER_FILES:,} pages; "
                              "import it in parts.")
                found = []
            files += found
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{display_path(path)}: no such file or folder.")
    unique: list[Path] = []
    seen: set[Path] = set()
    for file in files:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique, errors


def read_source(path: Path) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        kind = "markdown"
    else:
        raise SourceError(f"{display_path(path)}: not a saved page; expected an .html, .htm or .md file.")
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(f"{display_path(path)}: the file is {size:,} bytes; pages larger than "
                              f"{MAX_SOURCE_BYTES:,} bytes are not imported.")
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{display_path(path)}: cannot read the file ({error.strerror or error}).") from None
    return SourceDocument(path, kind, _decode(data, kind))


def _decode(data: bytes, kind: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if kind == "html":
            # Older CMS pages declare another encoding; BeautifulSoup's detector reads the <meta charset>.
            from bs4.dammit import UnicodeDammit

            decoded = UnicodeDammit(data, is_html=True).unicode_markup
            if decoded is not None:
                return decoded
        return data.decode("utf-8", errors="replace")
