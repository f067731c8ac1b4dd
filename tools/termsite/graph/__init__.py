"""Step 2: the link graph. Markdown fields rendered and sanitized (``markup``), references and
first-mention links made, backlinks and related terms in both directions (``links``)."""
