"""Find the pages, check them (in a process pool when there are many), run the site rules,
and apply severities and per-page suppressions."""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .config import CheckConfig, ConfigError, normalize_site_url
from .extract import NotHtmlError, PageDocument, PageReadError, decode_html, read_page_bytes
from .model import Finding, PageSummary, Problem, Severity
from .rules import PAGE_RULES, RULES, SITE_RULES
from .site import SiteData, SiteRoot, summarize
from .vocabulary import load_vocabulary

# Above this many pages the work is spread over a process pool (one worker per core).
POOL_THRESHOLD = 200
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True, slots=True)
class PageTask:
    file: str  # path to open
    display: str  # path to print
    root: int | None  # index into the site roots, None for a file given on its own
    rel_url: str | None  # URL path relative to the site root, e.g. "area/foo/"


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    pages_checked: int = 0
    unreadable: bool = False  # some input could not be read: exit status 2

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    def exit_code(self, warnings_as_errors: bool = False) -> int:
        if self.unreadable:
            return 2
        failing = {Severity.ERROR, Severity.WARNING} if warnings_as_errors else {Severity.ERROR}
        return 1 if any(p.severity in failing for p in self.problems) else 0


def rel_url_for(rel_path: str) -> str:
    """``area/foo/index.html`` -> ``area/foo/``; ``index.html`` -> ``""``; ``a/b.html`` unchanged."""
    rel_path = rel_path.replace(os.sep, "/")
    if rel_path == "index.html":
        return ""
    if rel_path.endswith("/index.html"):
        return rel_path[: -len("index.html")]
    return rel_path


def collect_tasks(paths: Iterable[str]) -> tuple[list[PageTask], list[str]]:
    """Pages to check and site folders, in a stable order; ConfigError for a missing path."""
    tasks, folders, _files = collect_site(paths)
    return tasks, folders


def collect_site(paths: Iterable[str]) -> tuple[list[PageTask], list[str], list[frozenset[str]]]:
    """Pages to check, site folders and every file of each folder ('/'-separated, relative),
    from one walk of each folder."""
    tasks: list[PageTask] = []
    folders: list[str] = []
    folder_files: list[frozenset[str]] = []
    for path in paths:
        if os.path.isdir(path):
            root = len(folders)
            folders.append(path)
            found = []
            files = set()
            for directory, dirs, names in os.walk(path):
                dirs.sort()
                rel_dir = os.path.relpath(directory, path).replace(os.sep, "/")
                prefix = "" if rel_dir == "." else rel_dir + "/"
                for name in names:
                    files.add(prefix + name)
                    if name.lower().endswith(HTML_SUFFIXES):
                        found.append((os.path.join(directory, name), prefix + name))
            folder_files.append(frozenset(files))
            for file, rel in sorted(found):
                tasks.append(PageTask(file, file, root, rel_url_for(rel)))
        elif os.path.exists(path) or os.path.islink(path):
            tasks.append(PageTask(path, path, None, None))
        else:
            raise ConfigError(f"no such file or directory: {path}")
    return tasks, folders, folder_files


_CANONICAL_HREF = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def infer_site_url(folder: str) -> str | None:
    """The canonical URL of the folder's home page, when no site URL was configured."""
    try:
        data, _ = read_page_bytes(os.path.join(folder, "index.html"))
    except PageReadError:
        return None
    match = _CANONICAL_HREF.search(data[:200_000].decode("utf-8", "replace"))
    href = _HREF.search(match.group()) if match else None
    url = next((g for g in href.groups() if g), None) if href else None
    if not url or not url.startswith(("http://", "https://")):
        return None
    try:
        return normalize_site_url(url)
    except ConfigError:
        return None


# -- per page (runs in workers) --------------------------------------------------
_worker_config: CheckConfig | None = None


def _init_worker(config: CheckConfig) -> None:
    global _worker_config
    _worker_config = config
    load_vocabulary()


def _page_url(config: CheckConfig, rel_url: str | None) -> str | None:
    return config.site_url + rel_url if config.site_url and rel_url is not None else None


