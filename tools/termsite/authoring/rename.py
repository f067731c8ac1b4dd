"""Renaming a term: its file, every reference to it, and a redirect from its old address.

A rename changes one file name and any number of other files: ``related`` and
``replaced_by`` lists of terms, ``terms`` orders of areas, ``[[old]]`` and ``[[old|text]]``
in every Markdown field, and ``redirects.yml``, which gets ``old: new`` so that the old
URL keeps working (the build writes a redirect page there). It happens in three steps,
so that a failure never leaves a half-renamed glossary:

1. **plan**: every edit is computed in memory, as exact text replacements that keep
   comments, quoting and line breaks (:mod:`termsite.authoring.yamledit`); each edited value is
   parsed back and compared with what it should now be.
2. **validate**: the planned files are written into a scratch copy of the content
   folder, which the loader must accept without an error, with the old slug gone and
   leading to the new one.
3. **apply**: :func:`termsite.changeset.apply_changes` writes all files or none.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from termsite.changeset import FileChange, plan_delete, plan_write
from termsite.content.fields import SLUG_RE, FieldType, ListOf, MapOf, Markdown, Record, Slug, did_you_mean
from termsite.content.loader import REFERENCE_RE, RESERVED_SLUGS, ContentLayout, check_content, display_path, strip_code
from termsite.content.articles import ARTICLE, FrontMatter, markdown_sources, parse_article
from termsite.content.model import AREA, AREA_TRANSLATION, TERM, TERM_TRANSLATION
from termsite.problems import Problem
from termsite.authoring.yamledit import (
    Edit,
    EditError,
    NodePath,
    Span,
    apply_edits,
    remove_entry,
    replace_scalar,
    scan,
)

REDIRECTS_HEADER = [
    "# Renamed terms: old slug -> the slug that replaced it. `termsite rename` adds a line here;",
    "# the build writes a page at each old address that sends readers to the new one.",
]


class RenameError(Exception):
    """The rename cannot be made; ``status`` is 2 for a mistake in the arguments, 1 for content."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class RenamePlan:
    old: str
    new: str
    changes: list[FileChange] = field(default_factory=list)
    references: dict[Path, int] = field(default_factory=dict)  # file -> references rewritten in it
    moved: dict[Path, Path] = field(default_factory=dict)  # file -> its new name: the term's and its translations'


def field_type_at(field_type: FieldType, path: NodePath) -> FieldType | None:
    """The field type of the value at ``path`` in a file of ``field_type``, or None if it has none."""
    current: FieldType | None = field_type
    for part in path:
        if isinstance(current, Record) and isinstance(part, str):
            current = next((spec.type for spec in current.fields if spec.name == part), None)
        elif isinstance(current, ListOf) and isinstance(part, int):
            current = current.item
        elif isinstance(current, MapOf) and isinstance(part, str):
            current = current.value
        else:
            return None
    return current


def plan_rename(layout: ContentLayout, old: str, new: str, *, default_author: str = "",
                schema_comment: str = "", pages_dir: Path | None = None,
                languages: Sequence[str] = ()) -> RenamePlan:
    """Every change the rename makes, validated; raises RenameError with a one-line reason.

    With the site's ``languages``, the term's translations are renamed with it, and references in
    every translation are rewritten too.
    """
    glossary, problems = check_content(layout.root, default_author=default_author, languages=languages)
    if glossary is None:
        errors = sum(p.is_error for p in problems)
        raise RenameError(f"the glossary has {errors} error(s); fix them first (run `termsite lint`).", 1)
    if old not in glossary.terms:
        if old in glossary.redirects:
            raise RenameError(f"'{old}' was already renamed to '{glossary.redirects[old]}'.")
        raise RenameError(f"there is no term '{old}'{did_you_mean(old, glossary.terms)}; the terms are the files "
                          f"in {display_path(layout.terms)}/.")
    if not SLUG_RE.match(new):
        raise RenameError(f"'{new}' is not a valid slug; use lowercase letters, digits and single hyphens, "
                          "like 'mark-price'.")
    if new in RESERVED_SLUGS:
        raise RenameError(f"the slug '{new}' is reserved for the pages of long indexes; choose another.")
    if new == old:
        raise RenameError(f"'{old}' already has that slug.")
    clash = next((slug for slug in glossary.terms if slug.casefold() == new.casefold()), None)
    if clash:
        raise RenameError(f"the term '{clash}' already exists ({glossary.terms[clash].path}); choose another slug.")

    plan = RenamePlan(old, new)
    folders: list[tuple[Path, Record, bool]] = [(layout.terms, TERM, True), (layout.areas, AREA, False)]
    for language in tuple(languages)[1:]:
        folders += [(layout.translated_terms(language), TERM_TRANSLATION, True),
                    (layout.translated_areas(language), AREA_TRANSLATION, False)]
    for folder, record, of_terms in folders:
        for path in sorted(folder.glob("*.yml")):
            if path.name.startswith("."):  # the loader skips hidden files too
                continue
            text = path.read_text(encoding="utf-8")
            edits = _file_edits(path, text, record, old, new, plan) if old in text else []
            target = folder / f"{new}.yml" if of_terms and path.name == f"{old}.yml" else path
            if target != path:
                if target.exists():
                    raise RenameError(f"{display_path(target)} exists already; remove it or rename it first.", 1)
                plan.changes += [plan_write(target, apply_edits(text, edits)), plan_delete(path)]
                plan.moved[path] = target
            elif edits:
                plan.changes.append(plan_write(path, apply_edits(text, edits)))
    if pages_dir is not None:
        for source in markdown_sources(pages_dir):
            path = pages_dir / source
            text = path.read_text(encoding="utf-8")
            if old in text:
                renamed = _page_text(path, text, old, new, plan)
                if renamed != text:
                    plan.changes.append(plan_write(path, renamed))
    plan.changes.append(_redirects_change(layout.redirects, old, new, schema_comment))
    _validate(layout, plan, pages_dir, languages)
    return plan


