"""Benchmark `termsite check`: pages per second for the full rule set with the process pool.

    PYTHONPATH=tools python tools/bench_check.py                 # generate 5,000 term pages (~50 KB each)
    PYTHONPATH=tools python tools/bench_check.py --pages 2000    # smaller
    PYTHONPATH=tools python tools/bench_check.py --site path/to/site --site-url https://x/

The generated site is termsite-shaped (mkdocs-material-like HTML, 3 JSON-LD blocks per
term page, area pages with FAQ and hasPart). Generation time is not counted.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from termsite.checker.config import build_config  # noqa: E402
from termsite.checker.rules import RULES  # noqa: E402
from termsite.checker.runner import run_check  # noqa: E402
from termsite.checker.samplesite import SITE_URL, SampleSite  # noqa: E402


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000, help="term pages to generate (default 5000)")
    parser.add_argument("--page-kb", type=int, default=50, help="approximate page size in KB (default 50)")
    parser.add_argument("--site", help="check this existing site folder instead of generating one")
    parser.add_argument("--site-url", default=None)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--repeat", type=int, default=1, help="runs to time; the best is reported")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="termsite-bench-") as tmp:
        folder = args.site
        site_url = args.site_url
        if folder is None:
            folder = os.path.join(tmp, "site")
            start = time.perf_counter()
            sample = SampleSite(terms=args.pages, areas=max(1, args.pages // 25),
                                padding_bytes=max(0, args.page_kb * 1024 - 21_000), nav_links=120)
            count = sample.write(folder)
            sizes = [os.path.getsize(os.path.join(folder, "definition", t.slug, "index.html")) for t in sample.terms[:50]]
            print(f"generated {count} pages (term pages ~{sum(sizes) // len(sizes) // 1024} KB) "
                  f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
            site_url = site_url or SITE_URL
        config = build_config(RULES, site_url=site_url, termsite=True, mkdocs_path=None)
        best = best_cpu = None
        for _ in range(args.repeat):
            cpu_before = _cpu_seconds()
            start = time.perf_counter()
            result = run_check([folder], config, jobs=args.jobs)
            elapsed = time.perf_counter() - start
            cpu = _cpu_seconds() - cpu_before
            best = elapsed if best is None else min(best, elapsed)
            best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        assert best is not None and best_cpu is not None
        errors = sum(1 for p in result.problems if p.severity.value == "error")
        print(f"checked {result.pages_checked} pages in {best:.2f} s: {result.pages_checked / best:.0f} pages/s "
              f"({os.cpu_count()} cores, {len(result.problems)} problems, {errors} errors)")
        # CPU time is less sensitive than wall time to other load on a shared machine.
        print(f"CPU time {best_cpu:.2f} s: {result.pages_checked / best_cpu:.0f} pages per CPU-second; "
              f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
