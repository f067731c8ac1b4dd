#!/usr/bin/env python3
"""Build, check and page-weight benchmark of termsite on synthetic glossaries.

Every figure comes with the baselines it is compared with, measured in the same run on
the same content, and is printed as min/median over the runs:

- the termsite build (``mkdocs build``) of a ``termsite synth`` glossary;
- the same pages written as ordinary Markdown and built by plain mkdocs-material with the
  same theme, nav and search plugin (what the theme itself costs);
- the same terms and areas built by Hugo with minimal layouts that print the breadcrumb,
  body, related links, a table of contents and the BreadcrumbList + Article/DefinedTerm
  JSON-LD (the floor of a static-site generator), when ``hugo`` is on PATH;
- ``termsite check`` on the built site, the largest area page's weight, ``termsite lint``
  on the example glossary, and Lighthouse's performance score of each page kind of the
  example site served gzip-compressed from localhost (when Chromium and Lighthouse are there).

    python tools/bench.py                         # 10,000 terms, 3 runs of each build
    python tools/bench.py --sizes 1000 --runs 1   # a quick look
    python tools/bench.py --large 100000          # also 100,000 terms, against 10 x the 10,000-term build
    python tools/bench.py --profile               # a cProfile report per build stage in bench-out/profile/
    python tools/bench.py --write-docs            # and rewrite the table in docs/benchmarks.md

Wall seconds and memory are measured around child processes; the peak memory of a build is
that of all its processes together (main, forked renderer, workers), sampled from /proc.
Nothing here asserts a time: it prints, and docs/benchmarks.md records.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SYNTH_SEED = 7
STAGES = ("load", "link", "pages", "render", "write", "exports", "check")
_DOCS_START = "<!-- bench.py: table start -->"
_DOCS_END = "<!-- bench.py: table end -->"

sys.path.insert(0, str(TOOLS))


# Measuring a command

@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # all processes of the command together
    peak_pss_mb: float  # the same, each shared page counted once (proportional set size)
    returncode: int
    output: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stream:
                parent = int(stream.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KB of a process and all its descendants."""
    tree = _children()
    pending, rss, pss = [pid], 0, 0
    while pending:
        current = pending.pop()
        pending.extend(tree.get(current, []))
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as stream:
                for line in stream:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def measure(args: list[str], cwd: Path, env: dict[str, str] | None = None, sample_every: float = 0.1) -> Run:
    """Run a command; its wall time and the peak memory of its whole process tree."""
    start = time.perf_counter()
    with open(os.devnull, "rb") as stdin:
        process = subprocess.Popen(args, cwd=cwd, env=env or ENV, stdin=stdin, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
    peak_rss = peak_pss = 0
    output: list[bytes] = []
    os.set_blocking(process.stdout.fileno(), False)  # type: ignore[union-attr]
    while process.poll() is None:
        rss, pss = _tree_memory_kb(process.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        chunk = process.stdout.read()  # type: ignore[union-attr]
        if chunk:
            output.append(chunk)
        time.sleep(sample_every)
    seconds = time.perf_counter() - start
    os.set_blocking(process.stdout.fileno(), True)  # type: ignore[union-attr]
    output.append(process.stdout.read())  # type: ignore[union-attr]
    text = b"".join(output).decode("utf-8", "replace")
    return Run(seconds, peak_rss / 1024, peak_pss / 1024, process.returncode, text[-6000:])


@dataclass
class Figure:
    """One measured quantity over several runs."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def min(self) -> float:
        return min(self.values) if self.values else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    def shown(self, digits: int = 1, unit: str = "") -> str:
        if not self.values:
            return "n/a"
        if len(self.values) == 1:
            return f"{self.values[0]:.{digits}f}{unit}"
        return f"{self.min:.{digits}f} / {self.median:.{digits}f}{unit}"


# The three builds of one glossary

def synth(size: int, project: Path) -> None:
    shutil.rmtree(project, ignore_errors=True)
    subprocess.run([str(BIN / "termsite"), "synth", "--terms", str(size), "--seed", str(SYNTH_SEED),
                    "--out", str(project)], check=True, capture_output=True, env=ENV)


_REFERENCE = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]]+))?\]\]")


def _glossary(project: Path) -> Any:
    from termsite.content.loader import load_glossary

    return load_glossary(project / "content", default_author="author-1")


def write_mkdocs_baseline(project: Path, baseline: Path) -> None:
    """The same glossary as ordinary Markdown pages, with the same theme and nav, and no termsite."""
    glossary = _glossary(project)
    docs = baseline / "docs"
    shutil.rmtree(baseline, ignore_errors=True)
    (docs / "definition").mkdir(parents=True)
    (docs / "area").mkdir(parents=True)
    shutil.copytree(project / "docs" / "images", docs / "images")
    shutil.copy(project / "docs" / "about.md", docs / "about.md")

    def body_links(text: str, prefix: str) -> str:
        return _REFERENCE.sub(lambda m: f"[{m.group(2) or glossary.terms[m.group(1)].title}]({prefix}{m.group(1)}.md)",
                              text)

    for term in glossary.terms.values():
        lines = [f"# {term.title}", "", f"**{term.summary}**", ""]
        if term.aliases:
            lines += ["Also known as: " + ", ".join(term.aliases), ""]
        lines += ["## Definition", "", body_links(term.body, ""), ""]
        if term.faq:
            lines += ["## Frequently asked questions", ""]
            for faq in term.faq:
                lines += [f"### {faq.question}", "", faq.answer, ""]
        lines += ["## Related terms", ""] + [f"- [{glossary.terms[r].title}]({r}.md)" for r in term.related]
        lines += ["", "Subject areas: " + ", ".join(f"[{glossary.areas[a].title}](../area/{a}.md)" for a in term.areas)]
        (docs / "definition" / f"{term.slug}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for area in glossary.areas.values():
        lines = [f"# {area.title}", "", f"**{area.description}**", "", area.intro, "", "## Frequently asked questions", ""]
        for faq in area.faq:
            lines += [f"### {faq.question_for(area.title)}", "", faq.answer, ""]
        lines += ["## Terms in this area", ""]
        lines += [f"- [{t.title}](../definition/{t.slug}.md) — {t.summary}" for t in glossary.area_members[area.slug]]
        (docs / "area" / f"{area.slug}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Synthetic glossary\n\n[Areas](area/index.md) · [A–Z](definition/index.md)\n")
    (docs / "area" / "index.md").write_text("# Subject areas\n\n" + "\n".join(
        f"- [{a.title}]({a.slug}.md)" for a in glossary.sorted_areas()) + "\n")
    (docs / "definition" / "index.md").write_text("# Glossary A–Z\n\n" + "\n".join(
        f"- [{t.title}]({t.slug}.md)" for t in glossary.sorted_terms()) + "\n")
    (baseline / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Synthetic glossary
        site_url: https://synth.termsite.example/
        docs_dir: docs
        theme:
          name: material
          features:
            - content.tooltips
        nav:
          - Home: index.md
          - Areas: area/index.md
          - A–Z: definition/index.md
          - About: about.md
        not_in_nav: |
          /definition/*.md
          /area/*.md
        plugins:
          - search
        """), encoding="utf-8")


