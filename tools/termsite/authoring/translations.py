"""Keeping translations in step with their source: what is outdated, what changed since, and coverage.

A translation names the version of its source it follows with ``source_modified``: the source
entry's ``modified`` (else ``published``) when the translation was made. When the source's date
is later, the translation is outdated, and ``termsite lint`` says which of the translated fields
changed since. That comes from git: the source file as it was when it had that date (the newest
version whose ``modified`` is ``source_modified``; else the file at the last commit made no later
than ``source_modified``) is compared, field by field, with the file as it is now. Hand-written
pages work the same way, with the page's front matter ``modified`` (else its last commit) and the
translation's ``source_modified`` (else its own date).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from termsite.content.articles import ARTICLE, Article, FrontMatter, git_dates
from termsite.content.fields import Collector, Invalid, Record
from termsite.content.loader import ContentLayout, display_path
from termsite.content.model import AREA, TERM, Area, Glossary, Term
from termsite.content.translations import untranslated_labels
from termsite.content.yamlsource import parse_yaml_bytes
from termsite.problems import Problem, Severity

# The source fields a translation carries: what "changed since" is about.
TRANSLATED_FIELDS = {"term": ("title", "summary", "aliases", "body", "faq", "image.caption"),
                     "area": ("title", "description", "intro", "faq", "image.caption"),
                     "page": ("title", "description", "faq", "text")}


def source_date(entry: Term | Area | Article) -> datetime | None:
    """The date a translation of this entry follows: its ``modified``, else ``published``."""
    return entry.modified or entry.published


@dataclass
class Outdated:
    """One translation whose source changed after the version it follows."""

    kind: str  # 'term', 'area' or 'page'
    language: str
    translation_path: str
    source_path: Path  # the source file on disk
    follows: datetime  # the translation's source_modified (or, for a page without it, its own date)
    source_changed: datetime
    position: tuple[int, int] = (1, 1)
    field: str = "source_modified"
    changed: list[str] | None = None  # translated fields changed since; None when git cannot tell
    why_unknown: str = ""

    def problem(self) -> Problem:
        shown = display_path(self.source_path)
        head = (f"the source {shown} changed on {self.source_changed.isoformat()}, after the version this "
                f"translation follows ({self.follows.isoformat()})")
        if self.changed is None:
            detail = f"; which fields changed could not be told ({self.why_unknown})"
            advice = (f"compare the two files, update the translation and set source_modified to "
                      f"{self.source_changed.isoformat()}.")
        elif self.changed:
            detail = "; changed since: " + ", ".join(self.changed)
            advice = f"update them here and set source_modified to {self.source_changed.isoformat()}."
        else:
            detail = "; none of the fields a translation holds changed since"
            advice = f"set source_modified to {self.source_changed.isoformat()} to mark it up to date."
        return Problem(self.translation_path, self.position[0], self.position[1], "translation-outdated",
                       f"{head}{detail}; {advice}", self.field, Severity.WARNING)


def outdated_translations(glossary: Glossary, layout: ContentLayout,
                          articles: dict[str, Article] | None = None, docs_dir: Path | None = None) -> list[Outdated]:
    """Every translation (of terms, areas and, given ``articles``, pages) whose source changed since."""
    found: list[Outdated] = []
    for language, content in glossary.translations.items():
        for kind, translations, sources, folder in (("term", content.terms, glossary.terms, layout.terms),
                                                    ("area", content.areas, glossary.areas, layout.areas)):
            for slug, translation in sorted(translations.items()):
                source = sources[slug]
                changed = source_date(source)
                if changed is not None and changed > translation.source_modified:
                    found.append(Outdated(kind, language, translation.path, folder / f"{slug}.yml",
                                          translation.source_modified, changed,
                                          translation.positions.get("source_modified", (1, 1))))
    if articles and docs_dir is not None:
        found += _outdated_pages(articles, docs_dir)
    History.of(layout.root).explain(found)
    return found


def _outdated_pages(articles: dict[str, Article], docs_dir: Path) -> list[Outdated]:
    history: dict[str, tuple[datetime, datetime]] | None = None

    def last_commit(source: str) -> datetime | None:
        nonlocal history
        if history is None:
            history = git_dates(docs_dir)
        dates = history.get(source)
        return dates[1] if dates else None

    found = []
    for source, article in sorted(articles.items()):
        original = articles.get(article.translates) if article.language else None
        if original is None:
            continue
        changed = source_date(original) or last_commit(original.source)
        follows = article.source_modified or article.modified or last_commit(source)
        if changed is None or follows is None or changed <= follows:
            continue
        key = "source_modified" if article.source_modified else "modified" if article.modified else ""
        found.append(Outdated("page", article.language, article.path, docs_dir / original.source, follows, changed,
                              article.positions.get(key, (1, 1)), key))
    return found


class History:
    """The git history of the source files, read with one ``git log`` and one ``git cat-file --batch``."""

    def __init__(self, repo: Path | None, why_not: str = "") -> None:
        self.repo = repo
        self.why_not = why_not

    @staticmethod
    def of(folder: Path) -> History:
        try:
            result = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                                    text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return History(None, "git is not available")
        if result.returncode != 0:
            return History(None, "the content is not in a git repository")
        return History(Path(result.stdout.strip()))

    def explain(self, outdated: list[Outdated]) -> None:
        """Fill in each outdated translation's changed fields, or why they cannot be told."""
        if not outdated:
            return
        if self.repo is None:
            for item in outdated:
                item.why_unknown = self.why_not
            return
        relative = {id(item): self._relative(item.source_path) for item in outdated}
        versions = self._versions({path for path in relative.values() if path})
        wanted: dict[int, list[tuple[str, datetime]]] = {}
        for item in outdated:
            path = relative[id(item)]
            history = versions.get(path, []) if path else []
            # the versions that can be the one translated: the last one from no later than the date
            # it follows, and every later one (one of which may carry that very date as 'modified')
            earlier = [v for v in history if v[1] <= item.follows][:1]
            wanted[id(item)] = [v for v in history if v[1] > item.follows] + earlier
        blobs = self._blobs({f"{commit}:{relative[id(item)]}" for item in outdated for commit, _ in wanted[id(item)]})
        for item in outdated:
            candidates = wanted[id(item)]
            if not candidates:
                item.why_unknown = (f"git has no version of {display_path(item.source_path)} from "
                                    f"{item.follows.isoformat()} or before")
                continue
            parsed = [(commit, date, _fields(item.kind, blobs.get(f"{commit}:{relative[id(item)]}")))
                      for commit, date in candidates]
            same_date = [p for p in parsed if p[2] is not None and p[2].get("_date") == item.follows]
            chosen = same_date[0] if same_date else parsed[-1] if parsed[-1][1] <= item.follows else None
            current = _fields(item.kind, _read(item.source_path))
            if chosen is None:
                item.why_unknown = (f"git has no version of {display_path(item.source_path)} from "
                                    f"{item.follows.isoformat()} or before")
                continue
            if chosen[2] is None or current is None:
                item.why_unknown = f"the version of {display_path(item.source_path)} in git does not load"
                continue
            item.changed = [name for name in TRANSLATED_FIELDS[item.kind] if chosen[2].get(name) != current.get(name)]

    def _relative(self, path: Path) -> str:
        assert self.repo is not None
        try:
            return path.resolve().relative_to(self.repo.resolve()).as_posix()
        except ValueError:
            return ""

    def _versions(self, paths: set[str]) -> dict[str, list[tuple[str, datetime]]]:
        """Path -> (commit, commit date) of each commit that changed it, newest first."""
        if not paths:
            return {}
        folders = sorted({path.rsplit("/", 1)[0] if "/" in path else "." for path in paths})
        output = self._git("log", "--format=@%H %cI", "--name-only", "--no-renames", "--", *folders)
        versions: dict[str, list[tuple[str, datetime]]] = {}
        commit, date = "", None
        for line in output.splitlines():
            if line.startswith("@"):
                commit, _, stamp = line[1:].partition(" ")
                date = datetime.fromisoformat(stamp)
            elif line in paths and date is not None:
                versions.setdefault(line, []).append((commit, date))
        return versions

    def _blobs(self, specs: set[str]) -> dict[str, bytes]:
        """'<commit>:<path>' -> the file's bytes at that commit (missing when it did not exist)."""
        if not specs:
            return {}
        ordered = sorted(specs)
        output = self._git_bytes("cat-file", "--batch", stdin="".join(f"{spec}\n" for spec in ordered).encode())
        blobs: dict[str, bytes] = {}
        position = 0
        for spec in ordered:
            header_end = output.index(b"\n", position)
            header = output[position:header_end].decode("utf-8", "replace").split()
            if header[-1] == "missing":
                position = header_end + 1
                continue
            size = int(header[2])
            blobs[spec] = output[header_end + 1:header_end + 1 + size]
            position = header_end + 1 + size + 1
        return blobs

    def _git(self, *args: str) -> str:
        return self._git_bytes(*args).decode("utf-8", "surrogateescape")

    def _git_bytes(self, *args: str, stdin: bytes | None = None) -> bytes:
        try:
            result = subprocess.run(["git", *args], cwd=self.repo, input=stdin, capture_output=True, timeout=300)
        except (OSError, subprocess.SubprocessError):
            return b""
        return result.stdout if result.returncode == 0 else b""


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _fields(kind: str, data: bytes | None) -> dict[str, Any] | None:
    """A version of a source file as the fields a translation holds, plus '_date' (its modified, else published)."""
    if data is None:
        return None
    if kind == "page":
        text = data.decode("utf-8", "replace")
        front = FrontMatter.split(text)
        values = _converted(("\n" + front.yaml).encode("utf-8"), ARTICLE) if front.yaml.strip() else {}
        if values is None:
            return None
        values["text"] = text[front.body_offset:].strip()
    else:
        values = _converted(data, TERM if kind == "term" else AREA)
        if values is None:
            return None
    image = values.get("image")
    values["image.caption"] = getattr(image, "caption", None)
    values["_date"] = values.get("modified") or values.get("published")
    return values