def _page_text(path: Path, text: str, old: str, new: str, plan: RenamePlan) -> str:
    """A hand-written page with its front matter's slugs and its Markdown's [[old]] references renamed."""
    front = FrontMatter.split(text)
    yaml_start = text.index("\n") + 1 if front.yaml else front.body_offset
    yaml_text = text[yaml_start:yaml_start + len(front.yaml)] if front.yaml else ""
    renamed_yaml = apply_edits(yaml_text, _file_edits(path, yaml_text, ARTICLE, old, new, plan)) if yaml_text else ""
    body = text[front.body_offset:]
    pattern = re.compile(r"\[\[([ \t]*)" + re.escape(old) + r"[ \t]*(?=\||\]\])")
    stripped = strip_code(body)
    count = 0
    out, position = [], 0
    for match in pattern.finditer(stripped):
        start = match.start() + 2 + len(match.group(1))
        out += [body[position:start], new]
        position = start + len(old)
        count += 1
    renamed_body = "".join(out) + body[position:]
    if count:
        plan.references[path] = plan.references.get(path, 0) + count
    return text[:yaml_start] + renamed_yaml + text[yaml_start + len(yaml_text):front.body_offset] + renamed_body


def _file_edits(path: Path, text: str, record: Record, old: str, new: str, plan: RenamePlan) -> list[Edit]:
    """Edits that point one file's references at the new slug; each is checked by parsing the result."""
    document = scan(text)
    edits: list[Edit] = []
    expected: dict[NodePath, str] = {}
    try:
        for node_path, span in document.values.items():
            if span.kind != "scalar":
                continue
            field_type = field_type_at(record, node_path)
            if isinstance(field_type, Slug) and field_type.target == "term" and span.value == old:
                edits.append(replace_scalar(document, node_path, new))
                expected[node_path] = new
            elif isinstance(field_type, Markdown) and old in span.value:
                reference_edits, value = _reference_edits(span, text, old, new)
                if reference_edits:
                    edits += reference_edits
                    expected[node_path] = value
    except EditError as error:
        raise RenameError(f"{display_path(path)}:{error.line}: {error}.", 1) from None
    if edits:
        _check_values(path, apply_edits(text, edits), expected)
        plan.references[path] = len(edits)
    return edits


def _reference_edits(span: Span, text: str, old: str, new: str) -> tuple[list[Edit], str]:
    """Edits of [[old]] / [[old|text]] inside one Markdown value, and the value they should give.

    References are found in the value the way the loader finds them (code skipped), then
    matched, in order, with the same pattern in the file's text: a literal block ('|') has
    the value's characters, only indented. Where the two do not line up (a reference
    broken over two lines, an escape in a quoted string) the rename stops and says where.
    """
    pattern = re.compile(r"\[\[([ \t]*)" + re.escape(old) + r"[ \t]*(?=\||\]\])")
    value = span.value
    references = {m.start() for m in REFERENCE_RE.finditer(strip_code(value)) if m.group(1).strip() == old}
    if not references:
        return [], value
    in_value = list(pattern.finditer(value))
    in_text = list(pattern.finditer(text, span.start, span.end))
    if len(in_value) != len(in_text):
        raise EditError(span.line, f"a reference to '{old}' here is split over lines or escaped; change it to "
                                   f"'{new}' by hand and run the rename again")
    edits = []
    for in_v, in_t in zip(reversed(in_value), reversed(in_text)):
        if in_v.start() not in references:
            continue  # in code: an example of the syntax, not a link
        start = in_t.start() + 2 + len(in_t.group(1))
        edits.append(Edit(start, start + len(old), new))
        value_start = in_v.start() + 2 + len(in_v.group(1))
        value = value[:value_start] + new + value[value_start + len(old):]
    return edits, value


