"""termsite: glossary sites from YAML, with connected schema.org JSON-LD."""

__version__ = "0.1.0"
