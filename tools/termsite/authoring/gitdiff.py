"""What a change does to the glossary: terms and areas added, removed, renamed or changed between two git revisions.

Reviewers of a pull request want "adds *Liquidation Cascade*, changes the summary of
*Mark Price*", not a YAML diff. Files are read straight from git (``git ls-tree`` for the
object ids, ``git cat-file --batch`` for the contents of those that differ), so neither
revision needs to be checked out, and compared as loaded values: re-quoting or
re-wrapping a line is not a change, a new sentence in the body is.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from termsite.content.fields import Collector, Invalid, Record
from termsite.content.model import AREA, AREA_TRANSLATION, REDIRECTS, SITE_TRANSLATION, TERM, TERM_TRANSLATION
from termsite.authoring.scaffold import PLACEHOLDER
from termsite.content.yamlsource import parse_yaml_bytes


class GitError(Exception):
    """git could not answer (not a repository, unknown revision); the message says which."""


@dataclass
class EntryChange:
    kind: str  # 'term' or 'area'
    slug: str
    title: str
    fields: list[str] = field(default_factory=list)  # the fields whose values differ
    renamed_from: str = ""
    invalid: bool = False  # the file does not load at HEAD (or did not at BASE); `termsite lint` says why
    placeholder: bool = False  # still has the placeholder text of `termsite new`
    areas: list[str] = field(default_factory=list)
    language: str = ""  # a translation's language ('' for the source)


@dataclass
class GlossaryDiff:
    added: list[EntryChange] = field(default_factory=list)
    removed: list[EntryChange] = field(default_factory=list)
    renamed: list[EntryChange] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)
    # translations (kinds 'term', 'area' and 'site', each with its language): added, changed, removed
    translations: GlossaryDiff | None = None

    def of(self, kind: str, group: str) -> list[EntryChange]:
        return [entry for entry in getattr(self, group) if entry.kind == kind]

    @property
    def empty_source(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.changed)

    @property
    def empty(self) -> bool:
        return self.empty_source and (self.translations is None or self.translations.empty)


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed.") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed.")
    return result.stdout


def repository_root(path: Path) -> Path:
    try:
        return Path(_git(path, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"{path} is not inside a git repository.") from None


def _commit(repo: Path, revision: str) -> str:
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"'{revision}' is not a revision of this repository (fetch it first, e.g. with "
                       "fetch-depth: 0 in actions/checkout).") from None


def _tree(repo: Path, commit: str, content: PurePosixPath) -> dict[str, str]:
    """Path inside the content folder -> blob id, for the terms, areas, redirects and translations of a commit."""
    paths = [f"{content}/terms/", f"{content}/areas/", f"{content}/redirects.yml", f"{content}/i18n/"]
    output = _git(repo, "ls-tree", "-r", "-z", commit, "--", *paths)
    blobs: dict[str, str] = {}
    for record in output.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        meta, path = record.split("\t", 1)
        _, kind, oid = meta.split()
        relative = PurePosixPath(path).relative_to(content)
        if kind == "blob" and relative.suffix == ".yml" and (len(relative.parts) <= 2 or _translation_kind(relative)):
            blobs[str(relative)] = oid
    return blobs


def _read_blobs(repo: Path, oids: set[str]) -> dict[str, bytes]:
    """All blobs at once through `git cat-file --batch`, instead of one `git show` per file."""
    if not oids:
        return {}
    ordered = sorted(oids)
    output = _git(repo, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in ordered).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for oid in ordered:
        header_end = output.index(b"\n", position)
        _, _, size = output[position:header_end].decode().split()
        start = header_end + 1
        blobs[oid] = output[start:start + int(size)]
        position = start + int(size) + 1  # the content is followed by a newline
    return blobs


def _values(data: bytes, record: Record | Any, path: str) -> dict[str, Any] | None:
    """The file's values as the loader reads them, or None when it does not load."""
    root, problems = parse_yaml_bytes(data, path)
    if root is None:
        return None
    try:
        return record.convert_mapping(root, "", Collector(path)) if isinstance(record, Record) \
            else record.convert(root, "", Collector(path))
    except Invalid:
        return None


