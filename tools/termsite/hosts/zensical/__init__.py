"""The Zensical host: ``termsite build --engine zensical`` and ``termsite serve --engine zensical``.

Zensical has no plugin API yet, so termsite does before and after the engine what the MkDocs
plugin does during its build: it writes a staging project (:mod:`.staging`) whose ``docs_dir``
holds the generated pages as Markdown with ``termsite:`` front matter beside copies of the
hand-written pages, derives the Zensical configuration from ``mkdocs.yml`` (:mod:`.config`),
runs Zensical, then adds the search documents, exports and redirects to the site. Inside
Zensical's Markdown rendering, :mod:`.markdown` links the hand-written pages and gives the
generated ones their table of contents. :mod:`.engine` is the only module that imports
Zensical: when Zensical ships a module API, it is the one to replace (docs/engines.md).
"""
