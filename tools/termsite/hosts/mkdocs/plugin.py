"""Event wiring of the ``termsite`` MkDocs plugin.

Content is loaded and checked in ``on_config``, before MkDocs touches ``site_dir``, so a
mistake in the YAML stops the build with every problem listed and the previous site in
place. Pages are added in ``on_files`` as generated files and rendered in
``on_page_content``; the theme override puts their JSON-LD and sharing metadata in the
head. A ``mkdocs build`` writes into a staging folder that replaces ``site_dir`` only
when the whole build succeeded.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from termsite.site.export import write_site_exports
from termsite.site.jsonld import serialize
from termsite.site.incremental import SiteSnapshot, build_site
from termsite.content.loader import ParseCache, load_glossary
from termsite.graph.fragments import FragmentCache
from termsite.hosts.mkdocs import parallel
from termsite.hosts.mkdocs.config import TermsiteConfig
from termsite.hosts.mkdocs.parallel import ForkedRenderer
from termsite.hosts.mkdocs.versions import BuildEnvironment, GeneratedPageFile, GeneratedPageObject
from termsite.content.model import Glossary
from termsite.site.pages import GeneratedPage
from termsite.problems import ContentError
from termsite.site.redirects import RedirectPage, redirect_pages, write_redirect_pages
from termsite.site.render import PageRenderer
from termsite.site.search import search_documents
from termsite.settings import Labels, Publisher, SiteSettings

log = logging.getLogger("mkdocs.plugins.termsite")

# Generated pages that readers reach through the nav; the rest are reached through them.
_NAV_KINDS = {"home", "area-index", "term-index"}
# Below this many generated pages a second process costs more than it saves.
PARALLEL_FROM_PAGES = 300
# Pages rendered by the forked process, out of every 20: it writes the exports too, which take
# about as long as two of the twenty shares now that they are streamed.
CHILD_SHARE_OF_20 = 9
# Rendered Markdown kept between builds (termsite.graph.fragments), beside mkdocs.yml.
CACHE_DIR = Path(".cache") / "termsite"


class TermsitePlugin(BasePlugin[TermsiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = ""
        self.pages: dict[str, GeneratedPage] = {}
        self.generated: set[str] = set()  # source names of the pages added to this build
        self.renderer: PageRenderer | None = None
        self.settings: SiteSettings | None = None
        self.content_dir: Path | None = None
        self.final_site_dir = ""
        self.staging_dir = ""
        self.build_ok = False
        self.nav: Navigation | None = None
        self.forked: ForkedRenderer | None = None
        self.exports_written_by_child = False
        self.dirty = False
        self.parse_cache = ParseCache()
        self.snapshot: SiteSnapshot | None = None
        self.previous: SiteSnapshot | None = None
        self.environment = BuildEnvironment()
        self.environment_changed = True
        self.redirects: list[RedirectPage] = []  # pages at the old URLs of renamed terms
        self.glossary: Glossary | None = None  # kept for the open-data exports written after the build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = base_dir / self.config.content_dir
        self.settings = self._site_settings(config)
        started = time.perf_counter()
        try:
            glossary = load_glossary(self.content_dir, default_author=self.config.default_author,
                                     cache=self.parse_cache)
        except ContentError as error:
            raise PluginError(error.report()) from None
        templates_dir = self._templates_dir(base_dir)
        if self.renderer is None or self.renderer.templates_dir != templates_dir:
            # Kept across serve rebuilds: Jinja2 recompiles a template only when its file changes.
            self.renderer = PageRenderer(templates_dir)
        self._add_theme_overrides(config)
        # The plugin object lives on across `mkdocs serve` rebuilds: unchanged files and
        # unchanged link inputs are not processed again.
        loaded = time.perf_counter()
        self.previous, self.snapshot = self.snapshot, build_site(glossary, self.settings, previous=self.snapshot,
                                                                 fragments=FragmentCache(base_dir / CACHE_DIR))
        log.debug(f"termsite: {len(glossary.terms)} terms loaded in {loaded - started:.2f} s, linked and laid out "
                  f"in {time.perf_counter() - loaded:.2f} s")
        self.pages = self.snapshot.pages
        self.redirects = redirect_pages(glossary, self.settings)
        self.glossary = glossary
        self._stage_site_dir(config)
        return config

    def _templates_dir(self, base_dir: Path) -> Path:
        if self.config.templates_dir:
            return base_dir / self.config.templates_dir
        return Path(str(files("termsite.templates")))

    @staticmethod
    def _add_theme_overrides(config: MkDocsConfig) -> None:
        """Put termsite's head partial in the theme, unless the site's custom_dir already has it.

        Ours goes after the site's own custom_dir, so that a site can override any of it.
        """
        overrides = os.path.realpath(str(files("termsite.site_overrides")))
        dirs = config.theme.dirs
        if any(os.path.realpath(d) == overrides for d in dirs):
            return
        custom = config.theme.custom_dir
        position = 1 if custom and os.path.realpath(dirs[0]) == os.path.realpath(custom) else 0
        dirs.insert(position, overrides)

    def _site_settings(self, config: MkDocsConfig) -> SiteSettings:
        if not config.site_url:
            raise PluginError("termsite needs 'site_url' in mkdocs.yml: JSON-LD and canonical links use absolute URLs.")
        publisher = self.config.publisher
        labels = self.config.labels
        return SiteSettings(
            site_url=config.site_url,
            site_name=config.site_name,
            publisher=Publisher(name=publisher.name or config.site_name, url=publisher.url or "",
                                logo=publisher.logo or ""),
            area_prefix=self.config.area_prefix,
            term_prefix=self.config.term_prefix,
            default_author=self.config.default_author,
            language=self.config.language,
            directory_urls=config.use_directory_urls,
            index_page_size=self.config.index_page_size,
            labels=Labels(home=labels.home, area=labels.area, term=labels.term,
                          area_index_title=labels.area_index_title, term_index_title=labels.term_index_title),
        )

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

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.generated = set()
        if self.dirty and self.renderer is not None:
            self.environment_changed = self.environment.changed(config, self.renderer.templates_dir)
        for source_name, page in self.pages.items():
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
                file.changed = self.environment_changed or not self.snapshot.reused(source_name, self.previous)
        if self.dirty:
            self._rebuild_hand_written_pages(files)
        return files

    def _rebuild_hand_written_pages(self, files: Files) -> None:
        """In a dirty rebuild, hand-written pages are always rebuilt: there are few of them, and
        it keeps the search index, which is recomputed in full, complete."""
        for file in files.documentation_pages():
            if file.src_uri not in self.generated:
                file.is_modified = lambda: True  # type: ignore[method-assign]

    def _page(self, page: Page) -> GeneratedPage | None:
        return self.pages.get(page.file.src_uri) if page.file.src_uri in self.generated else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._page(page)
        if generated is None:
            return markdown
        # The theme inserts these unescaped, so they are stored HTML-escaped.
        page.meta["title"] = html.escape(generated.title)
        page.meta["description"] = html.escape(generated.description)
        # Search gets compact documents from the model instead of the page's full text (see on_env).
        page.meta["search"] = {"exclude": True}
        page.meta["termsite"] = {
            "kind": generated.kind,
            "og_type": generated.og_type,
            "image": generated.image_url,
            "image_alt": generated.image.caption if generated.image else "",
            "jsonld": [],  # serialized when the page is written (on_page_context)
            # the sitemap's <lastmod> (site_overrides/sitemap.xml); empty when the page has no date
            "lastmod": generated.modified.isoformat() if generated.modified else "",
        }
        return markdown

    def on_page_content(self, html_content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._page(page)
        if generated is None:
            return html_content
        page.toc = get_toc([{"level": e.level, "id": e.id, "name": html.escape(e.title), "children": []}
                            for e in generated.toc()])
        # The HTML is made when the page is written (on_page_context): MkDocs reads every page
        # before writing any, and holding 10,000 pages' HTML and JSON-LD at once costs memory,
        # while making it at write time also spreads the work over the forked renderer.
        return ""

    @event_priority(-100)  # last: the content is complete when the theme's template reads it
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        generated = self._page(page)
        if generated is None or self.renderer is None or page.meta.get("template") == parallel.SKIP_TEMPLATE:
            return context  # not ours, or written by the forked renderer
        page.content = self.renderer.render(generated)
        page.meta["termsite"]["jsonld"] = [serialize(node) for node in generated.jsonld]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._page(page) is not None:
            page.content = ""
            page.meta["termsite"]["jsonld"] = []
        return output

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._add_search_documents(config, files)
        if self.dirty:
            # mkdocs-material merges a dirty rebuild's index with the previous one assuming one
            # page changed; ours is complete every time, so the merge is turned off.
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if hasattr(search, "search_index_prev"):
                search.search_index_prev = None
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

    def _add_search_documents(self, config: MkDocsConfig, files: Files) -> None:
        """Give mkdocs-material's search the compact documents of every generated page."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        entries = getattr(index, "entries", None)
        if entries is None:
            return
        for source_name in sorted(self.generated):
            page = self.pages[source_name]
            entries.extend(document.as_dict() for document in search_documents(page))

    def _write_exports(self, config: MkDocsConfig) -> None:
        """glossary.jsonld, .ttl, .csv, .json, llms.txt and one JSON per term (see termsite.site.export)."""
        if self.glossary is not None and self.settings is not None:
            graph = self.snapshot.graph if self.snapshot is not None else None
            write_site_exports(config.site_dir, self.glossary, self.settings, config.site_description or "", graph)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Not in a dirty preview, which is about seeing one edit quickly.
        if not self.dirty and not self.exports_written_by_child:
            self._write_exports(config)
        self.exports_written_by_child = False
        if self.forked is not None:
            forked, self.forked = self.forked, None
            waited = time.perf_counter()
            forked.finish()
            log.debug(f"termsite: waited {time.perf_counter() - waited:.2f} s for the forked renderer")
        # Written after MkDocs' pages, so that they stay out of the sitemap and the search index.
        for skipped in write_redirect_pages(config.site_dir, self.redirects):
            log.warning(f"termsite: {skipped.file_name} is a page of the site; no redirect to "
                        f"{skipped.target_path} was written there.")
        self.build_ok = True

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
