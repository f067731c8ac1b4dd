#!/usr/bin/env python3
"""Build-and-check benchmark of termsite on synthetic glossaries.

For each size it writes a synthetic glossary (``termsite synth``), builds it with
``mkdocs build``, builds the same pages written as ordinary Markdown files with the
same theme and nav (the baseline: what plain mkdocs-material costs), runs
``termsite check`` on the result, and prints one row of figures per size:

    python tools/bench.py                 # 1,000, 5,000 and 10,000 terms
    python tools/bench.py --sizes 1000    # a quick run

Figures are wall seconds and peak resident memory of each command, measured in a child
process; nothing here asserts a time: it prints, and docs/benchmarks.md records.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def measure(args: list[str], cwd: Path) -> Run:
    """Run a command in a fresh child of a fresh child, so that its peak RSS is its own."""
    wrapper = textwrap.dedent("""\
        import resource, subprocess, sys, time
        start = time.perf_counter()
        done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        sys.stdout.write(f"{seconds} {peak} {done.returncode}\\n" + done.stdout[-2000:] + done.stderr[-4000:])
        """)
    result = subprocess.run([sys.executable, "-c", wrapper, *args], cwd=cwd, capture_output=True, text=True, env=ENV)
    first, _, rest = result.stdout.partition("\n")
    seconds, peak_kb, code = first.split()
    return Run(float(seconds), int(peak_kb) / 1024, int(code), rest)


def html_bytes(site: Path) -> tuple[int, int]:
    pages = list(site.rglob("*.html"))
    return len(pages), sum(p.stat().st_size for p in pages)


_REFERENCE = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]]+))?\]\]")


def write_baseline(project: Path, baseline: Path) -> None:
    """The same glossary as ordinary Markdown pages, with the same theme and nav, and no termsite."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from termsite.content.loader import load_glossary

    glossary = load_glossary(project / "content", default_author="author-1")
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


def load_and_link(project: Path) -> Run:
    code = textwrap.dedent(f"""\
        import time
        from termsite.content.loader import load_glossary
        from termsite.graph.links import build_link_graph
        from termsite.settings import Publisher, SiteSettings
        start = time.perf_counter()
        glossary = load_glossary({str(project / 'content')!r}, default_author="author-1")
        loaded = time.perf_counter()
        build_link_graph(glossary, SiteSettings("https://synth.termsite.example/", "S", Publisher("S")).urls)
        linked = time.perf_counter()
        print(f"load {{loaded - start:.2f}} link {{linked - loaded:.2f}}")
        """)
    return measure([sys.executable, "-c", code], project)


def bench(size: int, out: Path) -> dict[str, float | int | str]:
    project = out / f"{size}"
    baseline = out / f"{size}-baseline"
    shutil.rmtree(project, ignore_errors=True)
    subprocess.run([str(BIN / "termsite"), "synth", "--terms", str(size), "--out", str(project)], check=True,
                   capture_output=True, env=ENV)
    write_baseline(project, baseline)

    ours = measure([str(BIN / "mkdocs"), "build", "-q"], project)
    if ours.returncode:
        raise SystemExit(f"the termsite build of {size} terms failed:\n{ours.output}")
    plain = measure([str(BIN / "mkdocs"), "build", "-q"], baseline)
    if plain.returncode:
        raise SystemExit(f"the baseline build of {size} terms failed:\n{plain.output}")
    pages, size_bytes = html_bytes(project / "site")
    check = measure([str(BIN / "termsite"), "check", "site", "--format", "json"], project)
    loading = load_and_link(project)
    load_s, link_s = (float(x) for x in re.findall(r"[\d.]+", loading.output.split("\n")[0])[:2]) \
        if loading.returncode == 0 else (float("nan"), float("nan"))
    search_index = project / "site" / "search" / "search_index.json"
    return {
        "terms": size,
        "pages": pages,
        "build_s": round(ours.seconds, 1),
        "build_rss_mb": round(ours.peak_rss_mb),
        "html_mb": round(size_bytes / 1e6, 1),
        "ms_per_page": round(1000 * ours.seconds / pages, 2),
        "baseline_s": round(plain.seconds, 1),
        "ratio": round(ours.seconds / plain.seconds, 2),
        "check_pages_per_s": round(pages / check.seconds) if check.returncode in (0, 1) else "n/a",
        "check_rss_mb": round(check.peak_rss_mb) if check.returncode in (0, 1) else "n/a",
        "check_exit": check.returncode,
        "load_s": load_s,
        "link_s": link_s,
        "load_link_rss_mb": round(loading.peak_rss_mb),
        "search_index_mb": round(search_index.stat().st_size / 1e6, 1) if search_index.exists() else "n/a",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000", help="comma-separated term counts")
    parser.add_argument("--out", default="bench-out", help="working folder (default: ./bench-out)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    columns = ["terms", "pages", "build_s", "build_rss_mb", "html_mb", "ms_per_page", "baseline_s", "ratio",
               "check_pages_per_s", "check_rss_mb", "load_s", "link_s", "load_link_rss_mb", "search_index_mb"]
    print(f"cpus: {os.cpu_count()}; python {sys.version.split()[0]}; started {time.strftime('%Y-%m-%d %H:%M')}")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for size in (int(s) for s in args.sizes.split(",")):
        row = bench(size, out)
        rows.append(row)
        print("| " + " | ".join(str(row[c]) for c in columns) + " |", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"ms/page at {last['terms']} ÷ ms/page at {first['terms']}: "
              f"{last['ms_per_page'] / first['ms_per_page']:.2f}")
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