def diff_revisions(project_root: Path, content_dir: Path, base: str, head: str) -> GlossaryDiff:
    repo = repository_root(project_root)
    try:
        content = PurePosixPath(content_dir.resolve().relative_to(Path(repo).resolve()).as_posix())
    except ValueError:
        raise GitError(f"the content folder {content_dir} is not inside the repository {repo}.") from None
    base_tree, head_tree = (_tree(repo, _commit(repo, revision), content) for revision in (base, head))
    differing = {path for path in base_tree.keys() | head_tree.keys() if base_tree.get(path) != head_tree.get(path)}
    needed = {tree[path] for tree in (base_tree, head_tree) for path in differing if path in tree}
    if "redirects.yml" in head_tree:
        needed.add(head_tree["redirects.yml"])
    blobs = _read_blobs(repo, needed)

    diff = GlossaryDiff()
    for kind, folder, record in (("term", "terms", TERM), ("area", "areas", AREA)):
        before: dict[str, dict[str, Any] | None] = {}
        after: dict[str, dict[str, Any] | None] = {}
        for path in sorted(differing):
            folder_name, _, file_name = path.partition("/")
            if folder_name != folder or not file_name:
                continue
            slug = PurePosixPath(file_name).stem
            if path in base_tree:
                before[slug] = _values(blobs[base_tree[path]], record, path)
            if path in head_tree:
                after[slug] = _values(blobs[head_tree[path]], record, path)
        _compare(kind, before, after, diff)
    if "redirects.yml" in head_tree:
        _find_renames(_values(blobs[head_tree["redirects.yml"]], REDIRECTS, "redirects.yml") or {}, diff)
    diff.translations = _translation_changes(differing, base_tree, head_tree, blobs)
    return diff


_TRANSLATION_RECORDS = {"term": TERM_TRANSLATION, "area": AREA_TRANSLATION, "site": SITE_TRANSLATION}


def _translation_kind(relative: PurePosixPath) -> str:
    """'term', 'area' or 'site' for a translation file (i18n/de/terms/x.yml, i18n/de/site.yml), else ''."""
    parts = relative.parts
    if len(parts) == 4 and parts[0] == "i18n" and parts[2] in ("terms", "areas"):
        return parts[2][:-1]
    if len(parts) == 3 and parts[0] == "i18n" and parts[2] == "site.yml":
        return "site"
    return ""


def _translation_changes(differing: set[str], base_tree: dict[str, str], head_tree: dict[str, str],
                         blobs: dict[str, bytes]) -> GlossaryDiff:
    changes = GlossaryDiff()
    by_kind: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
    for path in sorted(differing):
        kind = _translation_kind(PurePosixPath(path))
        if not kind:
            continue
        language = PurePosixPath(path).parts[1]
        slug = PurePosixPath(path).stem if kind != "site" else language
        before, after = by_kind.setdefault((kind, language), ({}, {}))
        record = _TRANSLATION_RECORDS[kind]
        if path in base_tree:
            before[slug] = _values(blobs[base_tree[path]], record, path)
        if path in head_tree:
            after[slug] = _values(blobs[head_tree[path]], record, path)
    for (kind, language), (before, after) in sorted(by_kind.items()):
        found = GlossaryDiff()
        _compare(kind, before, after, found)
        for group in ("added", "removed", "changed"):
            for entry in getattr(found, group):
                entry.language = language
                getattr(changes, group).append(entry)
    return changes


def _entry(kind: str, slug: str, values: dict[str, Any] | None) -> EntryChange:
    values = values or {}
    text = " ".join(str(values.get(name, "")) for name in ("summary", "description", "body", "intro"))
    return EntryChange(kind, slug, str(values.get("title", slug)), invalid=not values,
                       placeholder=PLACEHOLDER in text, areas=list(values.get("areas", [])))


def _changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    if before is None or after is None:
        return []
    return [name for name in dict.fromkeys([*after, *before]) if before.get(name) != after.get(name)]


def _compare(kind: str, before: dict[str, dict[str, Any] | None], after: dict[str, dict[str, Any] | None],
             diff: GlossaryDiff) -> None:
    for slug in sorted(after.keys() - before.keys()):
        diff.added.append(_entry(kind, slug, after[slug]))
    for slug in sorted(before.keys() - after.keys()):
        removed = _entry(kind, slug, before[slug])
        removed.invalid = False  # what it was does not matter any more
        diff.removed.append(removed)
    for slug in sorted(before.keys() & after.keys()):
        entry = _entry(kind, slug, after[slug])
        entry.invalid = after[slug] is None or before[slug] is None
        entry.fields = _changed_fields(before[slug], after[slug])
        if entry.fields or entry.invalid:
            diff.changed.append(entry)


