#!/usr/bin/env python3
"""Score `termsite check` and the checkers a user could pick instead on the labelled
real-world corpus, per page category, and write docs/checker-comparison.md.

    python tools/compare_checkers.py                      # ../shared/realworld-jsonld, writes the doc
    python tools/compare_checkers.py CORPUS --out FILE    # another corpus or output file

The peers (@adobe/structured-data-validator with @marbec/web-auto-extractor, which its README
pairs it with, and structured-data-testing-tool) are installed from npm into tools/peers/ by
``npm ci`` from its lock file, the first time. Each checker runs on one file at a time,
in its own process, like the corpus' score.py: a page labelled valid passes when the checker
exits 0, a page labelled ``error`` is caught by exit status 1, one labelled ``warning`` by
exit 1 or a warning. Adobe's validator gets schema.org 30.0 (../shared/vocab), the
release termsite's index is built from.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = HERE / "peers"
SHARED = ROOT.parent / "shared"

# Source prefix of a corpus file name -> the category it is reported under.
CATEGORIES = {
    "schemaorg": "schema.org's examples",
    "schemaorg-history": "schema.org's examples before their fixes",
    "adobe": "validator test fixtures",
    "gsriram-sdv": "validator test fixtures",
    "mulraj-sdv": "validator test fixtures",
    "sdtt": "validator test fixtures",
    "extruct": "extraction library samples",
    "jayholtslander": "snippet collections and plugin docs",
    "yoast-dev": "snippet collections and plugin docs",
    "trafilatura": "real web pages",
}


@dataclass(frozen=True)
class Checker:
    name: str
    version: str
    command: list[str]  # "{}" is replaced by the file


@dataclass(frozen=True)
class Verdict:
    ok: bool
    crashed: bool


def install_peers() -> None:
    if not (PEERS / "node_modules" / ".package-lock.json").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEERS, check=True)


def _npm_version(package: str) -> str:
    return json.loads((PEERS / "node_modules" / package / "package.json").read_text())["version"]


def checkers() -> list[Checker]:
    from termsite import __version__

    schema = SHARED / "vocab" / "schemaorg-30.0" / "schemaorg-all-https.jsonld"
    return [
        Checker("termsite check", __version__, [sys.executable, "-m", "termsite.checker", "{}"]),
        Checker("@adobe/structured-data-validator", _npm_version("@adobe/structured-data-validator"),
                ["node", str(PEERS / "adobe-check.mjs"), str(schema), "{}"]),
        Checker("structured-data-testing-tool", _npm_version("structured-data-testing-tool"),
                ["node", str(PEERS / "sdtt-check.cjs"), "{}"]),
    ]


def judge(checker: Checker, file: Path, expect: str, cwd: str) -> Verdict:
    args = [str(file) if a == "{}" else a for a in checker.command]
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)
    except subprocess.TimeoutExpired:
        return Verdict(False, True)
    output = done.stdout + done.stderr
    crashed = "Traceback" in output or done.returncode not in (0, 1)
    warned = " warning[" in output
    if expect == "valid":
        ok = done.returncode == 0
    elif expect == "error":
        ok = done.returncode == 1
    else:
        ok = done.returncode == 1 or warned
    return Verdict(ok and not crashed, crashed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(SHARED / "realworld-jsonld"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "checker-comparison.md"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    install_peers()
    tools = checkers()
    started = time.time()
    results: dict[str, dict[str, Verdict]] = {}
    with tempfile.TemporaryDirectory() as cwd, ThreadPoolExecutor(args.jobs) as pool:  # cwd: no mkdocs.yml
        for checker in tools:
            jobs = {name: pool.submit(judge, checker, corpus / label["folder"] / name, label["expect"], cwd)
                    for name, label in sorted(labels.items())}
            results[checker.name] = {name: job.result() for name, job in jobs.items()}
            print(f"{checker.name}: done ({time.time() - started:.0f} s)", file=sys.stderr)
    document = render(labels, tools, results)
    Path(args.out).write_text(document, encoding="utf-8")
    print(document)
    return 0


def _category(name: str) -> str:
    prefix = name.rsplit("_", 1)[0]
    return CATEGORIES.get(prefix, prefix)


def _score(labels: dict, verdicts: dict[str, Verdict], predicate) -> str:
    chosen = [name for name, label in labels.items() if predicate(name, label)]
    if not chosen:
        return "–"
    return f"{sum(verdicts[name].ok for name in chosen)}/{len(chosen)}"


def render(labels: dict, tools: list[Checker], results: dict[str, dict[str, Verdict]]) -> str:
    valid = lambda name, label: label["expect"] == "valid"  # noqa: E731
    defect = lambda name, label: label["expect"] != "valid"  # noqa: E731
    lines = [
        "# `termsite check` and other structured-data checkers",
        "",
        "<!-- Generated by `python tools/compare_checkers.py`; do not edit by hand. -->",
        "",
        "The labelled corpus in `../shared/realworld-jsonld` holds 112 pages whose structured data other",
        "public projects wrote: schema.org's examples (and earlier, broken versions of them), other",
        "validators' test fixtures, extruct's and structured-data-testing-tool's samples, Yoast's documented",
        "graphs and real web pages, each labelled valid or defective with the source of the label (see its",
        "README). Every checker runs on one page at a time in its own process. A valid page counts as",
        "passed when the checker exits 0; a defect counts as caught when the checker fails the page (for",
        "defects labelled `warning`, a warning is enough).",
        "",
        "Regenerate this page (it installs the peers from npm into `tools/peers/`, pinned by its lock file):",
        "",
        "```sh",
        ".venv/bin/python tools/compare_checkers.py",
        "```",
        "",
        "Checkers: " + "; ".join(f"{t.name} {t.version}" for t in tools) + ". Adobe's validator runs with",
        "`@marbec/web-auto-extractor` as its README shows and with schema.org 30.0; structured-data-testing-tool",
        "runs its tests for the schemas it finds on the page, as its command line does without `--presets`.",
        "",
        "## Overall",
        "",
        "| | " + " | ".join(t.name for t in tools) + " |",
        "|---|" + "---|" * len(tools),
        "| valid pages passed | " + " | ".join(_score(labels, results[t.name], valid) for t in tools) + " |",
    ]
    for doc, title in (("source", "defects caught: documented by their source"),
                       ("inspection", "defects caught: found by reading the page"),
                       ("termsite-rules", "defects caught: conflict cases (only termsite's rules call them defects)")):
        pred = lambda name, label, d=doc: label["expect"] != "valid" and label.get("documented_by") == d  # noqa: E731
        lines.append(f"| {title} | " + " | ".join(_score(labels, results[t.name], pred) for t in tools) + " |")
    crashes = [sum(v.crashed for v in results[t.name].values()) for t in tools]
    lines.append("| crashed or timed out | " + " | ".join(str(c) for c in crashes) + " |")
    lines += ["", "## Per page category", "",
              "Each cell: valid pages passed · defects caught.", "",
              "| category | pages | " + " | ".join(t.name for t in tools) + " |",
              "|---|---|" + "---|" * len(tools)]
    for category in sorted(set(map(_category, labels)), key=lambda c: list(dict.fromkeys(CATEGORIES.values())).index(c)
                           if c in CATEGORIES.values() else 99):
        in_category = {n: l for n, l in labels.items() if _category(n) == category}
        cells = [f"{_score(in_category, results[t.name], valid)} · {_score(in_category, results[t.name], defect)}"
                 for t in tools]
        lines.append(f"| {category} | {len(in_category)} | " + " | ".join(cells) + " |")
    lines += ["", "## What the differences are", "",
              "- The conflict cases are pages whose source calls them valid (or says nothing) while termsite's rules",
              "  report a defect; how each is decided, and how Google's Rich Results Test, schema.org's validator and",
              "  Adobe's validator judge it, is in the rule's documentation in [rules.md](rules.md) (`breadcrumb-position`,",
              "  `breadcrumb-items`, `organization-name`, `missing-context`, `unknown-property`).",
              "- Two pages labelled valid by their JSON-LD carry microdata mistakes (`itemprop=\"givenname\"`, a",
              "  `datePublished` of \"17. Mai 2019\") that termsite reports now that it validates microdata; the corpus",
              "  test (`tests/checker/test_realworld_corpus.py`) lists them.",
              ""]
    misses = {t.name: sorted(n for n, v in results[t.name].items() if not v.ok) for t in tools}
    lines += ["## Pages each checker gets wrong", ""]
    for tool in tools:
        wrong = misses[tool.name]
        shown = ", ".join(f"`{n}`" for n in wrong) if wrong else "none"
        lines.append(f"- **{tool.name}** ({len(wrong)}): {shown}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
