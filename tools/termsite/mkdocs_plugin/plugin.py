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
from importlib.resources import files
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from termsite.jsonld import serialize
from termsite.loader import load_glossary
from termsite.mkdocs_plugin import parallel
from termsite.mkdocs_plugin.config import TermsiteConfig
from termsite.mkdocs_plugin.parallel import ForkedRenderer
from termsite.pages import GeneratedPage, SiteBuilder
from termsite.problems import ContentError
from termsite.render import PageRenderer
from termsite.search import search_documents
from termsite.settings import Labels, Publisher, SiteSettings

log = logging.getLogger("mkdocs.plugins.termsite")

# Generated pages that readers reach through the nav; the rest are reached through them.
_NAV_KINDS = {"home", "area-index", "term-index"}
# Below this many generated pages a second process costs more than it saves.
PARALLEL_FROM_PAGES = 300


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = base_dir / self.config.content_dir
        self.settings = self._site_settings(config)
        try:
            glossary = load_glossary(self.content_dir, default_author=self.config.default_author)
        except ContentError as error:
            raise PluginError(error.report()) from None
        self.renderer = PageRenderer(self._templates_dir(base_dir))
        self._add_theme_overrides(config)
        self.pages = {page.source_name: page for page in SiteBuilder(glossary, self.settings).pages()}
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
        for source_name, page in self.pages.items():
            if files.get_file_from_path(source_name) is not None:
                log.info(f"termsite: {source_name} exists in docs_dir; it replaces the generated {page.kind} page.")
                continue
            inclusion = InclusionLevel.UNDEFINED if page.kind in _NAV_KINDS else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, source_name, content="", inclusion=inclusion))
            self.generated.add(source_name)
        return files

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
            "jsonld": [serialize(node) for node in generated.jsonld],
        }
        return markdown

    @event_priority(50)  # before other plugins read the content (search indexes it later)
    def on_page_content(self, html_content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._page(page)
        if generated is None or self.renderer is None:
            return html_content
        page.toc = get_toc([{"level": e.level, "id": e.id, "name": html.escape(e.title), "children": []}
                            for e in generated.toc()])
        return self.renderer.render(generated)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._add_search_documents(config, files)
        if self._renders_in_parallel():
            share = [files.get_file_from_path(source).page for source in sorted(self.generated)[1::2]]
            self.forked = ForkedRenderer()
            env = self.forked.start([page for page in share if page is not None], config, files, self.nav, env)
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.forked is not None:
            forked, self.forked = self.forked, None
            forked.finish()
        self.build_ok = True

    def on_build_error(self, *, error: Exception) -> None:
        self.build_ok = False
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
        previous = staging + ".previous"
        shutil.rmtree(previous, ignore_errors=True)
        if os.path.exists(final):
            os.rename(final, previous)
        os.rename(staging, final)
        shutil.rmtree(previous, ignore_errors=True)
