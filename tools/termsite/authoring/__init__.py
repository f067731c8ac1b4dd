"""Tools for the people who write the glossary: lint, new, rename, diff, JSON Schemas, and
YAML editing that keeps comments. They read content; they never build a site."""
