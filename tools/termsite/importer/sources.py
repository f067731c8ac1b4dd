"""The SOURCE arguments of ``termsite import``: files and folders, read as bytes for a format's reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from termsite.content.loader import display_path

MAX_SOURCE_BYTES = 10_000_000
MAX_FOLDER_FILES = 20_000


class SourceError(Exception):
    """A source cannot be read; the message is a sentence that names it."""


class NotAGlossaryPage(SourceError):
    """The page has schema.org data, but not of an area or a term page (a home page, an index)."""


@dataclass(frozen=True)
class SourceDocument:
    """A saved page, decoded: an HTML page or a Markdown export of one."""

    path: Path
    kind: str  # "html" or "markdown"
    text: str

    @property
    def name(self) -> str:
        return display_path(self.path)


@dataclass(frozen=True)
class SourceFile:
    """One source as its bytes; the format's reader decodes it."""

    path: Path
    data: bytes

    @property
    def name(self) -> str:
        return display_path(self.path)

    @property
    def head(self) -> bytes:
        """The first bytes, for sniffing the format."""
        return self.data[:4096]


@dataclass
class ReadOptions:
    """What readers need to know besides the source: the site's language and what the glossary holds."""

    language: str = "en"
    # the site's other languages: SKOS labels in them become translation files, not notes
    translated: tuple[str, ...] = ()
    # content field -> the spreadsheet column that holds it (--map), overriding the usual header names
    column_map: dict[str, str] = field(default_factory=dict)
    # existing content, to link spreadsheet rows to it: casefolded term title or alias -> slug, and
    # casefolded area title or slug -> slug
    term_names: dict[str, str] = field(default_factory=dict)
    area_names: dict[str, str] = field(default_factory=dict)


def expand_sources(arguments: list[str], suffixes: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """The files named, or held (recursively, sorted, with one of ``suffixes``) by the folders named,
    and an error line per bad argument."""
    files: list[Path] = []
    errors: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                errors.append(f"{display_path(path)}: the folder holds nothing to import "
                              f"(no {', '.join(suffixes)} files).")
            if len(found) > MAX_FOLDER_FILES:
                errors.append(f"{display_path(path)}: the folder holds more than {MAX_FOLDER_FILES:,} files; "
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


def read_source(path: Path) -> SourceFile:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(f"{display_path(path)}: the file is {size:,} bytes; files larger than "
                              f"{MAX_SOURCE_BYTES:,} bytes are not imported.")
        return SourceFile(path, path.read_bytes())
    except OSError as error:
        raise SourceError(f"{display_path(path)}: cannot read the file ({error.strerror or error}).") from None


def decode_page(source: SourceFile, kind: str) -> SourceDocument:
    data = source.data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
        if kind == "html":
            # Older CMS pages declare another encoding; BeautifulSoup's detector reads the <meta charset>.
            from bs4.dammit import UnicodeDammit

            text = UnicodeDammit(data, is_html=True).unicode_markup or ""
        text = text or data.decode("utf-8", errors="replace")
    return SourceDocument(source.path, kind, text)