def _check_values(path: Path, text: str, expected: dict[NodePath, str]) -> None:
    document = scan(text)
    for node_path, value in expected.items():
        span = document.value(node_path)
        if span is None or span.value != value:
            line = span.line if span else 1
            raise RenameError(f"{display_path(path)}:{line}: could not rewrite this value safely; change the "
                              "reference by hand and run the rename again.", 1)


def _redirects_change(path: Path, old: str, new: str, schema_comment: str) -> FileChange:
    """redirects.yml with 'old: new' added; earlier redirects to old now lead to new, and new is live again."""
    entry = f"{old}: {new}\n"
    if not path.exists():
        header = ([schema_comment] if schema_comment else []) + REDIRECTS_HEADER
        return plan_write(path, "\n".join(header) + "\n" + entry)
    text = path.read_text(encoding="utf-8")
    document = scan(text)
    root = document.value(())
    edits: list[Edit] = []
    try:
        if root is not None and root.kind == "mapping":
            if root.style == "flow":
                raise EditError(root.line, f"add the line '{old}: {new}' by hand (the file is a {{...}} mapping)")
            for key_path in root.items:
                if key_path == (new,):  # new was itself renamed away once: it is a live term again
                    edits.append(remove_entry(document, key_path))
                elif document.values[key_path].value == old:  # flatten chains: a -> old becomes a -> new
                    edits.append(replace_scalar(document, key_path, new))
    except EditError as error:
        raise RenameError(f"{display_path(path)}:{error.line}: {error}.", 1) from None
    text = apply_edits(text, edits)
    if text and not text.endswith("\n"):
        text += "\n"
    return plan_write(path, text + entry)


def _validate(layout: ContentLayout, plan: RenamePlan, pages_dir: Path | None = None,
              languages: Sequence[str] = ()) -> None:
    """Load the renamed glossary from a scratch copy; it must have no error and redirect old to new,
    and the renamed hand-written pages must refer only to terms it has."""
    with tempfile.TemporaryDirectory(prefix="termsite-rename-") as scratch:
        copy = ContentLayout(Path(scratch) / "content", layout.terms_dir, layout.areas_dir,
                             layout.authors_file, layout.redirects_file)
        for folder in (layout.terms_dir, layout.areas_dir):
            if (layout.root / folder).is_dir():
                shutil.copytree(layout.root / folder, copy.root / folder,
                                ignore=lambda _, names: [n for n in names if not n.endswith(".yml")])
        for name in (layout.authors_file, layout.redirects_file):
            if (layout.root / name).is_file():
                shutil.copy2(layout.root / name, copy.root / name)
        if languages and layout.i18n.is_dir():
            shutil.copytree(layout.i18n, copy.root / layout.i18n_dir,
                            ignore=lambda _, names: [n for n in names if n.endswith((".tmp", ".swp"))])
        for change in plan.changes:
            if change.path.suffix == ".md":
                continue  # a hand-written page: checked against the renamed glossary below
            scratch_path = copy.root / change.path.relative_to(layout.root)
            if change.text is None:
                scratch_path.unlink()
            else:
                scratch_path.parent.mkdir(parents=True, exist_ok=True)
                scratch_path.write_text(change.text, encoding="utf-8")
        glossary, problems = check_content(copy.root, languages=languages)
        errors = [p for p in problems if p.is_error]
        if glossary is None or errors:
            first = _in_real_folder(errors[0], copy.root, layout.root) if errors else "the content did not load"
            raise RenameError(f"the rename would leave {len(errors)} error(s), so nothing was changed; the first: "
                              f"{first}", 1)
        if plan.old in glossary.terms or glossary.redirects.get(plan.old) != plan.new:
            raise RenameError("the rename did not come out as planned, so nothing was changed.", 1)
        for change in plan.changes:
            if pages_dir is None or change.text is None or change.path.suffix != ".md":
                continue
            shown = display_path(change.path)
            _, page_problems = parse_article(change.text, change.path.name, shown, glossary)
            page_errors = [p for p in page_problems if p.is_error]
            if page_errors:
                raise RenameError(f"the rename would leave an error in a page, so nothing was changed: "
                                  f"{page_errors[0].format()}", 1)


def _in_real_folder(problem: Problem, scratch: Path, real: Path) -> str:
    try:
        relative = Path(problem.path).resolve().relative_to(scratch.resolve())
    except ValueError:
        return problem.format()
    return Problem(display_path(real / relative), problem.line, problem.column, problem.code, problem.message,
                   problem.field, problem.severity).format()