_HUGO_CONFIG = """\
baseURL = "https://synth.termsite.example/"
title = "Synthetic glossary"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

# The JSON-LD is built as data (dict/slice) and serialized by jsonify, as termsite does.
_HUGO_HEAD = """\
<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title>
<meta name="description" content="{{ .Params.summary }}">
<link rel="canonical" href="{{ .Permalink }}">
"""

_HUGO_SINGLE = _HUGO_HEAD + """\
{{ $home := dict "@type" "ListItem" "position" 1 "name" "Home" "item" .Site.BaseURL }}
{{ $section := dict "@type" "ListItem" "position" 2 "name" (cond (eq .Section "area") "Area" "Definition") "item" (printf "%s%s/" .Site.BaseURL .Section) }}
{{ $self := dict "@type" "ListItem" "position" 3 "name" .Title "item" .Permalink }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "BreadcrumbList" "@id" (printf "%s#breadcrumb" .Permalink) "itemListElement" (slice $home $section $self) | jsonify | safeJS }}</script>
{{ if eq .Section "definition" }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Article" "@id" .Permalink "url" .Permalink "headline" .Title "description" .Params.summary "datePublished" (.Date.Format "2006-01-02T15:04:05-07:00") "dateModified" (.Lastmod.Format "2006-01-02T15:04:05-07:00") "author" (dict "@type" "Person" "name" .Params.author) "mainEntityOfPage" .Permalink "about" (dict "@id" (printf "%s#term" .Permalink)) | jsonify | safeJS }}</script>
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "DefinedTerm" "@id" (printf "%s#term" .Permalink) "name" .Title "description" .Params.summary "alternateName" .Params.alternate "url" .Permalink "inDefinedTermSet" (dict "@type" "DefinedTermSet" "@id" (printf "%sdefinition/#glossary" .Site.BaseURL)) | jsonify | safeJS }}</script>
{{ end }}
</head><body>
<nav aria-label="Breadcrumb"><ol><li><a href="{{ .Site.BaseURL }}">Home</a></li><li><a href="{{ .Site.BaseURL }}{{ .Section }}/">{{ cond (eq .Section "area") "Area" "Definition" }}</a></li><li aria-current="page">{{ .Title }}</li></ol></nav>
<nav class="toc">{{ .TableOfContents }}</nav>
<main><h1>{{ .Title }}</h1><p><strong>{{ .Params.summary }}</strong></p>
{{ .Content }}
{{ with .Params.related }}<h2 id="related">Related terms</h2><ul>{{ range . }}<li><a href="{{ $.Site.BaseURL }}definition/{{ .slug }}/" title="{{ .summary }}">{{ .title }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.areas }}<p>Subject areas: {{ range . }}<a href="{{ $.Site.BaseURL }}area/{{ .slug }}/">{{ .title }}</a> {{ end }}</p>{{ end }}
</main></body></html>
"""

_HUGO_LIST = _HUGO_HEAD + """\
</head><body><main><h1>{{ .Title }}</h1>
<ul>{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}" title="{{ .Params.summary }}">{{ .Title }}</a></li>{{ end }}</ul>
</main></body></html>
"""


def write_hugo_site(project: Path, hugo: Path) -> None:
    """The same terms and areas as a Hugo site: Markdown with front matter and minimal layouts."""
    glossary = _glossary(project)
    shutil.rmtree(hugo, ignore_errors=True)
    for folder in ("content/definition", "content/area", "layouts/_default"):
        (hugo / folder).mkdir(parents=True)
    (hugo / "hugo.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
    (hugo / "layouts/_default/single.html").write_text(_HUGO_SINGLE, encoding="utf-8")
    (hugo / "layouts/_default/list.html").write_text(_HUGO_LIST, encoding="utf-8")
    (hugo / "layouts/index.html").write_text(_HUGO_LIST, encoding="utf-8")

    def body_links(text: str) -> str:
        return _REFERENCE.sub(lambda m: f"[{m.group(2) or glossary.terms[m.group(1)].title}](/definition/{m.group(1)}/)",
                              text)

    def front_matter(values: dict[str, Any]) -> str:
        return "---\n" + json.dumps(values, ensure_ascii=False, indent=0) + "\n---\n"  # JSON is YAML

    for term in glossary.terms.values():
        author = glossary.author_of(term)
        values = {
            "title": term.title, "summary": term.summary, "alternate": list(term.aliases), "date": term.published.isoformat() if term.published else None,
            "lastmod": (term.modified or term.published).isoformat() if term.published else None,
            "author": author.name if author else "",
            "related": [{"slug": s, "title": glossary.terms[s].title, "summary": glossary.terms[s].summary}
                        for s in term.related],
            "areas": [{"slug": a, "title": glossary.areas[a].title} for a in term.areas],
        }
        lines = ["## Definition", "", body_links(term.body), ""]
        if term.faq:
            lines += ["## Frequently asked questions", ""]
            for faq in term.faq:
                lines += [f"### {faq.question}", "", faq.answer, ""]
        (hugo / "content/definition" / f"{term.slug}.md").write_text(
            front_matter({k: v for k, v in values.items() if v is not None}) + "\n".join(lines) + "\n",
            encoding="utf-8")
    for area in glossary.areas.values():
        lines = [area.intro, "", "## Frequently asked questions", ""]
        for faq in area.faq:
            lines += [f"### {faq.question_for(area.title)}", "", faq.answer, ""]
        lines += ["## Terms in this area", ""]
        lines += [f"- [{t.title}](/definition/{t.slug}/) — {t.summary}" for t in glossary.area_members[area.slug]]
        (hugo / "content/area" / f"{area.slug}.md").write_text(
            front_matter({"title": area.title, "summary": area.description}) + "\n".join(lines) + "\n",
            encoding="utf-8")
    (hugo / "content/definition/_index.md").write_text(front_matter({"title": "Glossary A–Z"}), encoding="utf-8")
    (hugo / "content/area/_index.md").write_text(front_matter({"title": "Subject areas"}), encoding="utf-8")


@dataclass
class SizeResult:
    terms: int
    pages: int = 0
    termsite: Figure = field(default_factory=Figure)
    termsite_rss: Figure = field(default_factory=Figure)
    termsite_pss: Figure = field(default_factory=Figure)
    mkdocs: Figure = field(default_factory=Figure)
    hugo: Figure = field(default_factory=Figure)
    over_hugo: Figure = field(default_factory=Figure)  # termsite ÷ Hugo, run by run
    over_mkdocs: Figure = field(default_factory=Figure)  # termsite ÷ mkdocs-material, run by run
    check_pages_per_s: Figure = field(default_factory=Figure)
    check_rss: Figure = field(default_factory=Figure)
    largest_area_kb: float = float("nan")
    largest_area_terms: int = 0


def _require(run: Run, what: str) -> Run:
    if run.returncode:
        raise SystemExit(f"{what} failed:\n{run.output}")
    return run


def bench_size(size: int, out: Path, runs: int, hugo: str | None) -> SizeResult:
    project, baseline, hugo_site = out / f"{size}", out / f"{size}-mkdocs", out / f"{size}-hugo"
    synth(size, project)
    write_mkdocs_baseline(project, baseline)
    if hugo:
        write_hugo_site(project, hugo_site)
    result = SizeResult(size)
    for number in range(1, runs + 1):
        # One build of each kind per round, in turn, so that a change in the machine's load
        # reaches all three alike and the ratios of a round stay comparable.
        ours = _require(measure([str(BIN / "mkdocs"), "build", "-q"], project), f"the termsite build of {size} terms")
        plain = _require(measure([str(BIN / "mkdocs"), "build", "-q"], baseline), f"the mkdocs build of {size} terms")
        result.termsite.add(ours.seconds)
        result.termsite_rss.add(ours.peak_rss_mb)
        result.termsite_pss.add(ours.peak_pss_mb)
        result.mkdocs.add(plain.seconds)
        result.over_mkdocs.add(ours.seconds / plain.seconds)
        line = f"  {size} terms, round {number}: termsite {ours.seconds:.1f} s, mkdocs-material {plain.seconds:.1f} s"
        if hugo:
            floor = _require(measure([hugo, "--quiet", "-d", "public"], hugo_site), f"the Hugo build of {size} terms")
            result.hugo.add(floor.seconds)
            result.over_hugo.add(ours.seconds / floor.seconds)
            line += f", Hugo {floor.seconds:.1f} s"
        print(line, flush=True)
    site = project / "site"
    result.pages = sum(1 for _ in site.rglob("*.html"))
    for _ in range(runs):
        check = measure([str(BIN / "termsite"), "check", "site", "--format", "json"], project)
        if check.returncode in (0, 1):
            result.check_pages_per_s.add(result.pages / check.seconds)
            result.check_rss.add(check.peak_rss_mb)
    areas = list((site / "area").glob("*/index.html"))
    if areas:
        largest = max(areas, key=lambda page: page.stat().st_size)
        result.largest_area_kb = largest.stat().st_size / 1000
        result.largest_area_terms = len(_glossary(project).area_members[largest.parent.name])
    return result


def bench_large(size: int, reference: SizeResult, out: Path) -> tuple[Run, float]:
    """One build of ``size`` terms; its time ÷ (size / reference size) × the reference's median time."""
    project = out / f"{size}"
    synth(size, project)
    run = _require(measure([str(BIN / "mkdocs"), "build", "-q"], project, sample_every=0.5),
                   f"the termsite build of {size} terms")
    ratio = run.seconds / (size / reference.terms * reference.termsite.median)
    return run, ratio