def _converted(data: bytes, record: Record) -> dict[str, Any] | None:
    root, _ = parse_yaml_bytes(data, "history")
    if root is None:
        return None
    try:
        return record.convert_mapping(root, "", Collector("history"))
    except Invalid:
        return None


# Style of translations
def translation_style_problems(glossary: Glossary, layout: ContentLayout) -> Iterable[Problem]:
    """What reads badly in translations: long or unfinished summaries, keys out of order, English labels."""
    from termsite.authoring.lint import SUMMARY_ADVISED_LENGTH, _key_order, _warning

    for language, content in sorted(glossary.translations.items()):
        for translation in content.terms.values():
            where = translation.positions.get("summary", (1, 1))
            if len(translation.summary) > SUMMARY_ADVISED_LENGTH:
                yield _warning(translation.path, where, "summary-too-long", "summary",
                               f"is {len(translation.summary)} characters; search engines show about "
                               f"{SUMMARY_ADVISED_LENGTH}.")
            if not translation.summary.endswith((".", "?", "!", "。", "？", "！", "।", "؟")):
                yield _warning(translation.path, where, "summary-sentence", "summary",
                               "should be one full sentence ending in a full stop.")
            yield from _key_order(translation.path, "term-translation", translation.positions)
        for area_translation in content.areas.values():
            if len(area_translation.description) > SUMMARY_ADVISED_LENGTH:
                yield _warning(area_translation.path, area_translation.positions.get("description", (1, 1)),
                               "summary-too-long", "description",
                               f"is {len(area_translation.description)} characters; search engines show about "
                               f"{SUMMARY_ADVISED_LENGTH}.")
            yield from _key_order(area_translation.path, "area-translation", area_translation.positions)
        for kind, translations, sources, main in (("term", content.terms, glossary.terms, "body"),
                                                  ("area", content.areas, glossary.areas, "intro")):
            for slug, translation in sorted(translations.items()):
                left_out = [name for name in (main, "faq")
                            if getattr(sources[slug], name) and not getattr(translation, name)]
                if left_out:
                    yield Problem(translation.path, 1, 1, "untranslated-field",
                                  f"the source {kind} has {' and '.join(left_out)}, which this translation leaves "
                                  f"out; its {language} page shows {'them' if len(left_out) > 1 else 'it'} not at "
                                  "all until translated.", "", Severity.INFO)
        missing = untranslated_labels(glossary, language)
        if missing and (content.terms or content.areas or content.site):
            path = content.site.path if content.site else display_path(layout.site_translation(language))
            shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
            yield Problem(path, 1, 1, "untranslated-labels",
                          f"termsite has no {language} words for {len(missing)} label(s) of the generated pages "
                          f"({shown}), which would show in English; translate them under 'labels:' in this file.",
                          "labels", Severity.WARNING)


