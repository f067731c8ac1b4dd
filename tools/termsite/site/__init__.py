"""Step 3: the site, engine-neutral. Page objects (``pages``), their JSON-LD as Python data
(``jsonld``), relationship maps, HTML fragments from the templates (``render``), search
documents, redirect pages and the open-data exports. Hosts in :mod:`termsite.hosts` turn
this into a site on a particular engine."""
