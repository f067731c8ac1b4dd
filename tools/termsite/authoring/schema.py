"""JSON Schemas of the content files, generated from the field specs the loader validates with.

Editors with YAML support (VS Code's YAML extension, JetBrains IDEs, anything built on
yaml-language-server) read the schema named on a file's first line::

    # yaml-language-server: $schema=../../schemas/term.schema.json

and then complete field names, show each field's description and flag mistakes as the
contributor types. The schemas come from :mod:`termsite.content.model`'s records, so they cannot
drift from what the build accepts. A site's schemas also list its area slugs and author
keys, so that those complete too; they change rarely, and ``termsite schema --check``
(run in CI) says when the committed schemas are behind the content. Term slugs are not
listed: they change with nearly every pull request, and the build checks them anyway.

The schema checks single files. What needs the whole glossary (a name used by two terms,
a ``[[reference]]`` to a missing term) is left to ``termsite lint``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termsite.content.fields import FieldType, Known
from termsite.content.loader import ContentLayout
from termsite.content.model import AREA, AREA_TRANSLATION, AUTHORS, REDIRECTS, SITE_TRANSLATION, TERM, TERM_TRANSLATION

DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft yaml-language-server supports best


@dataclass(frozen=True)
class ContentSchema:
    """One published schema: its file name, title, the record it describes and the files it is for."""

    file_name: str
    title: str
    field_type: FieldType
    applies_to: str  # relative to the content folder; a glob


SCHEMAS = (
    ContentSchema("term.schema.json", "termsite term", TERM, "terms/*.yml"),
    ContentSchema("area.schema.json", "termsite area", AREA, "areas/*.yml"),
    ContentSchema("authors.schema.json", "termsite authors", AUTHORS, "authors.yml"),
    ContentSchema("redirects.schema.json", "termsite redirects", REDIRECTS, "redirects.yml"),
    ContentSchema("term-translation.schema.json", "termsite term translation", TERM_TRANSLATION,
                  "i18n/*/terms/*.yml"),
    ContentSchema("area-translation.schema.json", "termsite area translation", AREA_TRANSLATION,
                  "i18n/*/areas/*.yml"),
    ContentSchema("site-translation.schema.json", "termsite site translation", SITE_TRANSLATION, "i18n/*/site.yml"),
)
SCHEMA_COMMENT_PREFIX = "# yaml-language-server: $schema="


def known_values(layout: ContentLayout) -> dict[str, list[str]]:
    """Area slugs and author keys of a content folder, as file names and top-level keys.

    Read without validating, so that the schema can be regenerated while content has errors.
    """
    known: dict[str, list[str]] = {}
    if layout.areas.is_dir():
        known["area"] = sorted(p.stem for p in layout.areas.glob("*.yml") if not p.name.startswith("."))
    if layout.authors.is_file():
        known["author"] = sorted(_top_level_keys(layout.authors))
    return known


def _top_level_keys(path: Path) -> list[str]:
    from termsite.content.yamlsource import read_yaml_file  # local: only this helper needs the YAML reader

    root, _ = read_yaml_file(path, str(path))
    if root is None or root.kind != "mapping":
        return []
    return list(root.entries)


def build_schema(schema: ContentSchema, known: Known | None = None) -> dict[str, Any]:
    body = schema.field_type.json_schema(known)
    return {"$schema": DRAFT, "$id": schema.file_name, "title": schema.title, **body}


def render_schemas(known: Known | None = None) -> dict[str, str]:
    """File name -> the schema's text, formatted the same way on every run (stable diffs)."""
    return {schema.file_name: json.dumps(build_schema(schema, known), indent=2, ensure_ascii=False) + "\n"
            for schema in SCHEMAS}


def schema_of(content_dir: Path, path: Path) -> ContentSchema | None:
    """The schema that applies to a file of the content folder, if any."""
    try:
        relative = path.resolve().relative_to(content_dir.resolve())
    except ValueError:
        return None
    return next((schema for schema in SCHEMAS if relative.match(schema.applies_to)
                 and len(relative.parts) == len(Path(schema.applies_to).parts)), None)


def schema_comment(path: Path, schemas_dir: Path, schema: ContentSchema) -> str:
    """The first line that points editors at the schema, relative to the file: ../../schemas/term.schema.json."""
    relative = os.path.relpath(schemas_dir.resolve() / schema.file_name, path.parent.resolve())
    return SCHEMA_COMMENT_PREFIX + relative.replace(os.sep, "/")


def with_schema_comment(text: str, comment: str) -> str:
    """The file's text with ``comment`` as its first line, replacing an older schema comment."""
    first, newline, rest = text.partition("\n")
    if first.startswith(SCHEMA_COMMENT_PREFIX):
        return comment + newline + rest
    return comment + "\n" + text
