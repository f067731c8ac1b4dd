"""The default page templates of termsite, shipped inside the package (see pyproject.toml)."""
