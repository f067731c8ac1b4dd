"""Nothing lost: a build or a write that fails half-way leaves what was there before.

* `mkdocs build` writes into a staging folder that replaces site/ only when the build
  succeeded: killed while writing, site/ is as it was; a failure while swapping the
  folders puts the previous site back.
* `termsite new` and `termsite rename` apply all their file changes or none: a write that
  fails half-way restores the files already changed.
* `termsite import` writes file by file; interrupted, it can be run again and ends with
  what an uninterrupted import writes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Callable

import pytest
from mkdocs.exceptions import PluginError

from conftest import BIN, make_site, termsite
from termsite.cli import main
from termsite.hosts.mkdocs.plugin import TermsitePlugin

from .corpus import AREA_FILE, AREA_TEXT

IMPORT_FIXTURE = Path(__file__).resolve().parent.parent / "importer" / "fixtures" / "learn-example-exchange"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (hidden ones included) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fail_on_call(number: int, real: Callable[..., None]) -> Callable[..., None]:
    """A stand-in for os.replace / os.rename that raises on its n-th call, as a full disk or a lost mount would."""
    calls = {"count": 0}

    def replacement(*args: object, **kwargs: object) -> None:
        calls["count"] += 1
        if calls["count"] == number:
            raise OSError(28, "No space left on device", str(args[-1]))
        real(*args, **kwargs)

    return replacement


def previous_site(project: Path) -> dict[str, bytes]:
    """A published site to protect (what an earlier build left)."""
    site = project / "site"
    (site / "definition").mkdir(parents=True)
    (site / "index.html").write_text("<title>previous</title>", encoding="utf-8")
    (site / "definition/old.html").write_text("previous page", encoding="utf-8")
    return snapshot(site)


# --- mkdocs build -------------------------------------------------------------------------
def test_a_build_killed_while_writing_leaves_the_previous_site(tmp_path: Path) -> None:
    # 500 terms: content loading takes a few seconds, then pages are written for several more,
    # so that the kill lands while the staging folder is being filled.
    project = tmp_path / "synth"
    assert termsite(["synth", "--terms", "500", "--out", str(project)], tmp_path).returncode == 0
    before = previous_site(project)
    build = subprocess.Popen([str(BIN / "mkdocs"), "build"], cwd=project, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                             start_new_session=True)  # its own process group: the page-rendering fork dies too
    staging = project / ".site.termsite-staging"
    deadline = time.monotonic() + 60
    try:
        while not (staging.is_dir() and any(staging.iterdir())):
            assert build.poll() is None, "the build ended before it wrote anything"
            assert time.monotonic() < deadline, "the build wrote nothing within 60 s"
            time.sleep(0.05)
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
    assert build.returncode == -signal.SIGKILL
    assert snapshot(project / "site") == before


def _staged_build(tmp_path: Path) -> tuple[TermsitePlugin, Path, dict[str, bytes]]:
    """A plugin at the end of a successful build: site/ published earlier, the new site in staging."""
    before = previous_site(tmp_path)
    staging = tmp_path / ".site.termsite-staging"
    staging.mkdir()
    (staging / "index.html").write_text("<title>new</title>", encoding="utf-8")
    plugin = TermsitePlugin()
    plugin.final_site_dir, plugin.staging_dir, plugin.build_ok = str(tmp_path / "site"), str(staging), True
    return plugin, tmp_path / "site", before


def test_the_swap_publishes_the_new_site(tmp_path: Path) -> None:
    plugin, site, _ = _staged_build(tmp_path)
    plugin.on_shutdown()
    assert snapshot(site) == {"index.html": b"<title>new</title>"}
    # the previous site was moved aside and is removed by a detached process, without waiting for it
    deadline = time.monotonic() + 60
    while sorted(p.name for p in tmp_path.iterdir()) != ["site"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("failing_call", [1, 2], ids=["moving the old site aside", "moving the new site in"])
def test_a_failed_swap_keeps_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               failing_call: int) -> None:
    plugin, site, before = _staged_build(tmp_path)
    monkeypatch.setattr(os, "rename", fail_on_call(failing_call, os.rename))
    with pytest.raises(PluginError, match="was left as it was"):  # a sentence, not a traceback
        plugin.on_shutdown()
    assert snapshot(site) == before


def test_a_failed_build_after_a_good_one_keeps_it(tmp_path: Path) -> None:
    plugin, site, before = _staged_build(tmp_path)
    plugin.build_ok = False
    plugin.on_shutdown()
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- termsite new and rename --------------------------------------------------------------
def _glossary(tmp_path: Path) -> Path:
    return make_site(tmp_path, {
        AREA_FILE: AREA_TEXT + "terms: [mark-price, index-price]\n",
        "terms/mark-price.yml": "title: Mark Price\nsummary: The fair price.\nareas: [liquidation]\n"
                                "related: [index-price]\nbody: Built from the [[index-price]].\n",
        "terms/index-price.yml": "title: Index Price\nsummary: An average of spot prices.\nareas: [liquidation]\n"
                                 "related: [mark-price]\n",
    })


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_new_term_fails_half_way_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    project = _glossary(tmp_path)
    monkeypatch.chdir(project)
    before = snapshot(project / "content")
    # two files change: the new term, and the area's terms order; the second replace fails
    monkeypatch.setattr(os, "replace", fail_on_call(2, os.replace))
    status, output = _run(capsys, "new", "term", "Funding Rate", "--area", "liquidation")
    assert status == 1 and "Traceback" not in output
    assert "No space left on device" in output and "restored" in output
    assert snapshot(project / "content") == before


def test_rename_fails_half_way_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project = _glossary(tmp_path)
    monkeypatch.chdir(project)
    before = snapshot(project / "content")
    for failing_call in (1, 2, 3):
        monkeypatch.setattr(os, "replace", fail_on_call(failing_call, os.replace))
        status, output = _run(capsys, "rename", "index-price", "spot-index")
        assert status == 1 and "Traceback" not in output, output
        assert snapshot(project / "content") == before, f"failing call {failing_call}"
    monkeypatch.undo()
    monkeypatch.chdir(project)
    status, output = _run(capsys, "rename", "index-price", "spot-index")
    assert status == 0, output
    assert (project / "content/terms/spot-index.yml").is_file()


# --- termsite import ----------------------------------------------------------------------
def test_an_interrupted_import_can_be_run_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    if not IMPORT_FIXTURE.is_dir():
        pytest.skip("the importer's fixture site is not in this checkout")
    reference = make_site(tmp_path / "reference", {})
    status, output = _run(capsys, "import", str(IMPORT_FIXTURE), "--content", str(reference / "content"))
    assert status == 0, output
    expected = snapshot(reference / "content")

    project = make_site(tmp_path / "interrupted", {})
    monkeypatch.setattr(os, "replace", fail_on_call(2, os.replace))
    status, output = _run(capsys, "import", str(IMPORT_FIXTURE), "--content", str(project / "content"))
    assert status == 1 and "No space left on device" in output and "Traceback" not in output
    written = snapshot(project / "content")
    assert 0 < len(written) < len(expected)  # half of an import: the first file only
    assert not [name for name in written if name.endswith(".tmp")]
    monkeypatch.undo()
    status, output = _run(capsys, "import", str(IMPORT_FIXTURE), "--content", str(project / "content"))
    assert status == 0, output
    assert snapshot(project / "content") == expected
