"""Hand-written pages of a site (guides, articles, the About page) as content.

A knowledge base keeps its articles as Markdown files in the site's ``docs_dir``, beside
the glossary. termsite reads their front matter with the same strict YAML reader and
field declarations as the glossary's own files, so a mistake is reported as
``docs/guide.md:LINE:COL`` before anything is built, and it checks every ``[[slug]]``
reference of the page's Markdown against the glossary. The page's text itself is the
engine's to render; linking it is :mod:`termsite.graph.treelinks`' job.

Front matter keys that are not termsite's (``template``, ``hide``, ``tags`` and every
other key an engine or theme reads) are left alone; one that is a near miss of ours
(``descripton``) gets a warning, since it would otherwise be ignored silently.
"""

from __future__ import annotations

import difflib
import re
import stat
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

from termsite.content.fields import (SLUG_RE, Boolean, Choice, Collector, DateTime, Invalid, Key, ListOf, Record, Slug,
                                     Spec, Text, did_you_mean)
from termsite.content.languages import page_language
from termsite.content.loader import REFERENCE_RE, display_path, line_of, strip_code
from termsite.content.model import IMAGE, SUMMARY_MAX_LENGTH, TERM_FAQ, FaqEntry, Glossary, Image
from termsite.content.yamlsource import MAX_FILE_BYTES, YamlNode, parse_yaml_bytes
from termsite.problems import Problem, Severity

ARTICLE_TYPES = ("Article", "TechArticle", "HowTo", "BlogPosting")

# YAML front matter as MkDocs and Zensical read it: '---' on the first line, closed by '---' or '...'.
_FRONT_MATTER_RE = re.compile(r"\A(?:\ufeff)?-{3}[ \t]*\r?\n(.*?\r?\n)?(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# <!-- termsite: autolink off --> ... <!-- termsite: autolink on -->: see graph.treelinks.
REGION_MARKER_RE = re.compile(r"<!--\s*termsite:\s*autolink\s+(off|on)\s*-->")

PAGE_OPTIONS = Record(
    description="termsite's options for this page.",
    fields=(
        Spec("autolink", Boolean(description="false: no automatic term links on this page ([[slug]] still links)")),
        Spec("jsonld", Boolean(description="false: no termsite JSON-LD on this page")),
    ),
)

ARTICLE = Record(
    description="The front matter of a hand-written page (a guide or article) in docs_dir.",
    fields=(
        Spec("title", Text(max_length=120, description="The page title; the engine's title when absent")),
        Spec("description", Text(max_length=SUMMARY_MAX_LENGTH,
                                 description="One plain-text sentence: meta and JSON-LD description "
                                             "(the first paragraph when absent)")),
        Spec("type", Choice(values=ARTICLE_TYPES,
                            description="The schema.org type of the page: Article (default), TechArticle, "
                                        "HowTo (each '##' section is a step) or BlogPosting")),
        Spec("author", Key(description="A key of content/authors.yml; the site's default author when absent")),
        Spec("published", DateTime(description="First publication, ISO 8601 with offset (else the file's "
                                               "first git commit)")),
        Spec("modified", DateTime(description="Last substantive change, ISO 8601 with offset (else the file's "
                                              "last git commit)")),
        Spec("about", ListOf(item=Slug(target="term"), unique=True,
                             description="Slugs of the terms the page is chiefly about (JSON-LD 'about')")),
        Spec("faq", ListOf(item=TERM_FAQ, description="Questions and answers shown at the end of the page and "
                                                      "published as FAQPage")),
        Spec("image", IMAGE),
        Spec("termsite", PAGE_OPTIONS),
        Spec("source_modified", DateTime(description="In a translation (docs_dir/<language>/<path>.md): the source "
                                                     "page's 'modified' it was made from; `termsite lint` warns "
                                                     "when the source page changed after it")),
    ),
)


@dataclass
class Article:
    """A hand-written page of the site and what its front matter says about it."""

    source: str  # the engine's name for the file: its path inside docs_dir ('guides/funding.md')
    path: str  # the file as a contributor would type it, for messages ('docs/guides/funding.md')
    title: str = ""
    description: str = ""
    type: str = "Article"
    author: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    about: list[str] = field(default_factory=list)
    faq: list[FaqEntry] = field(default_factory=list)
    image: Image | None = None
    autolink: bool = True
    jsonld: bool = True
    source_modified: datetime | None = None
    # A translation (docs_dir/<language>/<path>.md, <language> one of the site's other languages): its
    # language and the source it translates ('guides/funding.md'); '' and the page itself for the rest.
    language: str = ""
    translates: str = ""
    # each [[reference]] of the page and its front matter: (slug, line, column, field)
    references: list[tuple[str, int, int, str]] = field(default_factory=list, repr=False)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of a Markdown file: its YAML text, and where the page's Markdown starts."""

    yaml: str
    body_offset: int  # character offset of the Markdown after the front matter
    body_line: int  # its 1-based line

    @staticmethod
    def split(text: str) -> FrontMatter:
        match = _FRONT_MATTER_RE.match(text)
        if not match:
            start = 1 if text.startswith("\ufeff") else 0
            return FrontMatter("", start, 1)
        return FrontMatter(match.group(1) or "", match.end(), text.count("\n", 0, match.end()) + 1)


def markdown_sources(docs_dir: Path, excluded: Iterable[str] = ()) -> list[str]:
    """The Markdown files of a docs folder as the engine names them, as a command finds them without one.

    Hidden files and folders are skipped, as every engine does; ``excluded`` names more.
    """
    skip = set(excluded)
    found = []
    if not docs_dir.is_dir():
        return []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in relative.split("/")) or relative in skip:
            continue
        found.append(relative)
    return found


