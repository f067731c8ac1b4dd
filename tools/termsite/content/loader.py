"""Reads a content folder into a validated :class:`~termsite.content.model.Glossary`.

Every problem of every file is collected before giving up, so that a contributor sees
all of them in one run; cross-file checks (references, duplicates) run once each file
on its own is valid.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from termsite.content.fields import SLUG_RE, Collector, Invalid, MapOf, Record, did_you_mean
from termsite.content.model import (AREA, AUTHORS, REDIRECTS, TERM, Area, AreaTranslation, Author, FaqEntry, Glossary,
                                    Term, area_members)
from termsite.problems import ContentError, Problem, Severity
from termsite.workers import map_items
from termsite.content.yamlsource import YamlNode, read_yaml_file

# [[slug]] or [[slug|text]]; the slug part is checked against the slug pattern separately
# so that a malformed reference gets a precise message instead of being ignored.
REFERENCE_RE = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,300}))?\]\]")
_FENCED_CODE_RE = re.compile(r"^([ \t]*)(```|~~~)[^\n]*\n.*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
MAX_FILES = 100_000
# URL segments that generated pages use below the area and term prefixes (…/page/2/).
RESERVED_SLUGS = frozenset({"page"})


@dataclass(frozen=True)
class ContentLayout:
    """Where content lives inside a content folder."""

    root: Path
    terms_dir: str = "terms"
    areas_dir: str = "areas"
    authors_file: str = "authors.yml"
    redirects_file: str = "redirects.yml"
    i18n_dir: str = "i18n"

    @property
    def terms(self) -> Path:
        return self.root / self.terms_dir

    @property
    def areas(self) -> Path:
        return self.root / self.areas_dir

    @property
    def authors(self) -> Path:
        return self.root / self.authors_file

    @property
    def redirects(self) -> Path:
        return self.root / self.redirects_file

    @property
    def i18n(self) -> Path:
        """Translations: i18n/<language>/terms/, i18n/<language>/areas/ and i18n/<language>/site.yml."""
        return self.root / self.i18n_dir

    def translated_terms(self, language: str) -> Path:
        return self.i18n / language / self.terms_dir

    def translated_areas(self, language: str) -> Path:
        return self.i18n / language / self.areas_dir

    def site_translation(self, language: str) -> Path:
        return self.i18n / language / "site.yml"


def display_path(path: Path) -> str:
    """A path as a contributor would type it: relative to the working directory when possible."""
    text = str(path)
    if not os.path.isabs(text) and ".." not in text.split(os.sep):
        return os.path.normpath(text)  # already relative: the common case, called for every file
    try:
        return os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text


def load_glossary(content_dir: Path | str, *, default_author: str = "", cache: ParseCache | None = None,
                  files_dir: Path | None = None, languages: Sequence[str] = ()) -> Glossary:
    """Load and validate all content; raise ContentError listing every error found."""
    glossary, problems = check_content(content_dir, default_author=default_author, cache=cache, files_dir=files_dir,
                                       languages=languages)
    if glossary is None or any(p.is_error for p in problems):
        raise ContentError(problems)
    return glossary


def check_content(content_dir: Path | str, *, default_author: str = "", cache: ParseCache | None = None,
                  files_dir: Path | None = None,
                  languages: Sequence[str] = ()) -> tuple[Glossary | None, list[Problem]]:
    """Load and validate; return the glossary (None when it has errors) and all problems.

    ``files_dir`` is the folder the site's own files are published from (MkDocs' docs_dir):
    an image given as a path inside the site must be there. ``languages`` are the site's
    languages, the source language first: the translations into the others are loaded from
    ``i18n/`` and checked against the source (see :mod:`termsite.content.translations`).
    Without ``languages``, ``i18n/`` is not read.
    """
    from termsite.content.translations import TranslationLoader  # it builds on this module
    layout = ContentLayout(Path(content_dir))
    problems: list[Problem] = []
    if not layout.root.is_dir():
        return None, [Problem(display_path(layout.root), 1, 1, "missing-content",
                              "the content folder does not exist; expected terms/, areas/ and authors.yml in it.")]
    authors = _load_authors(layout, problems)
    references: list[tuple[Any, str, int, str]] = []
    translations = TranslationLoader(layout, tuple(languages), problems) if languages else None
    jobs = [(path, display_path(path), kind) for folder, kind in ((layout.terms, "term"), (layout.areas, "area"))
            for path in _entry_files(folder, problems)]
    jobs += translations.jobs() if translations else []
    # One pass over every file, in worker processes for a large glossary (see termsite.workers).
    entries = list(_parse_entries(jobs, problems, references, cache))
    terms = {t.slug: t for t in entries if isinstance(t, Term)}
    areas = {a.slug: a for a in entries if isinstance(a, Area)}
    glossary = Glossary(terms=terms, areas=areas, authors=authors, default_author=default_author,
                        languages=tuple(languages))
    # Files that exist but did not load already have their own error; references to them get none.
    unloaded = (_stems(layout.terms) - set(terms), _stems(layout.areas) - set(areas))
    redirects = _load_redirects(layout, problems)
    glossary.redirects = _resolve_redirects(redirects, terms, unloaded[0], display_path(layout.redirects), problems)
    source_references = [r for r in references if isinstance(r[0], (Term, Area))]
    _cross_check(glossary, layout, problems, source_references, unloaded)
    if translations is not None:
        glossary.translations = translations.assemble(entries, glossary, unloaded,
                                                      [r for r in references if not isinstance(r[0], (Term, Area))])
    if files_dir is not None:
        problems.extend(_missing_site_files(glossary, files_dir))
    if any(p.is_error for p in problems):
        return None, sorted(problems)
    glossary.area_members = area_members(glossary)
    glossary.narrower = _narrower(glossary)
    return glossary, sorted(problems)


def _stems(folder: Path) -> set[str]:
    return {path.stem for path in folder.glob("*.yml")} if folder.is_dir() else set()


def _read_mapping_file(path: Path, layout: ContentLayout, spec: MapOf, problems: list[Problem], *,
                       empty_is_fine: bool = False) -> tuple[YamlNode | None, dict[str, Any]]:
    """A file that maps keys to entries (authors.yml, redirects.yml): its root node and converted values."""
    if not path.exists():
        return None, {}
    shown = display_path(path)
    outside = _outside_content(path, layout.root)
    if outside:
        problems.append(outside)
        return None, {}
    root, read_problems = read_yaml_file(path, shown)
    if root is None and empty_is_fine and [p.code for p in read_problems] == ["empty-file"]:
        return None, {}
    problems.extend(read_problems)
    if root is None:
        return None, {}
    out = Collector(shown)
    try:
        values = spec.convert(root, "", out)
    except Invalid:
        values = {}
    problems.extend(out.problems)
    return root, values


def _load_authors(layout: ContentLayout, problems: list[Problem]) -> dict[str, Author]:
    _, values = _read_mapping_file(layout.authors, layout, AUTHORS, problems)
    return {key: Author(key=key, name=v["name"], url=v["url"]) for key, v in values.items()}


@dataclass(frozen=True)
class _Redirect:
    target: str
    key_position: tuple[int, int]
    target_position: tuple[int, int]


def _load_redirects(layout: ContentLayout, problems: list[Problem]) -> dict[str, _Redirect]:
    """content/redirects.yml, written by `termsite rename`: old slug -> the slug that replaced it.

    A file of comments only is fine here: it is what remains when every redirect was removed.
    """
    root, values = _read_mapping_file(layout.redirects, layout, REDIRECTS, problems, empty_is_fine=True)
    if root is None:
        return {}
    return {old: _Redirect(target, (root.entries[old][0].line, root.entries[old][0].column),
                           (root.entries[old][1].line, root.entries[old][1].column))
            for old, target in values.items()}


def _resolve_redirects(redirects: dict[str, _Redirect], terms: dict[str, Term], unloaded_terms: set[str],
                       shown: str, problems: list[Problem]) -> dict[str, str]:
    """Old slug -> the live term it leads to, following chains (a -> b, b -> c gives a -> c)."""
    resolved: dict[str, str] = {}
    in_loops: set[str] = set()  # a loop is one mistake: reported once, at its first entry
    for old, redirect in redirects.items():
        line, column = redirect.key_position
        if old in RESERVED_SLUGS:
            problems.append(Problem(shown, line, column, "reserved-slug",
                                    f"the slug '{old}' is reserved for the pages of long indexes; it cannot "
                                    "have a redirect page.", old))
            continue
        if old in terms:
            problems.append(Problem(shown, line, column, "redirect-conflict",
                                    f"'{old}' is a live term ({terms[old].path}); a redirect would hide its page, "
                                    "so remove this line or the term.", old))
            continue
        seen = [old]
        target = redirect.target
        while target not in terms and target in redirects and target not in seen:
            seen.append(target)
            target = redirects[target].target
        line, column = redirect.target_position
        if target in seen:
            if old in in_loops:
                continue
            in_loops.update(seen)
            problems.append(Problem(shown, line, column, "redirect-loop",
                                    f"the redirects go round in a circle ({' -> '.join(seen + [target])}); "
                                    "point one of them at a live term.", old))
        elif target in terms:
            resolved[old] = target
        # a broken link further down a chain is reported there, a term file with errors at that file
        elif target == redirect.target and target not in unloaded_terms:
            problems.append(Problem(shown, line, column, "unknown-reference",
                                    f"unknown term '{target}'{did_you_mean(target, terms)}; a redirect must lead "
                                    "to a term in terms/.", old))
    return resolved


def _entry_files(folder: Path, problems: list[Problem], root: Path | None = None) -> list[Path]:
    """The entry files of a folder; ``root`` is the content folder they must stay inside (default: its parent)."""
    if not folder.is_dir():
        return []
    root = root if root is not None else folder.parent
    files: list[Path] = []
    seen: dict[str, Path] = {}
    try:
        folder_inside = folder.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        folder_inside = False
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        shown = display_path(path)
        if path.suffix != ".yml":
            if path.suffix in (".yaml", ".YML", ".YAML"):
                problems.append(Problem(shown, 1, 1, "bad-file-name",
                                        f"content files end in '.yml'; rename it to '{path.stem}.yml'."))
            continue
        if not SLUG_RE.match(path.stem):
            problems.append(Problem(shown, 1, 1, "bad-slug",
                                    f"the file name '{path.stem}' is not a valid slug; use lowercase letters, digits "
                                    "and single hyphens, like 'mark-price.yml'."))
            continue
        if path.stem in RESERVED_SLUGS:
            problems.append(Problem(shown, 1, 1, "reserved-slug",
                                    f"the slug '{path.stem}' is reserved for the pages of long indexes; "
                                    f"rename the file, e.g. to '{path.stem}-1.yml'."))
            continue
        # Resolving every path costs as much as parsing a small file: only links, or a linked folder, need it.
        outside = _outside_content(path, root) if not folder_inside or path.is_symlink() else None
        if outside:
            problems.append(outside)
            continue
        # Two names that differ only in case collide on macOS and Windows checkouts.
        folded = path.stem.casefold()
        if folded in seen:
            problems.append(Problem(shown, 1, 1, "duplicate-slug",
                                    f"the slug collides with '{display_path(seen[folded])}' on case-insensitive file systems."))
            continue
        seen[folded] = path
        files.append(path)
        if len(files) > MAX_FILES:
            problems.append(Problem(display_path(folder), 1, 1, "too-large",
                                    f"more than {MAX_FILES:,} files; termsite reads at most that many."))
            break
    return files


def _outside_content(path: Path, content_root: Path) -> Problem | None:
    """A problem when a (symbolically linked) content file lives outside the content folder.

    A pull request can add a symbolic link such as terms/x.yml -> ~/.ssh/config; reading
    it would put lines of that file into error messages and CI logs.
    """
    try:
        inside = path.resolve().is_relative_to(content_root.resolve())
    except (OSError, RuntimeError):  # a loop of symbolic links
        inside = False
    if inside:
        return None
    return Problem(display_path(path), 1, 1, "outside-content",
                   "is a symbolic link to a file outside the content folder; content files must be inside it.")


class ParseCache:
    """Entries parsed from files, reused while a file is unchanged.

    A long-running host (``mkdocs serve``) rebuilds after every edit; re-reading only the
    files whose size or modification time changed keeps a 10,000-term rebuild fast. The
    cached entries are shared between builds and must not be modified.
    """

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple[int, int, str], _ParsedFile]] = {}

    def parse_all(self, jobs: list[tuple[Path, str, str]]) -> list[_ParsedFile]:
        """Each (path, shown path, kind) parsed, reading again only the files that changed."""
        keys: list[tuple[int, int, str] | None] = []
        for path, shown, _ in jobs:
            try:
                stat = path.stat()
                keys.append((stat.st_mtime_ns, stat.st_size, shown))
            except OSError:
                keys.append(None)
        missing = [i for i, (job, key) in enumerate(zip(jobs, keys))
                   if key is None or self._files.get(job[0], (None,))[0] != key]
        fresh = dict(zip(missing, map_items(_parse_job, [jobs[i] for i in missing])))
        results = []
        for index, ((path, _, _), key) in enumerate(zip(jobs, keys)):
            if index in fresh:
                if key is not None:
                    self._files[path] = (key, fresh[index])
                results.append(fresh[index])
            else:
                results.append(self._files[path][1])
        return results


@dataclass(frozen=True)
class _ParsedFile:
    entry: Any  # Term, Area, or None when the file has errors of its own
    problems: list[Problem]
    references: list[tuple[str, int, str]]  # (slug, line, field) of each [[reference]]


def _parse_entry_file(path: Path, shown: str, record: Record, make: Any) -> _ParsedFile:
    root, read_problems = read_yaml_file(path, shown)
    if root is None:
        return _ParsedFile(None, read_problems, [])
    out = Collector(shown)
    try:
        values = record.convert(root, "", out)
    except Invalid:
        return _ParsedFile(None, out.problems, [])
    entry = make(path.stem, shown, values, root)
    _check_dates(entry, root, out)
    references = list(_references(entry, root, out))
    return _ParsedFile(entry, out.problems, references)


def _parse_job(job: tuple[Path, str, str]) -> _ParsedFile:
    path, shown, kind = job
    if kind == "term":
        return _parse_entry_file(path, shown, TERM, _make_term)
    if kind == "area":
        return _parse_entry_file(path, shown, AREA, _make_area)
    from termsite.content.translations import parse_translation_job

    return parse_translation_job(job)


def _parse_entries(jobs: list[tuple[Path, str, str]], problems: list[Problem],
                   references: list[tuple[Any, str, int, str]], cache: ParseCache | None = None) -> Iterable[Any]:
    # Worker processes parse the files of a large glossary (see termsite.workers).
    for parsed in cache.parse_all(jobs) if cache else map_items(_parse_job, jobs):
        problems.extend(parsed.problems)
        if parsed.entry is None:
            continue
        references.extend((parsed.entry, slug, line, where) for slug, line, where in parsed.references)
        yield parsed.entry


def _positions(root: YamlNode) -> dict[str, tuple[int, int]]:
    positions = {key: (k.line, k.column) for key, (k, _) in root.entries.items()}
    image = root.entries.get("image")
    if image is not None and "url" in image[1].entries:
        url = image[1].entries["url"][1]
        positions["image.url"] = (url.line, url.column)
    return positions


def is_site_path(url: str) -> bool:
    """A path inside the site (images/x.svg), not an address on the web."""
    return not url.startswith(("http://", "https://", "//"))


def _missing_site_files(glossary: Glossary, files_dir: Path) -> Iterable[Problem]:
    """Images named as paths inside the site that the site does not have."""
    shown = display_path(files_dir)
    for entry in [*glossary.terms.values(), *glossary.areas.values()]:
        image = entry.image
        if image is None or not is_site_path(image.url):
            continue
        relative = image.url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
        if not (files_dir / relative).is_file():
            line, column = entry.positions.get("image.url", entry.positions.get("image", (1, 1)))
            yield Problem(entry.path, line, column, "missing-file",
                          f"'{image.url}' is not in the site's files ({shown}/{relative} does not exist); add the "
                          "image there or give its http(s) address.", "image.url")


def _make_term(slug: str, path: str, values: dict[str, Any], root: YamlNode) -> Term:
    return Term(slug=slug, path=path, positions=_positions(root), **values)


def _make_area(slug: str, path: str, values: dict[str, Any], root: YamlNode) -> Area:
    return Area(slug=slug, path=path, positions=_positions(root), **values)


def _check_dates(entry: Any, root: YamlNode, out: Collector) -> None:
    if getattr(entry, "published", None) and entry.modified and entry.modified < entry.published:
        node = root.entries["modified"][1]
        out.error(node, "modified", "dates-reversed",
                  f"{entry.modified.isoformat()} is before published ({entry.published.isoformat()}); "
                  "modified cannot come before published.")


def markdown_fields(entry: Any, root: YamlNode) -> Iterable[tuple[str, str, YamlNode]]:
    """Each Markdown field of an entry or translation: (field path, text, node)."""
    main = "intro" if isinstance(entry, (Area, AreaTranslation)) else "body"
    if main in root.entries:
        yield main, getattr(entry, main), root.entries[main][1]
    if "faq" in root.entries:
        for index, item in enumerate(root.entries["faq"][1].items):
            if "answer" in item.entries:
                yield f"faq[{index + 1}].answer", item.entries["answer"][1].text, item.entries["answer"][1]


def strip_code(markdown: str) -> str:
    """Blank out fenced code and code spans, keeping offsets, so references in code are ignored."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN_RE.sub(blank, _FENCED_CODE_RE.sub(blank, markdown))


