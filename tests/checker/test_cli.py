"""The command line: exit codes, usage errors, configuration and suppressions."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from termsite.checker.cli import main

from .helpers import SITE, org, page, write_site

ROOT = Path(__file__).resolve().parents[2]
BAD = page(org(name=None))  # organization-name error
WARN = page(org(), canonical=None)  # missing-canonical warning only


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_exit_0_when_clean(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {"ok.html": page(org())})
    code, out, _ = run(["ok.html"], capsys)
    assert code == 0
    assert out.strip() == "checked 1 page: 0 errors, 0 warnings, 0 infos"


def test_exit_1_on_errors(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {"bad.html": BAD})
    code, out, _ = run(["bad.html"], capsys)
    assert code == 1
    assert out.splitlines()[0].startswith("bad.html:7:1: error[organization-name] Organization has no name")


def test_warnings_as_errors(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {"warn.html": WARN})
    assert run(["warn.html"], capsys)[0] == 0
    assert run(["warn.html", "--warnings-as-errors"], capsys)[0] == 1


@pytest.mark.parametrize("args, words", [
    (["missing.html"], "no such file or directory: missing.html"),
    (["ok.html", "--select", "no-such-rule"], "unknown rule or prefix 'no-such-rule'"),
    (["ok.html", "--ignore", "nope"], "unknown rule or prefix 'nope'"),
    (["ok.html", "--site-url", "example.com"], "absolute http(s) URL"),
    (["ok.html", "--format", "xml"], "invalid choice"),
    ([], "required"),
    (["ok.html", "--jobs", "0"], "--jobs"),
])
def test_usage_errors_exit_2_in_one_line(chdir_tmp: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                         words: str) -> None:
    write_site(chdir_tmp, {"ok.html": page(org())})
    code, out, err = run(args, capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and words in err and "Traceback" not in err


def test_unreadable_input_exits_2(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {"site/ok.html": page(org())})
    (chdir_tmp / "site" / "broken.html").symlink_to(chdir_tmp / "nowhere.html")
    code, out, _ = run(["site"], capsys)
    assert code == 2
    assert "unreadable-file" in out


def test_garbage_input_is_reported_not_crashing(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {"bin.html": bytes(range(256)) * 10})
    code, out, err = run(["bin.html"], capsys)
    assert code == 1 and "error[not-html]" in out and err == ""


def test_select_and_ignore_prefixes(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {"p.html": page(org(name=None), canonical=None)})
    _, out, _ = run(["p.html", "--select", "organization"], capsys)
    assert "organization-name" in out and "missing-canonical" not in out
    code, out, _ = run(["p.html", "--ignore", "organization-name,missing-"], capsys)
    assert code == 0 and "organization-name" not in out and "missing-canonical" not in out


def test_mkdocs_yml_configuration(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (chdir_tmp / "mkdocs.yml").write_text(f"""\
site_name: t
site_url: {SITE}
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/object/apply:pymdownx.superfences.fence_code_format
extra:
  token: !ENV [TOKEN, "x"]
plugins:
  - search
  - termsite:
      area_prefix: topics/
      check:
        ignore: [missing-canonical]
        severity: {{organization-name: info}}