def load_page(task: PageTask, config: CheckConfig) -> PageDocument:
    """Read and extract a page; read and decoding failures become an (empty) page that says so."""
    page_url = _page_url(config, task.rel_url)
    try:
        data, truncated = read_page_bytes(task.file)
    except PageReadError as exc:
        page = PageDocument(task.display, "", page_url, task.rel_url)
        page.read_error = str(exc)
        return page
    try:
        text = decode_html(data)
    except NotHtmlError as exc:
        page = PageDocument(task.display, "", page_url, task.rel_url)
        page.not_html = str(exc)
        return page
    page = PageDocument(task.display, text, page_url, task.rel_url)
    page.truncated = truncated
    return page


def check_page(task: PageTask, config: CheckConfig) -> tuple[list[Problem], PageSummary, bool]:
    """Run the enabled page rules; return problems, the site summary and 'unreadable'."""
    page = load_page(task, config)
    problems: list[Problem] = []
    for rule in PAGE_RULES:
        if rule.ID not in config.enabled:
            continue
        try:
            findings = list(rule.check(page, config))
        except Exception as exc:  # one buggy rule must not hide the other results
            findings = []
            problems.append(_internal_error(page.path, rule.ID, exc))
        problems.extend(_to_problem(page.path, rule, finding, config) for finding in findings)
    try:
        summary = summarize(page, task.root, config.site_url)
    except Exception as exc:
        problems.append(_internal_error(page.path, "site summary", exc))
        summary = PageSummary(page.path, task.root, task.rel_url, page.page_url)
    suppressed = summary.suppressed
    problems = [p for p in problems if not _is_suppressed(p.rule_id, suppressed)]
    return problems, summary, page.read_error is not None


def _check_page_in_worker(task: PageTask) -> tuple[list[Problem], PageSummary, bool]:
    assert _worker_config is not None
    return check_page(task, _worker_config)


def _internal_error(path: str, where: str, exc: Exception) -> Problem:
    import traceback  # only when a rule fails

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    rule = RULES["internal-error"]
    return Problem(path, 1, 1, rule.ID, rule.SEVERITY, f"{where} failed: {type(exc).__name__}: {exc}{location}")


def _to_problem(path: str, rule: object, finding: Finding, config: CheckConfig) -> Problem:
    rule_id: str = rule.ID  # type: ignore[attr-defined]
    severity = config.severity_of(rule_id, rule.SEVERITY)  # type: ignore[attr-defined]
    return Problem(finding.path or path, max(finding.line, 1), max(finding.col, 1), rule_id, severity,
                   finding.message, finding.json_path)


def _is_suppressed(rule_id: str, suppressed: frozenset[str]) -> bool:
    return any(rule_id == s or rule_id.startswith(s.rstrip("-") + "-") or s == "all" for s in suppressed)


# -- the whole run --------------------------------------------------------------
def _check_all(tasks: list[PageTask], config: CheckConfig, jobs: int | None) -> Iterator[tuple[list[Problem], PageSummary, bool]]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if len(tasks) <= POOL_THRESHOLD or workers <= 1:
        for task in tasks:
            yield check_page(task, config)
        return
    from concurrent.futures import ProcessPoolExecutor  # only for large sites: it costs startup time

    load_vocabulary()  # loaded before forking, so workers share it
    chunksize = max(1, min(64, len(tasks) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
        yield from pool.map(_check_page_in_worker, tasks, chunksize=chunksize)


def run_check(paths: list[str], config: CheckConfig, jobs: int | None = None) -> CheckResult:
    tasks, folders, folder_files = collect_site(paths)
    if config.site_url is None and folders:
        inferred = infer_site_url(folders[0])
        if inferred:
            config = dataclasses.replace(config, site_url=inferred)
    site = SiteData([SiteRoot(folder, config.site_url, files) for folder, files in zip(folders, folder_files)])
    result = CheckResult()
    for problems, summary, unreadable in _check_all(tasks, config, jobs):
        result.problems.extend(problems)
        site.pages.append(summary)
        result.pages_checked += 1
        result.unreadable |= unreadable
    suppressed_by_path = {s.path: s.suppressed for s in site.pages}
    for rule in SITE_RULES:
        if rule.ID not in config.enabled:
            continue
        try:
            for finding in rule.check(site, config):
                problem = _to_problem(finding.path or "", rule, finding, config)
                if not _is_suppressed(rule.ID, suppressed_by_path.get(problem.path, frozenset())):
                    result.problems.append(problem)
        except Exception as exc:
            result.problems.append(_internal_error(folders[0] if folders else "", rule.ID, exc))
    result.problems.sort(key=Problem.sort_key)
    return result