def _find_renames(redirects: dict[str, str], diff: GlossaryDiff) -> None:
    """A removed term whose slug now redirects to an added one was renamed."""
    added = {entry.slug: entry for entry in diff.added if entry.kind == "term"}
    for removed in [entry for entry in diff.removed if entry.kind == "term"]:
        target, seen = redirects.get(removed.slug), {removed.slug}
        while target in redirects and target not in added and target not in seen:
            seen.add(target)
            target = redirects[target]
        if target in added:
            entry = added.pop(target)
            entry.renamed_from = removed.slug
            diff.added.remove(entry)
            diff.removed.remove(removed)
            diff.renamed.append(entry)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _text(value: str) -> str:
    """A contributor's title, shown literally in GitHub Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def _describe(entry: EntryChange) -> str:
    label = f"**{_text(entry.title)}** (`{entry.slug}`)"
    notes = []
    if entry.renamed_from:
        notes.append(f"renamed from `{entry.renamed_from}`; the old address redirects here")
    if entry.fields:
        notes.append("changed: " + ", ".join(f"`{name}`" for name in entry.fields))
    if entry.areas and not entry.fields and not entry.renamed_from:
        notes.append("in " + ", ".join(f"`{area}`" for area in entry.areas))
    if entry.invalid:
        notes.append(":x: the file has errors (see the lint step)")
    if entry.placeholder:
        notes.append(":warning: still has placeholder text from `termsite new`")
    return f"- {label}" + (": " + "; ".join(notes) if notes else "")


def render_markdown(diff: GlossaryDiff) -> str:
    lines = ["## Glossary changes", ""]
    if diff.empty:
        return "\n".join(lines + ["No terms or areas were added, changed or removed.", ""])
    source_lines = _render_source(diff) if not diff.empty_source else []
    return "\n".join(lines + source_lines + (_render_translations(diff.translations) if diff.translations else []))


def _render_translations(changes: GlossaryDiff) -> list[str]:
    """Per language: the translations added, changed and removed."""
    if changes.empty:
        return []
    lines: list[str] = []
    for language in sorted({entry.language for group in ("added", "changed", "removed")
                            for entry in getattr(changes, group)}):
        counts = []
        for group in ("added", "changed", "removed"):
            number = sum(entry.language == language for entry in getattr(changes, group))
            if number:
                counts.append(f"{number} {group}")
        lines += [f"### Translations into {language}", "", ", ".join(counts) + ".", ""]
        for group in ("added", "changed", "removed"):
            for entry in getattr(changes, group):
                if entry.language == language:
                    lines.append(_describe_translation(entry, group))
        lines.append("")
    return lines


def _describe_translation(entry: EntryChange, group: str) -> str:
    what = {"term": "term", "area": "area", "site": "site.yml"}[entry.kind]
    label = "`site.yml` (site name, description, labels)" if entry.kind == "site" else \
        f"**{_text(entry.title)}** ({what} `{entry.slug}`)"
    notes = [group]
    if entry.fields:
        notes = ["changed: " + ", ".join(f"`{name}`" for name in entry.fields)]
    if entry.invalid:
        notes.append(":x: the file has errors (see the lint step)")
    return f"- {label}: " + "; ".join(notes)


def _render_source(diff: GlossaryDiff) -> list[str]:
    lines: list[str] = []
    counts = []
    for kind in ("term", "area"):
        for group, verb in (("added", "added"), ("changed", "changed"), ("renamed", "renamed"), ("removed", "removed")):
            number = len(diff.of(kind, group))
            if number:
                counts.append(f"{number} {kind}{'s' if number != 1 else ''} {verb}")
    if counts:
        lines += [", ".join(counts) + ".", ""]
    for kind, heading in (("term", "Terms"), ("area", "Areas")):
        for group in ("added", "changed", "renamed", "removed"):
            entries = diff.of(kind, group)
            if not entries:
                continue
            lines.append(f"### {heading} {group}")
            lines.append("")
            lines += [_describe(entry) for entry in entries]
            if group == "removed" and kind == "term":
                lines += ["", "A removed term's address stops working: `termsite rename` keeps it as a redirect, "
                              "and `status: deprecated` keeps the page."]
            lines.append("")
    return lines
