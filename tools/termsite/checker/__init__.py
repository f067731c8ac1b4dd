"""termsite's structured-data checker (``termsite check``): strict JSON-LD extraction,
schema.org vocabulary, Google Search requirements, page and site consistency."""

from termsite import __version__

__all__ = ["__version__"]
