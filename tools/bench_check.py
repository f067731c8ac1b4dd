"""Benchmark `termsite check`: pages per second on a whole site, peak memory, and the start-up
time of checking one page, against a baseline revision measured in the same run.

    python tools/bench_check.py --site /tmp/synth10k/site --site-url https://synth.termsite.example/
    python tools/bench_check.py --site SITE --baseline-rev main --repeat 3
    python tools/bench_check.py --pages 2000          # a generated termsite-shaped site instead
    python tools/bench_check.py --site SITE --no-baseline --repeat 1 --stages 2000   # where a page's time goes

Build the 10,000-term synthetic site first with
``termsite synth --terms 10000 --seed 7 --out /tmp/synth10k && (cd /tmp/synth10k && mkdocs build -q)``.
Every figure is measured on a child process (``python -m termsite.checker``, with the
checker of this checkout or of the baseline revision, which is extracted with ``git archive``
into a temporary folder): wall seconds, CPU seconds of the process and its workers, and the
peak resident memory of the largest of them. Runs of ours and of the baseline alternate, and
the minimum of each is printed with the ratio ours ÷ baseline; CPU time is less sensitive than
wall time to other work on a shared machine. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass
class Run:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int
    output: str


def measure(tools: Path, args: list[str], cwd: Path) -> Run:
    """Run ``python -m termsite.checker ARGS`` with ``tools`` first on the path, in a child of a
    child, so that the rusage figures are that command's own (its workers included)."""
    wrapper = textwrap.dedent("""\
        import resource, subprocess, sys, time
        start = time.perf_counter()
        done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
        wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, done.returncode)
        sys.stdout.write(done.stdout[-600:] + done.stderr[-2000:])
        """)
    env = {**os.environ, "PYTHONPATH": str(tools)}
    result = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "termsite.checker", *args],
                            cwd=cwd, capture_output=True, text=True, env=env)
    first, _, rest = result.stdout.partition("\n")
    wall, cpu, peak_kb, code = first.split()
    return Run(float(wall), float(cpu), int(peak_kb) / 1024, int(code), rest)