def bench_lint(runs: int) -> Figure:
    figure = Figure()
    for _ in range(runs):
        figure.add(_require(measure([str(BIN / "termsite"), "lint"], ROOT), "termsite lint").seconds)
    return figure


def bench_check_one(out: Path, runs: int) -> Figure:
    page = next((out / "example-site").glob("definition/*/index.html"), None)
    figure = Figure()
    if page is None:
        return figure
    for _ in range(runs):
        figure.add(measure([str(BIN / "termsite"), "check", str(page)], ROOT).seconds)
    return figure


def build_example(out: Path) -> Path:
    site = out / "example-site"
    _require(measure([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], ROOT), "the example build")
    return site


def example_pages() -> dict[str, str]:
    """One page of each kind of the example site: the largest area, the term with the most parts."""
    from termsite.content.loader import load_glossary

    glossary = load_glossary(ROOT / "content", default_author="editors")
    area = max(glossary.area_members, key=lambda s: (len(glossary.area_members[s]), s))
    term = max(glossary.terms.values(), key=lambda t: (bool(t.faq), len(t.sources), len(t.related), t.slug))
    return {"home": "", "area index": "area/", "area": f"area/{area}/", "term": f"definition/{term.slug}/",
            "A–Z": "definition/"}


def bench_lighthouse(site: Path, runs: int) -> dict[str, dict[str, Figure]]:
    """Lighthouse (mobile) on each page kind: every category's score and the total blocking time."""
    import lighthouse_audit

    missing = lighthouse_audit.available()
    if missing:
        print(f"  Lighthouse skipped: {missing}")
        return {}
    results: dict[str, dict[str, Figure]] = {}
    with lighthouse_audit.GzipSiteServer(site) as server:
        for _ in range(runs):
            for kind, path in example_pages().items():
                found = lighthouse_audit.audit(server.url + path)
                figures = results.setdefault(kind, {})
                for category, score in found.scores.items():
                    figures.setdefault(category, Figure()).add(score)
                figures.setdefault("tbt", Figure()).add(found.metrics.get("total-blocking-time", float("nan")))
                below = {c: f for c, f in found.failed.items() if c != "performance" and f}
                print(f"  Lighthouse {kind}: {found.scores}, TBT {found.metrics.get('total-blocking-time', 0):.0f} ms"
                      + (f"; below 100: {below}" if below else ""), flush=True)
    return results


