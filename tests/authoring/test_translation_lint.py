"""Translators' tools: `termsite new --lang`, translation-outdated with the fields from git, coverage, schemas."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from termsite.authoring.lint import lint_report
from termsite.authoring.schema import render_schemas

from conftest import MINIMAL_AREA, make_site, termsite

TERM = """\
# yaml-language-server: $schema=../../schemas/term.schema.json
title: Mark Price
summary: The fair reference price used to value positions.
aliases: [MP]
areas: [liquidation]
related: []
body: |
  The mark price comes from the index, not the last trade.
faq:
  - question: Why not the last price?
    answer: One large order could move it.
image: {url: https://example.org/mark.png, width: 1200, height: 630, caption: Mark and last price}
published: 2026-01-10T09:00:00+00:00
modified: 2026-03-01T09:00:00+00:00
"""
OTHER = "title: Index Price\nsummary: An average of spot prices.\nareas: [liquidation]\n"
LANGUAGES = {"languages": ["en", "de", "es"]}


def site_with(tmp_path: Path, files: dict[str, str], options: dict | None = None) -> Path:
    site = make_site(tmp_path / "site", {"areas/liquidation.yml": MINIMAL_AREA, "terms/mark-price.yml": TERM,
                                         "terms/index-price.yml": OTHER, **files},
                     plugin_options={"content_dir": "content", **(options if options is not None else LANGUAGES)})
    assert termsite(["schema"], site).returncode == 0
    return site


def git(site: Path, *args: str, date: str = "2026-01-01T00:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org"}
    subprocess.run(["git", *args], cwd=site, check=True, capture_output=True, env=env)


def commit_all(site: Path, date: str) -> None:
    git(site, "add", "-A", date=date)
    git(site, "commit", "-qm", f"content as of {date}", date=date)


def lint_lines(site: Path, *args: str) -> list[str]:
    result = termsite(["lint", *args], site)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_new_lang_starts_a_translation_from_the_source_that_lints_clean(tmp_path: Path) -> None:
    site = site_with(tmp_path, {})
    result = termsite(["new", "--lang", "de", "term", "mark-price"], site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "created content/i18n/de/terms/mark-price.yml",
        "next: translate the texts of content/i18n/de/terms/mark-price.yml into de (they are copied from "
        "content/terms/mark-price.yml), keeping [[slug]] references and source_modified as they are; then run "
        "`termsite lint` and preview with `mkdocs serve`."]
    text = (site / "content/i18n/de/terms/mark-price.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../../schemas/term-translation.schema.json"
    values = yaml.safe_load(text)
    assert values == {
        "title": "Mark Price", "summary": "The fair reference price used to value positions.", "aliases": ["MP"],
        "body": "The mark price comes from the index, not the last trade.\n",
        "faq": [{"question": "Why not the last price?", "answer": "One large order could move it.\n"}],
        "image": {"caption": "Mark and last price"},
        "source_modified": yaml.safe_load("d: 2026-03-01T09:00:00+00:00")["d"]}
    # every key of the file in the canonical order, the optional 'modified' commented out
    assert [line.split(":")[0] for line in text.splitlines() if line and not line.startswith((" ", "#"))] == \
        ["title", "summary", "aliases", "body", "faq", "image", "source_modified"]
    assert "# modified: 2026-03-01T09:00:00+00:00" in text
    lines = lint_lines(site)
    assert not [line for line in lines if "i18n/de/terms" in line], lines
    assert lines[-1].startswith("termsite lint: 0 error(s)")


def test_new_lang_for_an_area_takes_its_intro_and_faq(tmp_path: Path) -> None:
    area = MINIMAL_AREA + "intro: Read [[mark-price]] first.\nfaq:\n  - aspect: Trigger\n    answer: A fall.\n" \
                          "published: 2026-02-01T08:00:00+00:00\n"
    site = site_with(tmp_path, {"areas/liquidation.yml": area})
    assert termsite(["new", "--lang", "es", "area", "liquidation"], site).returncode == 0
    values = yaml.safe_load((site / "content/i18n/es/areas/liquidation.yml").read_text(encoding="utf-8"))
    assert values["intro"] == "Read [[mark-price]] first.\n"
    assert values["faq"] == [{"aspect": "Trigger", "answer": "A fall.\n"}]
    assert str(values["source_modified"]) == "2026-02-01 08:00:00+00:00"  # published: the area has no modified


@pytest.mark.parametrize(("args", "message"), [
    (["--lang", "de", "term", "mark-prise"],
     "termsite new: there is no term 'mark-prise' (did you mean 'mark-price'?); give the slug of the term to "
     "translate (a file name in content/terms/)."),
    (["--lang", "fr", "term", "mark-price"],
     "termsite new: 'fr' is not one of the site's languages; add it to the termsite plugin option `languages` in "
     "mkdocs.yml (now: [en, de, es])."),
    (["--lang", "en", "term", "mark-price"],
     "termsite new: 'en' is the source language of the site; its entries are in content/terms/ and content/areas/ "
     "(leave out --lang)."),
    (["--lang", "de", "term", "mark-price", "--area", "liquidation"],
     "termsite new: --slug, --area, --related and --author are for new entries; a translation has the slug, areas "
     "and links of the entry it translates."),
])
def test_new_lang_refuses_what_it_cannot_translate(tmp_path: Path, args: list[str], message: str) -> None:
    site = site_with(tmp_path, {})
    result = termsite(["new", *args], site)
    assert (result.returncode, result.stderr.strip()) == (2, message)
    assert not (site / "content/i18n").exists()


def test_new_lang_never_overwrites_a_translation(tmp_path: Path) -> None:
    site = site_with(tmp_path, {})
    assert termsite(["new", "--lang", "de", "term", "mark-price"], site).returncode == 0
    path = site / "content/i18n/de/terms/mark-price.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Mark Price", "title: Markpreis"),
                    encoding="utf-8")
    result = termsite(["new", "--lang", "de", "term", "mark-price"], site)
    assert (result.returncode, result.stderr.strip()) == (
        2, "termsite new: content/i18n/de/terms/mark-price.yml already exists; edit it (`termsite lint` says when "
           "its source changed).")
    assert "title: Markpreis" in path.read_text(encoding="utf-8")


def test_new_term_still_needs_an_area(tmp_path: Path) -> None:
    site = site_with(tmp_path, {})
    result = termsite(["new", "term", "Funding Rate"], site)
    assert (result.returncode, result.stderr.strip()) == (
        2, "termsite new: a new term needs its area: add --area SLUG (the areas are the files in content/areas/).")


DE_MARK = """\
title: Markpreis
summary: Der faire Referenzpreis zur Bewertung von Positionen.
body: Er kommt vom Index.
faq:
  - question: Warum nicht der letzte Preis?
    answer: Eine große Order könnte ihn bewegen.
image: {caption: Mark- und letzter Preis}
source_modified: 2026-03-01T09:00:00+00:00
"""


def test_lint_names_the_fields_that_changed_since_the_version_translated(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK})
    git(site, "init", "-q")
    # the source was edited (and dated) at 09:00 and committed at 09:30, the translation the next day
    commit_all(site, "2026-03-01T09:30:00+00:00")
    assert not [line for line in lint_lines(site) if "translation-outdated" in line]
    source = site / "content/terms/mark-price.yml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("value positions.", "value open positions.").replace("related: []", "related: [index-price]")
    text = text.replace("caption: Mark and last price", "caption: Mark price and last price")
    source.write_text(text.replace("modified: 2026-03-01T09:00:00+00:00", "modified: 2026-05-04T12:00:00+00:00"),
                      encoding="utf-8")
    commit_all(site, "2026-05-04T12:10:00+00:00")
    outdated = [line for line in lint_lines(site) if "translation-outdated" in line]
    assert outdated == [
        "content/i18n/de/terms/mark-price.yml:8:1: warning[translation-outdated] source_modified: the source "
        "content/terms/mark-price.yml changed on 2026-05-04T12:00:00+00:00, after the version this translation "
        "follows (2026-03-01T09:00:00+00:00); changed since: summary, image.caption; update them here and set "
        "source_modified to 2026-05-04T12:00:00+00:00."]
    # an edit that is not yet committed counts too: the file as it is now is compared
    source.write_text(source.read_text(encoding="utf-8").replace("comes from the index", "is the index's"),
                      encoding="utf-8")
    assert "changed since: summary, body, image.caption;" in \
        next(line for line in lint_lines(site) if "translation-outdated" in line)


def test_without_the_version_that_had_the_date_the_last_commit_before_it_is_compared(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK.replace("2026-03-01T09", "2026-04-01T09")})
    git(site, "init", "-q")
    commit_all(site, "2026-03-15T00:00:00+00:00")
    source = site / "content/terms/mark-price.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("aliases: [MP]", "aliases: [MP, fair price]")
                      .replace("modified: 2026-03-01", "modified: 2026-06-01"), encoding="utf-8")
    commit_all(site, "2026-06-01T10:00:00+00:00")
    outdated = next(line for line in lint_lines(site) if "translation-outdated" in line)
    assert "follows (2026-04-01T09:00:00+00:00); changed since: aliases; update them here" in outdated


def test_only_fields_a_translation_does_not_hold_changed(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK})
    git(site, "init", "-q")
    commit_all(site, "2026-03-01T09:30:00+00:00")
    source = site / "content/terms/mark-price.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("related: []", "related: [index-price]")
                      .replace("modified: 2026-03-01", "modified: 2026-03-02"), encoding="utf-8")
    outdated = next(line for line in lint_lines(site) if "translation-outdated" in line)
    assert outdated.endswith("(2026-03-01T09:00:00+00:00); none of the fields a translation holds changed since; "
                             "set source_modified to 2026-03-02T09:00:00+00:00 to mark it up to date.")


def test_without_git_the_fields_cannot_be_told(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/es/terms/mark-price.yml": DE_MARK.replace("2026-03-01", "2026-02-01")})
    outdated = [line for line in lint_lines(site) if "translation-outdated" in line]
    assert outdated == [
        "content/i18n/es/terms/mark-price.yml:8:1: warning[translation-outdated] source_modified: the source "
        "content/terms/mark-price.yml changed on 2026-03-01T09:00:00+00:00, after the version this translation "
        "follows (2026-02-01T09:00:00+00:00); which fields changed could not be told (the content is not in a git "
        "repository); compare the two files, update the translation and set source_modified to "
        "2026-03-01T09:00:00+00:00."]


def page(title: str, body: str, **front: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in front.items())
    return f"---\ntitle: {title}\n{extra}---\n{body}\n"


def test_a_page_translation_is_outdated_when_its_source_page_changed_after_it(tmp_path: Path) -> None:
    site = site_with(tmp_path, {})
    docs = site / "docs"
    (docs / "guides").mkdir()
    (docs / "de/guides").mkdir(parents=True)
    (docs / "guides/funding.md").write_text(page("Funding", "How funding works.",
                                                 modified="2026-03-01T09:00:00+00:00"), encoding="utf-8")
    (docs / "de/guides/funding.md").write_text(page("Finanzierung", "Wie die Finanzierung funktioniert.",
                                                    source_modified="2026-03-01T09:00:00+00:00"), encoding="utf-8")
    (docs / "de/guides/news.md").write_text(page("Neuigkeiten", "Nur auf Deutsch."), encoding="utf-8")
    git(site, "init", "-q")
    commit_all(site, "2026-03-01T10:00:00+00:00")
    lines = lint_lines(site)
    assert [line for line in lines if "docs/" in line] == [
        "docs/de/guides/news.md:1:1: warning[page-without-source] docs/guides/news.md does not exist, so this page "
        "translates nothing; a translation has the path of its source page below de/ (it is published as a de page "
        "of its own)."]
    (docs / "guides/funding.md").write_text(page("Funding", "How funding works, hour by hour.",
                                                 modified="2026-04-01T09:00:00+00:00"), encoding="utf-8")
    outdated = [line for line in lint_lines(site) if "translation-outdated" in line]
    assert outdated == [
        "docs/de/guides/funding.md:3:1: warning[translation-outdated] source_modified: the source "
        "docs/guides/funding.md changed on 2026-04-01T09:00:00+00:00, after the version this translation follows "
        "(2026-03-01T09:00:00+00:00); changed since: text; update them here and set source_modified to "
        "2026-04-01T09:00:00+00:00."]


def test_lint_languages_prints_the_coverage_of_each_language(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK,
                                "i18n/de/terms/index-price.yml": "title: Indexpreis\nsummary: Ein Mittel.\n"
                                                                 "source_modified: 2025-01-01T00:00:00+00:00\n",
                                "i18n/es/areas/liquidation.yml": "title: Liquidación\ndescription: Cómo se cierran.\n"
                                                                 "source_modified: 2025-01-01T00:00:00+00:00\n"})
    (site / "docs/guide.md").write_text(page("Guide", "Read [[mark-price]]."), encoding="utf-8")
    (site / "docs/de").mkdir()
    (site / "docs/de/guide.md").write_text(page("Leitfaden", "Lies [[mark-price]]."), encoding="utf-8")
    lines = lint_lines(site, "--languages")
    start = lines.index("Translation coverage (source language: en)")
    assert lines[start:] == [
        "Translation coverage (source language: en)",
        "",
        "language  entries  translated  outdated  missing  total",
        "de        terms             2         0        0      2",
        "de        areas             0         0        1      1",
        "de        pages             1         0        0      1",
        "de        all               3         0        1      4",
        "es        terms             0         0        2      2",
        "es        areas             1         0        0      1",
        "es        pages             0         0        1      1",
        "es        all               1         0        3      4",
        lines[-1],
    ]
    # index-price has no dates, so its translation cannot be behind it until it has one
    assert lines[-1].startswith("termsite lint: 0 error(s)")
    (site / "content/terms/index-price.yml").write_text(OTHER + "modified: 2026-01-01T00:00:00+00:00\n",
                                                        encoding="utf-8")
    lines = lint_lines(site, "--languages")
    assert "de        terms             1         1        0      2" in lines
    data = json.loads(termsite(["lint", "--languages", "--format", "json"], site).stdout)
    assert data["coverage"][0] == {"language": "de", "entries": "terms", "translated": 1, "outdated": 1,
                                   "missing": 0, "total": 2}
    assert [p["code"] for p in data["problems"] if p["code"] == "translation-outdated"] == ["translation-outdated"]


def test_coverage_does_not_change_the_exit_status(tmp_path: Path) -> None:
    site = site_with(tmp_path, {})
    result = termsite(["lint", "--languages"], site)
    assert result.returncode == 0 and "es        all               0         0        3      3" in result.stdout
    single = site_with(tmp_path / "one", {}, options={})
    result = termsite(["lint", "--languages"], single)
    assert result.returncode == 0
    assert "the site has one language; there is nothing to translate" in result.stdout


def test_a_bad_languages_option_is_an_error_at_its_line_in_mkdocs_yml(tmp_path: Path) -> None:
    # make_site writes the plugin entry as one flow mapping: line 8, the key at column 45
    site = site_with(tmp_path, {}, options={"languages": ["en", "xx"]})
    result = termsite(["lint"], site)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "mkdocs.yml:8:45: error[bad-language] plugins.termsite.languages[2]: 'xx' in 'xx' is not a registered language "
        "subtag (IANA's registry has no such language).")


def test_labels_termsite_lacks_for_a_language_are_a_warning_until_site_yml_has_them(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/zu/terms/mark-price.yml": DE_MARK}, options={"languages": ["en", "zu"]})
    lines = lint_lines(site)
    assert [line.split(" ", 2)[:2] for line in lines if "untranslated-labels" in line] == [
        ["content/i18n/zu/site.yml:1:1:", "warning[untranslated-labels]"]]
    english = yaml.safe_load((Path(__file__).resolve().parents[2] / "tools/termsite/site/labels/en.yml")
                             .read_text(encoding="utf-8"))
    (site / "content/i18n/zu/site.yml").write_text(
        "labels:\n" + "".join(f"  {key}: {json.dumps(value)}\n" for key, value in english.items()), encoding="utf-8")
    assert not [line for line in lint_lines(site) if "untranslated-labels" in line]


def test_a_left_out_body_is_a_note(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": "title: Markpreis\nsummary: Der Preis.\n"
                                                                "source_modified: 2026-03-01T09:00:00+00:00\n"})
    assert [line for line in lint_lines(site) if "untranslated-field" in line] == [
        "content/i18n/de/terms/mark-price.yml:1:1: info[untranslated-field] the source term has body and faq, which "
        "this translation leaves out; its de page shows them not at all until translated."]


def validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads(render_schemas()[name])
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_translation_schemas_accept_translations_and_reject_source_fields() -> None:
    term = validator("term-translation.schema.json")
    good = yaml.load(DE_MARK, Loader=yaml.BaseLoader)
    assert [e.message for e in term.iter_errors(good)] == []
    assert [e.message for e in term.iter_errors({**good, "areas": ["x"]})] == [
        "Additional properties are not allowed ('areas' was unexpected)"]
    assert [e.message for e in term.iter_errors({k: v for k, v in good.items() if k != "source_modified"})] == [
        "'source_modified' is a required property"]
    assert [e.message for e in term.iter_errors({**good, "image": {"caption": "x", "url": "y.png"}})] == [
        "Additional properties are not allowed ('url' was unexpected)"]
    site = validator("site-translation.schema.json")
    assert [e.message for e in site.iter_errors({"site_name": "Glossar", "labels": {"home": "Startseite"}})] == []
    assert [e.message for e in site.iter_errors({"labels": {"hme": "Startseite"}})] == [
        "Additional properties are not allowed ('hme' was unexpected)"]
    area = validator("area-translation.schema.json")
    assert list(area.schema["properties"]) == ["title", "description", "intro", "faq", "image", "source_modified",
                                               "modified"]


def test_the_lint_report_is_the_api_behind_the_command(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK})
    report = lint_report(site / "content", languages=("en", "de"))
    # (untranslated-labels comes and goes with the label files termsite ships for German)
    assert [p.code for p in report.problems if p.code not in ("orphan-term", "untranslated-labels")] == []
    assert report.coverage is not None
    assert [(r.language, r.kind, r.translated, r.outdated, r.missing) for r in report.coverage.rows] == [
        ("de", "terms", 1, 0, 1), ("de", "areas", 0, 0, 1)]
    assert textwrap.dedent(report.coverage.table()).splitlines()[2].split() == [
        "language", "entries", "translated", "outdated", "missing", "total"]


def test_diff_lists_the_translation_changes_of_each_language(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK,
                                "i18n/de/terms/index-price.yml": "title: Indexpreis\nsummary: Ein Mittel.\n"
                                                                 "source_modified: 2025-01-01T00:00:00+00:00\n"})
    git(site, "init", "-q")
    commit_all(site, "2026-03-01T10:00:00+00:00")
    base = site / "content/i18n"
    (base / "de/terms/mark-price.yml").write_text(DE_MARK.replace("Er kommt vom Index.", "Er folgt dem Index."),
                                                  encoding="utf-8")
    (base / "de/terms/index-price.yml").unlink()
    (base / "es/areas").mkdir(parents=True)
    (base / "es/areas/liquidation.yml").write_text("title: Liquidación\ndescription: Cómo se cierran.\n"
                                                   "source_modified: 2025-01-01T00:00:00+00:00\n", encoding="utf-8")
    (base / "es/site.yml").write_text("site_name: Glosario\n", encoding="utf-8")
    commit_all(site, "2026-03-02T10:00:00+00:00")
    result = termsite(["diff", "HEAD~1"], site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "## Glossary changes",
        "",
        "### Translations into de",
        "",
        "1 changed, 1 removed.",
        "",
        "- **Markpreis** (term `mark-price`): changed: `body`",
        "- **Indexpreis** (term `index-price`): removed",
        "",
        "### Translations into es",
        "",
        "2 added.",
        "",
        "- **Liquidación** (area `liquidation`): added",
        "- `site.yml` (site name, description, labels): added",
    ]


def test_rename_takes_the_translations_along(tmp_path: Path) -> None:
    german_index = "title: Indexpreis\nsummary: Ein Mittel; siehe [[mark-price|den Markpreis]].\n" \
                   "source_modified: 2025-01-01T00:00:00+00:00\n"
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK,
                                "i18n/de/terms/index-price.yml": german_index.replace("summary: Ein Mittel; siehe "
                                                                                      "[[mark-price|den Markpreis]].",
                                                                                      "summary: Ein Mittel.")
                                + "body: Siehe [[mark-price|den Markpreis]].\n"})
    result = termsite(["rename", "mark-price", "fair-price"], site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        "rename content/terms/mark-price.yml -> content/terms/fair-price.yml",
        "rename content/i18n/de/terms/mark-price.yml -> content/i18n/de/terms/fair-price.yml",
        "update 1 reference(s) in content/i18n/de/terms/index-price.yml",
        "record 'mark-price: fair-price' in content/redirects.yml: the old address redirects to the new page"]
    assert not (site / "content/i18n/de/terms/mark-price.yml").exists()
    assert yaml.safe_load((site / "content/i18n/de/terms/fair-price.yml").read_text(encoding="utf-8"))["title"] == \
        "Markpreis"
    assert "Siehe [[fair-price|den Markpreis]]." in \
        (site / "content/i18n/de/terms/index-price.yml").read_text(encoding="utf-8")
    assert lint_lines(site)[-1].startswith("termsite lint: 0 error(s)")


def test_lint_of_one_translation_reports_only_its_problems(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"i18n/de/terms/mark-price.yml": DE_MARK.replace("summary:", "sumary:"),
                                "i18n/de/terms/index-price.yml": "title: Indexpreis\nsource_modified: x\n"})
    result = termsite(["lint", "content/i18n/de/terms/mark-price.yml"], site)
    assert result.returncode == 1
    assert [line.split(" ")[0] for line in result.stdout.splitlines()[:-1]] == [
        "content/i18n/de/terms/mark-price.yml:1:1:", "content/i18n/de/terms/mark-price.yml:2:1:"]