def load_articles(docs_dir: Path, sources: Iterable[str], glossary: Glossary, *,
                  shown_dir: str | None = None) -> tuple[dict[str, Article], list[Problem]]:
    """Read and check every hand-written page; every problem of every page is returned.

    ``sources`` are paths inside ``docs_dir``; generated pages that a site replaces with a
    file of its own are read like any other page.
    """
    shown_root = shown_dir if shown_dir is not None else display_path(docs_dir)
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    sources = list(sources)
    for source in sources:
        shown = f"{shown_root.rstrip('/')}/{source}" if shown_root not in ("", ".") else source
        article, found = read_article(docs_dir / source, source, shown, glossary)
        problems += found
        if article is not None:
            articles[source] = article
    problems += _pages_without_source(articles, set(sources), shown_root)
    return articles, problems


def _close_page(source: str, originals: list[str]) -> str:
    """' (did you mean ...?)' for a misspelt page path; pages in one folder share too much for a looser match."""
    close = difflib.get_close_matches(source, originals, n=1, cutoff=0.85)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _pages_without_source(articles: dict[str, Article], sources: set[str], shown_root: str) -> list[Problem]:
    """Translations of pages the site does not have: a page of their own in that language, or a misnamed file."""
    originals = [source for source, article in articles.items() if not article.language]
    problems = []
    for article in articles.values():
        if article.language and article.translates not in sources:
            shown = f"{shown_root.rstrip('/')}/{article.translates}" if shown_root not in ("", ".") \
                else article.translates
            problems.append(Problem(article.path, 1, 1, "page-without-source",
                                    f"{shown} does not exist, so this page translates nothing"
                                    f"{_close_page(article.translates, originals)}; a translation has the path "
                                    f"of its source page below {article.language}/ (it is published as a "
                                    f"{article.language} page of its own).", "", Severity.WARNING))
    return problems


def read_article(path: Path, source: str, shown: str, glossary: Glossary) -> tuple[Article | None, list[Problem]]:
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES * 10:
            return None, []  # not a page termsite can read; the engine reports it if it matters
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not valid UTF-8"
        return None, [Problem(shown, 1, 1, "unreadable-file", f"cannot read the page: {reason}.")]
    return parse_article(text, source, shown, glossary)


def parse_article(text: str, source: str, shown: str, glossary: Glossary) -> tuple[Article | None, list[Problem]]:
    front = FrontMatter.split(text)
    language, translates = page_language(source, glossary.languages)
    article = Article(source=source, path=shown, language=language, translates=translates)
    out = Collector(shown)
    if front.yaml.strip():
        # A blank line for the opening '---' keeps the YAML reader's line numbers the file's.
        root, read_problems = parse_yaml_bytes(("\n" + front.yaml).encode("utf-8"), shown)
        out.problems += read_problems
        if root is not None:
            _read_front_matter(article, root, out)
    body = text[front.body_offset:]
    _check_references(article, body, front.body_line, glossary, out)
    _check_names(article, glossary, out)
    if any(p.is_error for p in out.problems):
        return None, out.problems
    return article, out.problems


