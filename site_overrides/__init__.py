"""termsite's mkdocs-material overrides, shipped inside the package; the plugin adds them to the theme."""
