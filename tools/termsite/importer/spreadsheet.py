"""Spreadsheets (CSV, TSV, XLSX) as terms and areas: one row per term, columns found by their headers.

CSV and TSV are read with the standard library's ``csv`` module: UTF-8 with or without a
byte order mark (and the UTF-16 that spreadsheet programs save as "Unicode text"), the
separator (comma, semicolon or tab) taken from the header line, quoted cells holding
separators and line breaks. XLSX is read with openpyxl. Every cell goes through the same
field declarations as the content files, placed at its row and column, so a bad cell is
reported as ``glossary.csv:ROW:COL: error[code] ...`` before anything is written. ROW is
the row as a spreadsheet program numbers it (the header is row 1), COL the column (A = 1).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from termsite.content.fields import Collector, FieldType, Invalid, Markdown, Text, Url, did_you_mean
from termsite.content.model import SUMMARY_MAX_LENGTH
from termsite.content.slugs import slugify
from termsite.content.yamlsource import YamlNode
from termsite.importer import codes
from termsite.importer.htmlmd import escape_paragraph
from termsite.importer.reading import AreaRecord, Reading, TermRecord
from termsite.importer.sources import ReadOptions, SourceError, SourceFile
from termsite.importer.text import first_sentence

# The usual header names of each field, in the spellings of several languages; compared casefolded,
# without punctuation. --map field=Column overrides them.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("term", "terms", "title", "name", "word", "concept", "label", "preflabel", "begriff", "benennung",
              "terme", "terminologie", "nom", "mot", "termino", "término", "nombre", "termine", "nome", "termo"),
    "summary": ("definition", "summary", "description", "meaning", "short definition", "definición", "definicion",
                "définition", "definizione", "definição", "definicao", "beschreibung", "erklärung", "erklarung",
                "bedeutung", "descripción", "descrizione", "descrição"),
    "aliases": ("synonyms", "synonym", "aliases", "alias", "abbreviation", "abbreviations", "acronym", "acronyms",
                "also known as", "altlabel", "alternative names", "synonyme", "abkürzung", "abkurzung",
                "sinónimos", "sinonimos", "abreviatura", "sinonimi", "abbreviazione", "sinônimos", "abréviation"),
    "areas": ("category", "categories", "area", "areas", "domain", "topic", "subject", "section", "kategorie",
              "bereich", "thema", "fachgebiet", "catégorie", "categorie", "domaine", "categoría", "categoria",
              "dominio", "tema", "área"),
    "related": ("see also", "related", "related terms", "see", "cross reference", "siehe auch", "verwandte begriffe",
                "voir aussi", "véase también", "vease tambien", "ver también", "ver tambien", "vedi anche",
                "veja também", "veja tambem", "termos relacionados"),
    "body": ("body", "notes", "note", "details", "explanation", "long definition", "comments", "remarks",
             "anmerkungen", "hinweise", "erläuterung", "remarques", "notas", "observaciones", "osservazioni",
             "observações"),
    "sources": ("source", "sources", "reference", "references", "url", "link", "links", "quelle", "quellen",
                "référence", "références", "source url", "fuente", "fuentes", "fonte", "fonti", "referência"),
    "code": ("code", "notation", "id", "identifier", "kennung", "código", "codice"),
    "broader": ("broader", "broader term", "parent", "parent term", "oberbegriff", "terme générique",
                "término genérico", "termine generico"),
}
FIELDS = tuple(COLUMN_NAMES)
_LIST_SPLIT_RE = re.compile(r"\s*[;|,]\s*")
_SOURCE_RE = re.compile(r"^\[(?P<md_title>[^\]]+)\]\((?P<md_url>https?://[^)\s]+)\)$|"
                        r"^(?P<title>.*?)\s*[<(]?(?P<url>https?://[^\s<>()]+)[>)]?$")
PLACEHOLDER_DESCRIPTION = "Replace this with a one-sentence description of {title}."
MAX_ROWS = 100_000


def _key(header: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", header.casefold()).replace("_", " ").split())


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells)


@dataclass
class _Row:
    number: int
    cells: list[str]
    columns: dict[str, int]  # field -> 0-based column index

    def cell(self, name: str) -> tuple[str, int]:
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return "", (index or 0) + 1
        return self.cells[index].strip(), index + 1


@dataclass
class _Builder:
    table: Table
    options: ReadOptions
    out: Collector
    reading: Reading
    titles: dict[str, tuple[str, int]] = field(default_factory=dict)  # casefolded title -> (slug, row)
    areas: dict[str, AreaRecord] = field(default_factory=dict)


def read_spreadsheet(source: SourceFile, kind: str, options: ReadOptions) -> Reading:
    table = _read_xlsx(source) if kind == "xlsx" else _read_delimited(source, kind)
    return table_to_reading(table, options)


# Reading the cells
def _decode(source: SourceFile) -> str:
    data = source.data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(f"{source.name}:{line}:{column}: error[encoding] the file is not UTF-8 (byte "
                          f"0x{data[error.start]:02x}); save it as CSV UTF-8.") from None


def _separator(header_line: str, kind: str) -> str:
    """The separator of the header line, outside quotes: the most frequent of tab, semicolon and comma."""
    if kind == "tsv":
        return "\t"
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {separator: outside.count(separator) for separator in ("\t", ";", ",")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _read_delimited(source: SourceFile, kind: str) -> Table:
    text = _decode(source)
    separator = _separator(text.split("\n", 1)[0], kind)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"', strict=True)
    rows: list[tuple[int, list[str]]] = []
    number = 0
    while True:
        start_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row, column = number + 1, _broken_cell(text, start_line, separator)
            raise SourceError(f"{source.name}:{row}:{column}: error[{codes.CSV_SYNTAX}] the quoting of this row is "
                              f"broken ({error}); a cell that holds the separator, a quote or a line break is "
                              'written in double quotes, with each quote inside it doubled ("").') from None
        number += 1
        if number > MAX_ROWS:
            raise SourceError(f"{source.name}: more than {MAX_ROWS:,} rows; import the glossary in parts.")
        rows.append((number, cells))
    if not rows:
        raise SourceError(f"{source.name}: the file is empty; expected a header row (Term, Definition, ...) and "
                          "one row per term.")
    return Table(source.name, rows[0][1], rows[1:])


def _broken_cell(text: str, start_line: int, separator: str) -> int:
    """The column of the cell whose quoting broke, scanning the row from its first line."""
    lines = text.splitlines(keepends=True)
    record = "".join(lines[start_line - 1:])
    column, quoted, at_start, index = 1, False, True, 0
    opened = 1
    while index < len(record):
        char = record[index]
        if quoted:
            if char == '"':
                if record[index + 1:index + 2] == '"':
                    index += 1
                else:
                    quoted = False
                    following = record[index + 1:index + 2]
                    if following not in (separator, "\n", "\r", ""):
                        return column
        elif char == '"' and at_start:
            quoted, opened = True, column
        elif char == '"':
            return column
        elif char == separator:
            column += 1
            at_start = True
            index += 1
            continue
        elif char in "\r\n":
            return column
        at_start = False
        index += 1
    return opened


def _read_xlsx(source: SourceFile) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SourceError(f"{source.name}:1:1: error[{codes.BAD_WORKBOOK}] the workbook cannot be opened "
                          f"({type(error).__name__}: {error}); save it again as an .xlsx file.") from None
    sheet = workbook.worksheets[0]
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise SourceError(f"{source.name}: more than {MAX_ROWS:,} rows; import the glossary in parts.")
        rows.append((number, [_cell_text(value) for value in values]))
    workbook.close()
    while rows and not any(rows[0][1]):
        rows.pop(0)
    if not rows:
        raise SourceError(f"{source.name}: the first sheet is empty; expected a header row (Term, Definition, ...) "
                          "and one row per term.")
    return Table(source.name, rows[0][1], rows[1:])


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


# From cells to records
def columns_of(table: Table, column_map: dict[str, str]) -> dict[str, int]:
    """Field -> column index: --map first, then the usual header names."""
    keys = [_key(header) for header in table.header]
    columns: dict[str, int] = {}
    for name, header in column_map.items():
        if _key(header) not in keys:
            raise SourceError(f"{table.name}: --map {name}={header}: no column is headed '{header}'; the headers are "
                              f"{', '.join(repr(h) for h in table.header if h.strip())}.")
        columns[name] = keys.index(_key(header))
    taken = set(columns.values())
    for name, spellings in COLUMN_NAMES.items():
        if name in columns:
            continue
        for index, key in enumerate(keys):
            if key in spellings and index not in taken:
                columns[name] = index
                taken.add(index)
                break
    for required, names in (("title", "Term, Title or Name"), ("summary", "Definition, Summary or Description")):
        if required not in columns:
            raise SourceError(f"{table.name}:1:1: error[{codes.MISSING_COLUMN}] no column holds the terms' "
                              f"{'names' if required == 'title' else 'definitions'}: head one {names}, or name it "
                              f"with --map {required}=COLUMN (the headers are "
                              f"{', '.join(repr(h) for h in table.header if h.strip()) or 'empty'}).")
    return columns


def _convert(kind: FieldType, text: str, row: int, column: int, where: str, out: Collector) -> Any:
    node = YamlNode("scalar", row, column, text=text, scalar_type="str" if text else "null")
    return kind.convert(node, where, out)


def table_to_reading(table: Table, options: ReadOptions) -> Reading:
    reading = Reading(source=table.name)
    columns = columns_of(table, options.column_map)
    unused = [h for i, h in enumerate(table.header) if h.strip() and i not in columns.values()]
    if unused:
        reading.notes.append(f"the column(s) {', '.join(repr(h) for h in unused)} were not imported; name a field "
                             f"for them with --map FIELD=COLUMN (fields: {', '.join(FIELDS)}).")
    builder = _Builder(table, options, Collector(table.name), reading)
    rows = [_Row(number, cells, columns) for number, cells in table.rows if any(c.strip() for c in cells)]
    for row in rows:  # titles first: 'See also' and 'Broader' may name a later row
        _register_title(builder, row)
    for row in rows:
        term = _term(builder, row)
        if term is not None:
            reading.terms.append(term)
    reading.areas = list(builder.areas.values())
    reading.errors = [p.format() for p in builder.out.problems if p.is_error]
    return reading


def _register_title(builder: _Builder, row: _Row) -> None:
    title, column = row.cell("title")
    if not title:
        builder.out.error(YamlNode("scalar", row.number, column), "title", "missing-value",
                          "the row has no term: its title cell is empty (remove the row, or name the term).")
        return
    try:
        title = _convert(Text(max_length=120), title, row.number, column, "title", builder.out)
    except Invalid:
        return
    slug = slugify(title)
    if not slug:
        builder.out.error(YamlNode("scalar", row.number, column), "title", "bad-slug",
                          f"no slug can be made of '{title}'; give the term a title with letters or digits.")
        return
    folded = title.casefold()
    for other_title, (other_slug, other_row) in builder.titles.items():
        if other_title == folded or other_slug == slug:
            what = "the title" if other_title == folded else "the slug"
            builder.out.error(YamlNode("scalar", row.number, column), "title", "duplicate-name",
                              f"'{title}' has {what} of row {other_row} ('{slug}'); each term is one row.")
            return
    builder.titles[folded] = (slug, row.number)


def _list(text: str) -> list[str]:
    return [item for item in _LIST_SPLIT_RE.split(text) if item] if text else []


def _term(builder: _Builder, row: _Row) -> TermRecord | None:
    out, number = builder.out, row.number
    title_text, title_column = row.cell("title")
    registered = builder.titles.get(" ".join(title_text.split()).casefold())
    if registered is None or registered[1] != number:
        return None  # its title was refused
    slug = registered[0]
    failed = False

    def convert(kind: FieldType, name: str, text: str, column: int) -> Any:
        nonlocal failed
        try:
            return _convert(kind, text, number, column, name, out)
        except Invalid:
            failed = True
            return None

    title = " ".join(title_text.split())
    definition, column = row.cell("summary")
    definition = " ".join(definition.split())
    summary, rest = first_sentence(definition)
    if not definition:
        out.error(YamlNode("scalar", number, column), "summary", "missing-value",
                  f"the definition of '{title}' is empty; every term needs one sentence that defines it.")
        failed = True
    elif len(summary) > SUMMARY_MAX_LENGTH:
        out.error(YamlNode("scalar", number, column), "summary", "too-long",
                  f"the definition's first sentence is {len(summary)} characters; the summary is at most "
                  f"{SUMMARY_MAX_LENGTH}, so end it sooner with a full stop.")
        failed = True
    else:
        summary = convert(Text(max_length=SUMMARY_MAX_LENGTH), "summary", summary, column)
    term = TermRecord(slug=slug, url="", title=title, summary=summary or "", source=f"{builder.table.name}:{number}",
                      listing_only=False)
    aliases, column = row.cell("aliases")
    term.aliases = [a for a in (convert(Text(max_length=120), "aliases", item, column) for item in _list(aliases)) if a]
    # A definition of several sentences: the first is the summary, all of it opens the body.
    body_parts = [escape_paragraph(definition)] if rest else []
    notes, column = row.cell("body")
    if notes:
        body_parts.append(convert(Markdown(), "body", notes, column) or "")
    body = "\n\n".join(part for part in body_parts if part)
    if body:
        term.body.source_markdown = body
    term.related = _references(builder, row, "related", slug)
    term.broader = _references(builder, row, "broader", slug)
    code, column = row.cell("code")
    term.code = convert(Text(max_length=40), "code", code, column) or "" if code else ""
    sources, column = row.cell("sources")
    for item in _list_of_sources(sources):
        match = _SOURCE_RE.match(item)
        url = (match.group("md_url") or match.group("url")) if match else item
        label = ((match.group("md_title") or match.group("title") or "").strip(" -–—:") if match else "")
        url = convert(Url(), "sources", url, column)
        if url:
            term.sources.append((label or re.sub(r"^https?://(www\.)?", "", url).rstrip("/"), url))
    term.areas = _areas(builder, row, title)
    return None if failed else term


def _list_of_sources(text: str) -> list[str]:
    # URLs may hold commas and semicolons; split only where a new URL or label starts
    return [item.strip() for item in re.split(r"\s*[|;\n]\s*|\s*,\s+(?=\S*\s*https?://|https?://)", text)
            if item.strip()] if text else []


def _references(builder: _Builder, row: _Row, name: str, own_slug: str) -> list[str]:
    """Terms named by title (or alias of an existing term) in a 'See also' or 'Broader' cell, as slugs."""
    text, column = row.cell(name)
    slugs: list[str] = []
    for item in _list(text):
        folded = " ".join(item.split()).casefold()
        slug = builder.titles.get(folded, ("", 0))[0] or builder.options.term_names.get(folded, "")
        if not slug:
            known = [t for t in builder.titles] + list(builder.options.term_names)
            builder.out.error(YamlNode("scalar", row.number, column), name, "unknown-reference",
                              f"'{item}' is not the title of a row or of a term of the glossary"
                              f"{did_you_mean(folded, known)}.")
        elif slug != own_slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def _areas(builder: _Builder, row: _Row, title: str) -> list[str]:
    """Categories as area slugs: an existing area by title or slug, else a new area made from the name."""
    text, column = row.cell("areas")
    slugs: list[str] = []
    for name in _list(text):
        try:
            name = _convert(Text(max_length=120), name, row.number, column, "areas", builder.out)
        except Invalid:
            continue
        folded = name.casefold()
        slug = builder.options.area_names.get(folded) or builder.options.area_names.get(slugify(name))
        if not slug:
            slug = slugify(name)
            if not slug:
                builder.out.error(YamlNode("scalar", row.number, column), "areas", "bad-slug",
                                  f"no slug can be made of the category '{name}'.")
                continue
            area = builder.areas.get(slug)
            if area is None:
                area = builder.areas[slug] = AreaRecord(
                    slug=slug, url="", title=name, description=PLACEHOLDER_DESCRIPTION.format(title=name),
                    source=f"{builder.table.name}:{row.number}", terms_order=True,
                    review=[f"imported from the category '{name}' of {builder.table.name}: "
                            "write the description"])
            area.terms.append(builder.titles[title.casefold()][0])
        if slug not in slugs:
            slugs.append(slug)
    return slugs