def baseline_tools(rev: str, into: Path) -> Path:
    """The ``tools/`` folder of a git revision of this repository, extracted into ``into``."""
    archive = subprocess.run(["git", "archive", rev, "tools"], cwd=ROOT, capture_output=True, check=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "tools"


def generated_site(folder: Path, pages: int, page_kb: int) -> tuple[Path, str]:
    sys.path.insert(0, str(HERE))
    from termsite.checker.samplesite import SITE_URL, SampleSite

    sample = SampleSite(terms=pages, areas=max(1, pages // 25), padding_bytes=max(0, page_kb * 1024 - 21_000),
                        nav_links=120)
    sample.write(str(folder))
    return folder, SITE_URL


def stage_profile(site: Path, site_url: str | None, sample: int) -> None:
    """Print the CPU time per page of each stage of a check, measured in this process (one
    worker's view) over ``sample`` pages spread evenly over the site: reading, decoding,
    finding and parsing the JSON-LD, parsing the HTML, Open Graph / link / base facts of the
    head, microdata and RDFa, each section of page rules, the site summary, the site rules
    and the JSON output. Stages run in the order the checker runs them; a lazily computed
    fact is charged to the stage that first asks for it."""
    sys.path.insert(0, str(HERE))
    from termsite.checker import runner
    from termsite.checker.config import build_config
    from termsite.checker.formats import FORMATS
    from termsite.checker.rules import SECTIONS, SITE_RULES, RULES
    from termsite.checker.site import SiteData, SiteRoot, summarize
    from termsite.checker.vocabulary import load_vocabulary

    config = build_config(RULES, termsite=True, site_url=site_url)
    load_vocabulary()
    tasks, folders, files = runner.collect_site([str(site)])
    step = max(1, len(tasks) // sample)
    tasks = tasks[::step][:sample]
    clock = time.process_time
    spent: dict[str, float] = {}

    def charge(stage: str, started: float) -> float:
        now = clock()
        spent[stage] = spent.get(stage, 0.0) + now - started
        return now

    result = runner.CheckResult()
    data_site = SiteData([SiteRoot(folder, config.site_url, f) for folder, f in zip(folders, files)])
    for task in tasks:
        start = clock()
        data, _truncated = runner.read_page_bytes(task.file)
        start = charge("read", start)
        text = runner.decode_html(data)
        start = charge("decode", start)
        page = runner.PageDocument(task.display, text, runner._page_url(config, task.rel_url), task.rel_url)
        start = charge("JSON-LD: find, parse strictly, walk nodes", start)
        page.has_markup_tree  # noqa: B018 - parses the head, or the whole page when a rule needs the body
        start = charge("HTML parsing (lxml)", start)
        page.head  # noqa: B018
        start = charge("head facts (canonical, hreflang, Open Graph)", start)
        page.nodes  # noqa: B018 - adds the microdata and RDFa items, when the page has any
        start = charge("microdata and RDFa", start)
        for title, modules in SECTIONS:
            for rule in modules:
                if rule.SCOPE.value == "page":
                    for finding in rule.check(page, config):
                        result.problems.append(runner._to_problem(page.path, rule, finding, config))
            start = charge(f"rules: {title}", start)
        data_site.pages.append(summarize(page, task.root, config.site_url))
        start = charge("site summary", start)
    start = clock()
    for rule in SITE_RULES:
        for finding in rule.check(data_site, config):
            result.problems.append(runner._to_problem(finding.path or "", rule, finding, config))
    start = charge("site rules", start)
    result.pages_checked = len(tasks)
    FORMATS["json"].render(result, config)
    charge("output (JSON)", start)
    total = sum(spent.values())
    print(f"\nCPU per page by stage, {len(tasks)} pages (every {step}th), one process:\n")
    print("| stage | ms per page | share |")
    print("|---|---|---|")
    for stage, seconds in spent.items():
        print(f"| {stage} | {1000 * seconds / len(tasks):.3f} | {100 * seconds / total:.0f}% |")
    print(f"| total | {1000 * total / len(tasks):.3f} | 100% |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="check this built site folder (default: generate a termsite-shaped one)")
    parser.add_argument("--site-url", default=None, help="the site's URL (default: from its home page's canonical link)")
    parser.add_argument("--pages", type=int, default=5000, help="term pages to generate without --site (default 5000)")
    parser.add_argument("--page-kb", type=int, default=50, help="approximate generated page size in KB (default 50)")
    parser.add_argument("--baseline-rev", default=None,
                        help="git revision to compare with (default: the merge base of HEAD and main)")
    parser.add_argument("--no-baseline", action="store_true", help="measure this checkout only")
    parser.add_argument("--one-page", default=None,
                        help="page for the start-up figure (default: the site's first term page, or index.html)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each (default 2); the minimum is printed")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--stages", type=int, default=0, metavar="N",
                        help="also print the CPU per page of each stage over N pages of the site, in this process")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="termsite-bench-check-") as tmp:
        work = Path(tmp)
        if args.site:
            site, site_url = Path(args.site).resolve(), args.site_url
        else:
            site, site_url = generated_site(work / "site", args.pages, args.page_kb)
        candidates = sorted((site / "definition").glob("*/index.html"))[:1] if (site / "definition").is_dir() else []
        one_page = Path(args.one_page) if args.one_page else (candidates[0] if candidates else site / "index.html")
        pages = sum(1 for _ in site.rglob("*.htm*"))
        common = [str(site), "--format", "json", "--termsite"] + (["--site-url", site_url] if site_url else []) + \
            (["--jobs", str(args.jobs)] if args.jobs else [])

        checkers = {"ours": HERE}
        if not args.no_baseline:
            rev = args.baseline_rev or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True,
                                                      text=True).stdout.strip() or "main"
            checkers[f"baseline {rev[:12]}"] = baseline_tools(rev, work / "baseline")

        print(f"{pages} pages in {site}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; "
              f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
        site_runs: dict[str, list[Run]] = {name: [] for name in checkers}
        one_runs: dict[str, list[Run]] = {name: [] for name in checkers}
        for _ in range(args.repeat):
            for name, tools in checkers.items():  # alternate, so that load changes hit both alike
                run = measure(tools, common, work)
                if run.returncode not in (0, 1):
                    raise SystemExit(f"{name}: termsite check failed ({run.returncode}):\n{run.output}")
                site_runs[name].append(run)
                for _ in range(3):
                    one_runs[name].append(measure(tools, [str(one_page)], work))

        print("\n| checker | pages/s (wall) | wall (s) | CPU (s) | pages per CPU-second | peak RSS (MB) | "
              "one page: wall (s) | one page: CPU (s) |")
        print("|---|---|---|---|---|---|---|---|")
        best = {}
        for name in checkers:
            wall = min(r.wall for r in site_runs[name])
            cpu = min(r.cpu for r in site_runs[name])
            rss = max(r.peak_rss_mb for r in site_runs[name])
            one_wall = min(r.wall for r in one_runs[name])
            one_cpu = min(r.cpu for r in one_runs[name])
            best[name] = (wall, cpu, rss, one_wall, one_cpu)
            print(f"| {name} | {pages / wall:.0f} | {wall:.1f} | {cpu:.1f} | {pages / cpu:.0f} | {rss:.0f} | "
                  f"{one_wall:.3f} | {one_cpu:.3f} |")
        if len(best) == 2:
            (w1, c1, r1, o1, oc1), (w2, c2, r2, o2, oc2) = best.values()
            print(f"\nratio ours ÷ baseline: wall {w1 / w2:.2f}, CPU {c1 / c2:.2f}, peak RSS {r1 / r2:.2f}, "
                  f"one page wall {o1 / o2:.2f}, one page CPU {oc1 / oc2:.2f}")
        if args.stages:
            stage_profile(site, site_url, args.stages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