# Profiling the stages of one build

_PROFILE_CODE = """\
import cProfile, io, os, pstats, sys, time
from pathlib import Path
out = Path(sys.argv[1]); project = Path(sys.argv[2])
os.chdir(project)
os.environ["NO_MKDOCS_2_WARNING"] = "1"
import termsite.workers, termsite.checker.runner
termsite.workers.PARALLEL_FROM_ITEMS = 10 ** 9  # in this process, where the profiler sees the work
termsite.checker.runner.POOL_THRESHOLD = 10 ** 9
import mkdocs.utils, mkdocs.commands.build as build
from mkdocs.config import load_config
from mkdocs.structure.files import File
from termsite.hosts.mkdocs import parallel, plugin
from termsite.site import incremental
from termsite.site.pages import SiteBuilder
parallel.available = lambda: False
profiles = {}
seconds = {}
stack = []

def enter(stage):
    if stack:
        profiles[stack[-1]].disable()
    stack.append(stage)
    profiles.setdefault(stage, cProfile.Profile()).enable()
    return time.perf_counter()

def leave(stage, started):
    profiles[stage].disable()
    stack.pop()
    seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started
    if stack:
        profiles[stack[-1]].enable()

def staged(stage, function, as_list=False):
    def wrapper(*args, **kwargs):
        started = enter(stage)
        try:
            result = function(*args, **kwargs)
            return list(result) if as_list else result
        finally:
            leave(stage, started)
    return wrapper

plugin.load_glossary = staged("load", plugin.load_glossary)
incremental.build_link_graph = staged("link", incremental.build_link_graph)
SiteBuilder.pages = staged("pages", SiteBuilder.pages, as_list=True)
build._build_page = staged("render", build._build_page)
mkdocs.utils.write_file = staged("write", mkdocs.utils.write_file)
File.copy_file = staged("write", File.copy_file)
plugin.write_site_exports = staged("exports", plugin.write_site_exports)
started = enter("other")
build.build(load_config("mkdocs.yml"))
leave("other", started)
from termsite.cli import main
sys.stdout = open(os.devnull, "w")
staged("check", main)(["check", "site", "--format", "json"])
sys.stdout = sys.__stdout__
for stage, profile in profiles.items():
    profile.dump_stats(str(out / f"{stage}.prof"))
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    text.write(f"stage {stage}: {seconds.get(stage, 0):.2f} s (profiled, in one process)\\n\\n")
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    (out / f"{stage}.txt").write_text(text.getvalue(), encoding="utf-8")
for stage in ("load", "link", "pages", "render", "write", "exports", "check", "other"):
    print(f"{stage} {seconds.get(stage, 0):.2f}")
"""


