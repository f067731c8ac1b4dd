#!/usr/bin/env python3
"""Which files of a built site differ from another build, and where.

Compare two built sites (the generator tag, which names MkDocs' version, is ignored):

    python tools/site_diff.py OLD_SITE NEW_SITE

Or build them: the example site and a synthetic glossary (``termsite synth --seed 7``), once
with another revision of termsite (exported with ``git archive`` and installed into its own
virtual environment from the pinned constraints) and once with this checkout:

    python tools/site_diff.py --build main                  # the example and 10,000 terms
    python tools/site_diff.py --build main --terms 1000

Files are listed by folder with their count, and the first differing lines of one file of each
folder are shown. ``--ignore REGEX`` (repeatable) leaves out matching lines before comparing,
to see what else differs once a known change is set aside.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _normalized(path: Path, ignore: list[re.Pattern[bytes]]) -> bytes:
    data = path.read_bytes()
    if path.suffix != ".html":
        return data
    data = GENERATOR.sub(b"", data)
    if ignore:
        data = b"\n".join(line for line in data.split(b"\n") if not any(p.search(line) for p in ignore))
    return data


def compare(old: Path, new: Path, ignore: list[re.Pattern[bytes]], context: int = 3) -> int:
    """Print the differing files of two sites by folder; return how many differ."""
    old_files = {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()}
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(old_files | new_files):
        if name not in new_files:
            groups["only in the old site"].append(name)
        elif name not in old_files:
            groups["only in the new site"].append(name)
        elif _normalized(old / name, ignore) != _normalized(new / name, ignore):
            groups[_folder(name)].append(name)
    total = sum(len(names) for names in groups.values())
    print(f"{old} -> {new}: {len(old_files | new_files)} files, {total} differ")
    for group, names in sorted(groups.items()):
        print(f"  {group}: {len(names)} file(s), e.g. {names[0]}")
        if group.startswith("only in"):
            continue
        first = names[0]
        before = _normalized(old / first, ignore).decode("utf-8", "replace").splitlines()
        after = _normalized(new / first, ignore).decode("utf-8", "replace").splitlines()
        shown = 0
        for line in difflib.unified_diff(before, after, lineterm="", n=0):
            if line.startswith(("---", "+++")):
                continue
            print(f"      {line[:160]}")
            shown += 1
            if shown >= 8:
                print("      ...")
                break
    return total


def _folder(name: str) -> str:
    parts = name.split("/")
    if len(parts) == 1:
        return "(top)"
    if parts[0] in ("definition", "area") and len(parts) > 2:
        return f"{parts[0]}/<slug>/" if parts[-2] != "page" else f"{parts[0]}/.../page/"
    return parts[0] + "/"


def _build(python: Path, project: Path, site: Path) -> None:
    mkdocs = python.parent / "mkdocs"
    done = subprocess.run([str(mkdocs), "build", "-q", "-d", str(site)], cwd=project, capture_output=True,
                          text=True, env=ENV)
    if done.returncode:
        raise SystemExit(f"the build in {project} failed:\n{done.stderr[-3000:]}")


def build_both(revision: str, terms: int, work: Path) -> list[tuple[Path, Path]]:
    """Build the example and a synthetic glossary with ``revision`` and with this checkout."""
    old_tree = work / "old-tree"
    shutil.rmtree(old_tree, ignore_errors=True)
    old_tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive, check=True)
    venv = work / "old-venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-c",
                    str(old_tree / "constraints.txt"), str(old_tree)], check=True)
    old_python, new_python = venv / "bin" / "python", Path(sys.executable)
    pairs = []
    # The example: each revision builds its own checkout's content and templates.
    _build(old_python, old_tree, work / "example-old")
    _build(new_python, ROOT, work / "example-new")
    pairs.append((work / "example-old", work / "example-new"))
    synth = work / f"synth-{terms}"
    shutil.rmtree(synth, ignore_errors=True)
    subprocess.run([str(new_python.parent / "termsite"), "synth", "--terms", str(terms), "--seed", "7", "--out",
                    str(synth)], check=True, capture_output=True, env=ENV)
    _build(old_python, synth, work / f"synth-{terms}-old")
    _build(new_python, synth, work / f"synth-{terms}-new")
    pairs.append((work / f"synth-{terms}-old", work / f"synth-{terms}-new"))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="*", type=Path, help="OLD_SITE NEW_SITE")
    parser.add_argument("--build", metavar="REVISION", help="build with this git revision and with this checkout")
    parser.add_argument("--terms", type=int, default=10000, help="terms of the synthetic glossary (default 10000)")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--ignore", action="append", default=[], metavar="REGEX",
                        help="leave out lines matching REGEX before comparing (repeatable)")
    args = parser.parse_args()
    ignore = [re.compile(pattern.encode("utf-8")) for pattern in args.ignore]
    if args.build:
        work = args.work or Path(tempfile.mkdtemp(prefix="termsite-site-diff-"))
        pairs = build_both(args.build, args.terms, work.resolve())
    elif len(args.sites) == 2:
        pairs = [(args.sites[0], args.sites[1])]
    else:
        parser.error("give OLD_SITE NEW_SITE, or --build REVISION")
    for old, new in pairs:
        compare(old, new, ignore)
    return 0


if __name__ == "__main__":
    sys.exit(main())
