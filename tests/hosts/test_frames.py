"""Generated pages written from frames are byte for byte what the theme writes for them.

Every page kind is built both ways, with the plugin option `frames` on and off, and every
output file is compared; a theme override that puts a page's own value where no frame
slot is must make that shape fall back to the theme, never change the output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT, make_site, mkdocs_build, run
from sitecopy import copy_example_site


def build_both_ways(project: Path) -> tuple[Path, Path, str]:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - termsite:\n" in text
    config.write_text(text.replace("  - termsite:\n", "  - termsite:\n      frames: false\n", 1), encoding="utf-8")
    plain = mkdocs_build(project, project / "plain")
    assert plain.returncode == 0, plain.stderr[-3000:]
    config.write_text(text, encoding="utf-8")
    framed = run([str(BIN / "mkdocs"), "build", "--strict", "-v", "-d", str(project / "framed")], cwd=project)
    assert framed.returncode == 0, framed.stderr[-3000:]
    return project / "plain", project / "framed", framed.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def frames_used(log: str) -> tuple[int, int]:
    match = re.search(r"termsite: (\d+) generated pages written from frames, (\d+) rendered by the theme", log)
    assert match, log[-2000:]
    return int(match.group(1)), int(match.group(2))


def assert_identical(plain: Path, framed: Path) -> None:
    before, after = files_of(plain), files_of(framed)
    assert sorted(before) == sorted(after)
    different = [name for name in before if before[name] != after[name]]
    assert different == []


def test_the_example_site_is_the_same_written_from_frames(tmp_path: Path) -> None:
    project = copy_example_site(tmp_path / "example")
    plain, framed, log = build_both_ways(project)
    assert_identical(plain, framed)
    filled, learnt = frames_used(log)
    # most of the 52 English and 23 translated term pages come from their frame (each language's
    # section has shapes of its own: one folder deeper, and the site's name in that language)
    assert filled >= 70 and learnt <= 20


def test_every_page_kind_of_a_long_synthetic_glossary_is_the_same(tmp_path: Path) -> None:
    project = tmp_path / "synth"
    result = run([str(BIN / "termsite"), "synth", "--terms", "400", "--areas", "3", "--seed", "3", "--out",
                  str(project)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - termsite:\n", "  - termsite:\n      index_page_size: 60\n      parallel: true\n", 1), encoding="utf-8")
    plain, framed, log = build_both_ways(project)
    assert_identical(plain, framed)
    names = set(files_of(framed))
    assert "definition/page/2/index.html" in names and any(re.match(r"area/[^/]+/page/2/index.html", n) for n in names)
    filled, _ = frames_used(log)
    assert filled > 100  # the parent's share; the forked renderer fills its own


def test_a_theme_override_the_frame_cannot_follow_falls_back_to_the_theme(tmp_path: Path) -> None:
    project = copy_example_site(tmp_path / "example")
    overrides = project / "site_overrides"
    # the page's source file name, in the footer: a per-page value outside every slot of the frame
    (overrides / "main.html").write_text((overrides / "main.html").read_text(encoding="utf-8") +
                                         '\n{% block footer %}{% if page %}<p class="source">{{ page.file.src_uri }}</p>{% endif %}'
                                         "{{ super() }}{% endblock %}\n", encoding="utf-8")
    plain, framed, log = build_both_ways(project)
    assert_identical(plain, framed)
    filled, _ = frames_used(log)
    assert filled == 0
    assert '<p class="source">definition/vega/index.md</p>' in (framed / "definition/vega/index.html").read_text(
        encoding="utf-8")