# Coverage
@dataclass
class Coverage:
    """How much of one kind of entry one language has: up to date, outdated, missing, of the source's total."""

    language: str
    kind: str  # 'terms', 'areas' or 'pages'
    total: int
    translated: int = 0
    outdated: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.outdated


@dataclass
class CoverageReport:
    source_language: str
    rows: list[Coverage] = field(default_factory=list)

    def table(self) -> str:
        header = ("language", "entries", "translated", "outdated", "missing", "total")
        lines = [header]
        for language in dict.fromkeys(row.language for row in self.rows):
            rows = [row for row in self.rows if row.language == language]
            total = Coverage(language, "all", sum(r.total for r in rows), sum(r.translated for r in rows),
                             sum(r.outdated for r in rows))
            for row in [*rows, total]:
                lines.append((row.language, row.kind, str(row.translated), str(row.outdated), str(row.missing),
                              str(row.total)))
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        text = [f"Translation coverage (source language: {self.source_language})", ""]
        for line in lines:
            cells = [line[0].ljust(widths[0]), line[1].ljust(widths[1])] + \
                    [cell.rjust(width) for cell, width in zip(line[2:], widths[2:])]
            text.append("  ".join(cells).rstrip())
        return "\n".join(text)

    def as_json(self) -> list[dict[str, Any]]:
        return [{"language": r.language, "entries": r.kind, "translated": r.translated, "outdated": r.outdated,
                 "missing": r.missing, "total": r.total} for r in self.rows]


def coverage(glossary: Glossary, outdated: list[Outdated], articles: dict[str, Article] | None = None) -> CoverageReport:
    """Per language: terms, areas and (given ``articles``) pages translated, outdated and missing."""
    late = {(item.kind, item.language, item.translation_path) for item in outdated}
    report = CoverageReport(glossary.source_language)
    pages = {source: a for source, a in (articles or {}).items()}
    originals = [a for a in pages.values() if not a.language]
    for language in glossary.languages[1:]:
        content = glossary.translations.get(language)
        terms = content.terms.values() if content else []
        areas = content.areas.values() if content else []
        for kind, total, entries in (("terms", len(glossary.terms), terms), ("areas", len(glossary.areas), areas)):
            stale = sum((kind[:-1], language, entry.path) in late for entry in entries)
            report.rows.append(Coverage(language, kind, total, len(entries) - stale, stale))
        if articles is not None:
            translated = [a for a in pages.values() if a.language == language and a.translates in pages]
            stale = sum(("page", language, a.path) in late for a in translated)
            report.rows.append(Coverage(language, "pages", len(originals), len(translated) - stale, stale))
    return report