def profile(size: int, out: Path) -> int:
    project = out / f"{size}-profile"
    synth(size, project)
    folder = out / "profile"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    done = subprocess.run([sys.executable, "-c", _PROFILE_CODE, str(folder), str(project)], capture_output=True,
                          text=True, env=ENV)
    if done.returncode:
        print(done.stderr[-4000:])
        return 1
    print(f"profile of one build of {size} terms, stage by stage (seconds under the profiler, one process);")
    print(f"reports in {folder}/<stage>.txt, raw profiles in <stage>.prof (python -m pstats, snakeviz...)")
    for line in done.stdout.split("\n"):
        if line.strip():
            print(f"  {line}")
    return 0


# Reporting

def _environment() -> str:
    versions = []
    for tool, args in (("mkdocs-material", [sys.executable, "-c", "import material; print(material.__version__)"]),
                       ("hugo", ["hugo", "version"])):
        try:
            text = subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            continue
        if text:
            versions.append(f"{tool} {text.split()[1] if tool == 'hugo' else text}")
    return (f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, " + ", ".join(versions)
            + f"; load average at the start {os.getloadavg()[0]:.1f}")


def table(results: list[SizeResult], large: tuple[int, Run, float] | None, lint: Figure, check_one: Figure,
          lighthouse: dict[str, dict[str, Figure]], runs: int) -> str:
    rows = ["| figure | measured (min / median of runs) | target | command |", "|---|---|---|---|"]
    command = "`python tools/bench.py`"
    for result in results:
        n = f"{result.terms:,}"
        rows.append(f"| {n}-term build, termsite ÷ Hugo-minimal, same content, same run | "
                    f"{result.over_hugo.shown(2, '×')} ({result.termsite.shown()} s ÷ {result.hugo.shown()} s) | "
                    f"≤ 2.0× | {command} |")
        rows.append(f"| same, termsite ÷ plain mkdocs-material | {result.over_mkdocs.shown(2, '×')} "
                    f"({result.termsite.shown()} s ÷ {result.mkdocs.shown()} s) | ≤ 0.2× | {command} |")
        rows.append(f"| {n}-term build, peak memory of all processes together | "
                    f"RSS {result.termsite_rss.shown(0, ' MB')}, PSS {result.termsite_pss.shown(0, ' MB')} | | "
                    f"{command} |")
        rows.append(f"| `termsite check` on the {n}-term site ({result.pages:,} pages), {os.cpu_count()} cores | "
                    f"{result.check_pages_per_s.shown(0)} pages/s, {result.check_rss.shown(0, ' MB')} | "
                    f"≥ 1,000 pages/s, ≤ 200 MB | {command} |")
        rows.append(f"| largest area page of the {n}-term site ({result.largest_area_terms} terms) | "
                    f"{result.largest_area_kb:.0f} KB | ≤ 250 KB | {command} |")
    if large is not None:
        size, run, ratio = large
        rows.append(f"| {size:,}-term build: time ÷ (10 × the 10,000-term time); peak memory of all processes | "
                    f"{ratio:.2f} ({run.seconds:.0f} s); RSS {run.peak_rss_mb:,.0f} MB, PSS {run.peak_pss_mb:,.0f} MB "
                    f"| ≤ 1.1; ≤ 4,000 MB | `python tools/bench.py --large {size}` |")
    rows.append(f"| `termsite check one.html`, `termsite lint` on the example | {check_one.shown(2, ' s')} / "
                f"{lint.shown(2, ' s')} | ≤ 0.15 s / ≤ 0.3 s | {command} |")
    if lighthouse:
        kinds = list(lighthouse)
        perf = " / ".join(lighthouse[k]["performance"].shown(0) for k in kinds)
        tbt = " / ".join(lighthouse[k]["tbt"].shown(0) for k in kinds)
        rows.append(f"| Lighthouse 12.8 (mobile), performance on {' / '.join(kinds)} | {perf} (total blocking "
                    f"time {tbt} ms) | ≥ 95 on every page kind | {command} |")
        for category in ("accessibility", "best-practices", "seo"):
            values = " / ".join(lighthouse[k][category].shown(0) for k in kinds if category in lighthouse[k])
            rows.append(f"| Lighthouse {category} on {' / '.join(kinds)} | {values} | 100 | {command} |")
    return "\n".join(rows) + "\n"


