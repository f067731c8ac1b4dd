"""``termsite schema [--out DIR] [--check] [--link]``: the JSON Schemas editors use to check content files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termsite.changeset import ChangeError, FileChange, apply_changes, plan_write
from termsite.content.loader import ContentLayout, display_path
from termsite.project import read_project
from termsite.authoring.schema import SCHEMAS, known_values, render_schemas, schema_comment, schema_of, with_schema_comment


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema", help="write the JSON Schemas of term, area, authors and redirects files",
        description="Write the JSON Schemas of the content files (generated from the same field specs the build "
                    "validates with) into a folder, or check that the folder is up to date.")
    parser.add_argument("--out", help="the schemas folder (default: schemas/ beside mkdocs.yml)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a schema in the folder is missing or out of date")
    parser.add_argument("--link", action="store_true",
                        help="also put the '# yaml-language-server: $schema=...' line first in every content file")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    layout = ContentLayout(project.content_dir)
    out = Path(args.out) if args.out else project.root / "schemas"
    if out.exists() and not out.is_dir():
        print(f"termsite schema: {out} is a file; --out needs a folder.", file=sys.stderr)
        return 2
    schemas = render_schemas(known_values(layout))
    if args.check:
        return _check(out, schemas)
    changes = [plan_write(out / name, text) for name, text in schemas.items()]
    if args.link:
        changes += _link_content(layout, out)
    changes = [change for change in changes if change.original != change.text.encode("utf-8")]  # type: ignore[union-attr]
    try:
        apply_changes(changes)
    except ChangeError as error:
        print(f"termsite schema: {error}", file=sys.stderr)
        return 2
    for change in changes:
        print(f"wrote {display_path(change.path)}")
    if not changes:
        print(f"{display_path(out)} is up to date")
    return 0


def _check(out: Path, schemas: dict[str, str]) -> int:
    stale = [out / name for name, text in schemas.items()
             if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
    for path in stale:
        print(f"{display_path(path)}: the schema is missing or out of date; run `termsite schema` and commit it.")
    return 1 if stale else 0


def _link_content(layout: ContentLayout, schemas_dir: Path) -> list[FileChange]:
    """The schema comment as the first line of every term, area, authors and redirects file."""
    changes = []
    for schema in SCHEMAS:
        for path in sorted(layout.root.glob(schema.applies_to)):
            if schema_of(layout.root, path) is not schema:
                continue
            text = path.read_text(encoding="utf-8")
            changes.append(plan_write(path, with_schema_comment(text, schema_comment(path, schemas_dir, schema))))
    return changes
