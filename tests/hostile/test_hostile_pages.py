"""Hostile pages from the open web, read by `termsite check` and by the importer.

Every page ends as a reported problem (or, for the importer, a SourceError or a reading),
within bounded time and memory: never a traceback, never a hang. The checker runs once,
as a subprocess, over a folder of all the pages; the importer's reading functions run
in-process under a deadline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from conftest import BIN
from termsite.checker.extract import MAX_BLOCKS_PER_PAGE, MAX_PAGE_BYTES
from termsite.checker.strictjson import MAX_DEPTH as MAX_JSON_DEPTH
from termsite.importer.reading import Reading, read_document
from termsite.importer.sources import MAX_SOURCE_BYTES, SourceError, read_source

SITE = "https://example.com/"


def head(name: str) -> str:
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{name}</title>'
            f'<link rel="canonical" href="{SITE}{name}">')


def ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


THING = '{"@context":"https://schema.org","@type":"Thing","name":"n"}'


def hostile_pages() -> dict[str, bytes]:
    """name -> bytes; the brief's list, plus encodings that are easy to get wrong."""
    big_text = head("huge.html") + ld(THING) + "</head><body><p>"
    return {
        "truncated-jsonld.html": (head("truncated-jsonld.html") + '<script type="application/ld+json">'
                                  '{"@context": "https://schema.org", "@type": "Arti').encode(),
        "truncated-tag.html": b"<!doctype html><html><head><scr",
        "huge.html": big_text.encode() + b"lorem ipsum " * (MAX_PAGE_BYTES // 12 + 100),
        "dense-tags.html": (head("dense-tags.html") + ld(THING) + "</head><body>" + "<p>x</p>" * 250_000).encode(),
        "deep-arrays.html": (head("deep-arrays.html") + ld("[" * 10_000 + "]" * 10_000)).encode(),
        "deep-objects.html": (head("deep-objects.html") + ld('{"a":' * 10_000 + "1" + "}" * 10_000)).encode(),
        "deep-html.html": (head("deep-html.html") + "</head><body>" + "<div>" * 20_000 + "</div>" * 20_000).encode(),
        "many-blocks.html": (head("many-blocks.html") + ld(THING) * 100_000).encode(),
        "garbage.html": bytes(range(128, 256)) * 200,
        "utf16-without-bom.html": (head("utf16-without-bom.html") + "<p>x</p>").encode("utf-16-le"),
        "binary.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 100,
        "charset-base64.html": b'<meta charset="base64"><title>t</title><p>x</p>',
        "charset-utf7.html": (b'<meta charset="utf-7"><title>t</title>'
                              b"<p>+ADw-script type=+ACI-application/ld+-json+ACI-+AD4-x+ADw-/script+AD4-</p>"),
        "empty.html": b"",
    }


# page -> (rule, a phrase of its message): the problem the checker must report for it
EXPECTED_BY_CHECKER = {
    "truncated-jsonld.html": ("invalid-json", "is not valid JSON"),
    "huge.html": ("limit-exceeded", "file is larger than 50 MiB; only the first part was checked"),
    "deep-arrays.html": ("limit-exceeded", f"JSON nesting deeper than {MAX_JSON_DEPTH} levels"),
    "deep-objects.html": ("limit-exceeded", f"JSON nesting deeper than {MAX_JSON_DEPTH} levels"),
    "many-blocks.html": ("limit-exceeded", f"more than {MAX_BLOCKS_PER_PAGE} JSON-LD blocks"),
    "garbage.html": ("not-html", "not decodable as utf-8 text"),
    "utf16-without-bom.html": ("not-html", "binary file (contains NUL bytes)"),
    "binary.html": ("not-html", "binary file"),
}
# Pages with no structured data to judge: nothing to report, but read without a crash.
NOTHING_TO_REPORT = {"truncated-tag.html", "dense-tags.html", "deep-html.html", "charset-base64.html",
                     "charset-utf7.html", "empty.html"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-pages")
    for name, data in hostile_pages().items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def checked(pages: Path) -> dict[str, object]:
    """`termsite check` over all pages, in a wrapper that reports the checker's peak memory."""
    wrapper = ("import resource, subprocess, sys, time; t = time.monotonic(); "
               "r = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=300); "
               "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr); "
               "print(f'@@ {time.monotonic() - t:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', "
               "file=sys.stderr); sys.exit(r.returncode)")
    result = subprocess.run([sys.executable, "-c", wrapper, str(BIN / "termsite"), "check", str(pages),
                             "--site-url", SITE, "--format", "json", "--jobs", "1"],
                            capture_output=True, text=True, timeout=330, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds, rss_kb = result.stderr.rsplit("@@ ", 1)[1].split()
    report = json.loads(result.stdout)
    problems = report["problems"] if isinstance(report, dict) else report
    return {"status": result.returncode, "stderr": result.stderr, "problems": problems,
            "seconds": float(seconds), "rss_mb": int(rss_kb) / 1024}


def test_the_checker_reports_each_hostile_page(checked: dict, pages: Path) -> None:
    assert checked["status"] == 1 and "Traceback" not in checked["stderr"]
    by_page: dict[str, list[dict]] = {}
    for problem in checked["problems"]:
        by_page.setdefault(Path(problem["path"]).name, []).append(problem)
    for name, (rule, says) in EXPECTED_BY_CHECKER.items():
        found = [p for p in by_page.get(name, []) if p["rule_id"] == rule and says in p["message"]]
        assert found, f"{name}: expected {rule} '{says}', got {by_page.get(name)}"
    for name in NOTHING_TO_REPORT:
        assert not [p for p in by_page.get(name, []) if p["severity"] == "error"], (name, by_page.get(name))
    assert not [p for p in checked["problems"] if p["rule_id"] == "internal-error"]
    assert {p.name for p in pages.iterdir()} == set(EXPECTED_BY_CHECKER) | NOTHING_TO_REPORT


def test_the_checker_works_in_bounded_time_and_memory(checked: dict) -> None:
    # 50 MB of text, 250,000 tags, 100,000 blocks, 20,000 nested elements: the limits keep it to seconds
    # and a few hundred MB (a page of 50 MB of dense tags peaks near 1 GB: see docs/security.md).
    assert checked["seconds"] < 120
    assert checked["rss_mb"] < 1024


def test_a_page_labelled_utf7_is_read_as_browsers_read_it(checked: dict) -> None:
    # A browser ignores the utf-7 label; decoded as UTF-7 the page would hide a JSON-LD block from it.
    problems = [p for p in checked["problems"] if Path(p["path"]).name == "charset-utf7.html"]
    assert not [p for p in problems if p["rule_id"] == "invalid-json"]


class Deadline(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a hang in a reading function raises Deadline here."""
    def expire(signum: int, frame: object) -> None:
        raise Deadline(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


IMPORTER_PAGES = sorted(set(hostile_pages()) - {"dense-tags.html"})  # the importer parses tags slowly: see below


@pytest.mark.parametrize("name", IMPORTER_PAGES)
def test_the_importer_refuses_or_reads_each_hostile_page(pages: Path, name: str) -> None:
    too_large = (pages / name).stat().st_size > MAX_SOURCE_BYTES
    started = time.monotonic()
    with deadline(60):
        try:
            reading = read_document(read_source(pages / name))
        except SourceError as error:
            message = str(error)
            assert name in message, message
            if too_large:  # refused by its size, before it is read
                assert "are not imported" in message and time.monotonic() - started < 1
        else:
            assert isinstance(reading, Reading) and not too_large


def test_the_importer_skips_json_nested_too_deeply(pages: Path) -> None:
    with pytest.raises(SourceError, match="nested too deeply to read"):
        read_document(read_source(pages / "deep-arrays.html"))


def test_the_importer_reads_dense_tags_in_linear_time(tmp_path: Path) -> None:
    # BeautifulSoup's html.parser costs microseconds per tag, twice per page: 10,000 tags stay well under
    # a second or two; the importer's 10 MB limit allows about 1.2 million (see docs/security.md).
    page = tmp_path / "dense.html"
    page.write_text(head("dense.html") + ld(THING) + "</head><body>" + "<p>x</p>" * 10_000, encoding="utf-8")
    with deadline(30):
        with pytest.raises(SourceError, match="no CollectionPage, Article, DefinedTerm or WebPage"):
            read_document(read_source(page))