def _read_front_matter(article: Article, root: YamlNode, out: Collector) -> None:
    if root.kind != "mapping":
        out.error(root, "", "wrong-type", f"expected the front matter to be a mapping of fields (title: ..., "
                                          f"description: ...), found {root.describe()}.")
        return
    ours = ARTICLE.names
    mine = YamlNode("mapping", root.line, root.column)
    for key, (key_node, value_node) in root.entries.items():
        if key in ours:
            mine.entries[key] = (key_node, value_node)
            continue
        close = difflib.get_close_matches(key, ours, n=1, cutoff=0.8)
        if close:
            out.warning(key_node, key, "unknown-key",
                        f"'{key}' is not a termsite field and is ignored; did you mean '{close[0]}'?")
    try:
        values = ARTICLE.convert_mapping(mine, "", out)
    except Invalid:
        return
    options = values.pop("termsite", {}) or {}
    for key, value in values.items():
        setattr(article, key, value)
    article.autolink = options.get("autolink", True)
    article.jsonld = options.get("jsonld", True)
    article.positions = {key: (k.line, k.column) for key, (k, _) in mine.entries.items()}
    if article.published and article.modified and article.modified < article.published:
        out.error(mine.entries["modified"][1], "modified", "dates-reversed",
                  f"{article.modified.isoformat()} is before published ({article.published.isoformat()}); "
                  "modified cannot come before published.")
    if "faq" in mine.entries:
        for index, item in enumerate(mine.entries["faq"][1].items, start=1):
            if "answer" in item.entries:
                node = item.entries["answer"][1]
                where = f"faq[{index}].answer"
                for slug, offset in _reference_slugs(node.text, where, out, node):
                    article.references.append((slug, line_of(node, offset, node.text), node.column, where))


def _reference_slugs(text: str, where: str, out: Collector, node: YamlNode | None = None,
                     first_line: int = 1) -> Iterable[tuple[str, int]]:
    for match in REFERENCE_RE.finditer(strip_code(text)):
        slug = match.group(1).strip()
        if SLUG_RE.match(slug):
            yield slug, match.start()
        else:
            line = line_of(node, match.start(), text) if node else first_line + text.count("\n", 0, match.start())
            column = 1 if node else match.start() - text.rfind("\n", 0, match.start())
            out.problems.append(Problem(out.path, line, column, "bad-reference",
                                        f"'[[{match.group(1)}]]' does not name a term slug; write [[slug]] or "
                                        "[[slug|text]] with the slug of a term, like [[mark-price]].", where))


def _check_references(article: Article, body: str, first_line: int, glossary: Glossary, out: Collector) -> None:
    for slug, offset in _reference_slugs(body, "", out, first_line=first_line):
        line = first_line + body.count("\n", 0, offset)
        column = offset - body.rfind("\n", 0, offset)
        article.references.append((slug, line, column, ""))


def _check_names(article: Article, glossary: Glossary, out: Collector) -> None:
    """Every slug and author the page names must exist."""
    terms = glossary.terms

    def unknown_term(slug: str) -> str:
        if slug in glossary.redirects:
            return f" (it was renamed to '{glossary.redirects[slug]}')"
        return did_you_mean(slug, terms)

    for slug, line, column, where in article.references:
        if slug not in terms:
            out.problems.append(Problem(out.path, line, column, "unknown-reference",
                                        f"'[[{slug}]]' refers to unknown term '{slug}'{unknown_term(slug)}.", where))
    for slug in article.about:
        if slug not in terms:
            line, column = article.positions.get("about", (1, 1))
            out.problems.append(Problem(out.path, line, column, "unknown-reference",
                                        f"unknown term '{slug}'{unknown_term(slug)}; 'about' lists term slugs.",
                                        "about"))
    if article.author and article.author not in glossary.authors:
        line, column = article.positions.get("author", (1, 1))
        out.problems.append(Problem(out.path, line, column, "unknown-reference",
                                    f"unknown author '{article.author}'{did_you_mean(article.author, glossary.authors)}"
                                    "; authors are the keys of the glossary's authors.yml.", "author"))


def git_dates(folder: Path) -> dict[str, tuple[datetime, datetime]]:
    """Path inside ``folder`` -> (first, last) commit date of the file, from one ``git log``.

    Pages without dates in their front matter are dated by their history; outside a git
    checkout (or without git) there are no dates, and the JSON-LD leaves them out.
    """
    try:
        result = subprocess.run(["git", "log", "--format=@%cI", "--name-only", "--no-renames", "--relative", "--",
                                 "."], cwd=folder, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, tuple[datetime, datetime]] = {}
    current: datetime | None = None
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            try:
                current = datetime.fromisoformat(line[1:])
            except ValueError:
                current = None
        elif line and current is not None:
            first, last = dates.get(line, (current, current))
            # git log lists the newest commit first
            dates[line] = (current, last)
    return dates
