"""``termsite import``: content files from saved pages of an existing glossary site.

The pipeline, one module per step:

* :mod:`.sources` expands the SOURCE arguments into documents (HTML pages, Markdown exports);
* :mod:`.structured` reads their schema.org data (JSON-LD, microdata, RDFa) into one form;
* :mod:`.outline` reads their visible structure (H1, blocks, headed sections);
* :mod:`.htmlmd` converts HTML fragments to termsite's Markdown;
* :mod:`.reading` turns one page into area and term records;
* :mod:`.plan` combines the records of every page and merges them with existing content;
* :mod:`.writing` writes the files atomically.

The command itself is :mod:`termsite.commands.import_`; the format is documented in
docs/import-export.md.
"""
