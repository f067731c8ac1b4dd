"""Renders generated pages to HTML with the site's Jinja2 templates."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from termsite.site.pages import GeneratedPage


class PageRenderer:
    """Jinja2 templates from a folder (``templates/`` of the site); HTML-escaping is on for every value.

    A template the folder does not have comes from termsite's own, so that a site that copied
    the templates of an older release still builds the pages added since (the print page).
    """

    def __init__(self, templates_dir: Path | str) -> None:
        self.templates_dir = Path(templates_dir)
        packaged = str(files("termsite.templates"))
        loaders = [jinja2.FileSystemLoader(str(templates_dir))]
        if Path(packaged).resolve() != self.templates_dir.resolve():
            loaders.append(jinja2.FileSystemLoader(packaged))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=True,
        )

    def render(self, page: GeneratedPage) -> str:
        return self.env.get_template(page.template).render(page.context())

    def render_fragment(self, template: str, context: dict[str, Any]) -> str:
        """A piece of a page that the engine renders, such as a hand-written page's FAQ section."""
        return self.env.get_template(template).render(context)