def line_of(node: YamlNode, offset: int, text: str) -> int:
    """The file line of an offset inside a scalar; exact for literal blocks ('|')."""
    first = node.line + 1 if node.style in ("|", ">") else node.line
    return first + text.count("\n", 0, offset)


def _references(entry: Any, root: YamlNode, out: Collector) -> Iterable[tuple[str, int, str]]:
    """Each well-formed [[slug]] reference: (slug, line, field); malformed ones are reported."""
    for where, _, node in markdown_fields(entry, root):
        text = node.text
        for match in REFERENCE_RE.finditer(strip_code(text)):
            slug = match.group(1).strip()
            line = line_of(node, match.start(), text)
            if SLUG_RE.match(slug):
                yield slug, line, where
            else:
                out.problems.append(Problem(out.path, line, 1, "bad-reference",
                                            f"'[[{match.group(1)}]]' does not name a term slug; write [[slug]] or "
                                            "[[slug|text]] with the slug of a term, like [[mark-price]].", where))


def _cross_check(glossary: Glossary, layout: ContentLayout, problems: list[Problem],
                 references: list[tuple[Term | Area, str, int, str]],
                 unloaded: tuple[set[str], set[str]] = (set(), set())) -> None:
    terms, areas, authors = glossary.terms, glossary.areas, glossary.authors

    def missing_term(slug: str) -> bool:
        return slug not in terms and slug not in unloaded[0]

    def unknown_term(slug: str) -> str:
        """Why a slug is not a term: renamed (with its new slug) or a did-you-mean."""
        if slug in glossary.redirects:
            return f" (it was renamed to '{glossary.redirects[slug]}')"
        return did_you_mean(slug, terms)

    def at(entry: Term | Area, key: str, code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        line, column = entry.positions.get(key, (1, 1))
        problems.append(Problem(entry.path, line, column, code, message, key, severity))

    if glossary.default_author and authors and glossary.default_author not in authors:
        problems.append(Problem(display_path(layout.authors), 1, 1, "unknown-reference",
                                f"the default author '{glossary.default_author}' set in mkdocs.yml is not in this file"
                                f"{did_you_mean(glossary.default_author, authors)}.", "default_author"))

    names: dict[str, tuple[Term, str]] = {}
    for term in terms.values():
        for area in term.areas:
            if area not in areas and area not in unloaded[1]:
                at(term, "areas", "unknown-reference", f"unknown area '{area}'{did_you_mean(area, areas)}.")
        for related in term.related:
            if related == term.slug:
                at(term, "related", "self-reference", "a term cannot be related to itself; remove its own slug.")
            elif missing_term(related):
                at(term, "related", "unknown-reference", f"unknown term '{related}'{unknown_term(related)}.")
        if term.replaced_by:
            if term.replaced_by == term.slug:
                at(term, "replaced_by", "self-reference", "a term cannot be replaced by itself.")
            elif missing_term(term.replaced_by):
                at(term, "replaced_by", "unknown-reference",
                   f"unknown term '{term.replaced_by}'{unknown_term(term.replaced_by)}.")
            else:
                circle = _replacement_circle(term, terms)
                if circle:
                    at(term, "replaced_by", "replacement-loop",
                       f"the replacements go round in a circle ({' -> '.join(circle)}), so readers never reach a "
                       "live term; point one of them at a term that is not deprecated.")
            if not term.deprecated:
                at(term, "replaced_by", "inconsistent-status", "replaced_by is only for terms with 'status: deprecated'.")
        if term.author and term.author not in authors:
            at(term, "author", "unknown-reference",
               f"unknown author '{term.author}'{did_you_mean(term.author, authors)}; authors are the keys of "
               f"{display_path(layout.authors)}.")
        for key, name in [("title", term.title)] + [("aliases", alias) for alias in term.aliases]:
            folded = name.casefold()
            if folded in names:
                other, other_key = names[folded]
                if other is term:
                    at(term, key, "duplicate-name", f"'{name}' is both the title and an alias; keep it as the title.")
                else:
                    at(term, key, "duplicate-name",
                       f"'{name}' is already the {'title' if other_key == 'title' else 'alias'} of "
                       f"'{other.slug}' ({other.path}); names must be unique so that links and search are unambiguous.")
            else:
                names[folded] = (term, key)

    area_titles: dict[str, Area] = {}
    for area in areas.values():
        folded = area.title.casefold()
        if folded in area_titles:
            at(area, "title", "duplicate-name", f"'{area.title}' is already the title of area '{area_titles[folded].slug}'.")
        area_titles[folded] = area
        if area.terms is not None:
            for slug in area.terms:
                if missing_term(slug):
                    at(area, "terms", "unknown-reference", f"unknown term '{slug}'{unknown_term(slug)}.")
                # a term with a misspelt area has its own error there; this one would only repeat it
                elif slug in terms and area.slug not in terms[slug].areas and set(terms[slug].areas) <= set(areas):
                    at(area, "terms", "not-a-member",
                       f"'{slug}' is listed here but its file does not name this area in 'areas'; add "
                       f"'{area.slug}' to {terms[slug].path} or remove it here.")

    _check_hierarchy(terms, problems, missing_term, unknown_term)

    for entry, slug, line, where in references:
        if missing_term(slug):
            problems.append(Problem(entry.path, line, 1, "unknown-reference",
                                    f"'[[{slug}]]' refers to unknown term '{slug}'{unknown_term(slug)}.", where))


def _check_hierarchy(terms: dict[str, Term], problems: list[Problem], missing_term: Any, unknown_term: Any) -> None:
    """'broader' names existing terms, never the term itself, and never leads back to where it started;
    a 'code' identifies one term."""
    codes: dict[str, Term] = {}
    for term in terms.values():
        line, column = term.positions.get("broader", (1, 1))
        for slug in term.broader:
            if slug == term.slug:
                problems.append(Problem(term.path, line, column, "self-reference",
                                        "a term cannot be broader than itself; remove its own slug.", "broader"))
            elif missing_term(slug):
                problems.append(Problem(term.path, line, column, "unknown-reference",
                                        f"unknown term '{slug}'{unknown_term(slug)}.", "broader"))
        if term.code:
            other = codes.get(term.code.casefold())
            if other is not None:
                line, column = term.positions.get("code", (1, 1))
                problems.append(Problem(term.path, line, column, "duplicate-name",
                                        f"the code '{term.code}' is already the code of '{other.slug}' ({other.path}); "
                                        "a code identifies one term.", "code"))
            else:
                codes[term.code.casefold()] = term
    for circle in _broader_circles(terms):
        term = terms[circle[0]]
        line, column = term.positions.get("broader", (1, 1))
        problems.append(Problem(term.path, line, column, "broader-cycle",
                                f"the broader terms go round in a circle ({' -> '.join(circle)}), so each of them "
                                "would be narrower than itself; remove one of these links.", "broader"))


def _broader_circles(terms: dict[str, Term]) -> list[list[str]]:
    """Each circle of 'broader' links once, starting at its slug that sorts first (self-links excluded)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    circles: list[list[str]] = []
    for start in sorted(terms):
        if start in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(terms[start].broader)))]
        state[start] = 1
        path.append(start)
        while stack:  # depth first, without recursion: a hierarchy can be thousands of terms deep
            slug, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[slug] = 2
                continue
            if child == slug or child not in terms:
                continue
            if state.get(child) == 1:
                circle = path[path.index(child):]
                first = circle.index(min(circle))
                circles.append(circle[first:] + circle[:first] + [min(circle)])
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(terms[child].broader))))
    return circles


def _narrower(glossary: Glossary) -> dict[str, list[str]]:
    narrower: dict[str, list[str]] = defaultdict(list)
    for term in glossary.sorted_terms():
        for slug in term.broader:
            narrower[slug].append(term.slug)
    return dict(narrower)


def _replacement_circle(term: Term, terms: dict[str, Term]) -> list[str]:
    """The slugs round a circle of deprecated terms replacing each other, starting at ``term``; [] if none.

    Reported once per circle, at the term whose slug sorts first.
    """
    chain = [term.slug]
    current = terms.get(term.replaced_by)
    while current is not None and current.deprecated and current.replaced_by and current.slug not in chain:
        chain.append(current.slug)
        current = terms.get(current.replaced_by)
    if current is None or current.slug != term.slug or min(chain) != term.slug:
        return []
    return chain + [term.slug]


def faq_questions(entry: Term | Area) -> list[tuple[str, FaqEntry]]:
    return [(faq.question_for(entry.title), faq) for faq in entry.faq]
