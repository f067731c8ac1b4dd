"""A glossary site built by Zensical: what the MkDocs plugin does during a build, done around it.

One :class:`ZensicalSite` per command. :meth:`ZensicalSite.load` reads ``mkdocs.yml``, the
glossary and the hand-written pages' front matter exactly as the plugin's ``on_config`` does
(a mistake stops everything before a file is written); :meth:`ZensicalSite.stage` links the
hand-written pages by rendering them as Zensical will (their mentions decide the term pages'
"Mentioned in" lists and their own JSON-LD, which must be in the staging files before
Zensical runs), then writes the staging project; :meth:`ZensicalSite.build` runs Zensical and
finishes the site: termsite's search documents, the exports, the redirect pages, and the
replacement of the published folder only when everything succeeded.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any, Callable

import pathspec
import yaml

from termsite import __version__
from termsite.content.articles import FrontMatter, git_dates, load_articles, markdown_sources
from termsite.content.loader import ParseCache, check_content
from termsite.graph.treelinks import PageLinks, TreeLinker
from termsite.hosts.mkdocs.config import load_options, publisher_logo_problems, site_settings
from termsite.hosts.zensical import engine, markdown
from termsite.hosts.zensical.config import SiteConfig
from termsite.hosts.zensical.markdown import TocItem, marker
from termsite.hosts.zensical.nav import SiteNav, page_url, title_from_file_name
from termsite.problems import ContentError
from termsite.graph.fragments import FragmentCache
from termsite.site.build import CACHE_DIR, CARD_CACHE, SiteBuild, set_html_lang
from termsite.site.cards import site_card_problems
from termsite.site.pages import GeneratedPage
from termsite.site.render import PageRenderer

log = logging.getLogger("termsite.zensical")

STAGING_DIR = ".termsite-zensical"  # inside the site's folder: Zensical keeps docs_dir and site_dir under its config
# termsite's search override is mkdocs-material 9.8's search form; Zensical's search is another component.
MATERIAL_ONLY_OVERRIDES = ("partials/search.html",)
_FAQ_TITLE = "Frequently asked questions"
HEAD_PARTIAL = "partials/termsite-head.html"
SITE_MAIN = "termsite-site-main.html"
_HEAD_WRAPPER = f"""{{#- Written by termsite: the site's own main.html ({SITE_MAIN}) with termsite's head, and the
    home page titled with the site's name as mkdocs-material titles it. -#}}
{{% extends "{SITE_MAIN}" %}}
{{% block htmltitle %}}
  {{%- if page and page.is_homepage is not defined and page.url in ("", "./", ".") %}}
  <title>{{{{ config.site_name|e }}}}</title>
  {{%- else %}}
  {{{{ super() }}}}
  {{%- endif %}}
{{% endblock %}}
{{% block extrahead %}}
  {{{{ super() }}}}
  {{% include "{HEAD_PARTIAL}" %}}
{{% endblock %}}
"""


class SiteProblem(Exception):
    """The site cannot be built as configured; the message is a sentence for the user."""


@dataclass
class _HandWritten:
    """A hand-written page once linked: what its staging copy and its rendering inside Zensical need."""

    source: str
    path: str
    text: str  # the staging file
    faq_html: str = ""
    faq_toc: list[TocItem] = field(default_factory=list)


@dataclass
class StageReport:
    written: list[str] = field(default_factory=list)  # staging files (re)written, relative to docs/
    removed: list[str] = field(default_factory=list)


class ZensicalSite:
    """The site of one ``mkdocs.yml``, staged for Zensical."""

    def __init__(self, config_file: Path | str = "mkdocs.yml") -> None:
        self.config_file = Path(config_file)
        self.config: SiteConfig | None = None
        self.build_: SiteBuild | None = None
        self.renderer: PageRenderer | None = None
        self.parse_cache = ParseCache()
        self.fragments: FragmentCache | None = None
        self.pages: dict[str, _HandWritten] = {}
        self._linked: dict[str, tuple[PageLinks, str]] = {}  # source -> what rendering it found, its first h1
        self._generated_texts: dict[str, tuple[int, str]] = {}  # source -> (id of the page object, staging text)
        self._templates_seen: tuple[tuple[str, float], ...] = ()

    # Where things are
    @property
    def staging(self) -> Path:
        assert self.config is not None
        return self.config.root / STAGING_DIR

    @property
    def staging_docs(self) -> Path:
        return self.staging / "docs"

    @property
    def staging_site(self) -> Path:
        return self.staging / "site"

    @property
    def staging_config(self) -> Path:
        return self.staging / "mkdocs.yml"

    # Loading and checking, before anything is written
    def load(self) -> None:
        """Read and check everything; :class:`ContentError` or :class:`SiteProblem` when something is wrong."""
        if not self.config_file.is_file():
            raise SiteProblem(f"{self.config_file} does not exist; run the command in the site's folder or give "
                              "its configuration with -f.")
        config = SiteConfig.read(self.config_file)
        self.config = config
        raw_options = config.termsite_options()
        if raw_options is None:
            raise SiteProblem(f"{self.config_file} does not configure the termsite plugin; add `- termsite` to its "
                              "plugins (see README.md).")
        if not config.site_url:
            raise SiteProblem("termsite needs 'site_url' in mkdocs.yml: JSON-LD and canonical links use absolute URLs.")
        options, wrong = load_options(raw_options)
        if wrong:
            raise SiteProblem(f"{self.config_file}: " + "; ".join(wrong) + ".")
        docs_dir = config.docs_dir
        if not docs_dir.is_dir():
            raise SiteProblem(f"the docs_dir of {self.config_file}, {docs_dir}, does not exist.")
        settings = site_settings(options, site_url=config.site_url, site_name=config.site_name,
                                 directory_urls=config.directory_urls, docs_dir=docs_dir)
        content_dir = config.root / options.content_dir
        glossary, problems = check_content(content_dir, default_author=options.default_author,
                                           cache=self.parse_cache, files_dir=docs_dir,
                                           languages=settings.languages)
        problems += publisher_logo_problems(settings, docs_dir, config.path)
        articles = {}
        if glossary is not None:
            articles, found = load_articles(docs_dir, self.hand_written_sources(), glossary)
            problems += found
            problems += site_card_problems(glossary, articles, settings, docs_dir, config.path)
        for warning in (p for p in problems if not p.is_error):
            log.info(warning.format())
        if glossary is None or any(p.is_error for p in problems):
            raise ContentError(problems)
        templates_dir = config.root / options.templates_dir if options.templates_dir else \
            Path(str(package_files("termsite.templates")))
        if self.renderer is None or self.renderer.templates_dir != templates_dir:
            self.renderer = PageRenderer(templates_dir)
        self.content_dir = content_dir
        self.fragments = FragmentCache.kept(self.fragments, config.root / CACHE_DIR)
        self.build_ = SiteBuild.create(glossary, settings, self.renderer, articles=articles,
                                       history=git_dates(docs_dir), previous=self.build_, files_dir=docs_dir,
                                       cache_dir=config.root / CARD_CACHE,
                                       fragments=self.fragments)

    def hand_written_sources(self) -> list[str]:
        assert self.config is not None
        docs_dir = self.config.docs_dir
        excluded = {source for source in markdown_sources(docs_dir) if source.startswith("templates/")}
        if self.config.exclude_docs:
            spec = pathspec.GitIgnoreSpec.from_lines(self.config.exclude_docs.splitlines())
            excluded |= {source for source in markdown_sources(docs_dir) if spec.match_file(source)}
        return markdown_sources(docs_dir, excluded=excluded)

    # The staging project
    def stage(self) -> StageReport:
        """Link the hand-written pages and write the staging project; only files whose text changed are written."""
        assert self.config is not None and self.build_ is not None
        report = StageReport()
        self.staging.mkdir(exist_ok=True)
        _write_if_changed(self.staging / ".gitignore", "*\n")
        self._stage_overrides()
        _write_if_changed(self.staging_config, self.config.for_zensical(
            docs_dir="docs", site_dir="site", custom_dir="overrides"))
        self.staging_docs.mkdir(exist_ok=True)
        wanted: dict[str, str] = {}  # staging file -> its text
        copies: dict[str, Path] = {}  # staging file -> the site's file it is a copy of
        sources = self.hand_written_sources()
        self._link_hand_written_pages(sources)
        for source, page in self.pages.items():
            wanted[source] = page.text
        docs_dir = self.config.docs_dir
        for path in sorted(docs_dir.rglob("*")):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in wanted and not any(p.startswith(".") for p in relative.split("/")):
                copies[relative] = path
        changed_environment = self._templates_changed()
        for source, page in self.build_.pages.items():
            if source in wanted or source in copies:
                log.info(f"termsite: {source} exists in docs_dir; it replaces the generated {page.kind} page.")
                continue
            wanted[source] = self._generated_text(source, page, changed_environment)
        for relative, text in wanted.items():
            if _write_if_changed(self.staging_docs / relative, text):
                report.written.append(relative)
        for relative, path in copies.items():
            if _copy_if_changed(path, self.staging_docs / relative):
                report.written.append(relative)
        keep = set(wanted) | set(copies)
        if self.staging_docs.is_dir():
            for path in sorted(self.staging_docs.rglob("*"), reverse=True):
                relative = path.relative_to(self.staging_docs).as_posix()
                if path.is_file() and relative not in keep:
                    path.unlink()
                    report.removed.append(relative)
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        return report

    def _stage_overrides(self) -> None:
        """termsite's theme overrides with the site's own custom_dir over them, as MkDocs layers them."""
        assert self.config is not None
        target = self.staging / "overrides"
        ours = Path(str(package_files("termsite.site_overrides")))
        layers = [ours]
        custom = self.config.custom_dir
        if custom is not None and custom.resolve() != ours.resolve():
            if not custom.is_dir():
                raise SiteProblem(f"the theme's custom_dir, {custom}, does not exist.")
            layers.append(custom)
        files: dict[str, Path] = {}
        for layer in layers:
            for path in sorted(layer.rglob("*")):
                relative = path.relative_to(layer).as_posix()
                if path.is_file() and "__pycache__" not in relative and not relative.endswith(".py"):
                    files[relative] = path
        for relative in MATERIAL_ONLY_OVERRIDES:
            if relative in files and files[relative].read_bytes() == (ours / relative).read_bytes():
                del files[relative]
        texts: dict[str, str] = {}
        main = files.get("main.html")
        if main is not None and HEAD_PARTIAL not in main.read_text(encoding="utf-8"):
            # The site's own main.html leaves out termsite's head; MkDocs' plugin adds it to each page
            # after rendering, which Zensical has no hook for. The site's template is kept under another
            # name, and a main.html extending it adds the partial to its extrahead block.
            files[SITE_MAIN] = files.pop("main.html")
            texts["main.html"] = _HEAD_WRAPPER
        for relative, path in files.items():
            _copy_if_changed(path, target / relative)
        for relative, text in texts.items():
            _write_if_changed(target / relative, text)
            files[relative] = target / relative
        if target.is_dir():
            for path in sorted(target.rglob("*"), reverse=True):
                if path.is_file() and path.relative_to(target).as_posix() not in files:
                    path.unlink()

    def _templates_changed(self) -> bool:
        """Whether a template of the generated pages changed since the last staging (every page then changes)."""
        assert self.renderer is not None
        folder = Path(self.renderer.templates_dir)
        seen = tuple(sorted((str(p), p.stat().st_mtime) for p in folder.rglob("*.html"))) if folder.is_dir() else ()
        changed, self._templates_seen = seen != self._templates_seen, seen
        return changed

    def _link_hand_written_pages(self, sources: list[str]) -> None:
        """Render every hand-written page as Zensical will, and note what it links (see module docstring)."""
        assert self.config is not None and self.build_ is not None
        build, config = self.build_, self.config
        build.articles.keep_only(sources)
        nav = SiteNav.read(config.nav, sources, config.directory_urls)
        # The staging configuration (Markdown extensions and their options) is the one the build uses.
        renderer = engine.MarkdownRenderer(self.staging_config)
        self.pages = {}
        previous_active, markdown.ACTIVE = markdown.ACTIVE, self
        try:
            for source in sources:
                text = (config.docs_dir / source).read_text(encoding="utf-8-sig")
                front = FrontMatter.split(text)
                meta = _front_matter(front.yaml)
                body = text[front.body_offset:]
                path = page_url(source, config.directory_urls)
                head_marker = marker({"page": source, "path": path})
                self._linked.pop(source, None)
                rendered = renderer.render(head_marker + "\n" + body, source, path, meta)
                links, heading = self._linked.get(source, (PageLinks(), ""))
                title = nav.title(source) or (str(meta["title"]) if meta.get("title") else "") or heading or \
                    title_from_file_name(source)
                article = build.article_page(source, path, title, links, section=nav.section(source),
                                             is_home=source in ("index.md", "README.md"), links_from=source)
                build.record(article)
                head = build.article_head(article)
                meta["termsite"] = head.as_meta()
                if not meta.get("description") and head.description:
                    meta["description"] = html.escape(head.description)
                if article.author is not None and article.article is not None and article.article.author:
                    meta["author"] = html.escape(article.author.name)
                faq_html = build.faq_html(article)
                faq_toc: list[TocItem] = []
                if faq_html:
                    faq_toc = [(2, "faq", _FAQ_TITLE)] + [(3, f"faq-{i}", entry.question)
                                                         for i, entry in enumerate(article.faq, 1)]
                digest = _digest(rendered.content, faq_html, json.dumps(faq_toc))
                staged = _with_front_matter(meta, marker({"page": source, "path": path, "digest": digest}) + "\n" + body)
                self.pages[source] = _HandWritten(source, path, staged, faq_html, faq_toc)
        finally:
            markdown.ACTIVE = previous_active

    def _generated_text(self, source: str, page: GeneratedPage, changed_environment: bool) -> str:
        """A generated page as a staging Markdown file: its head in front matter, its HTML after the marker."""
        assert self.build_ is not None
        build = self.build_
        known = self._generated_texts.get(source)
        # Unchanged pages keep their text in a preview; term pages and the home list hand-written pages, which
        # may have changed in any rebuild, so they are made again (they are few next to what an edit touches).
        if known is not None and known[0] == id(page) and not changed_environment and page.kind not in ("term", "home"):
            return known[1]
        head = build.head(page)
        content = build.html(page)
        toc = [[entry.level, entry.id, entry.title] for entry in build.toc(page)]
        meta = {"title": html.escape(head.title), "description": html.escape(head.description),
                "search": {"exclude": True}, "termsite": head.as_meta()}
        digest = _digest(content, json.dumps(meta, sort_keys=True))
        text = _with_front_matter(meta, marker({"generated": source, "toc": toc, "digest": digest}) + "\n" + content)
        self._generated_texts[source] = (id(page), text)
        return text

    # What Zensical's rendering asks (markdown.StagedPages)
    def linker(self, source: str, path: str) -> Callable[[Callable[[int], str]], TreeLinker] | None:
        """Links relative to the page's source file, not its address: Zensical rewrites a page's relative
        links from its file's folder to its address, as it does for Markdown links."""
        if self.build_ is None:
            return None
        return self.build_.tree_linker(source, source)

    def faq(self, source: str) -> tuple[str, list[TocItem]]:
        page = self.pages.get(source)
        return (page.faq_html, page.faq_toc) if page else ("", [])

    def rendered(self, source: str, links: PageLinks, heading: str) -> None:
        self._linked[source] = (links, heading)

    # Building
    def build(self, site_dir: Path | None = None, *, strict: bool = False) -> Path:
        """Stage, run Zensical, finish the site and publish it in ``site_dir`` (mkdocs.yml's site_dir by default)."""
        assert self.config is not None
        final = Path(site_dir) if site_dir is not None else self.config.site_dir
        self.stage()
        shutil.rmtree(self.staging_site, ignore_errors=True)
        previous_active, markdown.ACTIVE = markdown.ACTIVE, self
        try:
            engine.build(self.staging_config, strict=strict)
        finally:
            markdown.ACTIVE = previous_active
        if not (self.staging_site / "index.html").is_file():
            raise engine.ZensicalFailed(f"Zensical wrote no home page into {self.staging_site}; see its messages above.")
        self.finish(self.staging_site)
        _replace_folder(self.staging_site, final)
        return final

    def finish(self, site: Path) -> None:
        """What the MkDocs plugin adds after MkDocs' pages: search documents, exports, cards, redirects."""
        assert self.build_ is not None and self.config is not None
        self._search_index(site)
        self._set_languages(site)
        self.build_.write_exports(site, self.config.site_description)
        self.build_.write_cards(site)
        for skipped in self.build_.write_redirects(site):
            log.warning(f"termsite: {skipped.file_name} is a page of the site; no redirect to "
                        f"{skipped.target_path} was written there.")

    def _set_languages(self, site: Path) -> None:
        """Each page of a translated language's section says its language in ``<html lang>``."""
        assert self.build_ is not None
        for language in self.build_.sections:
            folder = site / language
            for page in folder.rglob("*.html") if folder.is_dir() else ():
                text = page.read_text(encoding="utf-8")
                localized = set_html_lang(text, language)
                if localized != text:
                    page.write_text(localized, encoding="utf-8")

    def _search_index(self, site: Path) -> None:
        """Zensical's index with the generated pages' full text replaced by termsite's compact documents."""
        assert self.build_ is not None
        index_file = site / "search.json"
        if not index_file.is_file():
            return
        index = json.loads(index_file.read_text(encoding="utf-8"))
        generated = {page.path for page in self.build_.pages.values()}
        items = [item for item in index.get("items", []) if item.get("location", "").split("#", 1)[0] not in generated]
        for document in self.build_.search_documents():
            items.append({"location": document["location"], "level": 2 if "#" in document["location"] else 1,
                          "title": document["title"], "text": document["text"], "path": [], "tags": []})
        index["items"] = items
        index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _front_matter(text: str) -> dict[str, Any]:
    if not text.strip():
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return dict(data) if isinstance(data, dict) else {}


def _with_front_matter(meta: dict[str, Any], body: str) -> str:
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000) if meta else ""
    return f"---\n{head}---\n{body}" if head else body


def _digest(*parts: str) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()[:16]


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _copy_if_changed(source: Path, target: Path) -> bool:
    try:
        if target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return True


def _replace_folder(new: Path, final: Path) -> None:
    """Put the finished site at ``final``; the previous one stays until the new one is complete."""
    final = final.resolve() if final.exists() else final.absolute()
    final.parent.mkdir(parents=True, exist_ok=True)
    incoming = final.parent / f".{final.name}.termsite-incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    try:
        os.rename(new, incoming)
    except OSError:  # another file system: copy first, so that the swap below is a rename
        shutil.copytree(new, incoming)
        shutil.rmtree(new, ignore_errors=True)
    previous = final.parent / f".{final.name}.termsite-previous"
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        os.rename(final, previous)
    os.rename(incoming, final)
    shutil.rmtree(previous, ignore_errors=True)
