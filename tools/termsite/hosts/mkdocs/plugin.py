"""Event wiring of the ``termsite`` MkDocs plugin: a thin host over :class:`~termsite.site.build.SiteBuild`.

Content is loaded and checked in ``on_config``, before MkDocs touches ``site_dir``, so a
mistake in the YAML or in a page's front matter stops the build with every problem
listed and the previous site in place. Generated pages are added in ``on_files`` and
rendered when they are written; hand-written pages are linked while MkDocs renders them
(a Python-Markdown extension on their element tree) and get their structured data and
FAQ in ``on_page_content``; the theme override puts every page's JSON-LD and sharing
metadata in the head. A ``mkdocs build`` writes into a staging folder that replaces
``site_dir`` only when the whole build succeeded.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from termsite.content.articles import git_dates, load_articles, markdown_sources
from termsite.content.loader import ParseCache, check_content
from termsite.graph.fragments import FragmentCache
from termsite.graph.treelinks import PageLinks, TermLinkExtension
from termsite.hosts.mkdocs import frames, parallel
from termsite.hosts.mkdocs.config import TermsiteConfig, publisher_logo_problems, site_settings
from termsite.hosts.mkdocs.frames import FrameRenderer
from termsite.hosts.mkdocs.parallel import ForkedRenderer
from termsite.hosts.mkdocs.versions import BuildEnvironment, GeneratedPageFile, GeneratedPageObject
from termsite.problems import ContentError, Problem
from termsite.settings import SiteSettings
from termsite.site import errorpage
from termsite.site.build import CACHE_DIR, CARD_CACHE, SiteBuild, search_index_path, set_html_lang
from termsite.site.cards import site_card_problems
from termsite.site.incremental import SiteSnapshot
from termsite.site.pages import GeneratedPage
from termsite.site.render import PageRenderer

log = logging.getLogger("mkdocs.plugins.termsite")

# Generated pages that readers reach through the nav; the rest are reached through them.
_NAV_KINDS = {"home", "area-index", "term-index"}
# Below this many generated pages a second process costs more than it saves.
PARALLEL_FROM_PAGES = 300
# Pages rendered by the forked process, out of every 20: it writes the exports too, which take
# about as long as two of the twenty shares now that they are streamed.
CHILD_SHARE_OF_20 = 9
# What the head partial always writes: a page without it uses a main.html of the site's own.
_HEAD_MARK = "assets/termsite/termsite.css"
# mkdocs-material's site-wide hreflang links from extra.alternate (base.html), the same on every page
_THEME_ALTERNATES = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


class TermsitePlugin(BasePlugin[TermsiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = ""
        self.dirty = False
        self.build: SiteBuild | None = None  # this build's pages; the previous one's during on_config
        self.generated: set[str] = set()  # source names of the generated pages added to this build
        self.renderer: PageRenderer | None = None
        self.content_dir: Path | None = None
        self.final_site_dir = ""
        self.staging_dir = ""
        self.build_ok = False
        self.nav: Navigation | None = None
        self.env: Any = None
        self.forked: ForkedRenderer | None = None
        self.exports_written_by_child = False
        self.parse_cache = ParseCache()
        self.fragments: FragmentCache | None = None
        self.environment = BuildEnvironment()
        self.environment_changed = True
        self.links = TermLinkExtension()
        self.files: Files | None = None
        # A preview keeps the search entries of hand-written pages it did not render again.
        self.search_entries: dict[str, list[dict[str, Any]]] = {}
        self._search_mark = 0
        self.problems: list[Problem] = []  # content errors shown in the browser by `mkdocs serve`
        self.previous: SiteSnapshot | None = None  # the last good build's pages, for dirty rebuilds
        self._context: Any = None
        self.frames: FrameRenderer | None = None
        self.previous_build: SiteBuild | None = None
        self.own_alternate = False  # whether extra.alternate (the theme's language switcher) is termsite's

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    # Loading and checking, before anything is written
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = base_dir / self.config.content_dir
        docs_dir = Path(config.docs_dir)
        settings = self._site_settings(config, docs_dir)
        started = time.perf_counter()
        glossary, problems = check_content(self.content_dir, default_author=self.config.default_author,
                                           cache=self.parse_cache, files_dir=docs_dir,
                                           languages=settings.languages)
        problems += self._check_publisher_logo(settings, docs_dir, base_dir)
        articles = {}
        if glossary is not None:
            sources = markdown_sources(docs_dir, excluded=self._excluded(config, docs_dir))
            articles, found = load_articles(docs_dir, sources, glossary)
            problems += found
            problems += site_card_problems(glossary, articles, settings, docs_dir, base_dir / "mkdocs.yml")
        errors = [p for p in problems if p.is_error]
        for warning in (p for p in problems if not p.is_error):
            log.info(warning.format())
        if glossary is None or errors:
            if self.command == "serve":
                return self._show_problems_in_browser(config, problems)
            raise PluginError(ContentError(problems).report())
        self.problems = []
        templates_dir = self._templates_dir(base_dir)
        if self.renderer is None or self.renderer.templates_dir != templates_dir:
            # Kept across serve rebuilds: Jinja2 recompiles a template only when its file changes.
            self.renderer = PageRenderer(templates_dir)
        self._add_theme_overrides(config)
        config.markdown_extensions.append(self.links)  # type: ignore[arg-type]  # an Extension instance
        loaded = time.perf_counter()
        # The plugin object lives on across `mkdocs serve` rebuilds: unchanged files and
        # unchanged link inputs are not processed again.
        self.previous = self.build.snapshot if self.build is not None else None
        self.previous_build = self.build
        self.fragments = FragmentCache.kept(self.fragments, base_dir / CACHE_DIR)
        self.build = SiteBuild.create(glossary, settings, self.renderer, articles=articles,
                                      history=git_dates(docs_dir), previous=self.build, files_dir=docs_dir,
                                      cache_dir=base_dir / CARD_CACHE,
                                      fragments=self.fragments)
        log.debug(f"termsite: {len(glossary.terms)} terms loaded in {loaded - started:.2f} s, linked and laid out "
                  f"in {time.perf_counter() - loaded:.2f} s")
        self._set_language_switcher(config)
        self._stage_site_dir(config)
        return config

    def _set_language_switcher(self, config: MkDocsConfig) -> None:
        """mkdocs-material shows its language switcher when ``extra.alternate`` is set: a site in several
        languages gets one, each page's links going to its own versions (partials/alternate.html), unless the
        site sets its own."""
        assert self.build is not None
        versions = self.build.versions
        if versions is None or (config.extra.get("alternate") and not self.own_alternate):
            return
        self.own_alternate = True
        config.extra["alternate"] = [{"name": name, "link": path or "./", "lang": language}
                                     for language, name, path in versions.switcher("home")]

    def _templates_dir(self, base_dir: Path) -> Path:
        if self.config.templates_dir:
            return base_dir / self.config.templates_dir
        return Path(str(package_files("termsite.templates")))

    @staticmethod
    def _add_theme_overrides(config: MkDocsConfig) -> None:
        """Put termsite's head partial and stylesheet in the theme, unless the site's custom_dir already has them.

        Ours goes after the site's own custom_dir, so that a site can override any of it.
        """
        overrides = os.path.realpath(str(package_files("termsite.site_overrides")))
        dirs = config.theme.dirs
        if any(os.path.realpath(d) == overrides for d in dirs):
            return
        custom = config.theme.custom_dir
        position = 1 if custom and os.path.realpath(dirs[0]) == os.path.realpath(custom) else 0
        dirs.insert(position, overrides)

    @staticmethod
    def _excluded(config: MkDocsConfig, docs_dir: Path) -> set[str]:
        """Markdown files MkDocs leaves out of the site (``exclude_docs``, ``templates/``)."""
        spec = config.exclude_docs
        excluded = set()
        for source in markdown_sources(docs_dir):
            if source.startswith("templates/") or (spec is not None and spec.match_file(source)):
                excluded.add(source)
        return excluded

    def _site_settings(self, config: MkDocsConfig, docs_dir: Path) -> SiteSettings:
        if not config.site_url:
            raise PluginError("termsite needs 'site_url' in mkdocs.yml: JSON-LD and canonical links use absolute URLs.")
        return site_settings(self.config, site_url=config.site_url, site_name=config.site_name,
                             directory_urls=config.use_directory_urls, docs_dir=docs_dir)

    @staticmethod
    def _check_publisher_logo(settings: SiteSettings, docs_dir: Path, base_dir: Path) -> list[Problem]:
        return publisher_logo_problems(settings, docs_dir, base_dir / "mkdocs.yml")

    def _show_problems_in_browser(self, config: MkDocsConfig, problems: list[Problem]) -> MkDocsConfig:
        """`mkdocs serve` with a content mistake: every page shows the problems until the next good save."""
        self.problems = sorted(problems)
        for problem in self.problems:
            log.error(problem.format())
        log.error(f"termsite: {sum(p.is_error for p in self.problems)} error(s) in the content; the pages show "
                  "them until they are fixed.")
        self._add_theme_overrides(config)
        return config

    def _stage_site_dir(self, config: MkDocsConfig) -> None:
        """Build into a sibling folder, so that a failed build leaves the published site as it was."""
        if self.command != "build":
            return
        self.final_site_dir = config.site_dir
        parent, name = os.path.split(os.path.abspath(config.site_dir))
        self.staging_dir = os.path.join(parent, f".{name}.termsite-staging")
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        config.site_dir = self.staging_dir

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.content_dir is not None:
            server.watch(str(self.content_dir))
        if self.config.templates_dir:
            server.watch(str(Path(config.config_file_path).parent / self.config.templates_dir))
        return server

    # Files and pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.generated = set()
        self.files = files
        if self.build is None:  # a preview whose first build has content errors
            return files
        assert self.renderer is not None
        if self.problems:
            # Every page shows the problems now, and is rendered again once they are fixed.
            self.environment_changed = True
        elif self.dirty:
            self.environment_changed = self.environment.changed(config, self.renderer.templates_dir) or \
                self.environment_changed
        previous = self.previous
        for source_name, page in self.build.pages.items():
            if files.get_file_from_path(source_name) is not None:
                log.info(f"termsite: {source_name} exists in docs_dir; it replaces the generated {page.kind} page.")
                continue
            in_nav = page.kind in _NAV_KINDS and page.part == 1
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            file = GeneratedPageFile.generated(config, source_name, content="", inclusion=inclusion)
            if not in_nav:  # (a page in the nav gets its title from the nav, so MkDocs makes that one)
                GeneratedPageObject(None, file, config)
            files.append(file)
            self.generated.add(source_name)
            if self.dirty:
                file.changed = self.environment_changed or not self.build.reused(source_name, self.previous_build)
        if self.problems:
            for file in files.documentation_pages():
                file.is_modified = lambda: True  # type: ignore[method-assign]
            return files
        hand_written = [f.src_uri for f in files.documentation_pages() if f.src_uri not in self.generated]
        gone = self.build.articles.keep_only(hand_written)
        if self.dirty:
            self._mark_changed_terms(gone)
            self._rebuild_hand_written_pages(files)
        return files

    def _rebuild_hand_written_pages(self, files: Files) -> None:
        """In a dirty rebuild, a hand-written page is rendered again when it changed, or when what
        its links are made from did: a name it mentions (a renamed term, a new alias) or the
        title or summary of a term it links (the link's text and tooltip)."""
        assert self.build is not None
        graph = self.build.snapshot.graph
        shown = graph.changed_summaries | graph.changed_titles
        for file in files.documentation_pages():
            if file.src_uri in self.generated:
                continue
            stale = self.environment_changed or self.previous is None or bool(
                shown.intersection(self.build.articles.terms_of(file.src_uri)))
            if not stale and graph.changed_names is not None and file.abs_src_path:
                try:
                    stale = graph.changed_names.found_in(Path(file.abs_src_path).read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    stale = True
            if stale or file.src_uri not in self.search_entries:
                file.is_modified = lambda: True  # type: ignore[method-assign]

    def _mark_changed_terms(self, slugs: set[str]) -> None:
        """The term pages whose "Mentioned in" list changed are rendered again in a dirty rebuild."""
        if not self.dirty or not slugs or self.files is None or self.build is None:
            return
        urls = self.build.settings.urls
        for slug in slugs:
            file = self.files.get_file_from_path(urls.source_name(urls.term(slug)))
            if isinstance(file, GeneratedPageFile):
                file.changed = True

    def _generated(self, page: Page) -> GeneratedPage | None:
        if self.build is None or page.file.src_uri not in self.generated:
            return None
        return self.build.pages.get(page.file.src_uri)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.links.linker = None
        self.links.result = None
        if self.problems or self.build is None:
            return markdown
        generated = self._generated(page)
        if generated is None:
            # A hand-written page: linked on its element tree while MkDocs renders it (graph.treelinks).
            self.links.linker = self.build.tree_linker(page.file.src_uri, page.url)
            return markdown
        head = self.build.head(generated)
        # The theme inserts these unescaped, so they are stored HTML-escaped.
        page.meta["title"] = html.escape(head.title)
        page.meta["description"] = html.escape(head.description)
        # Search gets compact documents from the model instead of the page's full text (see on_env).
        page.meta["search"] = {"exclude": True}
        page.meta["termsite"] = {**head.as_meta(), "jsonld": []}  # serialized when the page is written
        return markdown

    def on_page_content(self, html_content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.problems or self.build is None:
            return html_content
        if self._generated(page) is not None:
            # The HTML is made when the page is written (on_page_context): MkDocs reads every page
            # before writing any, and holding 10,000 pages' HTML and JSON-LD at once costs memory,
            # while making it at write time also spreads the work over the forked renderer.
            return ""
        links = self.links.result or PageLinks()
        self.links.linker = None
        self.links.result = None
        article = self.build.article_page(page.file.src_uri, page.url, page.title or "", links,
                                          section=_section_of(page), is_home=page.is_homepage)
        changed_terms, listing_changed = self.build.record(article)
        self._mark_changed_terms(changed_terms)
        if listing_changed and self.dirty and self.files is not None:
            home = self.files.get_file_from_path(self.build.settings.urls.source_name(self.build.settings.urls.home()))
            if isinstance(home, GeneratedPageFile):
                home.changed = True
        head = self.build.article_head(article)
        page.meta["termsite"] = head.as_meta()
        if not page.meta.get("description") and head.description:
            page.meta["description"] = html.escape(head.description)
        if article.author is not None and article.article is not None and article.article.author:
            # The theme writes front matter `author` into <meta name="author">: the name, not the key.
            page.meta["author"] = html.escape(article.author.name)
        faq = self.build.faq_html(article)
        if faq and page.toc is not None:
            entry = _anchor(2, "faq", "Frequently asked questions",
                            [_anchor(3, f"faq-{i}", faq_entry.question) for i, faq_entry in enumerate(article.faq, 1)])
            # Under the page's title when the page has one: the theme shows the title's children.
            items = page.toc.items
            (items[0].children if len(items) == 1 and items[0].level == 1 else items).append(entry)
        return html_content + ("\n" + faq if faq else "")

    @event_priority(-100)  # last: the content is complete when the theme's template reads it
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        if self.problems:
            return context
        self._context = context  # for a site whose own main.html leaves out termsite's head (on_post_page)
        self._note_search_entries(config, page)
        generated = self._generated(page)
        if generated is None or self.build is None or page.meta.get("template") == parallel.SKIP_TEMPLATE:
            return context  # not ours, or written by the forked renderer
        page.content = self.build.html(generated)
        page.toc = get_toc([{"level": e.level, "id": e.id, "name": html.escape(e.title), "children": []}
                            for e in generated.toc()])
        page.meta["termsite"]["jsonld"] = self.build.head(generated).jsonld
        if self.frames is not None and self.env is not None:
            output = self.frames.output(self.env, context, page, generated.kind, generated.part)
            if output is not None:
                context["termsite_frame_output"] = Markup(output)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.problems:
            return errorpage.render(self.problems, config.site_name)
        if self.frames is not None and self._generated(page) is not None:
            self.frames.learn(page, output)
        if _HEAD_MARK not in output and self.env is not None and self._context is not None and "</head>" in output:
            # The site's own main.html does not include termsite's head partial: add it here.
            head = self.env.get_template("partials/termsite-head.html").render(self._context)
            index = output.index("</head>")
            output = output[:index] + head + "\n" + output[index:]
        if self._generated(page) is not None:
            page.content = ""
            page.meta["termsite"]["jsonld"] = []
        self._context = None
        return self._localized(output, page)

    def _localized(self, output: str, page: Page) -> str:
        """The page in its language: ``<html lang>`` its own, and without the theme's site-wide hreflang links
        when the switcher's entries are termsite's (each page lists its own versions in its head instead)."""
        if self.own_alternate:
            output = _THEME_ALTERNATES.sub("", output)
        meta = page.meta.get("termsite") if page.meta else None
        return set_html_lang(output, meta["language"]) if meta and meta.get("language") else output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The theme's own pages (404.html) are in no language's version set either.
        return _THEME_ALTERNATES.sub("", output_content) if self.own_alternate else output_content

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        if self.problems or self.build is None:
            return env
        self._add_search_documents(config)
        search = _search_plugin(config)
        self._search_mark = len(getattr(getattr(search, "search_index", None), "entries", None) or [])
        if self.dirty and hasattr(search, "search_index_prev"):
            # mkdocs-material merges a dirty rebuild's index with the previous one assuming one
            # page changed; ours is made complete every time, so the merge is turned off.
            search.search_index_prev = None
        self.frames = None
        if self.config.frames:
            # Before the fork: both processes write their generated pages through frames.
            env.loader = frames.loader(env.loader)
            self.frames = FrameRenderer()
            for source in self.generated:
                file = files.get_file_from_path(source)
                if file is not None and file.page is not None:
                    file.page.meta["template"] = frames.FRAME_TEMPLATE
        if self._renders_in_parallel():
            # The child also writes the exports, so it takes a little less than half of the pages.
            share = [files.get_file_from_path(source).page for index, source in enumerate(sorted(self.generated))
                     if index % 20 < CHILD_SHARE_OF_20]
            self.forked = ForkedRenderer()
            self.exports_written_by_child = True
            env = self.forked.start([page for page in share if page is not None], config, files, self.nav, env,
                                    then=lambda: self._write_exports(config))
        return env

    def _renders_in_parallel(self) -> bool:
        if self.command != "build" or not parallel.available() or self.nav is None:
            return False
        setting = self.config.parallel
        return setting is True or (setting == "auto" and len(self.generated) >= PARALLEL_FROM_PAGES
                                   and (os.cpu_count() or 1) > 1)

    def _add_search_documents(self, config: MkDocsConfig) -> None:
        """Give mkdocs-material's search the compact documents of every generated page."""
        entries = getattr(getattr(_search_plugin(config), "search_index", None), "entries", None)
        if entries is not None and self.build is not None:
            entries.extend(self.build.search_documents())

    def _split_search_index(self, config: MkDocsConfig) -> None:
        """Each translated language's pages go to its own index (de/search/search_index.json), which its pages'
        search loads; the site's index keeps the source language's."""
        if self.build is None or not self.build.sections:
            return
        index = getattr(_search_plugin(config), "search_index", None)
        entries = getattr(index, "entries", None)
        if entries is None:
            return
        split = self.build.search_documents_by_language(list(entries))
        entries[:] = split.pop("")
        options = _search_plugin(config).config
        settings = {key: options[key] for key in ("lang", "separator", "pipeline", "fields") if key in options}
        for language, documents in split.items():
            # (with the site's search settings: the theme's worker loads a language's stemmer only when the
            # site's own search names it, in search: lang)
            target = Path(config.site_dir) / search_index_path(language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps({"config": settings, "docs": documents}, ensure_ascii=False,
                                         separators=(",", ":")), encoding="utf-8")

    def _note_search_entries(self, config: MkDocsConfig, page: Page) -> None:
        """Remember a hand-written page's search entries (the search plugin has just added them), for
        the dirty rebuilds that do not render it again."""
        entries = getattr(getattr(_search_plugin(config), "search_index", None), "entries", None)
        if entries is None:
            return
        if self._generated(page) is None:
            self.search_entries[page.file.src_uri] = entries[self._search_mark:]
        self._search_mark = len(entries)

    def _write_exports(self, config: MkDocsConfig) -> None:
        """glossary.jsonld, .ttl, .csv, .json, llms.txt and one JSON per term (see termsite.site.export)."""
        if self.build is not None:
            self.build.write_exports(config.site_dir, config.site_description or "")

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.problems:
            self.build_ok = False
            return
        self._keep_search_entries_of_pages_not_rendered(config)
        self._split_search_index(config)
        if self.frames is not None:
            log.debug(f"termsite: {self.frames.filled} generated pages written from frames, "
                      f"{self.frames.rendered} rendered by the theme to learn them")
        # Not in a dirty preview, which is about seeing one edit quickly.
        if not self.dirty and not self.exports_written_by_child:
            self._write_exports(config)
        self.exports_written_by_child = False
        if self.build is not None:
            # Beside the forked renderer's last pages, in the build's worker processes when there are many.
            started = time.perf_counter()
            report = self.build.write_cards(config.site_dir, same_folder=self.dirty and self.command == "serve")
            log.debug(f"termsite: cards: {report.drawn} drawn, {report.reused} from the cache, {report.unchanged} "
                      f"unchanged, {report.pruned} pruned, in {time.perf_counter() - started:.2f} s")
        if self.forked is not None:
            forked, self.forked = self.forked, None
            waited = time.perf_counter()
            forked.finish()
            log.debug(f"termsite: waited {time.perf_counter() - waited:.2f} s for the forked renderer")
        # Written after MkDocs' pages, so that they stay out of the sitemap and the search index.
        if self.build is not None:
            for skipped in self.build.write_redirects(config.site_dir):
                log.warning(f"termsite: {skipped.file_name} is a page of the site; no redirect to "
                            f"{skipped.target_path} was written there.")
        self.environment_changed = False
        self.build_ok = True

    def _keep_search_entries_of_pages_not_rendered(self, config: MkDocsConfig) -> None:
        if not self.dirty or self.files is None:
            return
        entries = getattr(getattr(_search_plugin(config), "search_index", None), "entries", None)
        if entries is None:
            return
        present = {entry.get("location", "").split("#", 1)[0] for entry in entries}
        for file in self.files.documentation_pages():
            if file.src_uri in self.generated or file.page is None:
                continue
            kept = self.search_entries.get(file.src_uri, [])
            if kept and file.page.url not in present:
                entries.extend(kept)

    def on_build_error(self, *, error: Exception) -> None:
        self.build_ok = False
        self.exports_written_by_child = False
        if self.forked is not None:
            forked, self.forked = self.forked, None
            try:
                forked.finish()
            except PluginError:
                pass  # the build has already failed; its own error is the one to report

    def on_shutdown(self) -> None:
        if not self.staging_dir:
            return
        staging, final = self.staging_dir, self.final_site_dir
        self.staging_dir = ""
        if not self.build_ok or not os.path.isdir(staging):
            shutil.rmtree(staging, ignore_errors=True)
            if os.path.isdir(final):
                log.error(f"termsite: the build failed; {final} was left as it was.")
            return
        parent, name = os.path.split(final)
        previous = os.path.join(parent, f".{name}.termsite-old-{os.getpid()}")
        shutil.rmtree(previous, ignore_errors=True)
        try:
            if os.path.exists(final):
                os.rename(final, previous)
            try:
                os.rename(staging, final)
            except OSError:
                if os.path.isdir(previous) and not os.path.exists(final):
                    os.rename(previous, final)  # never leave no site at all
                raise
        except OSError as error:
            # MkDocs calls this in a `finally`: a PluginError is printed as a sentence, not a traceback
            raise PluginError(f"termsite: the new site could not replace {final} ({error.strerror or error}); "
                              f"{final} was left as it was and the new one is in {staging}.") from None
        _remove_in_background(previous)
        log.info(f"termsite: the new site replaced {final}")


def _search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def _section_of(page: Page) -> tuple[str, str] | None:
    """The page's nav section and the section's own page (its index page), for the breadcrumb."""
    section = page.parent
    if not isinstance(section, Section):
        return None
    for child in section.children:
        if isinstance(child, Page) and child.file.src_uri.rsplit("/", 1)[-1] in ("index.md", "README.md"):
            return section.title, child.url
    return None


def _anchor(level: int, id_: str, title: str, children: list[AnchorLink] | None = None) -> AnchorLink:
    link = AnchorLink(html.escape(title), id_, level)
    link.children = children or []
    return link


def _remove_in_background(folder: str) -> None:
    """Delete the replaced site without making the build wait for it.

    Deleting the tens of thousands of files of a large site's previous build took longer
    than a third of the build on some disks (56 s for 10,000 terms); the new site is already
    in place, so a detached process removes the old one.
    """
    if not os.path.isdir(folder):
        return
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          folder], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
