"""``termsite export --format FORMAT [-o FILE]``: the glossary as open data (see :mod:`termsite.site.export`).

The build writes every format into the site; this command writes one of them anywhere,
with the URLs of the site that mkdocs.yml describes. ``--format pdf`` prints the built
site's print page with Chromium (:mod:`termsite.site.pdf`). Exit status: 0 written, 1
content errors, an unwritable file or a failed print, 2 usage (including a mkdocs.yml
without site_url, and no Chromium for a PDF).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from termsite.content.languages import project_languages
from termsite.content.loader import display_path, load_glossary
from termsite.problems import ContentError
from termsite.project import _TolerantLoader, read_project
from termsite.settings import Labels, Publisher, SiteSettings

# termsite.site.export loads rdflib; the command imports it when it runs, not for `termsite --help`.
EXPORT_FORMATS = ("jsonld", "ttl", "csv", "json", "llms", "pdf")
DEFAULT_PDF = "glossary.pdf"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write the glossary as open data (JSON-LD, SKOS Turtle, CSV, JSON or llms.txt) or as a PDF",
        description="Write the whole glossary in one open-data format, with the URLs of the site in mkdocs.yml. "
                    "`mkdocs build` writes all of them into the site as well. --format pdf prints the built "
                    "site's print page with Chromium.")
    parser.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                        help="jsonld: schema.org DefinedTermSet; ttl: SKOS in Turtle; csv: one row per term; "
                             "json: areas and terms in full; llms: an llms.txt index; "
                             "pdf: the print page of the built site, printed by Chromium")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help=f"write to FILE instead of standard output (a PDF: default {DEFAULT_PDF})")
    parser.add_argument("--site", metavar="DIR", help="the built site, for a PDF (default: site_dir of mkdocs.yml)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--content", metavar="DIR", help="the content folder (default: from mkdocs.yml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from termsite.site.export import Exporter, write_text

    config_path = Path(args.config)
    project = read_project(config_path)
    if not project.found:
        print(f"termsite export: error: cannot read {display_path(config_path)}; the export needs the site's URL "
              "and names from it (pass --config FILE).", file=sys.stderr)
        return 2
    if not project.site_url:
        print(f"termsite export: error: {display_path(config_path)} has no site_url; exports use absolute URLs.",
              file=sys.stderr)
        return 2
    languages, problems = project_languages(project)
    if problems:
        print(f"termsite export: error: {problems[0].format()}", file=sys.stderr)
        return 2
    settings, description = site_settings(config_path)
    if args.format == "pdf":
        return _export_pdf(args, config_path, settings)
    content_dir = Path(args.content) if args.content else project.content_dir
    try:
        glossary = load_glossary(content_dir, default_author=project.default_author, languages=languages.codes)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    text = Exporter(glossary, settings, description).text(args.format)
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        write_text(Path(args.output), text)
    except OSError as error:
        print(f"termsite export: error: cannot write {args.output} ({error.strerror or error}).", file=sys.stderr)
        return 1
    return 0


def _export_pdf(args: argparse.Namespace, config_path: Path, settings: SiteSettings) -> int:
    from termsite.site.pdf import PdfError, PrintJob, find_chromium, print_pdf

    chromium = find_chromium()
    if chromium is None:
        print("termsite export: error: a PDF is printed by Chromium, which is not installed (install the chromium "
              "package, or name the program in TERMSITE_CHROMIUM).", file=sys.stderr)
        return 2
    site_dir = Path(args.site) if args.site else config_path.parent / str(_read_mkdocs(config_path).get("site_dir")
                                                                            or "site")
    page = site_dir / settings.urls.source_name(settings.urls.print_page()).replace(".md", ".html")
    if not page.is_file():
        print(f"termsite export: error: {display_path(page)} does not exist; build the site first (mkdocs build), "
              "with the plugin's print_page option on.", file=sys.stderr)
        return 1
    output = Path(args.output or DEFAULT_PDF)
    try:
        print_pdf(PrintJob(chromium, page, output))
    except PdfError as error:
        print(f"termsite export: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {display_path(output)}", file=sys.stderr)
    return 0


def site_settings(config_path: Path) -> tuple[SiteSettings, str]:
    """The SiteSettings the MkDocs plugin would make from this mkdocs.yml, and its site_description."""
    data = _read_mkdocs(config_path)
    project = read_project(config_path)
    options: dict[str, Any] = project.options if isinstance(project.options, dict) else {}
    publisher = options.get("publisher") or {}
    labels = {key: str(value) for key, value in (options.get("labels") or {}).items()
              if key in Labels.__dataclass_fields__}
    settings = SiteSettings(
        site_url=project.site_url,
        site_name=project.site_name,
        publisher=Publisher(name=str(publisher.get("name") or project.site_name),
                            url=str(publisher.get("url") or project.site_url),
                            logo=str(publisher.get("logo") or "")),
        area_prefix=project.area_prefix,
        term_prefix=project.term_prefix,
        default_author=project.default_author,
        language=project.source_language,
        languages=tuple(str(code) for code in options.get("languages") or ()),
        directory_urls=bool(data.get("use_directory_urls", True)),
        labels=Labels(**labels),
    )
    return settings, str(data.get("site_description") or "")


def _read_mkdocs(config_path: Path) -> dict[str, Any]:
    # read_project keeps only what every command needs; the export also needs these two keys.
    try:
        data = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}