""")
    write_site(chdir_tmp, {"p.html": page(org(name=None), canonical=None)})
    code, out, _ = run(["p.html", "--show-info"], capsys)
    assert code == 0
    assert "info[organization-name]" in out and "missing-canonical" not in out
    assert "1 info" in out.splitlines()[-1]
    # without --show-info, infos are counted but not listed
    code, out, _ = run(["p.html"], capsys)
    assert (code, out.splitlines()) == (0, ["checked 1 page: 0 errors, 0 warnings, 1 info"])


def test_mkdocs_yml_errors_are_usage_errors(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (chdir_tmp / "mkdocs.yml").write_text("plugins:\n  - termsite:\n      check:\n        severity: {organization-name: loud}\n")
    write_site(chdir_tmp, {"p.html": page(org())})
    code, _, err = run(["p.html"], capsys)
    assert code == 2 and "unknown severity 'loud'" in err
    (chdir_tmp / "mkdocs.yml").write_text("plugins:\n  - termsite:\n      check:\n        ignroe: [x]\n")
    code, _, err = run(["p.html"], capsys)
    assert code == 2 and "unknown check option(s) ignroe" in err
    (chdir_tmp / "mkdocs.yml").write_text("plugins: [\n")
    code, _, err = run(["p.html"], capsys)
    assert code == 2 and "cannot read mkdocs.yml" in err and len(err.strip().splitlines()) == 1


def test_suppression_comment_and_meta(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {
        "c.html": page(org(name=None), canonical=None, head="<!-- termsite-check: ignore organization-name, missing-canonical -->"),
        "m.html": page(org(name=None), canonical=None, head='<meta name="termsite-check" content="ignore organization">'),
        "all.html": page(org(name=None), canonical=None, head="<!-- termsite-check: ignore all -->"),
    })
    code, out, _ = run(["c.html", "all.html"], capsys)
    assert code == 0, out
    code, out, _ = run(["m.html"], capsys)
    assert code == 0 and "missing-canonical" in out and "organization-name" not in out


@pytest.mark.parametrize("fmt", ["json", "junit", "github", "sarif"])
def test_formats_from_the_command_line(chdir_tmp: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    write_site(chdir_tmp, {"bad.html": BAD})
    code, out, _ = run(["bad.html", "--format", fmt], capsys)
    assert code == 1
    if fmt in ("json", "sarif"):
        json.loads(out)
    assert "organization-name" in out


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    write_site(tmp_path, {"bad.html": BAD})
    env_path = str(ROOT / "tools")
    proc = subprocess.run([sys.executable, "-m", "termsite.checker", "bad.html"], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, timeout=60)
    assert proc.returncode == 1 and "organization-name" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "termsite.checker", "--bogus"], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, timeout=60)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_run_with_custom_streams(chdir_tmp: Path) -> None:
    import argparse

    from termsite.checker.cli import add_arguments, run as run_cli

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    write_site(chdir_tmp, {"ok.html": page(org())})
    out, err = io.StringIO(), io.StringIO()
    assert run_cli(parser.parse_args(["ok.html"]), out, err) == 0
    assert out.getvalue().startswith("checked 1 page")


PROFILE_PAGE = page(org(name=None, headlin="x"),
                    {"@context": "https://schema.org", "@type": "DefinedTerm", "name": "Margin"})


@pytest.mark.parametrize("profile, expected, code", [
    (None, {"organization-name": "error", "unknown-property": "error", "pending-term": "info"}, 1),
    ("schema.org", {"unknown-property": "error", "pending-term": "info"}, 1),
    ("google", {"organization-name": "error"}, 1),
    ("strict", {"organization-name": "error", "unknown-property": "error", "pending-term": "warning"}, 1),
])
def test_profiles_pick_rules_by_tag(chdir_tmp: Path, capsys: pytest.CaptureFixture[str], profile: str | None,
                                    expected: dict[str, str], code: int) -> None:
    write_site(chdir_tmp, {"p.html": PROFILE_PAGE})
    args = ["p.html", "--format", "json"] + (["--profile", profile] if profile else [])
    status, out, _ = run(args, capsys)
    found = {p["rule_id"]: p["severity"] for p in json.loads(out)["problems"]}
    assert found == expected and status == code


def test_strict_profile_fails_on_warnings(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(chdir_tmp, {"warn.html": WARN})
    assert run(["warn.html"], capsys)[0] == 0
    assert run(["warn.html", "--profile", "strict"], capsys)[0] == 1


def test_profile_from_mkdocs_yml_and_unknown_profile(chdir_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (chdir_tmp / "mkdocs.yml").write_text("plugins:\n  - termsite:\n      check:\n        profile: google\n")
    write_site(chdir_tmp, {"p.html": PROFILE_PAGE})
    _, out, _ = run(["p.html", "--format", "json"], capsys)
    assert {p["rule_id"] for p in json.loads(out)["problems"]} == {"organization-name"}
    (chdir_tmp / "mkdocs.yml").write_text("plugins:\n  - termsite:\n      check:\n        profile: bing\n")
    code, _, err = run(["p.html"], capsys)
    assert code == 2 and "unknown profile 'bing'" in err
