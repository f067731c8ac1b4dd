"""Step 1 of the pipeline: content files to a validated model.

Strict YAML (``yamlsource``), one declaration of every field (``fields``, ``model``) and the
loader that reads a content folder into a :class:`~termsite.content.model.Glossary`.
Nothing here knows about links, pages or engines.
"""
