#!/usr/bin/env python3
"""How long an edit takes to show up under ``mkdocs serve --dirty``.

Starts the preview server on a synthetic glossary (``termsite synth``), edits one term's
YAML, and polls the term's page on localhost until the edit appears; prints the seconds
from the save to the reloaded page, for an edit of a body and for an edit of a summary
(which also changes the tooltips of every page that links to the term).

    python tools/bench_serve.py --terms 10000
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, marker: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=10000)
    parser.add_argument("--out", default="bench-out/serve")
    args = parser.parse_args()
    project = Path(args.out).resolve() / str(args.terms)
    if not (project / "mkdocs.yml").exists():
        shutil.rmtree(project, ignore_errors=True)
        subprocess.run([str(BIN / "termsite"), "synth", "--terms", str(args.terms), "--out", str(project)],
                       check=True, capture_output=True)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = open(project / "serve.log", "w")
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        term_file = sorted((project / "content" / "terms").glob("*.yml"))[len(list((project / "content" / "terms").glob("*.yml"))) // 2]
        url = f"http://127.0.0.1:{port}/definition/{term_file.stem}/"
        start = time.perf_counter()
        first = wait_for(url, "<html", timeout=900)
        if first is None:
            print("the server did not come up; see", project / "serve.log")
            return 1
        print(f"{args.terms} terms: first build and serve {time.perf_counter() - start:.1f} s")
        original = term_file.read_text(encoding="utf-8")
        try:
            alias_edit = ("alias edit", "aliases: [", "aliases: [Edited-alias-marker, ") if "aliases: [" in original \
                else ("alias edit", "\nsummary: ", "\naliases: [Edited-alias-marker]\nsummary: ")
            for label, old, new in [
                ("body edit", "body: |\n", "body: |\n  Edited-body-marker-1 now.\n\n"),
                ("second body edit", "Edited-body-marker-1", "Edited-body-marker-2"),
                ("summary edit", "summary: \"The ", "summary: \"Edited-summary-marker. The "),
                ("title edit", "title: \"", "title: \"Edited-title-marker "),
                alias_edit,
            ]:
                text = term_file.read_text(encoding="utf-8")
                time.sleep(1.1)  # a new modification time, whatever the file system's resolution
                term_file.write_text(text.replace(old, new, 1), encoding="utf-8")
                marker = re.search(r"Edited-[a-z]+-marker(?:-\d)?", new).group(0)
                seconds = wait_for(url, marker, timeout=300)
                print(f"{label}: page updated after {seconds:.2f} s" if seconds is not None else f"{label}: timed out")
        finally:
            term_file.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