def write_docs(text: str, heading: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    docs = path.read_text(encoding="utf-8")
    block = f"{_DOCS_START}\n{heading}\n\n{text}{_DOCS_END}"
    if _DOCS_START in docs:
        docs = re.sub(re.escape(_DOCS_START) + ".*?" + re.escape(_DOCS_END), lambda _: block, docs, flags=re.S)
    else:
        docs += "\n" + block + "\n"
    path.write_text(docs, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="comma-separated term counts (default: 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build (default: 3)")
    parser.add_argument("--large", type=int, default=0, help="also build this many terms once (e.g. 100000)")
    parser.add_argument("--out", default="bench-out", help="working folder (default: ./bench-out)")
    parser.add_argument("--profile", action="store_true", help="profile the stages of one build and stop")
    parser.add_argument("--no-lighthouse", action="store_true", help="leave out the Lighthouse runs")
    parser.add_argument("--write-docs", action="store_true", help="rewrite the table in docs/benchmarks.md")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.profile:
        return profile(sizes[0], out)
    started = time.strftime("%Y-%m-%d %H:%M")
    environment = _environment()
    print(f"{environment}; started {started}", flush=True)
    hugo = shutil.which("hugo")
    if hugo is None:
        print("  hugo is not on PATH: no Hugo floor (apt-get install -y hugo; see docs/benchmarks.md)")
    results = [bench_size(size, out, args.runs, hugo) for size in sizes]
    large = None
    if args.large:
        reference = next((r for r in results if r.terms == 10000), results[-1])
        run, ratio = bench_large(args.large, reference, out)
        large = (args.large, run, ratio)
        print(f"  {args.large} terms: {run.seconds:.1f} s, ratio {ratio:.2f}; RSS {run.peak_rss_mb:.0f} MB", flush=True)
    lint = bench_lint(args.runs)
    site = build_example(out)
    check_one = bench_check_one(out, args.runs)
    lighthouse = {} if args.no_lighthouse else bench_lighthouse(site, args.runs)
    text = table(results, large, lint, check_one, lighthouse, args.runs)
    print()
    print(text)
    if args.write_docs:
        write_docs(text, f"Measured {started} on {environment}; {args.runs} run(s) of each figure.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
